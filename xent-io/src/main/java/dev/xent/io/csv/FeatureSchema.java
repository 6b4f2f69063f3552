package dev.xent.io.csv;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Every column of a CSV file with its type and role: the schema summary printed before training.
 *
 * @param columns every column, in file order
 * @param rows the number of data rows the schema was inferred from
 */
public record FeatureSchema(List<ColumnInfo> columns, int rows) {
  public FeatureSchema {
    columns = List.copyOf(columns);
  }

  /** The feature columns, in file order. */
  public List<ColumnInfo> features() {
    List<ColumnInfo> out = new ArrayList<>();
    for (ColumnInfo c : columns) {
      if (c.role() == ColumnInfo.Role.FEATURE) {
        out.add(c);
      }
    }
    return out;
  }

  /** The column named {@code name}, or null. */
  public ColumnInfo column(String name) {
    for (ColumnInfo c : columns) {
      if (c.name().equals(name)) {
        return c;
      }
    }
    return null;
  }

  /**
   * The summary as aligned text, one line per column, e.g.
   *
   * <pre>
   * column        type         role      distinct  missing  note
   * sepal_length  numeric      feature         35        0
   * </pre>
   */
  public String summary() {
    int w = "column".length();
    for (ColumnInfo c : columns) {
      w = Math.max(w, c.name().length());
    }
    StringBuilder sb = new StringBuilder();
    String fmt = "%-" + w + "s  %-11s  %-8s  %8s  %7s  %s%n";
    sb.append(String.format(Locale.ROOT, fmt, "column", "type", "role", "distinct", "missing", "note"));
    for (ColumnInfo c : columns) {
      sb.append(
          String.format(
              Locale.ROOT,
              fmt,
              c.name(),
              c.type().name().toLowerCase(Locale.ROOT),
              c.role().name().toLowerCase(Locale.ROOT).replace('_', ' '),
              c.distinct(),
              c.missing(),
              c.note()));
    }
    return sb.toString().replaceAll(" +\n", "\n").replaceAll(" +\r\n", "\r\n");
  }
}
