package dev.xent.kernel.scalar;

import dev.xent.kernel.KernelProvider;
import dev.xent.kernel.RowPanels;

/**
 * The scalar reference kernels: plain loops, the source of truth that the SIMD provider is tested against.
 * Sums that decide a loss value are carried in double.
 */
public final class ScalarKernels implements KernelProvider {
  @Override
  public String name() {
    return "scalar";
  }

  @Override
  public int vectorBitSize() {
    return 0;
  }

  @Override
  public void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
      float[] a, int aOff, int lda, float[] b, int bOff, int ldb, float beta, float[] c, int cOff, int ldc) {
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        float acc = 0f;
        for (int p = 0; p < k; p++) {
          float av = transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
          float bv = transB ? b[bOff + j * ldb + p] : b[bOff + p * ldb + j];
          acc += av * bv;
        }
        int ci = cOff + i * ldc + j;
        c[ci] = beta == 0f ? alpha * acc : alpha * acc + beta * c[ci];
      }
    }
  }

  @Override
  public void softmaxXentSparse(float[] logits, int cols, int[] labels, float[] hardCoef, float[] softCoef,
      float[] softTarget, float gradScale, double[] lossOut, float[] gradOut, int from, int to) {
    for (int i = from; i < to; i++) {
      int off = i * cols;
      double lse = logSumExp(logits, off, cols);
      int t = labels[i];
      boolean hard = t >= 0 && t < cols;
      double a = hard ? hardCoef[i] : 0.0;
      double b = softCoef == null ? 0.0 : softCoef[i];
      // -Σ v_c (z_c - lse) = (Σ v) lse - Σ v_c z_c
      double sumV = a;
      double dotVz = hard ? a * logits[off + t] : 0.0;
      if (b != 0.0) {
        for (int c = 0; c < cols; c++) {
          double u = softTarget == null ? 1.0 : softTarget[c];
          sumV += b * u;
          dotVz += b * u * logits[off + c];
        }
      }
      lossOut[i] = sumV * lse - dotVz;
      if (gradOut != null) {
        for (int c = 0; c < cols; c++) {
          double p = Math.exp(logits[off + c] - lse);
          double v = (b == 0.0 ? 0.0 : b * (softTarget == null ? 1.0 : softTarget[c])) + (c == t ? a : 0.0);
          gradOut[off + c] = (float) (gradScale * (sumV * p - v));
        }
      }
    }
  }

  @Override
  public void softmaxXentDense(float[] logits, float[] targets, int cols, float smoothing, float[] classWeights,
      float[] rowCoef, float gradScale, double[] lossOut, float[] gradOut, int from, int to) {
    double keep = 1.0 - smoothing;
    double spread = (double) smoothing / cols;
    for (int i = from; i < to; i++) {
      int off = i * cols;
      double lse = logSumExp(logits, off, cols);
      double r = rowCoef[i];
      double sumV = 0.0;
      double dotVz = 0.0;
      for (int c = 0; c < cols; c++) {
        double v = r * (classWeights == null ? 1.0 : classWeights[c]) * (targets[off + c] * keep + spread);
        sumV += v;
        dotVz += v * logits[off + c];
      }
      lossOut[i] = sumV * lse - dotVz;
      if (gradOut != null) {
        for (int c = 0; c < cols; c++) {
          double p = Math.exp(logits[off + c] - lse);
          double v = r * (classWeights == null ? 1.0 : classWeights[c]) * (targets[off + c] * keep + spread);
          gradOut[off + c] = (float) (gradScale * (sumV * p - v));
        }
      }
    }
  }

  /** log Σ exp(z_c) over one row, shifted by the row maximum so no exp overflows. */
  static double logSumExp(float[] z, int off, int cols) {
    float max = Float.NEGATIVE_INFINITY;
    for (int c = 0; c < cols; c++) {
      max = Math.max(max, z[off + c]);
    }
    double sum = 0.0;
    for (int c = 0; c < cols; c++) {
      sum += Math.exp(z[off + c] - max);
    }
    return max + Math.log(sum);
  }

  @Override
  public void panelLogits(float[] x, int xOff, int rows, int dp, float[] w, float[] bias, int c, float[] z,
      int zOff) {
    final int width = RowPanels.WIDTH;
    final int panel = RowPanels.ROWS * width;
    int panels = dp / width;
    for (int k0 = 0; k0 < c; ) {
      int g = RowPanels.classGroup(c - k0);
      for (int i = 0; i < g; i++) {
        int k = k0 + i;
        for (int r = 0; r < rows; r++) {
          float acc = 0f;
          for (int q = 0; q < panels; q++) {
            int xo = xOff + q * panel + r * width;
            int wo = k0 * dp + q * g * width + i * width;
            for (int t = 0; t < width; t++) {
              acc += x[xo + t] * w[wo + t];
            }
          }
          z[zOff + r * c + k] = acc + bias[k];
        }
      }
      k0 += g;
    }
  }

  @Override
  public void panelGradient(float[] x, int xOff, int rows, int dp, float[] gt, int c, float[] gw, int gwOff) {
    final int width = RowPanels.WIDTH;
    final int panel = RowPanels.ROWS * width;
    int panels = dp / width;
    for (int k = 0; k < c; k++) {
      for (int q = 0; q < panels; q++) {
        for (int t = 0; t < width; t++) {
          int gi = gwOff + k * dp + q * width + t;
          float acc = gw[gi];
          for (int r = 0; r < rows; r++) {
            acc += gt[k * RowPanels.ROWS + r] * x[xOff + q * panel + r * width + t];
          }
          gw[gi] = acc;
        }
      }
    }
  }
}
