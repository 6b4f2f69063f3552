package dev.xent.eval;

/**
 * Everything a report shows about predictions on labelled rows.
 *
 * @param rows rows evaluated
 * @param logLoss mean negative log-probability of the true class ({@link Metrics#logLoss})
 * @param accuracy argmax accuracy
 * @param topK the k of {@code topKAccuracy}
 * @param topKAccuracy top-k accuracy
 * @param confusion the confusion matrix
 * @param report per-class precision/recall/F1/support with averages
 * @param calibration ECE and reliability bins
 */
public record Evaluation(int rows, double logLoss, double accuracy, int topK, double topKAccuracy,
    ConfusionMatrix confusion, ClassificationReport report, Calibration calibration) {

  /**
   * Evaluates probabilities against true classes.
   *
   * @param proba [rows, classes] probabilities, row-major
   * @param topK clamped to the number of classes
   */
  public static Evaluation of(int[] actual, float[] proba, int classes, int topK) {
    Metrics.checkScores(actual.length, proba, classes);
    Metrics.checkLabels(actual, classes);
    int k = Math.min(topK, classes);
    int[] predicted = Metrics.argmax(proba, actual.length, classes);
    ConfusionMatrix cm = ConfusionMatrix.of(actual, predicted, classes);
    return new Evaluation(actual.length, Metrics.logLoss(actual, proba, classes), Metrics.accuracy(actual, predicted),
        k, Metrics.topKAccuracy(actual, proba, classes, k), cm, cm.report(), Calibration.of(actual, proba, classes));
  }
}
