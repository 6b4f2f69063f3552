package dev.xent.cli;

import dev.xent.cli.report.HtmlReport;
import dev.xent.cli.report.ReportData;
import dev.xent.cli.report.RunReport;
import dev.xent.data.Dataset;
import dev.xent.eval.Evaluation;
import dev.xent.model.Classifier;
import dev.xent.model.Provenance;
import dev.xent.train.EpochLogs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Evaluates a model on labelled rows and writes the HTML report, for {@code xent train --report} and {@code xent report}. */
final class ReportWriter {
  /** Top-k of the evaluation; the report does not show it, the evaluation needs one. */
  private static final int TOP_K = 5;

  private ReportWriter() {}

  /**
   * Writes the report.
   *
   * @param data the data file or directory, hashed for provenance when it is a file
   * @param history the training epochs, or null when there was no training (an evaluation-only report)
   * @param evalOn the rows to evaluate on (class ids or soft rows; soft rows count their most probable class)
   * @param what what {@code evalOn} is, e.g. "the validation split (30 rows)"
   */
  static void write(Path file, Path data, Classifier model, List<EpochLogs> history, Dataset evalOn, String what,
      List<ReportData.SchemaRow> schema, long[] classCounts, List<ReportData.Entry> configuration, long seed)
      throws IOException {
    int n = evalOn.size();
    float[] proba = model.predictProba(evalOn.features(), n);
    int[] actual = new int[n];
    for (int i = 0; i < n; i++) {
      actual[i] = evalOn.classOf(i);
    }
    Evaluation eval = Evaluation.of(actual, proba, model.numClasses(), TOP_K);
    String sha = Files.isRegularFile(data) ? RunReport.sha256(data) : "(directory: " + data + ")";
    List<ReportData.Entry> provenance = List.of(
        new ReportData.Entry("seed", Long.toString(seed)),
        new ReportData.Entry("xent", Provenance.LIBRARY_VERSION),
        new ReportData.Entry("java", System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"),
        new ReportData.Entry("os", System.getProperty("os.name") + " " + System.getProperty("os.arch")),
        new ReportData.Entry("data", data.toString()),
        new ReportData.Entry("data sha-256", sha));
    String title = (data.getFileName() == null ? data.toString() : data.getFileName().toString()) + ": "
        + model.numClasses() + " classes";
    ReportData rd = RunReport.of(title, schema, model.encoding(), classCounts, history, eval, what, configuration,
        provenance);
    HtmlReport.write(rd, file);
  }
}
