package dev.xent.io;

import java.util.List;

/**
 * Features and integer class ids as read from a file, before they become a training dataset.
 *
 * @param features [rows, cols], row-major
 * @param rows number of samples
 * @param cols number of features per sample
 * @param labels [rows] class ids in {@code [0, classNames.size())}
 * @param classNames the class names in index order
 * @param source where the data came from, for messages (e.g. the file or directory and split)
 */
public record LabeledFeatures(
    float[] features, int rows, int cols, int[] labels, List<String> classNames, String source) {
  public LabeledFeatures {
    if ((long) rows * cols != features.length) {
      throw new IllegalArgumentException(
          source + ": features hold " + features.length + " values, not " + rows + " x " + cols);
    }
    if (labels.length != rows) {
      throw new IllegalArgumentException(source + ": " + labels.length + " labels for " + rows + " samples");
    }
    classNames = List.copyOf(classNames);
  }
}
