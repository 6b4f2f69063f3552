package dev.xent.data;

/**
 * A dense 2-D array of doubles in row-major order: element (r, c) is {@code data[r * cols + c]}.
 *
 * <p>The record does not copy {@code data}: it is a view with a shape, for passing arrays between the io
 * layer and the library without a copy.
 *
 * @param data [rows, cols], row-major
 * @param rows number of rows (samples)
 * @param cols number of columns (classes or labels)
 */
public record Matrix(double[] data, int rows, int cols) {
  /** Checks that the shape matches the data length; {@code data} is not copied. */
  public Matrix {
    if (data == null) {
      throw new IllegalArgumentException("matrix data is null");
    }
    if (rows < 0 || cols < 0 || (long) rows * cols != data.length) {
      throw new IllegalArgumentException(
          "matrix shape [" + rows + ", " + cols + "] does not match " + data.length + " values");
    }
  }

  /** A zero matrix of the given shape. */
  public static Matrix zeros(int rows, int cols) {
    return new Matrix(new double[Math.multiplyExact(rows, cols)], rows, cols);
  }

  /** Copies nested rows (all of one length) into a matrix. */
  public static Matrix of(double[]... rowsData) {
    int r = rowsData.length;
    int c = r == 0 ? 0 : rowsData[0].length;
    double[] d = new double[r * c];
    for (int i = 0; i < r; i++) {
      if (rowsData[i].length != c) {
        throw new IllegalArgumentException("row " + i + " has " + rowsData[i].length + " values, row 0 has " + c);
      }
      System.arraycopy(rowsData[i], 0, d, i * c, c);
    }
    return new Matrix(d, r, c);
  }

  /** Element (r, c). */
  public double get(int r, int c) {
    return data[r * cols + c];
  }

  /** Sets element (r, c) to v, in the shared data array. */
  public void set(int r, int c, double v) {
    data[r * cols + c] = v;
  }

  /** The shape as text, e.g. {@code [3, 4]}. */
  public String shape() {
    return "[" + rows + ", " + cols + "]";
  }
}
