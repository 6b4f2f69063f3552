package dev.xent.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.xent.cli.report.ReportData;
import dev.xent.cli.report.RunReport;
import dev.xent.data.Dataset;
import dev.xent.io.DatasetSource;
import dev.xent.io.LabeledFeatures;
import dev.xent.io.csv.CsvPreprocessing;
import dev.xent.io.model.ClassifierStore;
import dev.xent.model.Classifier;
import dev.xent.train.EpochLogs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code xent report}: the HTML report of a saved model on labelled data: the model's training curves (from its
 * history.json), and the confusion matrix, per-class metrics and calibration on DATA.
 */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
        "Write the HTML report of a saved model evaluated on labelled DATA: training curves (from the model's",
        "history.json), confusion matrix, per-class precision/recall/F1, reliability diagram and ECE.",
        "DATA is a CSV file (for a model trained on CSV), an IDX directory (test split) or .npy with --target."},
    footerHeading = "%nExamples:%n",
    footer = {
        "  xent report model test.csv",
        "  xent report model /usr/share/datasets/fashion-mnist --out fmnist.html"})
public final class ReportCommand extends BaseCommand {
  @Parameters(index = "0", paramLabel = "MODEL_DIR", description = "A model directory written by xent train.")
  Path modelDir;

  @Parameters(index = "1", paramLabel = "DATA", description = "Labelled data to evaluate on.")
  Path data;

  @Option(names = "--target", paramLabel = "FILE", description = "Targets for .npy features (.npy).")
  String target;

  @Option(names = {"-o", "--out"}, paramLabel = "FILE", defaultValue = "report.html",
      description = "The report file. Default: ${DEFAULT-VALUE}.")
  Path out;

  @Mixin ThreadsMixin threads;

  @Override
  protected int execute() throws Exception {
    threads.apply();
    ClassifierStore.Loaded loaded = ClassifierStore.load(modelDir);
    Classifier model = loaded.classifier();
    LabeledFeatures raw = CsvInput.isCsv(data)
        ? CsvInput.forModel(data, modelDir, true, err())
        : CommandData.read(data, target, DatasetSource.Split.TEST, true);
    Dataset d = CommandData.forModel(model, raw, modelDir);
    CsvPreprocessing pre = CsvInput.preprocessing(modelDir);
    List<ReportData.SchemaRow> schema = pre == null ? List.of() : RunReport.schemaRows(pre.schema());
    List<ReportData.Entry> config = new ArrayList<>();
    config.add(new ReportData.Entry("model", modelDir.toString()));
    for (Map.Entry<String, String> e : model.provenance().config().entrySet()) {
      config.add(new ReportData.Entry(e.getKey(), e.getValue()));
    }
    ReportWriter.write(out, data, model, history(modelDir), d, dataName(data, d.size()), schema, d.classCounts(),
        config, model.provenance().seed());
    out().println("wrote report to " + out.toAbsolutePath());
    return ExitCode.OK;
  }

  private static String dataName(Path data, int rows) {
    return data.getFileName() + " (" + rows + " rows)";
  }

  /** The epochs of the model's history.json, or null when there is none. */
  private static List<EpochLogs> history(Path modelDir) throws java.io.IOException {
    Path h = modelDir.resolve("history.json");
    if (!Files.isRegularFile(h)) {
      return null;
    }
    JsonNode root = JsonOutput.mapper().readTree(h.toFile());
    List<EpochLogs> epochs = new ArrayList<>();
    for (JsonNode e : root.path("history")) {
      epochs.add(new EpochLogs(e.path("epoch").asInt(), num(e, "seconds"), num(e, "loss"), num(e, "accuracy"),
          Double.NaN, num(e, "val_loss"), num(e, "val_accuracy"), Double.NaN, Double.NaN));
    }
    return epochs;
  }

  /** A number written by {@link JsonOutput} (non-finite values are strings), NaN when absent. */
  private static double num(JsonNode e, String key) {
    JsonNode v = e.get(key);
    if (v == null || v.isNull()) {
      return Double.NaN;
    }
    return v.isNumber() ? v.asDouble() : Double.NaN;
  }
}
