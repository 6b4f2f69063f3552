package dev.xent.loss;

/**
 * The arithmetic a loss is evaluated in.
 *
 * <p>{@code FLOAT32} rounds inputs to float, clips with the float32 values of the epsilon bounds (so
 * {@code 1 - 1e-7} becomes 0.99999988, as in Keras), and rounds results to float; intermediate sums are
 * carried in double. Results agree with a pure float32 evaluation to about 1e-6 relative, except where float32
 * itself keeps only a digit or two: for example the binary focal loss from logits with 10 ≲ |z| ≲ 17, where
 * {@code 1 - sigmoid(z)} is below float32's resolution and a float32 evaluation (Keras's) can differ from ours by
 * up to 1% per sample (ours is closer to the exact value).
 */
public enum Precision {
  /** Inputs, clip bounds and results in float32 (Keras's default floatx, PyTorch on float32 tensors). */
  FLOAT32,
  /** Everything in float64 (PyTorch on float64 tensors). */
  FLOAT64;

  /** Rounds {@code x} to this precision. */
  public double round(double x) {
    return this == FLOAT32 ? (float) x : x;
  }
}
