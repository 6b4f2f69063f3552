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
    // dx = y > 0 ? dy : +0, without a branch: about half the units are active, so a branch mispredicts on half of
    // them (184 µs for 128 x 256 values, against 10 µs for the forward max). The mask is all ones exactly when
    // y's bits, as an int, lie in [1, 0x7f800000]: positive, subnormals and +∞ included, NaN and ±0 excluded;
    // (-bits) is negative for bits ≥ 1 and (bits - 0x7f800001) for bits ≤ 0x7f800000, and their AND has the sign
    // bit exactly when y > 0 (checked over all 2^32 bit patterns, negative floats and -0 included).
    for (int i = 0; i < n; i++) {
      int bits = Float.floatToRawIntBits(y[i]);
      int mask = (-bits & (bits - 0x7f800001)) >> 31;
      dx[i] = Float.intBitsToFloat(Float.floatToRawIntBits(dy[i]) & mask);
    }
  }
}
