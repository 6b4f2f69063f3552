package dev.xent.io.csv;

import java.util.Locale;
import java.util.Set;

/**
 * The markers read as a missing value: an empty or blank field, and {@code NA}, {@code N/A}, {@code null},
 * {@code ?}, {@code NaN}, compared case-insensitively after trimming. These are the markers pandas, R and the
 * UCI repository files use; anything else is a value.
 */
public final class MissingValues {
  private static final Set<String> MARKERS = Set.of("na", "n/a", "null", "?", "nan");

  private MissingValues() {}

  /** True when {@code field} is null, blank, or one of the missing markers. */
  public static boolean isMissing(String field) {
    if (field == null) {
      return true;
    }
    String t = field.trim();
    return t.isEmpty() || (t.length() <= 4 && MARKERS.contains(t.toLowerCase(Locale.ROOT)));
  }
}
