package dev.xent.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.xent.data.Matrix;
import dev.xent.data.UserInputException;
import org.junit.jupiter.api.Test;

class NumericArrayTest {
  @Test
  void oneDimensionalBecomesAColumnMatrixWithoutCopying() {
    double[] d = {1, 2, 3};
    NumericArray a = new NumericArray(d, new int[] {3}, "float64");

    Matrix m = a.asMatrix();

    assertThat(m.shape()).isEqualTo("[3, 1]");
    assertThat(m.data()).isSameAs(d);
    assertThat(a.shapeText()).isEqualTo("(3,)");
    assertThat(a.ndim()).isEqualTo(1);
  }

  @Test
  void twoDimensionalKeepsRowMajorOrder() {
    NumericArray a = new NumericArray(new double[] {1, 2, 3, 4, 5, 6}, new int[] {2, 3}, "int32");

    assertThat(a.asMatrix().get(1, 0)).isEqualTo(4);
    assertThat(a.shapeText()).isEqualTo("(2, 3)");
    assertThat(a.isFloat32()).isFalse();
    assertThat(a.isFloatingPoint()).isFalse();
  }

  @Test
  void fromMatrixIsFloat64() {
    NumericArray a = NumericArray.of(Matrix.of(new double[] {1, 2}));

    assertThat(a.shape()).containsExactly(1, 2);
    assertThat(a.dtype()).isEqualTo("float64");
  }

  @Test
  void negativeIdsPassThroughForTheIgnoreClass() {
    NumericArray a = new NumericArray(new double[] {-100, 2}, new int[] {2}, "int64");

    assertThat(a.asClassIds("y.npy")).containsExactly(-100, 2);
  }

  @Test
  void nanIsNotAClassId() {
    NumericArray a = new NumericArray(new double[] {1, Double.NaN}, new int[] {2}, "float64");

    assertThatThrownBy(() -> a.asClassIds("y.csv")).isInstanceOf(UserInputException.class)
        .hasMessageContaining("y.csv: row 1 holds NaN");
  }

  @Test
  void constructorRejectsInconsistentOrUnsupportedArrays() {
    assertThatThrownBy(() -> new NumericArray(new double[3], new int[] {2, 2}, "float64"))
        .hasMessageContaining("holds 4 values, data has 3");
    assertThatThrownBy(() -> new NumericArray(new double[8], new int[] {2, 2, 2}, "float64"))
        .hasMessageContaining("only 1-D and 2-D");
    assertThatThrownBy(() -> new NumericArray(new double[1], new int[] {1}, "float16"))
        .hasMessageContaining("unsupported dtype 'float16'");
  }

  @Test
  void shapeIsDefensivelyCopied() {
    int[] shape = {2};
    NumericArray a = new NumericArray(new double[2], shape, "float64");
    shape[0] = 7;

    assertThat(a.shape()).containsExactly(2);
  }
}
