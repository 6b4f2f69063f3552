package dev.xent.io;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * CSV datasets with a header row and a target column. Not wired to training yet: {@link #load} says so and
 * what to use instead. The CSV dataset reader plugs in here.
 */
final class CsvDatasetSource implements DatasetSource {
  @Override
  public String format() {
    return "csv";
  }

  @Override
  public boolean accepts(Path data) {
    String name = data.getFileName() == null ? "" : data.getFileName().toString().toLowerCase(Locale.ROOT);
    return Files.isRegularFile(data) && (name.endsWith(".csv") || name.endsWith(".csv.gz") || name.endsWith(".tsv"));
  }

  @Override
  public LabeledFeatures load(Request request) {
    throw new DataFormatException(request.data(), "CSV datasets are not supported by this command yet",
        "Use an IDX directory, or save the features as .npy [N, d] and the labels as .npy [N] and pass "
            + "FEATURES.npy --target LABELS.npy");
  }
}
