package dev.xent.io.csv;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

/**
 * A date column as three standardised numeric features: days since 1970-01-01 (trend), month 1-12 (season) and
 * ISO day of week 1-7 (weekly cycle). Kept to three on purpose: enough for the common patterns, no feature
 * explosion. A missing value is the training mean (0 after standardising) and sets the indicator, if any.
 *
 * @param column the header name
 * @param mean training means of the three parts
 * @param std training standard deviations of the three parts
 * @param missingIndicator whether a 0/1 "missing" feature follows
 */
public record DateEncoder(String column, double[] mean, double[] std, boolean missingIndicator)
    implements ColumnEncoder {

  /** The number of parts a date becomes. */
  static final int PARTS = 3;

  public DateEncoder {
    if (mean.length != PARTS || std.length != PARTS) {
      throw new IllegalArgumentException("a date encoder needs " + PARTS + " means and standard deviations");
    }
    mean = mean.clone();
    std = std.clone();
  }

  /** The three parts of a date: days since epoch, month, ISO day of week. */
  static double[] parts(LocalDate d) {
    return new double[] {d.toEpochDay(), d.getMonthValue(), d.getDayOfWeek().getValue()};
  }

  @Override
  public int width() {
    return PARTS + (missingIndicator ? 1 : 0);
  }

  @Override
  public List<String> featureNames() {
    List<String> n = List.of(column + "_days", column + "_month", column + "_weekday");
    if (!missingIndicator) {
      return n;
    }
    return List.of(n.get(0), n.get(1), n.get(2), column + "_missing");
  }

  @Override
  public void encode(String field, float[] out, int offset, Path file, long line) {
    boolean missing = MissingValues.isMissing(field);
    if (missing) {
      java.util.Arrays.fill(out, offset, offset + PARTS, 0f);
    } else {
      LocalDate d = Values.date(field);
      if (d == null) {
        throw new CsvDataException(
            file, line, column, "'" + field + "' is not a date (yyyy-mm-dd, yyyy/mm/dd or dd.mm.yyyy)");
      }
      double[] p = parts(d);
      for (int i = 0; i < PARTS; i++) {
        out[offset + i] = (float) ((p[i] - mean[i]) / std[i]);
      }
    }
    if (missingIndicator) {
      out[offset + PARTS] = missing ? 1f : 0f;
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DateEncoder d
        && d.column.equals(column)
        && java.util.Arrays.equals(d.mean, mean)
        && java.util.Arrays.equals(d.std, std)
        && d.missingIndicator == missingIndicator;
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(column, java.util.Arrays.hashCode(mean), java.util.Arrays.hashCode(std), missingIndicator);
  }

  @Override
  public String toString() {
    return "DateEncoder[" + column + ", mean=" + java.util.Arrays.toString(mean) + ", std="
        + java.util.Arrays.toString(std) + ", missingIndicator=" + missingIndicator + "]";
  }
}
