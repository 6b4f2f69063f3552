package dev.xent.loss;

/**
 * The arithmetic of one loss evaluation: the {@link Precision} and the probability clip bounds in it.
 *
 * <p>All arithmetic is carried in double. In {@link Precision#FLOAT32} the inputs and the results are rounded to
 * float, and the clip bounds are the float32 values Keras uses: {@code lo = (float) eps} and
 * {@code hi = 1f - (float) eps}, which is 0.99999988 for eps = 1e-7, so {@code -log(1 - hi)} is 15.942 (not the
 * 16.118 of float64), exactly the value Keras's {@code BinaryCrossentropyTest.test_unweighted} depends on.
 *
 * @param precision the precision inputs and results are rounded to
 * @param lo the lower clip bound for probabilities
 * @param hi the upper clip bound for probabilities
 */
record Numerics(Precision precision, double lo, double hi) {
  static Numerics of(LossOptions options) {
    double eps = options.epsilon();
    if (options.precision() == Precision.FLOAT32) {
      float lo = (float) eps;
      return new Numerics(Precision.FLOAT32, lo, 1f - lo);
    }
    return new Numerics(Precision.FLOAT64, eps, 1 - eps);
  }

  /** The input as this precision sees it: a rounded copy in FLOAT32, the array itself (read only) in FLOAT64. */
  double[] input(double[] data) {
    if (data == null || precision == Precision.FLOAT64) {
      return data;
    }
    double[] r = new double[data.length];
    for (int k = 0; k < data.length; k++) {
      r[k] = (float) data[k];
    }
    return r;
  }

  double round(double x) {
    return precision.round(x);
  }

  /** Rounds every element in place. */
  void roundAll(double[] a) {
    if (precision == Precision.FLOAT32) {
      for (int k = 0; k < a.length; k++) {
        a[k] = (float) a[k];
      }
    }
  }

  double clip(double p) {
    return p < lo ? lo : (p > hi ? hi : p);
  }

  /** Whether {@code p} is inside the clip range, i.e. whether the clip passes a gradient through it. */
  boolean passes(double p) {
    return p >= lo && p <= hi;
  }
}
