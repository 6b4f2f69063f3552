package dev.xent.cli;

import dev.xent.cli.report.HtmlReport;
import dev.xent.cli.report.ReportData;
import dev.xent.cli.report.RunReport;
import dev.xent.data.Dataset;
import dev.xent.data.LabelEncoding;
import dev.xent.eval.Evaluation;
import dev.xent.io.IdxDirectory;
import dev.xent.io.LabeledFeatures;
import dev.xent.model.Provenance;
import dev.xent.nn.LayerSpec;
import dev.xent.optim.LearningRateSchedule;
import dev.xent.train.Trainer;
import dev.xent.train.TrainerConfig;
import dev.xent.train.TrainingResult;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.zip.GZIPInputStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code xent demo}: trains a small classifier on real data with nothing to download and writes the HTML
 * report. The default data set, scikit-learn's 8×8 digits (1797 rows, BSD), ships inside the jar.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
        "Train a digit classifier on data shipped with xent, print its test accuracy and loss, and write an HTML"
            + " report. No download, no arguments needed.",
        "digits: scikit-learn's 8x8 digits (1797 images, 80/20 train/test split by seed);"
            + " fashion-mnist: the Debian package dataset-fashion-mnist when installed."},
    footerHeading = "%nExamples:%n",
    footer = {"  xent demo", "  xent demo --report /tmp/digits.html", "  xent demo fashion-mnist --epochs 3"})
final class DemoCommand extends BaseCommand {
  static final String DIGITS_RESOURCE = "/dev/xent/cli/demo/digits.csv.gz";
  static final Path FASHION_DIR = Path.of("/usr/share/datasets/fashion-mnist");
  static final List<String> FASHION_CLASSES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
      "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");
  /** The held-out share of digits: scikit-learn's usual 20%, 360 of 1797 images. */
  static final double DIGITS_TEST_FRACTION = 0.2;
  /** Validation share of the training rows, for the curves; never used to pick the model. */
  static final double VALIDATION_FRACTION = 0.1;
  /** Rows per mini-batch: Keras's {@code fit} default, with which the demo's accuracy was measured. */
  static final int DEMO_BATCH = 32;

  @Parameters(index = "0", arity = "0..1", defaultValue = "digits", paramLabel = "DATASET",
      description = "digits (default, shipped) or fashion-mnist.")
  String dataset;

  @Option(names = "--report", paramLabel = "PATH", defaultValue = "report.html",
      description = "Where to write the HTML report (default: ${DEFAULT-VALUE} in the current directory).")
  Path report;

  @Option(names = "--epochs", paramLabel = "N",
      description = "Training epochs (default: 30 for digits, 5 for fashion-mnist).")
  Integer epochs;

  @Option(names = "--seed", paramLabel = "N", defaultValue = "42",
      description = "Seed of the split, initialisation and shuffling (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--data-dir", paramLabel = "DIR", hidden = true,
      description = "Fashion-MNIST directory (default: /usr/share/datasets/fashion-mnist).")
  Path fashionDir = FASHION_DIR;

  /** A data set loaded for the demo: training and test rows, a description, and the data's digest. */
  record DemoData(String title, Dataset train, Dataset test, String network, List<LayerSpec> specs, int epochs,
      List<ReportData.SchemaRow> schema, String source, String sha256) {}

  @Override
  protected int execute() throws IOException {
    DemoData data;
    switch (dataset.toLowerCase(Locale.ROOT)) {
      case "digits":
        data = digits();
        break;
      case "fashion-mnist":
      case "fashion":
        if (!IdxDirectory.looksLike(fashionDir)) {
          err().println("xent demo: Fashion-MNIST is not installed at " + fashionDir + ".");
          err().println("Install it with:  sudo apt-get install dataset-fashion-mnist");
          err().println("or run the shipped demo:  xent demo");
          return ExitCode.USER_ERROR;
        }
        data = fashion();
        break;
      default:
        throw new IllegalArgumentException("unknown demo data set '" + dataset + "'; choose digits or fashion-mnist");
    }
    // The demo pins batch 32 and a constant rate, the settings its networks and epoch counts were measured with
    // (digits: test accuracy above 0.9 in 30 epochs); the library defaults may move without changing the demo.
    TrainerConfig config = TrainerConfig.DEFAULTS.withEpochs(data.epochs()).withSeed(seed)
        .withValidationSplit(VALIDATION_FRACTION, true).withBatchSize(DEMO_BATCH)
        .withSchedule(LearningRateSchedule.CONSTANT);
    err().println(data.title() + ": " + data.train().size() + " training rows (" + Math.round(VALIDATION_FRACTION * 100)
        + "% of them for validation), " + data.test().size() + " test rows; network " + data.network());
    KerasProgressBar bar = KerasProgressBar.forStderr(err());
    long start = System.nanoTime();
    TrainingResult result = new Trainer(config).setProgressListener(new ProgressBarListener(bar, config.topK()))
        .fit(data.specs(), data.train(), null);
    double seconds = (System.nanoTime() - start) / 1e9;
    Dataset test = data.test();
    float[] proba = result.classifier().predictProba(test.features(), test.size());
    Evaluation eval = Evaluation.of(test.labels(), proba, test.numClasses(), config.topK());
    out().printf(Locale.ROOT, "test accuracy: %.4f  test loss: %.4f  (%d rows, ECE %.4f)%n",
        eval.accuracy(), eval.logLoss(), eval.rows(), eval.calibration().ece());

    List<ReportData.Entry> cfg = new ArrayList<>();
    cfg.add(new ReportData.Entry("data", data.source()));
    cfg.add(new ReportData.Entry("network", data.network()));
    cfg.add(new ReportData.Entry("rows", data.train().size() + " train (incl. validation), " + test.size() + " test"));
    cfg.add(new ReportData.Entry("training time", String.format(Locale.ROOT, "%.1f s", seconds)));
    for (Map.Entry<String, String> e : config.describe().entrySet()) {
      cfg.add(new ReportData.Entry(e.getKey(), e.getValue()));
    }
    List<ReportData.Entry> prov = List.of(
        new ReportData.Entry("seed", Long.toString(seed)),
        new ReportData.Entry("xent", Provenance.LIBRARY_VERSION),
        new ReportData.Entry("java", System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"),
        new ReportData.Entry("os", System.getProperty("os.name") + " " + System.getProperty("os.arch")),
        new ReportData.Entry("data sha-256", data.sha256()));
    ReportData rd = RunReport.of(data.title(), data.schema(), data.train().encoding(), data.train().classCounts(),
        result.history().epochs(), eval, "the test split (" + test.size() + " rows, never seen in training)", cfg, prov);
    HtmlReport.write(rd, report);
    out().println("report: " + report.toAbsolutePath());
    return ExitCode.OK;
  }

  private DemoData digits() throws IOException {
    int d = 64;
    List<float[]> rows = new ArrayList<>();
    List<Integer> labels = new ArrayList<>();
    String sha;
    try (InputStream raw = DemoCommand.class.getResourceAsStream(DIGITS_RESOURCE)) {
      if (raw == null) {
        throw new IllegalStateException("the digits data " + DIGITS_RESOURCE + " is missing from the jar");
      }
      byte[] gz = raw.readAllBytes();
      sha = RunReport.sha256(new java.io.ByteArrayInputStream(gz));
      try (BufferedReader r = new BufferedReader(new InputStreamReader(
          new GZIPInputStream(new java.io.ByteArrayInputStream(gz)), StandardCharsets.US_ASCII))) {
        String line;
        while ((line = r.readLine()) != null) {
          if (line.isBlank()) {
            continue;
          }
          String[] f = line.split(",");
          float[] x = new float[d];
          for (int i = 0; i < d; i++) {
            x[i] = Float.parseFloat(f[i]);
          }
          rows.add(x);
          labels.add((int) Float.parseFloat(f[d]));
        }
      }
    }
    int n = rows.size();
    float[] x = new float[n * d];
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      System.arraycopy(rows.get(i), 0, x, i * d, d);
      y[i] = labels.get(i);
    }
    Dataset all = Dataset.ofLabels(x, n, d, y, LabelEncoding.ofIndices(10), null);
    Dataset.Split s = all.split(DIGITS_TEST_FRACTION, true, new SplittableRandom(seed));
    int hidden = 64;
    List<LayerSpec> specs = List.of(LayerSpec.dense(d, hidden), LayerSpec.activation(LayerSpec.Type.RELU, hidden),
        LayerSpec.dense(hidden, 10));
    List<ReportData.SchemaRow> schema = List.of(
        new ReportData.SchemaRow("pixel 1-64", "numeric", "feature", 17, 0, "8x8 grey levels 0-16, standardised"),
        new ReportData.SchemaRow("digit", "categorical", "target", 10, 0, "0-9"));
    return new DemoData("digits: handwritten 8\u00d78 images, 10 classes", s.train(), s.validation(),
        "64 \u2192 dense 64 \u2192 ReLU \u2192 dense 10 \u2192 softmax", specs, epochs != null ? epochs : 30, schema,
        "scikit-learn digits (shipped in the jar)", sha);
  }

  private DemoData fashion() throws IOException {
    LabeledFeatures tr = IdxDirectory.load(fashionDir, IdxDirectory.Split.TRAIN);
    LabeledFeatures te = IdxDirectory.load(fashionDir, IdxDirectory.Split.TEST);
    LabelEncoding names = LabelEncoding.frozen(FASHION_CLASSES);
    Dataset train = Dataset.ofLabels(tr.features(), tr.rows(), tr.cols(), tr.labels(), names, null);
    Dataset test = Dataset.ofLabels(te.features(), te.rows(), te.cols(), te.labels(), names, null);
    int hidden = 128;
    List<LayerSpec> specs = List.of(LayerSpec.dense(tr.cols(), hidden),
        LayerSpec.activation(LayerSpec.Type.RELU, hidden), LayerSpec.dense(hidden, 10));
    List<ReportData.SchemaRow> schema = List.of(
        new ReportData.SchemaRow("pixel 1-784", "numeric", "feature", 256, 0, "28x28 grey levels / 255, standardised"),
        new ReportData.SchemaRow("label", "categorical", "target", 10, 0, "clothing type"));
    String sha = "";
    try (var files = java.nio.file.Files.list(fashionDir)) {
      Path images = files.filter(f -> f.getFileName().toString().startsWith("train-images")).sorted().findFirst().orElse(null);
      if (images != null) {
        sha = RunReport.sha256(images) + " (" + images.getFileName() + ")";
      }
    }
    return new DemoData("Fashion-MNIST: 28\u00d728 clothing images, 10 classes", train, test,
        tr.cols() + " \u2192 dense 128 \u2192 ReLU \u2192 dense 10 \u2192 softmax", specs, epochs != null ? epochs : 5,
        schema, fashionDir + " (train-*, t10k-*)", sha);
  }
}
