package dev.xent.nn;

/**
 * The exact (erf) GELU, PyTorch's default {@code nn.GELU()}: {@code x·Φ(x)} with
 * {@code Φ(x) = (1 + erf(x/√2))/2}; derivative {@code Φ(x) + x·φ(x)}.
 *
 * <p>erf is Abramowitz &amp; Stegun 7.1.26 evaluated in double, absolute error below 1.5e-7 over the real line,
 * about one float32 ulp of Φ near 1, so outputs match {@code torch.nn.GELU()} in float32 to ~2e-7·|x|.
 */
public final class Gelu extends Activation {
  private static final double INV_SQRT2 = 0.7071067811865476;
  private static final double INV_SQRT_2PI = 0.3989422804014327;

  /** A GELU on {@code size} features. */
  public Gelu(int size) {
    super(size);
  }

  @Override
  LayerSpec.Type type() {
    return LayerSpec.Type.GELU;
  }

  /** erf(x), Abramowitz &amp; Stegun 7.1.26 (|error| ≤ 1.5e-7). */
  static double erf(double x) {
    double ax = Math.abs(x);
    double t = 1.0 / (1.0 + 0.3275911 * ax);
    double poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
    double r = 1.0 - poly * Math.exp(-ax * ax);
    return x < 0 ? -r : r;
  }

  @Override
  void apply(float[] x, float[] y, int n) {
    for (int i = 0; i < n; i++) {
      double v = x[i];
      y[i] = (float) (0.5 * v * (1.0 + erf(v * INV_SQRT2)));
    }
  }

  @Override
  void derive(float[] x, float[] y, float[] dy, float[] dx, int n) {
    for (int i = 0; i < n; i++) {
      double v = x[i];
      double cdf = 0.5 * (1.0 + erf(v * INV_SQRT2));
      double pdf = INV_SQRT_2PI * Math.exp(-0.5 * v * v);
      dx[i] = (float) (dy[i] * (cdf + v * pdf));
    }
  }
}
