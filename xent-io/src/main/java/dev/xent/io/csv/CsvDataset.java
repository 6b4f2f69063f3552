package dev.xent.io.csv;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A CSV file prepared for training: schema inferred, rows split into training and validation (stratified by
 * class, seeded), encoders fitted on the training rows only, both splits encoded.
 *
 * @param preprocessing what was fitted, to store with the model
 * @param train the training rows
 * @param validation the validation rows (zero rows when the validation fraction is 0)
 */
public record CsvDataset(CsvPreprocessing preprocessing, EncodedRows train, EncodedRows validation) {

  /** Reads, infers, splits, fits and encodes {@code path}. */
  public static CsvDataset load(Path path, CsvOptions options) {
    return prepare(CsvTable.read(path), options);
  }

  /** Infers, splits, fits and encodes an already read table. */
  public static CsvDataset prepare(CsvTable table, CsvOptions options) {
    FeatureSchema schema = SchemaInference.infer(table, options);
    TargetEncoding target;
    int[] labels = null;
    float[] external = null;
    if (options.softTargets() != null) {
      external = softTargetsFile(options.softTargets(), table.size());
      int c = external.length / table.size();
      List<String> names = new ArrayList<>();
      for (int k = 0; k < c; k++) {
        names.add(Integer.toString(k));
      }
      target = new TargetEncoding(null, List.of(), names);
    } else if (options.targetColumns().isEmpty()) {
      String name = options.target() != null ? options.target() : table.header().get(table.header().size() - 1);
      target = TargetEncoding.fitLabels(table, name);
      int c = table.column(name);
      labels = new int[table.size()];
      for (int r = 0; r < labels.length; r++) {
        labels[r] = target.classId(table.rows().get(r)[c]);
      }
    } else {
      target = TargetEncoding.softFromColumns(options.targetColumns());
    }
    int[][] split = split(labels, table.size(), target.classes().size(), options);
    FeatureEncoder encoder = FeatureEncoder.fit(table, schema, split[0]);
    CsvPreprocessing pre = new CsvPreprocessing(schema, encoder, target);
    return new CsvDataset(pre, encode(table, pre, split[0], external), encode(table, pre, split[1], external));
  }

  /**
   * Reads soft targets [rows, C] from an .npy file and checks each row is a probability distribution.
   *
   * @return [rows, C] row-major
   */
  static float[] softTargetsFile(Path npy, int rows) {
    dev.xent.io.NumericArray a;
    try {
      a = dev.xent.io.Npy.read(npy);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot read " + npy + ": " + e.getMessage(), e);
    }
    if (a.ndim() != 2 || a.rows() != rows || a.cols() < 2) {
      throw new CsvDataException(npy, 0, null, "soft targets must have shape [" + rows + ", classes >= 2] (one row per"
          + " CSV data row), but the array has shape " + a.shapeText());
    }
    int c = a.cols();
    float[] out = new float[rows * c];
    for (int r = 0; r < rows; r++) {
      double sum = 0;
      for (int k = 0; k < c; k++) {
        double v = a.data()[r * c + k];
        if (!(v >= 0 && v <= 1)) {
          throw new CsvDataException(npy, 0, null, "row " + r + ", column " + k + " holds " + v
              + ", not a probability in [0, 1]");
        }
        out[r * c + k] = (float) v;
        sum += v;
      }
      if (Math.abs(sum - 1) > TargetEncoding.SUM_TOLERANCE_PER_CLASS * c) {
        throw new CsvDataException(npy, 0, null, "row " + r + " sums to " + sum + ", not 1 (tolerance "
            + TargetEncoding.SUM_TOLERANCE_PER_CLASS * c + "); each row must be a probability distribution");
      }
    }
    return out;
  }

  /** Encodes the rows {@code rows} of {@code table}. */
  static EncodedRows encode(CsvTable table, CsvPreprocessing pre, int[] rows) {
    return encode(table, pre, rows, null);
  }

  /**
   * Encodes rows; soft targets come from {@code external} ([table rows, C], row-major) when it is not null.
   */
  static EncodedRows encode(CsvTable table, CsvPreprocessing pre, int[] rows, float[] external) {
    FeatureEncoder enc = pre.features();
    int[] bound = enc.bind(table.header(), table.path());
    int w = enc.width();
    float[] x = new float[Math.multiplyExact(rows.length, w)];
    TargetEncoding t = pre.target();
    boolean hasTarget = external != null || (t.soft()
        ? !t.softColumns().isEmpty() && table.header().containsAll(t.softColumns())
        : table.header().contains(t.column()));
    int[] labels = hasTarget && !t.soft() ? new int[rows.length] : null;
    float[] soft = hasTarget && t.soft() ? new float[rows.length * t.classes().size()] : null;
    int[] softCols = soft != null && external == null ? t.softColumns().stream().mapToInt(table::column).toArray() : null;
    int labelCol = labels != null ? table.column(t.column()) : -1;
    long[] lines = new long[rows.length];
    for (int i = 0; i < rows.length; i++) {
      String[] f = table.rows().get(rows[i]);
      lines[i] = table.lines()[rows[i]];
      enc.encode(f, bound, x, i * w, table.path(), lines[i]);
      if (labels != null) {
        labels[i] = t.classId(f[labelCol]);
      } else if (external != null) {
        int c = t.classes().size();
        System.arraycopy(external, rows[i] * c, soft, i * c, c);
      } else if (soft != null) {
        TargetEncoding.softRow(f, softCols, t.softColumns(), soft, i * softCols.length, table.path(), lines[i]);
      }
    }
    return new EncodedRows(x, rows.length, w, labels, soft, lines);
  }

  /**
   * Splits row indices into {train, validation}: per class (or over all rows for soft targets) a seeded
   * shuffle, then round(fraction × count) rows to validation, always leaving at least one in training. Both
   * lists are returned in file order.
   */
  static int[][] split(int[] labels, int n, int classes, CsvOptions options) {
    List<List<Integer>> groups = new ArrayList<>();
    if (labels == null) {
      List<Integer> all = new ArrayList<>();
      for (int r = 0; r < n; r++) {
        all.add(r);
      }
      groups.add(all);
    } else {
      for (int k = 0; k < classes; k++) {
        groups.add(new ArrayList<>());
      }
      for (int r = 0; r < n; r++) {
        groups.get(labels[r]).add(r);
      }
    }
    SplittableRandom rng = new SplittableRandom(options.seed());
    int[] isVal = new int[n];
    int valCount = 0;
    for (List<Integer> g : groups) {
      // Fisher-Yates with the one seeded generator, so the split replays exactly.
      for (int i = g.size() - 1; i > 0; i--) {
        int j = rng.nextInt(i + 1);
        Integer tmp = g.get(i);
        g.set(i, g.get(j));
        g.set(j, tmp);
      }
      int v = (int) Math.min(Math.round(options.validationFraction() * g.size()), g.size() - 1L);
      for (int i = 0; i < v; i++) {
        isVal[g.get(i)] = 1;
        valCount++;
      }
    }
    int[] train = new int[n - valCount];
    int[] val = new int[valCount];
    int ti = 0;
    int vi = 0;
    for (int r = 0; r < n; r++) {
      if (isVal[r] == 1) {
        val[vi++] = r;
      } else {
        train[ti++] = r;
      }
    }
    return new int[][] {train, val};
  }

  /** Encodes every row of {@code table} with already fitted preprocessing (an evaluation or test file). */
  public static EncodedRows encodeAll(CsvTable table, CsvPreprocessing pre) {
    int[] all = new int[table.size()];
    Arrays.setAll(all, i -> i);
    return encode(table, pre, all);
  }
}
