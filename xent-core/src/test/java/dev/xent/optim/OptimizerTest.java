package dev.xent.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import dev.xent.nn.Parameter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each optimizer's updates against closed forms and hand-run recurrences. */
class OptimizerTest {
  private static Parameter param(boolean decayed, float... values) {
    Parameter p = new Parameter("p", new int[] {values.length}, decayed);
    p.set(values);
    return p;
  }

  @Test
  void adamFirstStepIsLearningRateTimesSignOfGradient() {
    Parameter p = param(true, 1f, -2f, 0.5f, 3f);
    float[] g = {0.3f, -4f, 1e-3f, -20f};
    System.arraycopy(g, 0, p.grad(), 0, 4);
    Optimizer adam = AdamConfig.DEFAULTS.create();
    adam.step(List.of(p));
    // m̂ = g, v̂ = g², so the update is lr·g/(|g|+ε) = lr·sign(g) up to ε/|g|.
    float[] start = {1f, -2f, 0.5f, 3f};
    for (int i = 0; i < 4; i++) {
      double expected = start[i] - 1e-3 * g[i] / (Math.abs(g[i]) + 1e-8);
      assertThat((double) p.values()[i]).isCloseTo(expected, offset(1e-6));
      assertThat((double) p.values()[i]).isCloseTo(start[i] - 1e-3 * Math.signum(g[i]), offset(1e-6));
    }
  }

  @Test
  void adamSecondStepFollowsTheBiasCorrectedMoments() {
    Parameter p = param(false, 0f);
    Optimizer adam = new AdamConfig(0.1, 0.9, 0.999, 1e-8, 0.0).create();
    p.grad()[0] = 1f;
    adam.step(List.of(p));
    p.grad()[0] = -2f;
    adam.step(List.of(p));
    // t=2: m = 0.9·0.1·1 + 0.1·(-2) = -0.11; v = 0.999·0.001 + 0.001·4 = 0.004999
    double m = 0.9 * 0.1 + 0.1 * -2;
    double v = 0.999 * 0.001 + 0.001 * 4;
    double mhat = m / (1 - 0.81);
    double vhat = v / (1 - 0.999 * 0.999);
    double expected = -0.1 - 0.1 * mhat / (Math.sqrt(vhat) + 1e-8);
    assertThat((double) p.values()[0]).isCloseTo(expected, offset(1e-6));
  }

  @Test
  void adamGivesTheSameBitsOnOneOrTwoThreads() {
    int n = 100_000; // above the size at which the update is split over kernel threads
    float[][] out = new float[2][];
    for (int t = 1; t <= 2; t++) {
      dev.xent.kernel.Kernels.setThreads(t);
      try {
        Parameter p = new Parameter("w", new int[] {n}, true);
        Optimizer adam = new AdamWConfig(0.01, 0.9, 0.999, 1e-8, 0.1).create();
        java.util.SplittableRandom r = new java.util.SplittableRandom(5);
        for (int i = 0; i < n; i++) {
          p.values()[i] = (float) r.nextGaussian();
        }
        for (int step = 0; step < 3; step++) {
          for (int i = 0; i < n; i++) {
            p.grad()[i] = (float) r.nextGaussian();
          }
          adam.step(List.of(p));
        }
        out[t - 1] = p.values();
      } finally {
        dev.xent.kernel.Kernels.setThreads(1);
      }
    }
    assertThat(out[1]).containsExactly(out[0]);
  }

  @Test
  void adamwDecaysWeightsDecoupledAndLeavesBiasesAlone() {
    Parameter w = param(true, 2f);
    Parameter b = param(false, 2f);
    w.grad()[0] = 0.5f;
    b.grad()[0] = 0.5f;
    new AdamWConfig(0.01, 0.9, 0.999, 1e-8, 0.1).create().step(List.of(w, b));
    assertThat((double) w.values()[0]).isCloseTo(2 * (1 - 0.01 * 0.1) - 0.01, offset(1e-6));
    assertThat((double) b.values()[0]).isCloseTo(2 - 0.01, offset(1e-6));
  }

  @Test
  void adamL2WeightDecayEntersTheGradient() {
    Parameter w = param(true, 2f);
    w.grad()[0] = 0f;
    new AdamConfig(0.01, 0.9, 0.999, 1e-8, 0.5).create().step(List.of(w));
    // g' = 0 + 0.5·2 = 1 > 0: the first step moves by -lr.
    assertThat((double) w.values()[0]).isCloseTo(2 - 0.01, offset(1e-6));
  }

  /** Runs SGD on f(w) = a·w²/2 (gradient a·w) and compares with the PyTorch recurrence in double. */
  private static void checkMomentumOnQuadratic(boolean nesterov) {
    double a = 3.0;
    double lr = 0.05;
    double mu = 0.9;
    Parameter p = param(false, 1f);
    Optimizer sgd = new SgdConfig(lr, mu, nesterov, 0.0).create();
    double w = 1.0;
    double v = 0.0;
    for (int t = 0; t < 25; t++) {
      p.grad()[0] = (float) (a * p.values()[0]);
      sgd.step(List.of(p));
      double g = a * w;
      v = t == 0 ? g : mu * v + g;
      w -= lr * (nesterov ? g + mu * v : v);
      assertThat((double) p.values()[0]).as("step %d", t).isCloseTo(w, offset(1e-5));
    }
  }

  @Test
  void sgdMomentumFollowsTheTorchRecurrence() {
    checkMomentumOnQuadratic(false);
  }

  @Test
  void sgdNesterovFollowsTheTorchRecurrence() {
    checkMomentumOnQuadratic(true);
  }

  @Test
  void plainSgdWithWeightDecay() {
    Parameter p = param(true, 2f, -1f);
    p.grad()[0] = 0.5f;
    p.grad()[1] = 1f;
    new SgdConfig(0.1, 0, false, 0.01).create().step(List.of(p));
    assertThat((double) p.values()[0]).isCloseTo(2 - 0.1 * (0.5 + 0.02), offset(1e-6));
    assertThat((double) p.values()[1]).isCloseTo(-1 - 0.1 * (1 - 0.01), offset(1e-6));
  }

  @Test
  void configsRejectBadValuesWithTheirName() {
    assertThatThrownBy(() -> new AdamConfig(-1, 0.9, 0.999, 1e-8, 0)).hasMessageContaining("Adam learning rate");
    assertThatThrownBy(() -> new SgdConfig(0.1, 0, true, 0)).hasMessageContaining("Nesterov");
    assertThatThrownBy(() -> OptimizerConfig.defaults("rmsprop")).hasMessageContaining("allowed: sgd, adam, adamw");
    assertThat(OptimizerConfig.defaults("ADAM")).isEqualTo(AdamConfig.DEFAULTS);
  }

  @Test
  void schedules() {
    assertThat(LearningRateSchedule.CONSTANT.rate(0.1, 50, 100, 10)).isEqualTo(0.1);
    LearningRateSchedule step = LearningRateSchedule.parse("step:2:0.5");
    assertThat(step.rate(0.1, 19, 100, 10)).isCloseTo(0.1, offset(1e-15));
    assertThat(step.rate(0.1, 20, 100, 10)).isCloseTo(0.05, offset(1e-15));
    assertThat(step.rate(0.1, 45, 100, 10)).isCloseTo(0.025, offset(1e-15));
    LearningRateSchedule cos = LearningRateSchedule.parse("cosine:0.1");
    assertThat(cos.rate(1.0, 0, 101, 10)).isCloseTo(1.0, offset(1e-15));
    assertThat(cos.rate(1.0, 50, 101, 10)).isCloseTo(0.55, offset(1e-12));
    assertThat(cos.rate(1.0, 100, 101, 10)).isCloseTo(0.1, offset(1e-12));
    LearningRateSchedule warm = LearningRateSchedule.parse("warmup:4:constant");
    assertThat(warm.rate(0.2, 0, 100, 10)).isCloseTo(0.05, offset(1e-15));
    assertThat(warm.rate(0.2, 3, 100, 10)).isCloseTo(0.2, offset(1e-15));
    assertThat(warm.rate(0.2, 50, 100, 10)).isCloseTo(0.2, offset(1e-15));
    assertThatThrownBy(() -> LearningRateSchedule.parse("linear")).hasMessageContaining("cosine");
  }
}
