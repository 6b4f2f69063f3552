package dev.xent.io.csv;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A categorical column one-hot encoded over the training split's categories (sorted), plus one "unknown" slot
 * for a value training never saw; a missing value is the most frequent training category and sets the
 * indicator, if there is one. Values are compared after trimming surrounding whitespace.
 *
 * @param column the header name
 * @param categories training categories, sorted
 * @param mostFrequent the category imputed for a missing value
 * @param missingIndicator whether a 0/1 "missing" feature follows
 */
public record CategoricalEncoder(String column, List<String> categories, String mostFrequent, boolean missingIndicator)
    implements ColumnEncoder {

  public CategoricalEncoder {
    categories = List.copyOf(categories);
  }

  @Override
  public int width() {
    return categories.size() + 1 + (missingIndicator ? 1 : 0);
  }

  @Override
  public List<String> featureNames() {
    List<String> names = new ArrayList<>();
    for (String c : categories) {
      names.add(column + "=" + c);
    }
    names.add(column + "=<unknown>");
    if (missingIndicator) {
      names.add(column + "_missing");
    }
    return names;
  }

  @Override
  public void encode(String field, float[] out, int offset, Path file, long line) {
    java.util.Arrays.fill(out, offset, offset + width(), 0f);
    boolean missing = MissingValues.isMissing(field);
    String v = missing ? mostFrequent : field.strip();
    int i = Collections.binarySearch(categories, v);
    out[offset + (i >= 0 ? i : categories.size())] = 1f;
    if (missingIndicator && missing) {
      out[offset + categories.size() + 1] = 1f;
    }
  }
}
