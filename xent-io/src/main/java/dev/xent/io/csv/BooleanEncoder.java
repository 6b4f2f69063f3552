package dev.xent.io.csv;

import java.nio.file.Path;
import java.util.List;

/**
 * A true/false or yes/no column as one 0/1 feature (not standardised: it already has a natural scale); a
 * missing value is the more frequent training value and sets the indicator, if there is one.
 *
 * @param column the header name
 * @param mostFrequent 1 when true/yes was the more frequent training value, else 0
 * @param missingIndicator whether a 0/1 "missing" feature follows
 */
public record BooleanEncoder(String column, int mostFrequent, boolean missingIndicator) implements ColumnEncoder {

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
    boolean missing = MissingValues.isMissing(field);
    int b = missing ? mostFrequent : Values.bool(field);
    if (b < 0) {
      throw new CsvDataException(
          file, line, column, "'" + field + "' is not true/false or yes/no, and the model was trained with this column boolean");
    }
    out[offset] = b;
    if (missingIndicator) {
      out[offset + 1] = missing ? 1f : 0f;
    }
  }
}
