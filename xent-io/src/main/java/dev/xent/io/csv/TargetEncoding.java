package dev.xent.io.csv;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The target of a CSV dataset: either a class-label column (hard labels; integer class ids internally, never
 * one-hot) or several numeric columns forming a probability distribution per row (soft targets).
 *
 * <p>Classes of a label column are its distinct values sorted: numerically when every value is a number
 * (so 2 comes before 10), otherwise by string order. Class id {@code i} is {@code classes().get(i)}.
 *
 * @param column the label column, or null for soft targets
 * @param softColumns the soft-target columns, in class order; empty for hard labels
 * @param classes the class names: sorted label values, or the soft-target column names
 */
public record TargetEncoding(String column, List<String> softColumns, List<String> classes) {

  /**
   * Soft-target rows must sum to 1 within this tolerance times the class count: float32 files written by
   * numpy carry about 1e-7 relative rounding per entry, so 1e-6 per class accepts those and rejects real
   * mistakes (a missing column, percentages).
   */
  public static final double SUM_TOLERANCE_PER_CLASS = 1e-6;

  public TargetEncoding {
    softColumns = List.copyOf(softColumns);
    classes = List.copyOf(classes);
  }

  /** True for soft targets. */
  public boolean soft() {
    return column == null;
  }

  /** The class id of label {@code value}, or -1 when training never saw it. */
  public int classId(String value) {
    return index().getOrDefault(value.strip(), -1);
  }

  private Map<String, Integer> index() {
    Map<String, Integer> m = new HashMap<>();
    for (int i = 0; i < classes.size(); i++) {
      m.put(classes.get(i), i);
    }
    return m;
  }

  /**
   * The classes of label column {@code column} of {@code table}.
   *
   * @throws CsvDataException for a missing label (naming the line), a single class, or a class with one example
   */
  public static TargetEncoding fitLabels(CsvTable table, String column) {
    int c = table.column(column);
    Map<String, Integer> counts = new TreeMap<>();
    Map<String, Long> firstLine = new HashMap<>();
    for (int r = 0; r < table.size(); r++) {
      String v = table.rows().get(r)[c];
      if (MissingValues.isMissing(v)) {
        throw new CsvDataException(
            table.path(), table.lines()[r], column,
            "the target is missing ('" + v + "'); every training row needs a label: remove the row or fill it in");
      }
      String s = v.strip();
      counts.merge(s, 1, Integer::sum);
      firstLine.putIfAbsent(s, table.lines()[r]);
    }
    if (counts.size() < 2) {
      throw new CsvDataException(
          table.path(), 0, column,
          "the target has a single class " + counts.keySet() + "; a classifier needs at least two classes."
              + " Is this the right target column? (--target NAME)");
    }
    for (Map.Entry<String, Integer> e : counts.entrySet()) {
      if (e.getValue() < 2) {
        throw new CsvDataException(
            table.path(), firstLine.get(e.getKey()), column,
            "class '" + e.getKey() + "' has a single example; every class needs at least two (one to train on,"
                + " one to validate): add examples, merge the class into another, or remove the row");
      }
    }
    List<String> classes = new ArrayList<>(counts.keySet());
    boolean numeric = classes.stream().noneMatch(s -> Double.isNaN(Values.number(s)));
    if (numeric) {
      classes.sort(Comparator.comparingDouble(Values::number));
    }
    return new TargetEncoding(column, List.of(), classes);
  }

  /** Soft targets from {@code columns}, which name the classes in order. */
  public static TargetEncoding softFromColumns(List<String> columns) {
    if (columns.size() < 2) {
      throw new IllegalArgumentException("soft targets need at least two columns, got " + columns);
    }
    return new TargetEncoding(null, columns, columns);
  }

  /**
   * Checks one soft-target row and writes it.
   *
   * @param out [rows, classes] row-major; the row is written at {@code offset}
   * @throws CsvDataException for a missing, non-numeric or negative value, or a row not summing to 1
   */
  static void softRow(String[] fields, int[] cols, List<String> names, float[] out, int offset, Path file, long line) {
    double sum = 0;
    for (int k = 0; k < cols.length; k++) {
      String f = fields[cols[k]];
      double v = MissingValues.isMissing(f) ? Double.NaN : Values.number(f);
      if (Double.isNaN(v) || v < 0 || v > 1) {
        throw new CsvDataException(
            file, line, names.get(k), "soft target '" + f + "' is not a probability in [0, 1]");
      }
      out[offset + k] = (float) v;
      sum += v;
    }
    if (Math.abs(sum - 1) > SUM_TOLERANCE_PER_CLASS * cols.length) {
      throw new CsvDataException(
          file, line, null,
          "the soft targets " + names + " sum to " + sum + ", not 1 (tolerance "
              + SUM_TOLERANCE_PER_CLASS * cols.length + "); each row must be a probability distribution");
    }
  }
}
