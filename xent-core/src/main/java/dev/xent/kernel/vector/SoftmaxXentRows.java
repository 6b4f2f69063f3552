package dev.xent.kernel.vector;

/**
 * The fused softmax cross-entropy over a range of rows, at one vector width. Same contracts as
 * {@link dev.xent.kernel.KernelProvider#softmaxXentSparse} and
 * {@link dev.xent.kernel.KernelProvider#softmaxXentDense}.
 */
interface SoftmaxXentRows {
  void sparse(float[] logits, int cols, int[] labels, float[] hardCoef, float[] softCoef, float[] softTarget,
      float gradScale, double[] lossOut, float[] gradOut, int from, int to);

  void dense(float[] logits, float[] targets, int cols, float smoothing, float[] classWeights, float[] rowCoef,
      float gradScale, double[] lossOut, float[] gradOut, int from, int to);
}
