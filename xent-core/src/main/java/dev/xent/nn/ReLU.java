package dev.xent.nn;

/** {@code max(0, x)}; the derivative at 0 is taken as 0, as in PyTorch. */
public final class ReLU extends Activation {
  /** A ReLU on {@code size} features. */
  public ReLU(int size) {
    super(size);
  }

  @Override
  LayerSpec.Type type() {
    return LayerSpec.Type.RELU;
  }

  @Override
  void apply(float[] x, float[] y, int n) {
    for (int i = 0; i < n; i++) {
      y[i] = Math.max(0f, x[i]);
    }
  }

  @Override
  void derive(float[] x, float[] y, float[] dy, float[] dx, int n) {
    for (int i = 0; i < n; i++) {
      dx[i] = y[i] > 0f ? dy[i] : 0f;
    }
  }
}
