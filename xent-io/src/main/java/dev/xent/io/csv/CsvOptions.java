package dev.xent.io.csv;

import java.nio.file.Path;
import java.util.List;

/**
 * How to turn a CSV file into a training set. Every default lives in {@link #DEFAULTS}.
 *
 * @param target the class-label column; null means the last column (unless soft targets are given)
 * @param targetColumns numeric columns forming a probability distribution per row (soft targets), in class
 *     order; empty for hard labels
 * @param softTargets an .npy file of shape [rows, classes] with soft targets; null for none
 * @param features when not empty, only these columns are features
 * @param ignore columns never used as features
 * @param categorical columns forced to be categorical (one-hot) whatever their values look like
 * @param validationFraction share of rows held out for validation, in [0, 1); stratified by class
 * @param seed seed of the train/validation split
 */
public record CsvOptions(
    String target,
    List<String> targetColumns,
    Path softTargets,
    List<String> features,
    List<String> ignore,
    List<String> categorical,
    double validationFraction,
    long seed) {

  /** Last column as target, inferred features, a 20% validation split (the Keras/sklearn habit), seed 42. */
  public static final CsvOptions DEFAULTS = new CsvOptions(null, List.of(), null, List.of(), List.of(), List.of(), 0.2, 42L);

  public CsvOptions {
    targetColumns = List.copyOf(targetColumns);
    features = List.copyOf(features);
    ignore = List.copyOf(ignore);
    categorical = List.copyOf(categorical);
    if (!(validationFraction >= 0 && validationFraction < 1)) {
      throw new IllegalArgumentException("validation fraction must be in [0, 1), got " + validationFraction);
    }
    if (target != null && !targetColumns.isEmpty()) {
      throw new IllegalArgumentException("give either a target column or target columns (soft targets), not both");
    }
  }

  /** These options with the class-label column {@code name}. */
  public CsvOptions withTarget(String name) {
    return new CsvOptions(name, List.of(), softTargets, features, ignore, categorical, validationFraction, seed);
  }

  /** These options with soft targets in {@code columns}. */
  public CsvOptions withTargetColumns(List<String> columns) {
    return new CsvOptions(null, columns, softTargets, features, ignore, categorical, validationFraction, seed);
  }

  /** These options with soft targets from an .npy file. */
  public CsvOptions withSoftTargets(Path npy) {
    return new CsvOptions(target, targetColumns, npy, features, ignore, categorical, validationFraction, seed);
  }

  /** These options with the column overrides given. */
  public CsvOptions withColumns(List<String> features, List<String> ignore, List<String> categorical) {
    return new CsvOptions(target, targetColumns, softTargets, features, ignore, categorical, validationFraction, seed);
  }

  /** These options with another split. */
  public CsvOptions withSplit(double validationFraction, long seed) {
    return new CsvOptions(target, targetColumns, softTargets, features, ignore, categorical, validationFraction, seed);
  }
}
