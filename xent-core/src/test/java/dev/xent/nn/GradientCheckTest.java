package dev.xent.nn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.xent.loss.FusedSoftmaxCrossEntropy;
import dev.xent.loss.LossOptions;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Finite-difference check of back-propagation through a small MLP with each activation: the analytic
 * gradient of the mean cross-entropy against central differences of the same float network, for every
 * parameter.
 */
class GradientCheckTest {
  private static final int IN = 5;
  private static final int HIDDEN = 7;
  private static final int CLASSES = 4;
  private static final int BATCH = 6;

  @ParameterizedTest
  @EnumSource(value = LayerSpec.Type.class, names = {"RELU", "TANH", "SIGMOID", "GELU"})
  void backwardMatchesCentralDifferences(LayerSpec.Type activation) {
    List<LayerSpec> specs = List.of(LayerSpec.dense(IN, HIDDEN), LayerSpec.activation(activation, HIDDEN),
        LayerSpec.dropout(HIDDEN, 0.5), LayerSpec.dense(HIDDEN, HIDDEN), LayerSpec.activation(activation, HIDDEN),
        LayerSpec.dense(HIDDEN, CLASSES));
    Sequential net = Sequential.fromSpecs(specs);
    SplittableRandom rnd = new SplittableRandom(7);
    net.initialize(Initializer.GLOROT_UNIFORM, rnd);
    for (Parameter p : net.parameters()) { // non-zero biases so every path is exercised
      if (!p.decayed()) {
        for (int i = 0; i < p.size(); i++) {
          p.values()[i] = (float) rnd.nextDouble(-0.3, 0.3);
        }
      }
    }
    net.allocate(BATCH);
    float[] x = new float[BATCH * IN];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) rnd.nextDouble(-2, 2);
    }
    int[] y = {0, 1, 2, 3, 1, 2};
    FusedSoftmaxCrossEntropy loss = new FusedSoftmaxCrossEntropy(LossOptions.keras().withFromLogits(true), BATCH, CLASSES);
    float[] g = new float[BATCH * CLASSES];

    net.zeroGrad();
    // training=false keeps dropout off (identity), so the function is deterministic; backward still runs.
    float[] z = net.forward(x, BATCH, false);
    loss.sparse(z, BATCH, y, null, g);
    net.backward(g);

    int checked = 0;
    for (Parameter p : net.parameters()) {
      float[] v = p.values();
      for (int i = 0; i < v.length; i++) {
        float orig = v[i];
        // h = 1e-3: float32 rounding of the loss (~1e-7) costs ~5e-5 in the quotient, well inside the tolerance;
        // small enough that O(h²) truncation is negligible and a ReLU kink is rarely straddled.
        float h = 1e-3f;
        v[i] = orig + h;
        double up = loss.sparse(net.forward(x, BATCH, false), BATCH, y, null, null);
        v[i] = orig - h;
        double down = loss.sparse(net.forward(x, BATCH, false), BATCH, y, null, null);
        v[i] = orig;
        double numeric = (up - down) / (2 * h);
        double analytic = p.grad()[i];
        assertThat(analytic).as("%s[%d] with %s", p.name(), i, activation.key())
            .isCloseTo(numeric, org.assertj.core.data.Offset.offset(2e-3 + 2e-2 * Math.abs(numeric)));
        checked++;
      }
    }
    assertThat(checked).isEqualTo((long) net.parameterCount());
  }
}
