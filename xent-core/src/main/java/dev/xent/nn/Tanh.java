package dev.xent.nn;

/** {@code tanh(x)}, derivative {@code 1 - y²}. */
public final class Tanh extends Activation {
  /** A tanh on {@code size} features. */
  public Tanh(int size) {
    super(size);
  }

  @Override
  LayerSpec.Type type() {
    return LayerSpec.Type.TANH;
  }

  @Override
  void apply(float[] x, float[] y, int n) {
    for (int i = 0; i < n; i++) {
      y[i] = (float) Math.tanh(x[i]);
    }
  }

  @Override
  void derive(float[] x, float[] y, float[] dy, float[] dx, int n) {
    for (int i = 0; i < n; i++) {
      dx[i] = dy[i] * (1f - y[i] * y[i]);
    }
  }
}
