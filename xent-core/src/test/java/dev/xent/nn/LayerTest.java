package dev.xent.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LayerTest {
  @Test
  void denseComputesXWtPlusBiasWithTorchWeightLayout() {
    Dense d = new Dense("layers.0", 3, 2);
    d.weight().set(new float[] {1, 2, 3, -1, 0, 1}); // [out=2, in=3]
    d.bias().set(new float[] {0.5f, -0.5f});
    d.allocate(2);
    float[] y = d.forward(new float[] {1, 1, 1, 2, 0, -1}, 2, false);
    // row 0: [1+2+3+0.5, -1+0+1-0.5]; row 1: [2+0-3+0.5, -2+0-1-0.5]
    assertThat(java.util.Arrays.copyOf(y, 4)).containsExactly(6.5f, -0.5f, -0.5f, -3.5f);
    assertThat(d.weight().name()).isEqualTo("layers.0.weight");
    assertThat(d.weight().shape()).containsExactly(2, 3);
  }

  @Test
  void denseGradientsAccumulateUntilZeroGradThenStartAfresh() {
    // dW = dYᵀ·X, db = Σ rows of dY, by hand: X = [[1, 2], [3, -1]], dY = [[1, 0, -1], [2, 1, 0]]
    float[] expectedW = {7, 0, 3, -1, -1, -2}; // [out=3, in=2]
    float[] expectedB = {3, 1, -1};
    Dense d = new Dense("layers.0", 2, 3);
    d.allocate(2);
    float[] x = {1, 2, 3, -1};
    float[] dy = {1, 0, -1, 2, 1, 0};
    d.forward(x, 2, true);
    d.backward(dy);
    d.forward(x, 2, true);
    d.backward(dy); // no zeroGrad in between: adds
    for (int i = 0; i < expectedW.length; i++) {
      assertThat(d.weight().grad()[i]).isEqualTo(2 * expectedW[i]);
    }
    assertThat(d.bias().grad()).containsExactly(2 * expectedB[0], 2 * expectedB[1], 2 * expectedB[2]);

    d.zeroGrad(); // the stale sums (including a NaN) must not leak into the next gradient
    d.weight().grad()[0] = Float.NaN;
    d.zeroGrad();
    d.forward(x, 2, true);
    d.backward(dy);
    assertThat(d.weight().grad()).containsExactly(expectedW);
    assertThat(d.bias().grad()).containsExactly(expectedB);

    d.zeroGrad(); // read before any backward: zeros
    assertThat(d.weight().grad()).containsOnly(0f);
    assertThat(d.bias().grad()).containsOnly(0f);
  }

  @Test
  void geluMatchesTorchErfGelu() {
    // torch.nn.GELU()(torch.tensor([-3., -1., -0.5, 0., 0.5, 1., 3.], dtype=torch.float64))
    double[] x = {-3, -1, -0.5, 0, 0.5, 1, 3};
    double[] expected = {-0.0040496623, -0.15865525393, -0.15426876, 0.0, 0.34573123, 0.84134474607, 2.9959503377};
    Gelu g = new Gelu(x.length);
    g.allocate(1);
    float[] in = new float[x.length];
    for (int i = 0; i < x.length; i++) {
      in[i] = (float) x[i];
    }
    float[] out = g.forward(in, 1, false);
    for (int i = 0; i < x.length; i++) {
      assertThat((double) out[i]).as("gelu(%s)", x[i]).isCloseTo(expected[i], offset(1e-6));
    }
  }

  @Test
  void reluPassesTheGradientExactlyWhereTheOutputIsPositive() {
    // Inputs around every edge of the branch-free mask: ±0, subnormals, the largest finite, ±∞, NaN.
    float[] x = {-2f, -0f, 0f, Float.MIN_VALUE, -Float.MIN_VALUE, 1e-40f, 0.5f, Float.MAX_VALUE,
        Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN, 3f};
    float[] dy = {1f, 2f, 3f, -4f, 5f, -6f, -7f, 8f, 9f, 10f, 11f, -0f};
    ReLU r = new ReLU(x.length);
    r.allocate(1);
    float[] y = r.forward(x, 1, true);
    float[] dx = r.backward(dy);
    for (int i = 0; i < x.length; i++) {
      float expected = y[i] > 0f ? dy[i] : 0f; // PyTorch: the gradient at 0 is 0
      assertThat(Float.floatToRawIntBits(dx[i])).as("relu'(%s)·%s", x[i], dy[i])
          .isEqualTo(Float.floatToRawIntBits(expected));
    }
    assertThat(dx[3]).isEqualTo(-4f);
    assertThat(Float.floatToRawIntBits(dx[1])).isZero(); // +0, not -0
    assertThat(dx[8]).isEqualTo(9f);
    assertThat(dx[10]).isZero();
  }

  @Test
  void erfIsWithinItsDocumentedError() {
    // erf(0.5) = 0.5204998778130465, erf(1) = 0.8427007929497149, erf(2) = 0.9953222650189527
    assertThat(Gelu.erf(0.5)).isCloseTo(0.5204998778130465, offset(1.5e-7));
    assertThat(Gelu.erf(1)).isCloseTo(0.8427007929497149, offset(1.5e-7));
    assertThat(Gelu.erf(-2)).isCloseTo(-0.9953222650189527, offset(1.5e-7));
  }

  @Test
  void dropoutScalesSurvivorsAndIsIdentityAtInference() {
    Dropout d = new Dropout(1000, 0.25);
    d.setRandom(new SplittableRandom(3));
    d.allocate(4);
    float[] x = new float[4000];
    java.util.Arrays.fill(x, 1f);
    float[] y = d.forward(x, 4, true);
    int zeros = 0;
    for (float v : y) {
      assertThat(v).isIn(0f, 1f / 0.75f);
      zeros += v == 0f ? 1 : 0;
    }
    // 4000 Bernoulli(0.25) draws: mean 1000, sd ≈ 27; 5 sd either side.
    assertThat(zeros).isBetween(865, 1135);
    float[] back = d.backward(y.clone());
    for (int i = 0; i < 4000; i++) {
      assertThat(back[i]).isEqualTo(y[i] == 0f ? 0f : (1f / 0.75f) * (1f / 0.75f));
    }
    assertThat(d.forward(x, 4, false)).isSameAs(x);
  }

  @Test
  void initializersHaveTheirDocumentedScale() {
    float[] w = new float[100_000];
    Initializer.GLOROT_UNIFORM.fill(w, 300, 100, new SplittableRandom(1));
    double a = Math.sqrt(6.0 / 400);
    double var = 0;
    for (float v : w) {
      assertThat(Math.abs(v)).isLessThanOrEqualTo((float) a);
      var += v * v;
    }
    assertThat(var / w.length).isCloseTo(a * a / 3, offset(a * a / 3 * 0.02));
    Initializer.HE_NORMAL.fill(w, 50, 10, new SplittableRandom(1));
    var = 0;
    for (float v : w) {
      var += v * v;
    }
    assertThat(var / w.length).isCloseTo(2.0 / 50, offset(2.0 / 50 * 0.02));
  }

  @Test
  void sequentialNamesParametersByLayerIndexAndChecksSizes() {
    Sequential net = Sequential.fromSpecs(Sequential.mlpSpecs(4, new int[] {8, 6}, 3, LayerSpec.Type.RELU, 0.1));
    assertThat(net.parameters()).extracting(Parameter::name)
        .containsExactly("layers.0.weight", "layers.0.bias", "layers.3.weight", "layers.3.bias", "layers.6.weight",
            "layers.6.bias");
    assertThat(net.parameterCount()).isEqualTo(4 * 8 + 8 + 8 * 6 + 6 + 6 * 3 + 3);
    assertThatThrownBy(() -> new Sequential(List.of(new Dense("a", 3, 4), new Dense("b", 5, 2))))
        .hasMessageContaining("layer 1 takes 5 features but layer 0 emits 4");
  }
}
