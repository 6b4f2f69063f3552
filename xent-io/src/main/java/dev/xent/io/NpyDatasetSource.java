package dev.xent.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A {@code .npy} features file [N, d] with a {@code .npy} target file given by {@code --target}: [N] (or [N, 1])
 * integer class ids, or [N, C] probability rows. Class names are the ids as text, {@code "0"} ..
 * {@code "C-1"}, where C is one more than the largest id (at least 2) or the width of the probability rows.
 */
final class NpyDatasetSource implements DatasetSource {
  // A probability row stored as float32 sums to 1 within a few ulps times C; 1e-3 accepts any honest
  // rounding and still catches unnormalised scores or one-hot rows with a wrong column.
  private static final double ROW_SUM_TOLERANCE = 1e-3;

  @Override
  public String format() {
    return "npy";
  }

  @Override
  public boolean accepts(Path data) {
    return Files.isRegularFile(data) && data.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".npy");
  }

  @Override
  public LabeledFeatures load(Request request) throws IOException {
    Path file = request.data();
    NumericArray x = Npy.read(file);
    if (x.ndim() != 2) {
      throw new DataFormatException(file, "features must be a 2-D array [samples, features], got shape "
          + x.shapeText(), "Reshape it with numpy (x.reshape(len(x), -1)) and save it again");
    }
    int n = x.rows();
    int d = x.cols();
    double[] xv = x.data();
    float[] features = new float[xv.length];
    for (int i = 0; i < xv.length; i++) {
      if (!Double.isFinite(xv[i])) {
        throw new DataFormatException(file, "row " + i / d + ", column " + i % d + " holds " + xv[i],
            "Features must be finite numbers; impute or drop the missing values");
      }
      features[i] = (float) xv[i];
    }
    if (request.target() == null) {
      if (request.targetRequired()) {
        throw new DataFormatException(file, "no targets for .npy features",
            "Pass the class ids or probability rows as --target LABELS.npy");
      }
      return new LabeledFeatures(features, n, d, null, null, List.of(), null, format(), file.toString());
    }
    Path targetFile = Path.of(request.target());
    NumericArray y = Npy.read(targetFile);
    if (y.rows() != n) {
      throw new DataFormatException(targetFile + " holds " + y.rows() + " targets but " + file + " holds " + n
          + " samples. The features and targets must have one row per sample, in the same order");
    }
    if (y.ndim() == 2 && y.cols() > 1) {
      return soft(file, targetFile, features, n, d, y);
    }
    int[] ids = y.asClassIds(targetFile.toString());
    int max = 1; // at least two classes
    for (int i = 0; i < n; i++) {
      if (ids[i] < 0) {
        throw new DataFormatException(targetFile, "row " + i + " holds class id " + ids[i],
            "Class ids must be integers 0, 1, ..., C-1");
      }
      max = Math.max(max, ids[i]);
    }
    return new LabeledFeatures(features, n, d, ids, null, names(max + 1), null, format(), file.toString());
  }

  private LabeledFeatures soft(Path file, Path targetFile, float[] features, int n, int d, NumericArray y) {
    int c = y.cols();
    double[] yv = y.data();
    float[] targets = new float[yv.length];
    for (int r = 0; r < n; r++) {
      double sum = 0;
      for (int k = 0; k < c; k++) {
        double v = yv[r * c + k];
        if (!(v >= 0 && v <= 1)) {
          throw new DataFormatException(targetFile, "row " + r + ", column " + k + " holds " + v
              + ", not a probability", "Probability targets must lie in [0, 1], each row summing to 1");
        }
        sum += v;
        targets[r * c + k] = (float) v;
      }
      if (Math.abs(sum - 1) > ROW_SUM_TOLERANCE) {
        throw new DataFormatException(targetFile, "row " + r + " sums to " + sum + ", not 1",
            "Probability targets must sum to 1 per row; normalise them (y / y.sum(1, keepdims=True))");
      }
    }
    return new LabeledFeatures(features, n, d, null, targets, names(c), null, format(), file.toString());
  }

  private static List<String> names(int classes) {
    List<String> names = new ArrayList<>(classes);
    for (int k = 0; k < classes; k++) {
      names.add(Integer.toString(k));
    }
    return names;
  }
}
