package dev.xent.io;

import dev.xent.io.csv.CsvDataset;
import dev.xent.io.csv.CsvOptions;
import dev.xent.io.csv.EncodedRows;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * CSV datasets with a header row and a target column (the last one unless {@code target} names another), read
 * with {@link dev.xent.io.csv.CsvDataset}: types inferred, features encoded (numeric standardised, categorical
 * one-hot, missing values imputed and flagged). This generic seam fits the encoders on every row of the file;
 * the {@code xent train} command instead fits them on its training split only and stores them with the model.
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
    CsvOptions options = CsvOptions.DEFAULTS.withSplit(0, 0);
    if (request.target() != null) {
      options = options.withTarget(request.target());
    }
    CsvDataset ds = CsvDataset.load(request.data(), options);
    EncodedRows r = ds.train();
    return new LabeledFeatures(r.features(), r.rows(), r.featureCount(), r.labels(), r.soft(),
        ds.preprocessing().target().classes(), ds.preprocessing().features().featureNames(), format(),
        request.data().toString());
  }
}
