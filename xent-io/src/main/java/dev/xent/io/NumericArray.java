package dev.xent.io;

import dev.xent.data.Matrix;
import dev.xent.data.UserInputException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;

/**
 * A 1-D or 2-D numeric array read from a file, with the element type it was stored as.
 *
 * <p>Values are held as doubles whatever the stored type: float32, int32, uint8 and bool convert exactly;
 * int64 values beyond ±2^53 lose their low bits.
 *
 * @param data the values in C (row-major) order: [shape[0]] or [shape[0], shape[1]]
 * @param shape one or two non-negative extents
 * @param dtype the stored element type: one of {@link #DTYPES}
 */
public record NumericArray(double[] data, int[] shape, String dtype) {
  /** The element types xent reads and writes, by their NumPy names. */
  public static final Set<String> DTYPES = Set.of("float32", "float64", "int32", "int64", "uint8", "bool");

  public NumericArray {
    if (data == null || shape == null || dtype == null) {
      throw new IllegalArgumentException("data, shape and dtype must not be null");
    }
    if (shape.length < 1 || shape.length > 2) {
      throw new IllegalArgumentException("only 1-D and 2-D arrays are supported, got shape " + Arrays.toString(shape));
    }
    if (!DTYPES.contains(dtype)) {
      throw new IllegalArgumentException("unsupported dtype '" + dtype + "'; supported: " + String.join(", ", DTYPES));
    }
    long n = 1;
    for (int s : shape) {
      if (s < 0) {
        throw new IllegalArgumentException("negative extent in shape " + Arrays.toString(shape));
      }
      n *= s;
    }
    if (n != data.length) {
      throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " holds " + n + " values, data has "
          + data.length);
    }
    shape = shape.clone();
  }

  /** A 2-D float64 array viewing {@code m}'s data. */
  public static NumericArray of(Matrix m) {
    return new NumericArray(m.data(), new int[] {m.rows(), m.cols()}, "float64");
  }

  @Override
  public int[] shape() {
    return shape.clone();
  }

  /** The number of dimensions: 1 or 2. */
  public int ndim() {
    return shape.length;
  }

  /** The number of rows: the first extent. */
  public int rows() {
    return shape[0];
  }

  /** The number of columns: 1 for a 1-D array. */
  public int cols() {
    return shape.length == 2 ? shape[1] : 1;
  }

  /** Whether the values were stored as 32-bit floats (so a PyTorch-convention loss runs in float32). */
  public boolean isFloat32() {
    return dtype.equals("float32");
  }

  /** Whether the values were stored as a floating-point type. */
  public boolean isFloatingPoint() {
    return dtype.startsWith("float");
  }

  /** The values as a matrix without copying: a 1-D array of N values becomes [N, 1]. */
  public Matrix asMatrix() {
    return new Matrix(data, rows(), cols());
  }

  /**
   * The values as integer class ids, one per row: the array must be 1-D or [N, 1] and every value integral.
   *
   * @param fileName the file the array came from, for the error messages
   * @throws UserInputException naming the file and the first bad row, and suggesting the categorical loss when
   *     the values look like probabilities or one-hot rows
   */
  public int[] asClassIds(String fileName) {
    if (shape.length == 2 && shape[1] != 1) {
      throw new UserInputException(fileName + ": sparse labels must be one class id per row (shape [N] or [N, 1]), "
          + "got shape " + shapeText() + ". For one-hot or probability targets use --loss categorical.");
    }
    int[] ids = new int[data.length];
    for (int i = 0; i < data.length; i++) {
      double v = data[i];
      if (v != Math.rint(v) || Math.abs(v) > Integer.MAX_VALUE) {
        throw new UserInputException(fileName + ": row " + i + " holds " + format(v)
            + ", which is not an integer class id. Sparse labels must be integers in [0, classes); for "
            + "probability or soft targets use --loss categorical.");
      }
      ids[i] = (int) v;
    }
    return ids;
  }

  /** The shape as NumPy prints it, e.g. {@code (3, 4)} or {@code (5,)}. */
  public String shapeText() {
    return shape.length == 1 ? "(" + shape[0] + ",)" : "(" + shape[0] + ", " + shape[1] + ")";
  }

  /** A class-id-like value as NumPy prints it ({@code 2.0}); the exponent form beyond 1e15, where %.1f gets long. */
  static String format(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.format(Locale.ROOT, "%.1f", v) : Double.toString(v);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NumericArray a && Arrays.equals(data, a.data) && Arrays.equals(shape, a.shape)
        && dtype.equals(a.dtype);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * Arrays.hashCode(data) + Arrays.hashCode(shape)) + dtype.hashCode();
  }

  @Override
  public String toString() {
    return "NumericArray[shape=" + shapeText() + ", dtype=" + dtype + "]";
  }
}
