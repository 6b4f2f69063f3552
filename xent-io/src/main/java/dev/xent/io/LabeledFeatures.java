package dev.xent.io;

import java.util.List;

/**
 * Features and (optionally) targets as read from a file, before they become a training dataset.
 *
 * <p>Targets are either integer class ids ({@code labels}), probability rows ({@code softTargets}), or absent
 * (data to predict on).
 *
 * @param features [rows, cols], row-major
 * @param rows number of samples
 * @param cols number of features per sample
 * @param labels [rows] class ids in {@code [0, classNames.size())}, or null
 * @param softTargets [rows, classNames.size()] row-major probability rows, or null
 * @param classNames the class names in index order (empty when there are no targets)
 * @param featureNames the feature names in column order, or null when the source has none
 * @param format the source format: {@code "idx"}, {@code "npy"}, {@code "csv"}
 * @param source where the data came from, for messages (e.g. the file or directory and split)
 */
public record LabeledFeatures(
    float[] features,
    int rows,
    int cols,
    int[] labels,
    float[] softTargets,
    List<String> classNames,
    List<String> featureNames,
    String format,
    String source) {
  public LabeledFeatures {
    if ((long) rows * cols != features.length) {
      throw new IllegalArgumentException(
          source + ": features hold " + features.length + " values, not " + rows + " x " + cols);
    }
    if (labels != null && labels.length != rows) {
      throw new IllegalArgumentException(source + ": " + labels.length + " labels for " + rows + " samples");
    }
    if (labels != null && softTargets != null) {
      throw new IllegalArgumentException(source + ": both class ids and probability targets given");
    }
    if (softTargets != null && (long) rows * classNames.size() != softTargets.length) {
      throw new IllegalArgumentException(source + ": " + softTargets.length + " target values for " + rows
          + " samples of " + classNames.size() + " classes");
    }
    classNames = List.copyOf(classNames);
    featureNames = featureNames == null ? null : List.copyOf(featureNames);
  }

  /** Features with integer class ids. */
  public static LabeledFeatures withLabels(float[] features, int rows, int cols, int[] labels,
      List<String> classNames, String format, String source) {
    return new LabeledFeatures(features, rows, cols, labels, null, classNames, null, format, source);
  }

  /** Whether there are targets of either kind. */
  public boolean hasTargets() {
    return labels != null || softTargets != null;
  }

  /** The number of classes named (0 when there are no targets). */
  public int classes() {
    return classNames.size();
  }
}
