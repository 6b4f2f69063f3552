package dev.xent.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import dev.xent.data.Standardizer;
import dev.xent.kernel.Kernels;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The fused one-pass objective of softmax regression against the same objective written out in double from the
 * row-major features: value and every gradient element, with per-row weights, standardisation and a last block
 * that is partial.
 */
class SoftmaxRegressionObjectiveTest {
  @Test
  void valueAndGradientMatchTheDoubleFormula() {
    int n = 150; // blocks of 64, 64 and 22 rows
    int d = 37; // three panels, the last padded
    int c = 7; // class groups of 4, 2 and 1
    double cReg = 0.5;
    SplittableRandom rnd = new SplittableRandom(11);
    float[] x = new float[n * d];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) (3 + 2 * rnd.nextGaussian());
    }
    int[] y = new int[n];
    float[] s = new float[n];
    double sSum = 0;
    for (int i = 0; i < n; i++) {
      y[i] = rnd.nextInt(c);
      s[i] = (float) (0.5 + rnd.nextDouble());
      sSum += s[i];
    }
    double[] theta = new double[c * d + c];
    for (int i = 0; i < theta.length; i++) {
      theta[i] = 0.3 * rnd.nextGaussian();
    }
    Standardizer st = Standardizer.fit(x, n, d);
    float[] xs = new float[n * d];
    st.apply(x, xs, n);

    double[] grad = new double[theta.length];
    double value;
    int previous = Kernels.threads();
    try {
      Kernels.setThreads(2);
      value = new SoftmaxRegressionObjective(x, st, n, d, c, y, s, sSum, cReg).evaluate(theta, grad);
    } finally {
      Kernels.setThreads(previous);
    }

    // The oracle, in double from float32 inputs (θ rounded to float as the objective's kernels use it).
    double[] expGrad = new double[theta.length];
    double ce = 0;
    for (int i = 0; i < n; i++) {
      double[] z = new double[c];
      double max = Double.NEGATIVE_INFINITY;
      for (int k = 0; k < c; k++) {
        z[k] = (float) theta[c * d + k];
        for (int j = 0; j < d; j++) {
          z[k] += (double) (float) theta[k * d + j] * xs[i * d + j];
        }
        max = Math.max(max, z[k]);
      }
      double sumExp = 0;
      for (int k = 0; k < c; k++) {
        sumExp += Math.exp(z[k] - max);
      }
      double lse = max + Math.log(sumExp);
      ce += s[i] * (lse - z[y[i]]);
      for (int k = 0; k < c; k++) {
        double g = s[i] * (Math.exp(z[k] - lse) - (k == y[i] ? 1 : 0));
        for (int j = 0; j < d; j++) {
          expGrad[k * d + j] += g * xs[i * d + j];
        }
        expGrad[c * d + k] += g;
      }
    }
    double penalty = 0;
    for (int i = 0; i < c * d; i++) {
      penalty += theta[i] * theta[i];
      expGrad[i] = (expGrad[i] + theta[i] / cReg) / sSum;
    }
    for (int k = 0; k < c; k++) {
      expGrad[c * d + k] /= sSum;
    }
    double expValue = (ce + 0.5 * penalty / cReg) / sSum;

    // float32 logits and gradients: ~1e-6 relative to the sizes involved
    assertThat(value).isCloseTo(expValue, offset(1e-5 * expValue));
    for (int i = 0; i < theta.length; i++) {
      assertThat(grad[i]).as("gradient %d", i).isCloseTo(expGrad[i], offset(1e-5));
    }
  }
}
