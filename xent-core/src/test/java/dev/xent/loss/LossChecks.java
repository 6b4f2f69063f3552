package dev.xent.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.xent.data.Matrix;
import java.util.function.Function;

/** Shared assertions of the loss tests: finite-difference gradient checks and element-wise comparisons. */
final class LossChecks {
  private LossChecks() {}

  /**
   * Compares the analytic gradient of {@code f} at {@code x} with central differences {@code (f(x+h)-f(x-h))/2h} of
   * its value, element by element, within {@code tol} absolute plus relative.
   */
  static void assertGradientMatchesFiniteDifferences(Function<Matrix, LossResult> f, Matrix x, double h, double tol) {
    Matrix analytic = f.apply(x).gradient();
    assertThat(analytic).isNotNull();
    double[] d = x.data();
    for (int k = 0; k < d.length; k++) {
      double saved = d[k];
      d[k] = saved + h;
      double plus = f.apply(x).value();
      d[k] = saved - h;
      double minus = f.apply(x).value();
      d[k] = saved;
      double numeric = (plus - minus) / (2 * h);
      double a = analytic.data()[k];
      assertThat(a).as("gradient element " + k + " (row " + k / x.cols() + ", column " + k % x.cols() + ")")
          .isCloseTo(numeric, within(tol * (1 + Math.abs(numeric))));
    }
  }

  static void assertAllClose(double[] actual, double[] expected, double tol) {
    assertThat(actual).hasSameSizeAs(expected);
    for (int i = 0; i < expected.length; i++) {
      assertThat(actual[i]).as("element " + i).isCloseTo(expected[i], within(tol + tol * Math.abs(expected[i])));
    }
  }

  static Matrix rows(double[]... r) {
    return Matrix.of(r);
  }

  static double[] fill(int n, double v) {
    double[] a = new double[n];
    java.util.Arrays.fill(a, v);
    return a;
  }
}
