package dev.xent.io.csv;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The fitted transform from CSV fields to one feature row: one {@link ColumnEncoder} per feature column, their
 * outputs side by side in column order. Fitted from the training rows only, so no statistic of the validation
 * or test data leaks into training. Columns are found by header name, so a file with its columns in another
 * order (or with extra columns) encodes the same.
 *
 * @param columns the column encoders, in feature order
 */
public record FeatureEncoder(List<ColumnEncoder> columns) {
  public FeatureEncoder {
    columns = List.copyOf(columns);
  }

  /**
   * Fits an encoder for the feature columns of {@code schema} on the rows {@code trainRows} of {@code table}.
   *
   * @param trainRows indices into {@code table.rows()} of the training split
   */
  public static FeatureEncoder fit(CsvTable table, FeatureSchema schema, int[] trainRows) {
    List<ColumnEncoder> encoders = new ArrayList<>();
    for (ColumnInfo info : schema.features()) {
      int c = table.column(info.name());
      encoders.add(fitColumn(table, c, info, trainRows));
    }
    return new FeatureEncoder(encoders);
  }

  /** The number of features a row becomes. */
  public int width() {
    int w = 0;
    for (ColumnEncoder e : columns) {
      w += e.width();
    }
    return w;
  }

  /** The name of every feature, in order. */
  public List<String> featureNames() {
    List<String> names = new ArrayList<>();
    for (ColumnEncoder e : columns) {
      names.addAll(e.featureNames());
    }
    return names;
  }

  /**
   * The index in {@code header} of each encoder's column.
   *
   * @throws CsvDataException naming a column the encoder needs that the file lacks
   */
  public int[] bind(List<String> header, Path file) {
    int[] idx = new int[columns.size()];
    for (int i = 0; i < idx.length; i++) {
      idx[i] = header.indexOf(columns.get(i).column());
      if (idx[i] < 0) {
        throw new CsvDataException(
            file, 0, columns.get(i).column(), "the model was trained with this column, but the file has none");
      }
    }
    return idx;
  }

  /**
   * Encodes one row.
   *
   * @param fields the row's fields in the file's column order
   * @param bound the result of {@link #bind} for this file
   * @param out receives the features; [rows, width()], row-major
   * @param offset where this row starts in {@code out}
   */
  public void encode(String[] fields, int[] bound, float[] out, int offset, Path file, long line) {
    int o = offset;
    for (int i = 0; i < bound.length; i++) {
      ColumnEncoder e = columns.get(i);
      e.encode(fields[bound[i]], out, o, file, line);
      o += e.width();
    }
  }

  private static ColumnEncoder fitColumn(CsvTable t, int c, ColumnInfo info, int[] rows) {
    String name = info.name();
    int missing = 0;
    switch (info.type()) {
      case NUMERIC: {
        double sum = 0;
        double sumSq = 0;
        int n = 0;
        for (int r : rows) {
          String f = t.rows().get(r)[c];
          if (MissingValues.isMissing(f)) {
            missing++;
            continue;
          }
          double v = Values.number(f);
          if (Double.isNaN(v)) {
            throw new CsvDataException(t.path(), t.lines()[r], name, "'" + f + "' is not a number in a numeric column");
          }
          sum += v;
          sumSq += v * v;
          n++;
        }
        double mean = n == 0 ? 0 : sum / n;
        return new NumericEncoder(name, mean, ColumnEncoder.std(sumSq, mean, n), missing > 0);
      }
      case CATEGORICAL: {
        Map<String, Integer> counts = new TreeMap<>();
        for (int r : rows) {
          String f = t.rows().get(r)[c];
          if (MissingValues.isMissing(f)) {
            missing++;
          } else {
            counts.merge(f.strip(), 1, Integer::sum);
          }
        }
        return new CategoricalEncoder(name, new ArrayList<>(counts.keySet()), mostFrequent(counts), missing > 0);
      }
      case BOOLEAN: {
        int ones = 0;
        int zeros = 0;
        for (int r : rows) {
          String f = t.rows().get(r)[c];
          if (MissingValues.isMissing(f)) {
            missing++;
          } else if (Values.bool(f) == 1) {
            ones++;
          } else {
            zeros++;
          }
        }
        return new BooleanEncoder(name, ones > zeros ? 1 : 0, missing > 0);
      }
      case DATE: {
        double[] sum = new double[DateEncoder.PARTS];
        double[] sumSq = new double[DateEncoder.PARTS];
        int n = 0;
        for (int r : rows) {
          String f = t.rows().get(r)[c];
          if (MissingValues.isMissing(f)) {
            missing++;
            continue;
          }
          LocalDate d = Values.date(f);
          if (d == null) {
            throw new CsvDataException(t.path(), t.lines()[r], name, "'" + f + "' is not a date in a date column");
          }
          double[] p = DateEncoder.parts(d);
          for (int i = 0; i < p.length; i++) {
            sum[i] += p[i];
            sumSq[i] += p[i] * p[i];
          }
          n++;
        }
        double[] mean = new double[DateEncoder.PARTS];
        double[] std = new double[DateEncoder.PARTS];
        for (int i = 0; i < mean.length; i++) {
          mean[i] = n == 0 ? 0 : sum[i] / n;
          std[i] = ColumnEncoder.std(sumSq[i], mean[i], n);
        }
        return new DateEncoder(name, mean, std, missing > 0);
      }
      default:
        throw new IllegalArgumentException("column '" + name + "' of type " + info.type() + " is not a feature");
    }
  }

  /** The most frequent key; ties go to the first in sorted order, so the choice is deterministic. */
  static String mostFrequent(Map<String, Integer> sortedCounts) {
    String best = null;
    int bestCount = -1;
    for (Map.Entry<String, Integer> e : sortedCounts.entrySet()) {
      if (e.getValue() > bestCount) {
        best = e.getKey();
        bestCount = e.getValue();
      }
    }
    return best == null ? "" : best;
  }

}
