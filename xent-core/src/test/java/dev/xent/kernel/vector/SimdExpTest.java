package dev.xent.kernel.vector;

import static org.assertj.core.api.Assertions.assertThat;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.junit.jupiter.api.Test;

/** The vectorised exp against {@link Math#exp} in double. */
class SimdExpTest {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

  /**
   * Relative error over [-86.98, 88] (below -125.5·ln 2 = -86.98997 it flushes to 0), every 2^-12 (about 720k
   * points): at most 2^-23 plus |n|·2^-28 for n = round(x·log2 e), the part that the one-constant reduction
   * (LN2_F - ln 2 = 1.9e-9) adds, growing away from x = 0 where the kernels' largest terms are.
   */
  @Test
  void relativeErrorIsUnderTwoUlpNearZeroAndGrowsOnlyWithTheExponent() {
    int lanes = S.length();
    float[] x = new float[lanes];
    float[] y = new float[lanes];
    double worst = 0; // relative error over its bound
    double worstNearZero = 0;
    float worstAt = 0;
    for (double start = -86.98; start < 88; start += lanes * 0x1p-12) {
      for (int l = 0; l < lanes; l++) {
        x[l] = (float) (start + l * 0x1p-12);
      }
      SimdSoftmaxXent.exp(FloatVector.fromArray(S, x, 0)).intoArray(y, 0);
      for (int l = 0; l < lanes; l++) {
        double exact = Math.exp(x[l]);
        double rel = Math.abs(y[l] - exact) / exact;
        double bound = 0x1p-23 + Math.abs(Math.rint(x[l] * 1.4426950408889634)) * 0x1p-28;
        if (rel / bound > worst) {
          worst = rel / bound;
          worstAt = x[l];
        }
        if (x[l] >= -10f && x[l] <= 0f) {
          worstNearZero = Math.max(worstNearZero, rel);
        }
      }
    }
    // measured: 8.7e-8 = 1.46·2^-24 over [-10, 0], 6.2e-8 over [-1, 0], 3.0e-7 = 5.1·2^-24 at |x| near 87
    assertThat(worst).as("worst error over its bound at x=%s", worstAt).isLessThan(1.0);
    assertThat(worstNearZero).isLessThan(0x1p-23);
  }

  /**
   * The scalar exp that computes a row's last cols % lanes logits gives each lane's result bit for bit, so a row's
   * values do not depend on which of its logits fall in the tail.
   */
  @Test
  void scalarExpIsBitIdenticalToEachLane() {
    int lanes = S.length();
    float[] x = new float[lanes];
    float[] y = new float[lanes];
    java.util.SplittableRandom random = new java.util.SplittableRandom(7);
    float[] edges = {0f, -0f, -87f, -87.5f, 88f, Float.NEGATIVE_INFINITY, Float.NaN, -Float.MIN_VALUE, 1e-30f};
    for (int round = 0; round < 20_000; round++) {
      for (int l = 0; l < lanes; l++) {
        x[l] = round == 0 ? edges[l % edges.length] : (float) (random.nextDouble(-100, 90));
      }
      SimdSoftmaxXent.exp(FloatVector.fromArray(S, x, 0)).intoArray(y, 0);
      for (int l = 0; l < lanes; l++) {
        float scalar = SimdSoftmaxXent.expScalar(x[l]);
        assertThat(Float.floatToRawIntBits(scalar)).as("exp(%s): lane %s, scalar %s", x[l], y[l], scalar)
            .isEqualTo(Float.floatToRawIntBits(y[l]));
      }
    }
  }

  @Test
  void edgeCases() {
    float[] x = new float[S.length()];
    float[] y = new float[S.length()];
    float[] in = {0f, -87.5f, Float.NEGATIVE_INFINITY, Float.NaN, -Float.MAX_VALUE, 1f, -1f, 88f};
    for (int l = 0; l < x.length; l++) {
      x[l] = in[l % in.length];
    }
    SimdSoftmaxXent.exp(FloatVector.fromArray(S, x, 0)).intoArray(y, 0);
    for (int l = 0; l < x.length; l++) {
      float v = x[l];
      if (Float.isNaN(v)) {
        assertThat(y[l]).isNaN();
      } else if (v < -87f) {
        assertThat(y[l]).as("exp(%s) flushes to zero", v).isZero();
      } else {
        // 1e-6 relative: exp(88) is 3.0e-7 off (see the error bound above), exp(±1) within 1e-7
        assertThat((double) y[l]).as("exp(%s)", v).isCloseTo(Math.exp(v), org.assertj.core.data.Percentage.withPercentage(1e-4));
      }
    }
    assertThat(y[0]).isEqualTo(1f);
  }

  /** The flush comes at n = -126, x = -125.5·ln 2: just above it a normal float within the error bound, below it 0. */
  @Test
  void flushesToZeroWhereTwoToTheNWouldLeaveTheNormalRange() {
    float edge = (float) (-125.5 * Math.log(2)); // -86.98997
    float above = Math.nextUp(Math.nextUp(edge));
    float below = Math.nextDown(Math.nextDown(edge));
    assertThat((double) SimdSoftmaxXent.expScalar(above)).isCloseTo(Math.exp(above),
        org.assertj.core.data.Percentage.withPercentage(1e-4));
    assertThat(SimdSoftmaxXent.expScalar(above)).isGreaterThanOrEqualTo(Float.MIN_NORMAL);
    assertThat(SimdSoftmaxXent.expScalar(below)).isZero();
    assertThat(SimdSoftmaxXent.expScalar(-1e30f)).isZero();
    assertThat(SimdSoftmaxXent.expScalar(Float.NEGATIVE_INFINITY)).isZero();
  }
}
