package dev.xent.cli.report;

import java.util.List;

/**
 * Everything a report shows, as plain values: it can be filled from a training run, from an evaluation of a
 * stored model, or by hand in a test.
 *
 * @param title the page title, e.g. "digits: 10 classes"
 * @param schema the data's columns (may be empty, e.g. for image data)
 * @param classNames class names in class-id order
 * @param classCounts [classes] training examples per class
 * @param history per-epoch curves; empty when the report is of an evaluation only
 * @param evaluation held-out results
 * @param configuration the run's settings, in display order
 * @param provenance seed, versions, data file hashes, in display order
 */
public record ReportData(
    String title,
    List<SchemaRow> schema,
    List<String> classNames,
    long[] classCounts,
    List<EpochRow> history,
    Evaluation evaluation,
    List<Entry> configuration,
    List<Entry> provenance) {

  public ReportData {
    schema = List.copyOf(schema);
    classNames = List.copyOf(classNames);
    history = List.copyOf(history);
    configuration = List.copyOf(configuration);
    provenance = List.copyOf(provenance);
    if (classCounts.length != classNames.size()) {
      throw new IllegalArgumentException(classCounts.length + " class counts for " + classNames.size() + " classes");
    }
    if (evaluation.confusion().length != classNames.size()) {
      throw new IllegalArgumentException(
          "confusion matrix has " + evaluation.confusion().length + " rows for " + classNames.size() + " classes");
    }
  }

  /** One column of the input data, as the schema summary shows it. */
  public record SchemaRow(String column, String type, String role, int distinct, int missing, String note) {}

  /**
   * One epoch of training; NaN where a value was not measured (e.g. no validation split).
   *
   * @param epoch 1-based
   */
  public record EpochRow(int epoch, double trainLoss, double trainAccuracy, double validationLoss, double validationAccuracy) {}

  /**
   * Results on held-out data.
   *
   * @param split what was evaluated, e.g. "test (360 rows)"
   * @param loss mean cross-entropy
   * @param accuracy top-1 accuracy in [0, 1]
   * @param confusion [true class][predicted class] counts
   * @param bins reliability bins of top-1 confidence, in increasing order
   * @param ece expected calibration error over {@code bins}
   */
  public record Evaluation(String split, double loss, double accuracy, long[][] confusion, List<ReliabilityBin> bins, double ece) {
    public Evaluation {
      bins = List.copyOf(bins);
    }
  }

  /**
   * One reliability bin: the predictions whose top-1 confidence fell in [lower, upper).
   *
   * @param count predictions in the bin
   * @param meanConfidence their mean top-1 probability (NaN when empty)
   * @param accuracy the share of them that were right (NaN when empty)
   */
  public record ReliabilityBin(double lower, double upper, long count, double meanConfidence, double accuracy) {}

  /** A labelled value for the configuration and provenance tables. */
  public record Entry(String key, String value) {}
}
