package dev.xent.cli;

import dev.xent.io.csv.CsvOptions;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The CSV column options of {@code xent train}: which columns are features, which are the (soft) target. */
final class CsvColumnsMixin {
  @Option(names = "--target-columns", paramLabel = "A,B,C", split = ",",
      description = "CSV: numeric columns holding a probability distribution per row (soft targets), in class order.")
  List<String> targetColumns = new ArrayList<>();

  @Option(names = "--features", paramLabel = "A,B", split = ",",
      description = "CSV: use only these columns as features.")
  List<String> features = new ArrayList<>();

  @Option(names = "--ignore", paramLabel = "A,B", split = ",", description = "CSV: never use these columns.")
  List<String> ignore = new ArrayList<>();

  @Option(names = "--categorical", paramLabel = "A,B", split = ",",
      description = "CSV: one-hot encode these columns whatever their values look like.")
  List<String> categorical = new ArrayList<>();

  /** The CSV options for a training run: target column (null: the last column), split and seed. */
  CsvOptions options(String target, double validationFraction, long seed) {
    CsvOptions o = CsvOptions.DEFAULTS.withSplit(validationFraction, seed).withColumns(features, ignore, categorical);
    if (!targetColumns.isEmpty()) {
      if (target != null) {
        throw new IllegalArgumentException("give either --target COLUMN or --target-columns A,B,C, not both");
      }
      return o.withTargetColumns(targetColumns);
    }
    if (target != null && target.toLowerCase(java.util.Locale.ROOT).endsWith(".npy")) {
      // CSV features with soft targets [rows, C] from an .npy file.
      return o.withSoftTargets(java.nio.file.Path.of(target));
    }
    return target == null ? o : o.withTarget(target);
  }
}
