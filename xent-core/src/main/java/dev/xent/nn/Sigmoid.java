package dev.xent.nn;

/** The logistic function {@code 1 / (1 + e^-x)}, derivative {@code y(1 - y)}. */
public final class Sigmoid extends Activation {
  /** A sigmoid on {@code size} features. */
  public Sigmoid(int size) {
    super(size);
  }

  @Override
  LayerSpec.Type type() {
    return LayerSpec.Type.SIGMOID;
  }

  @Override
  void apply(float[] x, float[] y, int n) {
    for (int i = 0; i < n; i++) {
      float v = x[i];
      // Two branches so exp never overflows: for v < 0 use e^v / (1 + e^v).
      if (v >= 0f) {
        y[i] = (float) (1.0 / (1.0 + Math.exp(-v)));
      } else {
        double e = Math.exp(v);
        y[i] = (float) (e / (1.0 + e));
      }
    }
  }

  @Override
  void derive(float[] x, float[] y, float[] dy, float[] dx, int n) {
    for (int i = 0; i < n; i++) {
      dx[i] = dy[i] * y[i] * (1f - y[i]);
    }
  }
}
