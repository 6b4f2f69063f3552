package dev.xent.cli;

import dev.xent.data.Dataset;
import dev.xent.data.LabelEncoding;
import dev.xent.data.UserInputException;
import dev.xent.io.LabeledFeatures;
import dev.xent.io.csv.CsvDataset;
import dev.xent.io.csv.CsvOptions;
import dev.xent.io.csv.CsvPreprocessing;
import dev.xent.io.csv.CsvTable;
import dev.xent.io.csv.EncodedRows;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * CSV data for the train, evaluate, predict and report commands: training fits the preprocessing on the
 * training split only and stores it as {@link CsvPreprocessing#FILE_NAME} in the model directory; the other
 * commands read it back and encode new files exactly the same way.
 */
final class CsvInput {
  /** Rows with an unknown class listed by line in the warning; the rest are counted. */
  private static final int LISTED = 5;

  private CsvInput() {}

  /** Whether DATA is a CSV file (by its name: .csv, .tsv, .csv.gz, .tsv.gz). */
  static boolean isCsv(Path data) {
    String n = data.getFileName() == null ? "" : data.getFileName().toString().toLowerCase(Locale.ROOT);
    return Files.isRegularFile(data)
        && (n.endsWith(".csv") || n.endsWith(".tsv") || n.endsWith(".csv.gz") || n.endsWith(".tsv.gz"));
  }

  /** The training and validation datasets of a prepared CSV file (validation null when there is none). */
  static Dataset.Split split(CsvDataset ds) {
    LabelEncoding enc = LabelEncoding.frozen(ds.preprocessing().target().classes());
    Dataset train = toDataset(ds.train(), enc);
    Dataset val = ds.validation().rows() == 0 ? null : toDataset(ds.validation(), enc);
    return new Dataset.Split(train, val);
  }

  static Dataset toDataset(EncodedRows r, LabelEncoding enc) {
    return r.labels() != null
        ? Dataset.ofLabels(r.features(), r.rows(), r.featureCount(), r.labels(), enc, null)
        : Dataset.ofSoftTargets(r.features(), r.rows(), r.featureCount(), r.soft(), enc, null);
  }

  /** The preprocessing as the bytes stored in the model directory. */
  static byte[] preprocessingBytes(CsvDataset ds) {
    return ds.preprocessing().toJson().getBytes(StandardCharsets.UTF_8);
  }

  /** The preprocessing stored with a model trained on CSV data, or null when the model was not. */
  static CsvPreprocessing preprocessing(Path modelDir) throws IOException {
    Path p = modelDir.resolve(CsvPreprocessing.FILE_NAME);
    if (!Files.isRegularFile(p)) {
      return null;
    }
    return CsvPreprocessing.fromJson(Files.readString(p, StandardCharsets.UTF_8));
  }

  /** Rows per streamed batch: memory holds one batch of features whatever the file size. */
  static final int BATCH = 4096;

  /**
   * Streamed predictions on a labelled CSV file.
   *
   * @param proba [rows, C] probabilities, row-major
   * @param actual [rows] true class ids (for soft targets: each row's most probable class)
   * @param soft [rows, C] soft targets, or null for class labels
   */
  record Predictions(float[] proba, int[] actual, float[] soft) {}

  /**
   * Predicts a labelled CSV file batch by batch; rows whose class the model never saw (or that have none) are
   * left out, with a warning naming their lines.
   */
  static Predictions predictStreaming(Path data, Path modelDir, dev.xent.model.Classifier model, PrintWriter err)
      throws IOException {
    CsvPreprocessing pre = require(data, modelDir);
    int c = model.numClasses();
    FloatList proba = new FloatList();
    FloatList soft = new FloatList();
    List<Integer> actual = new ArrayList<>();
    try (dev.xent.io.csv.EncodedBatches batches = dev.xent.io.csv.EncodedBatches.open(data, pre, BATCH)) {
      if (!batches.hasTarget()) {
        throw new UserInputException(data + " has no target column, which the model was trained with;"
            + " evaluation needs the true classes");
      }
      while (batches.hasNext()) {
        EncodedRows b = batches.next();
        float[] p = model.predictProba(b.features(), b.rows());
        for (int i = 0; i < b.rows(); i++) {
          int y;
          if (b.labels() != null) {
            y = b.labels()[i];
          } else {
            y = argmax(b.soft(), i * c, c);
            soft.add(b.soft(), i * c, c);
          }
          if (y >= 0) {
            actual.add(y);
            proba.add(p, i * c, c);
          }
        }
      }
      if (batches.unknownLabelCount() > 0) {
        err.println("xent: " + batches.unknownLabelCount() + " row(s) of " + data + " have a class the model was not"
            + " trained on (or none) and are left out of the metrics: " + String.join(", ", batches.unknownLabels())
            + (batches.unknownLabelCount() > batches.unknownLabels().size() ? ", ..." : "") + ". The model knows "
            + pre.target().classes());
        err.flush();
      }
    }
    if (actual.isEmpty()) {
      throw new UserInputException("no row of " + data + " has a class the model knows " + pre.target().classes());
    }
    return new Predictions(proba.toArray(), actual.stream().mapToInt(Integer::intValue).toArray(),
        pre.target().soft() ? soft.toArray() : null);
  }

  private static int argmax(float[] v, int off, int c) {
    int best = 0;
    for (int k = 1; k < c; k++) {
      if (v[off + k] > v[off + best]) {
        best = k;
      }
    }
    return best;
  }

  /** A growable float array. */
  private static final class FloatList {
    private float[] a = new float[1024];
    private int n;

    void add(float[] src, int off, int len) {
      if (n + len > a.length) {
        a = java.util.Arrays.copyOf(a, Math.max(a.length * 2, n + len));
      }
      System.arraycopy(src, off, a, n, len);
      n += len;
    }

    float[] toArray() {
      return java.util.Arrays.copyOf(a, n);
    }
  }

  private static CsvPreprocessing require(Path data, Path modelDir) throws IOException {
    CsvPreprocessing pre = preprocessing(modelDir);
    if (pre == null) {
      throw new UserInputException("the model in " + modelDir + " was not trained on a CSV file (it has no "
          + CsvPreprocessing.FILE_NAME + "), so " + data + " cannot be encoded for it; use data in the format it was"
          + " trained on");
    }
    return pre;
  }

  /**
   * A CSV file encoded for a model trained on CSV. Rows whose class the model never saw (or whose class is
   * missing) are left out when targets are required, with a warning naming their lines on {@code err}.
   */
  static LabeledFeatures forModel(Path data, Path modelDir, boolean targetRequired, PrintWriter err)
      throws IOException {
    CsvPreprocessing pre = preprocessing(modelDir);
    if (pre == null) {
      throw new UserInputException("the model in " + modelDir + " was not trained on a CSV file (it has no "
          + CsvPreprocessing.FILE_NAME + "), so " + data + " cannot be encoded for it; use data in the format it was"
          + " trained on");
    }
    EncodedRows rows = CsvDataset.encodeAll(CsvTable.read(data), pre);
    List<String> classes = pre.target().classes();
    List<String> features = pre.features().featureNames();
    if (!targetRequired) {
      return new LabeledFeatures(rows.features(), rows.rows(), rows.featureCount(), null, null, classes, features,
          "csv", data.toString());
    }
    if (rows.labels() == null && rows.soft() == null) {
      throw new UserInputException(data + " has no target column '"
          + (pre.target().soft() ? String.join(",", pre.target().softColumns()) : pre.target().column())
          + "', which the model was trained with; evaluation needs the true classes");
    }
    if (rows.soft() != null) {
      return new LabeledFeatures(rows.features(), rows.rows(), rows.featureCount(), null, rows.soft(), classes,
          features, "csv", data.toString());
    }
    List<Integer> keep = new ArrayList<>();
    List<String> unknown = new ArrayList<>();
    int unknownCount = 0;
    for (int i = 0; i < rows.rows(); i++) {
      if (rows.labels()[i] >= 0) {
        keep.add(i);
      } else {
        unknownCount++;
        if (unknown.size() < LISTED) {
          unknown.add("line " + rows.lines()[i]);
        }
      }
    }
    if (unknownCount > 0) {
      err.println("xent: " + unknownCount + " row(s) of " + data + " have a class the model was not trained on (or"
          + " none) and are left out of the metrics: " + String.join(", ", unknown) + (unknownCount > LISTED ? ", ..." : "")
          + ". The model knows " + classes);
      err.flush();
    }
    if (keep.isEmpty()) {
      throw new UserInputException("no row of " + data + " has a class the model knows " + classes);
    }
    int d = rows.featureCount();
    float[] x = new float[keep.size() * d];
    int[] y = new int[keep.size()];
    for (int j = 0; j < keep.size(); j++) {
      int i = keep.get(j);
      System.arraycopy(rows.features(), i * d, x, j * d, d);
      y[j] = rows.labels()[i];
    }
    return new LabeledFeatures(x, keep.size(), d, y, null, classes, features, "csv", data.toString());
  }
}
