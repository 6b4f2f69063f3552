package dev.xent.cli;

import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import dev.xent.io.DatasetSource;
import dev.xent.io.LabeledFeatures;
import dev.xent.io.csv.CsvPreprocessing;
import dev.xent.io.csv.EncodedBatches;
import dev.xent.io.csv.EncodedRows;
import dev.xent.io.model.ClassifierStore;
import dev.xent.model.Classifier;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code xent predict}: class predictions of a saved model as CSV. Columns: {@code row}, {@code predicted} (the
 * class name) and one probability column per class ({@code p_<class>}); with {@code --top K} instead
 * {@code row}, then {@code class_1, p_1, ..., class_K, p_K}, most probable first.
 */
@Command(
    name = "predict",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
        "Predict classes with a saved model and write CSV to --output or stdout:",
        "row,predicted,p_<class>... (one probability column per class), or with --top K:",
        "row,class_1,p_1,...,class_K,p_K.",
        "DATA is an IDX directory (its test split is used) or a .npy features file."},
    footerHeading = "%nExamples:%n",
    footer = {
        "  xent predict model /usr/share/datasets/fashion-mnist --output predictions.csv",
        "  xent predict model features.npy --top 3"})
public final class PredictCommand extends BaseCommand {
  @Parameters(index = "0", paramLabel = "MODEL_DIR", description = "A model directory written by xent train.")
  Path modelDir;

  @Parameters(index = "1", paramLabel = "DATA", description = "IDX directory, or .npy features [N, d].")
  Path data;

  @Option(names = "--output", paramLabel = "FILE",
      description = "Write the CSV here (replaced atomically) instead of stdout.")
  Path output;

  @Option(names = "--top", paramLabel = "K", description = "Write the K most probable classes per row.")
  Integer top;

  @Mixin ThreadsMixin threads;

  @Override
  protected int execute() throws Exception {
    threads.apply();
    Classifier model = ClassifierStore.load(modelDir).classifier();
    int c = model.numClasses();
    if (top != null && (top < 1 || top > c)) {
      throw new IllegalArgumentException("--top must be between 1 and the model's " + c + " classes, got " + top);
    }
    Rows source;
    if (CsvInput.isCsv(data)) {
      source = csvBatches(model);
    } else {
      LabeledFeatures raw = CommandData.read(data, null, DatasetSource.Split.TEST, false);
      CommandData.checkFeatures(model, raw, modelDir);
      float[] proba = model.predictProba(raw.features(), raw.rows());
      source = csv -> {
        writeRows(csv, proba, raw.rows(), 0, model);
        return raw.rows();
      };
    }
    if (output == null) {
      write(out(), source, model);
      out().flush();
    } else {
      long rows = writeAtomically(output, source, model);
      err().println("wrote " + rows + " predictions to " + output);
    }
    return ExitCode.OK;
  }

  /** Writes prediction rows after the header and returns how many. */
  private interface Rows {
    long writeTo(CsvWriter csv) throws IOException;
  }

  /** Rows per encoded CSV batch: memory stays bounded by one batch whatever the file size. */
  static final int CSV_BATCH = 4096;

  /** A CSV file streamed batch by batch through the model's stored preprocessing. */
  private Rows csvBatches(Classifier model) throws IOException {
    CsvPreprocessing pre = CsvInput.preprocessing(modelDir);
    if (pre == null) {
      throw new IllegalArgumentException("the model in " + modelDir + " was not trained on a CSV file (it has no "
          + CsvPreprocessing.FILE_NAME + "), so " + data + " cannot be encoded for it");
    }
    if (pre.features().width() != model.numFeatures()) {
      throw new IllegalArgumentException(modelDir + ": " + CsvPreprocessing.FILE_NAME + " makes "
          + pre.features().width() + " features but the model reads " + model.numFeatures());
    }
    return csv -> {
      long n = 0;
      try (EncodedBatches batches = EncodedBatches.open(data, pre, CSV_BATCH)) {
        while (batches.hasNext()) {
          EncodedRows b = batches.next();
          writeRows(csv, model.predictProba(b.features(), b.rows()), b.rows(), n, model);
          n += b.rows();
        }
      }
      return n;
    };
  }

  private long writeAtomically(Path file, Rows source, Classifier model) throws IOException {
    Path abs = file.toAbsolutePath();
    Path tmp = Files.createTempFile(abs.getParent(), "." + abs.getFileName(), ".part");
    boolean done = false;
    long rows;
    try {
      try (Writer w = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(tmp), StandardCharsets.UTF_8))) {
        rows = write(w, source, model);
      }
      try {
        Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
      }
      done = true;
    } finally {
      if (!done) {
        Files.deleteIfExists(tmp);
      }
    }
    return rows;
  }

  /** Writes the CSV: the header, then the rows of {@code source}; returns the row count. */
  private long write(Writer w, Rows source, Classifier model) throws IOException {
    List<String> names = model.encoding().names();
    CsvWriter csv = CsvWriter.builder().lineDelimiter(LineDelimiter.LF).build(w);
    List<String> header = new ArrayList<>();
    header.add("row");
    if (top == null) {
      header.add("predicted");
      names.forEach(n -> header.add("p_" + n));
    } else {
      for (int r = 1; r <= top; r++) {
        header.add("class_" + r);
        header.add("p_" + r);
      }
    }
    csv.writeRecord(header);
    long rows = source.writeTo(csv);
    csv.flush();
    return rows;
  }

  /** Writes prediction rows numbered from {@code first}; {@code proba} is [rows, C], row-major. */
  private void writeRows(CsvWriter csv, float[] proba, int rows, long first, Classifier model) {
    int c = model.numClasses();
    List<String> names = model.encoding().names();
    int k = top == null ? 1 : top;
    String[] record = new String[top == null ? 2 + c : 1 + 2 * k];
    int[] best = new int[k];
    for (int i = 0; i < rows; i++) {
      topK(proba, i * c, c, best);
      record[0] = Long.toString(first + i);
      if (top == null) {
        record[1] = names.get(best[0]);
        for (int j = 0; j < c; j++) {
          record[2 + j] = Float.toString(proba[i * c + j]);
        }
      } else {
        for (int r = 0; r < k; r++) {
          record[1 + 2 * r] = names.get(best[r]);
          record[2 + 2 * r] = Float.toString(proba[i * c + best[r]]);
        }
      }
      csv.writeRecord(record);
    }
  }

  /** The indices of the {@code best.length} largest of {@code p[off..off+c)}, largest first, lower index on ties. */
  private static void topK(float[] p, int off, int c, int[] best) {
    for (int r = 0; r < best.length; r++) {
      int b = -1;
      for (int j = 0; j < c; j++) {
        boolean taken = false;
        for (int q = 0; q < r; q++) {
          taken |= best[q] == j;
        }
        if (!taken && (b < 0 || p[off + j] > p[off + b])) {
          b = j;
        }
      }
      best[r] = b;
    }
  }
}
