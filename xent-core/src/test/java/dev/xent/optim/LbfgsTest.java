package dev.xent.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import org.junit.jupiter.api.Test;

class LbfgsTest {
  @Test
  void minimisesAStrictlyConvexQuadraticToItsClosedForm() {
    // f(x) = ½xᵀAx - bᵀx with A = [[4,1,0],[1,3,1],[0,1,2]] (positive definite); optimum x* = A⁻¹b.
    double[][] a = {{4, 1, 0}, {1, 3, 1}, {0, 1, 2}};
    double[] b = {1, 2, 3};
    DifferentiableFunction f = (x, g) -> {
      double v = 0;
      for (int i = 0; i < 3; i++) {
        double ax = 0;
        for (int j = 0; j < 3; j++) {
          ax += a[i][j] * x[j];
        }
        g[i] = ax - b[i];
        v += 0.5 * x[i] * ax - b[i] * x[i];
      }
      return v;
    };
    double[] x = new double[3];
    Lbfgs.Result r = new Lbfgs(LbfgsConfig.DEFAULTS.withGradientTolerance(1e-10).withRelativeDecrease(0))
        .minimize(f, x);
    // A⁻¹b by hand (det A = 18): x* = [1/18·(5·1 - 2·2 + 1·3), ...] = [2/9, 1/9, 13/9]
    assertThat(r.converged()).isTrue();
    assertThat(x[0]).isCloseTo(2.0 / 9, offset(1e-8));
    assertThat(x[1]).isCloseTo(1.0 / 9, offset(1e-8));
    assertThat(x[2]).isCloseTo(13.0 / 9, offset(1e-8));
  }

  @Test
  void solvesRosenbrock() {
    DifferentiableFunction f = (x, g) -> {
      double p = x[1] - x[0] * x[0];
      double q = 1 - x[0];
      g[0] = -400 * x[0] * p - 2 * q;
      g[1] = 200 * p;
      return 100 * p * p + q * q;
    };
    double[] x = {-1.2, 1.0};
    Lbfgs.Result r = new Lbfgs(new LbfgsConfig(500, 10, 1e-9, 0, 50)).minimize(f, x);
    assertThat(r.converged()).as(r.message()).isTrue();
    assertThat(x[0]).isCloseTo(1.0, offset(1e-6));
    assertThat(x[1]).isCloseTo(1.0, offset(1e-6));
  }
}
