package dev.xent.io.csv;

import java.nio.file.Path;
import java.util.List;

/**
 * A numeric column standardised as (x - mean) / std with the training split's mean and population standard
 * deviation; a missing value becomes 0 (the mean) and sets the indicator, if there is one.
 *
 * @param column the header name
 * @param mean training mean of present values
 * @param std training population standard deviation (1 for a constant column)
 * @param missingIndicator whether a 0/1 "missing" feature follows
 */
public record NumericEncoder(String column, double mean, double std, boolean missingIndicator)
    implements ColumnEncoder {

  @Override
  public int width() {
    return missingIndicator ? 2 : 1;
  }

  @Override
  public List<String> featureNames() {
    return missingIndicator ? List.of(column, column + "_missing") : List.of(column);
  }

  @Override
  public void encode(String field, float[] out, int offset, Path file, long line) {
    if (MissingValues.isMissing(field)) {
      out[offset] = 0f;
      if (missingIndicator) {
        out[offset + 1] = 1f;
      }
      return;
    }
    double v = Values.number(field);
    if (Double.isNaN(v)) {
      throw new CsvDataException(
          file, line, column,
          "'" + field + "' is not a number, and the model was trained with this column numeric;"
              + " fix the value or mark it missing (empty or NA)");
    }
    out[offset] = (float) ((v - mean) / std);
    if (missingIndicator) {
      out[offset + 1] = 0f;
    }
  }
}
