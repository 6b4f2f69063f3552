package dev.xent.io.csv;

/**
 * Rows encoded for a model: features and either class ids or soft-target rows.
 *
 * @param features [rows, featureCount], row-major
 * @param rows number of rows
 * @param featureCount features per row
 * @param labels [rows] class ids, -1 where the label is missing or was never seen in training; null for soft
 *     targets or when the data has no target
 * @param soft [rows, classes] row-major soft targets; null for hard labels or when the data has no target
 * @param lines [rows] the 1-based line each row starts on in its file
 */
public record EncodedRows(float[] features, int rows, int featureCount, int[] labels, float[] soft, long[] lines) {
  public EncodedRows {
    if ((long) rows * featureCount != features.length) {
      throw new IllegalArgumentException("features hold " + features.length + " values, not " + rows + " x " + featureCount);
    }
  }
}
