package dev.xent.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xent.data.Dataset;
import dev.xent.eval.ClassificationReport;
import dev.xent.eval.Evaluation;
import dev.xent.io.DatasetSource;
import dev.xent.io.LabeledFeatures;
import dev.xent.io.model.ClassifierStore;
import dev.xent.model.Classifier;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code xent evaluate}: loss, accuracy, top-k accuracy, per-class report and confusion matrix of a model. */
@Command(
    name = "evaluate",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
        "Evaluate a saved model on labelled data: loss, accuracy, top-k accuracy, per-class",
        "precision/recall/F1/support and the confusion matrix (rows: true class, columns: predicted).",
        "DATA is an IDX directory (its test split is used) or .npy features with --target."},
    footerHeading = "%nExamples:%n",
    footer = {
        "  xent evaluate model /usr/share/datasets/fashion-mnist",
        "  xent evaluate model test_x.npy --target test_y.npy --json"})
public final class EvaluateCommand extends BaseCommand {
  @Parameters(index = "0", paramLabel = "MODEL_DIR", description = "A model directory written by xent train.")
  Path modelDir;

  @Parameters(index = "1", paramLabel = "DATA", description = "IDX directory, or .npy features with --target.")
  Path data;

  @Option(names = "--target", paramLabel = "FILE", description = "Targets for .npy features (.npy).")
  String target;

  @Option(names = "--top-k", paramLabel = "K", defaultValue = "5",
      description = "The k of top-k accuracy. Default: ${DEFAULT-VALUE}.")
  int topK;

  @Mixin ThreadsMixin threads;

  @Mixin JsonOutput json;

  @Override
  protected int execute() throws Exception {
    threads.apply();
    Classifier model = ClassifierStore.load(modelDir).classifier();
    int c = model.numClasses();
    int n;
    float[] proba;
    int[] actual;
    float[] soft;
    if (CsvInput.isCsv(data)) {
      // Streamed: memory holds one batch of features plus the [n, C] probabilities.
      CsvInput.Predictions p = CsvInput.predictStreaming(data, modelDir, model, err());
      n = p.actual().length;
      proba = p.proba();
      actual = p.actual();
      soft = p.soft();
    } else {
      LabeledFeatures raw = CommandData.read(data, target, DatasetSource.Split.TEST, true);
      Dataset d = CommandData.forModel(model, raw, modelDir);
      n = d.size();
      proba = model.predictProba(d.features(), n);
      actual = new int[n];
      for (int i = 0; i < n; i++) {
        actual[i] = d.classOf(i);
      }
      soft = d.hasLabels() ? null : d.softTargets();
    }
    Evaluation e = Evaluation.of(actual, proba, c, topK);
    double loss = soft == null ? e.logLoss() : softLoss(soft, proba, n, c);
    ObjectNode o = toJson(e, loss, model.encoding().names());
    if (json.enabled()) {
      JsonOutput.print(out(), o);
    } else {
      printText(out(), e, loss, model.encoding().names());
    }
    return ExitCode.OK;
  }

  /** Mean cross-entropy against probability rows, with the same clip as the log loss. */
  private static double softLoss(float[] y, float[] p, int n, int c) { // both [n, c], row-major
    double sum = 0;
    for (int i = 0; i < n * c; i++) {
      if (y[i] > 0) {
        sum -= y[i] * Math.log(Math.max(p[i], dev.xent.eval.Metrics.LOG_LOSS_EPS));
      }
    }
    return sum / n;
  }

  static ObjectNode toJson(Evaluation e, double loss, List<String> names) {
    ObjectNode o = JsonOutput.object();
    o.put("rows", e.rows());
    o.set("loss", JsonOutput.number(loss));
    o.set("accuracy", JsonOutput.number(e.accuracy()));
    o.put("top_k", e.topK());
    o.set("top_k_accuracy", JsonOutput.number(e.topKAccuracy()));
    ClassificationReport r = e.report();
    ArrayNode per = o.putArray("per_class");
    for (int k = 0; k < names.size(); k++) {
      ObjectNode row = per.addObject();
      row.put("class", names.get(k));
      row.set("precision", JsonOutput.number(r.precision()[k]));
      row.set("recall", JsonOutput.number(r.recall()[k]));
      row.set("f1", JsonOutput.number(r.f1()[k]));
      row.put("support", r.support()[k]);
    }
    o.set("macro_avg", average(r.macro()));
    o.set("weighted_avg", average(r.weighted()));
    ObjectNode cm = o.putObject("confusion_matrix");
    ArrayNode labels = cm.putArray("labels");
    names.forEach(labels::add);
    ArrayNode rows = cm.putArray("matrix");
    for (long[] row : e.confusion().toArray()) {
      ArrayNode a = rows.addArray();
      for (long v : row) {
        a.add(v);
      }
    }
    o.set("expected_calibration_error", JsonOutput.number(e.calibration().ece()));
    return o;
  }

  private static ObjectNode average(ClassificationReport.Average a) {
    ObjectNode o = JsonOutput.object();
    o.set("precision", JsonOutput.number(a.precision()));
    o.set("recall", JsonOutput.number(a.recall()));
    o.set("f1", JsonOutput.number(a.f1()));
    return o;
  }

  private static void printText(PrintWriter w, Evaluation e, double loss, List<String> names) {
    w.printf(Locale.ROOT, "rows %d  loss %.4f  accuracy %.4f  top-%d accuracy %.4f%n%n", e.rows(), loss,
        e.accuracy(), e.topK(), e.topKAccuracy());
    int width = Math.max(12, names.stream().mapToInt(String::length).max().orElse(0) + 2);
    w.printf(Locale.ROOT, "%" + width + "s %9s %9s %9s %9s%n", "", "precision", "recall", "f1-score", "support");
    ClassificationReport r = e.report();
    for (int k = 0; k < names.size(); k++) {
      w.printf(Locale.ROOT, "%" + width + "s %9.4f %9.4f %9.4f %9d%n", names.get(k), r.precision()[k],
          r.recall()[k], r.f1()[k], r.support()[k]);
    }
    w.printf(Locale.ROOT, "%" + width + "s %9.4f %9.4f %9.4f %9d%n", "macro avg", r.macro().precision(),
        r.macro().recall(), r.macro().f1(), e.rows());
    w.printf(Locale.ROOT, "%" + width + "s %9.4f %9.4f %9.4f %9d%n%n", "weighted avg", r.weighted().precision(),
        r.weighted().recall(), r.weighted().f1(), e.rows());
    w.println("confusion matrix (rows: true class, columns: predicted):");
    long[][] m = e.confusion().toArray();
    int cell = 6;
    for (long[] row : m) {
      for (long v : row) {
        cell = Math.max(cell, Long.toString(v).length() + 1);
      }
    }
    StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "%" + width + "s", ""));
    for (String name : names) {
      head.append(String.format(Locale.ROOT, "%" + cell + "s", name.length() < cell ? name : name.substring(0, cell - 1)));
    }
    w.println(head);
    for (int k = 0; k < m.length; k++) {
      StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%" + width + "s", names.get(k)));
      for (long v : m[k]) {
        line.append(String.format(Locale.ROOT, "%" + cell + "d", v));
      }
      w.println(line);
    }
  }
}
