package dev.xent.io;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import dev.xent.data.UserInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Reads a numeric CSV file into a float64 [rows, cols] {@link NumericArray}: comma-separated, every row with the
 * same number of columns, no header unless no field of the first row is a number (then it is taken as a header
 * and skipped; a first row mixing numbers and words is an error, so a typo never silently drops a row). Trailing
 * empty lines are skipped; an empty line between rows is an error. A UTF-8 byte-order mark is skipped, and a file
 * separated by ';' or tabs is reported as such.
 *
 * <p>Numbers are decimal or scientific; {@code nan}, {@code inf} and {@code -inf} (as numpy.savetxt writes them,
 * in any case) are accepted. Every error names the file, the line, the column and the bad value.
 */
public final class CsvMatrixReader {
  private CsvMatrixReader() {}

  /**
   * Reads {@code file}.
   *
   * @throws UserInputException for a missing or empty file, a ragged row, or a value that is not a number
   * @throws IOException if reading fails
   */
  public static NumericArray read(Path file) throws IOException {
    DoubleList values = new DoubleList();
    int cols = -1;
    long rows = 0;
    long pendingEmptyLine = -1; // an empty line is an error only if a row follows it
    boolean first = true;
    // detectBomHeader: spreadsheet programs (Excel's "CSV UTF-8") start the file with a byte-order mark, which
    // would otherwise become part of the first number.
    try (CsvReader<CsvRecord> csv = CsvReader.builder().skipEmptyLines(false).allowExtraFields(true)
        .allowMissingFields(true).detectBomHeader(true).ofCsvRecord(file)) {
      for (CsvRecord rec : csv) {
        long line = rec.getStartingLineNumber();
        if (rec.getFieldCount() == 1 && rec.getField(0).isBlank()) {
          if (pendingEmptyLine < 0) {
            pendingEmptyLine = line;
          }
          continue;
        }
        if (pendingEmptyLine >= 0) {
          throw new UserInputException(file, file + " line " + pendingEmptyLine + ": empty line between rows; "
              + "remove it");
        }
        if (first) {
          first = false;
          if (rec.getFieldCount() == 1) {
            // One field could be a one-column header, unless it holds another separator.
            requireCommaSeparated(file, line, rec.getField(0));
          }
          if (isHeader(rec)) {
            cols = rec.getFieldCount();
            continue;
          }
        }
        if (cols < 0) {
          cols = rec.getFieldCount();
        } else if (rec.getFieldCount() != cols) {
          throw new UserInputException(file, file + " line " + line + ": " + rec.getFieldCount()
              + " columns, but the first row has " + cols + "; every row needs the same number of columns");
        }
        for (int c = 0; c < cols; c++) {
          values.add(parse(file, line, c, rec.getField(c)));
        }
        rows++;
      }
    } catch (NoSuchFileException e) {
      throw new UserInputException(file, "file not found: " + file, e);
    } catch (CsvParseException e) {
      throw new UserInputException(file, file + ": not valid CSV: " + e.getMessage(), e);
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    if (rows == 0) {
      throw new UserInputException(file, file + " holds no rows of numbers; expected comma-separated numbers, one "
          + "sample per line");
    }
    if (rows * cols > Integer.MAX_VALUE - 8) {
      throw new UserInputException(file, file + ": " + rows * cols + " values are more than one Java array holds");
    }
    return new NumericArray(values.toArray(), new int[] {(int) rows, cols}, "float64");
  }

  /** A field holding ';' or a tab means the file uses another separator: say so instead of "not a number". */
  private static void requireCommaSeparated(Path file, long line, String field) {
    char sep = field.indexOf(';') >= 0 ? ';' : field.indexOf('\t') >= 0 ? '\t' : 0;
    if (sep != 0) {
      throw new UserInputException(file, file + " line " + line + ": values are separated by "
          + (sep == ';' ? "';'" : "tabs") + ", but xent reads comma-separated files; convert it, e.g. with "
          + (sep == ';' ? "tr ';' ','" : "tr '\\t' ','") + " (and decimal commas to points)");
    }
  }

  /** A first row is a header when none of its fields is a number. */
  private static boolean isHeader(CsvRecord rec) {
    for (String f : rec.getFields()) {
      if (!Double.isNaN(tryParse(f)) || isNanWord(f.strip())) {
        return false;
      }
    }
    return true;
  }

  private static double parse(Path file, long line, int col, String field) {
    String s = field.strip();
    double v = tryParse(s);
    if (Double.isNaN(v) && !isNanWord(s)) {
      requireCommaSeparated(file, line, s);
      throw new UserInputException(file, file + " line " + line + ", column " + (col + 1) + ": "
          + (s.isEmpty() ? "empty value" : "'" + field + "' is not a number")
          + "; every value must be a number (nan and inf are allowed)");
    }
    return v;
  }

  /** The value of {@code s}, or NaN if it is not a number (callers tell "nan" apart with {@link #isNanWord}). */
  private static double tryParse(String s) {
    String t = s.strip();
    if (t.isEmpty()) {
      return Double.NaN;
    }
    char last = t.charAt(t.length() - 1);
    // Double.parseDouble also takes Java suffixes ("1f", "2d") and hex floats, which are not CSV numbers.
    if (last == 'f' || last == 'F' || last == 'd' || last == 'D' || t.contains("x") || t.contains("X")) {
      return specialValue(t);
    }
    try {
      return Double.parseDouble(t);
    } catch (NumberFormatException e) {
      return specialValue(t);
    }
  }

  private static double specialValue(String t) {
    return switch (t.toLowerCase(Locale.ROOT)) {
      case "inf", "+inf", "infinity", "+infinity" -> Double.POSITIVE_INFINITY;
      case "-inf", "-infinity" -> Double.NEGATIVE_INFINITY;
      default -> Double.NaN;
    };
  }

  private static boolean isNanWord(String t) {
    String l = t.toLowerCase(Locale.ROOT);
    return l.equals("nan") || l.equals("+nan") || l.equals("-nan");
  }

  /** A growable double array, so reading never boxes. */
  private static final class DoubleList {
    private double[] a = new double[1024];
    private int n;

    void add(double v) {
      if (n == a.length) {
        a = java.util.Arrays.copyOf(a, Math.max(16, (int) Math.min(Integer.MAX_VALUE - 8, 2L * a.length)));
      }
      a[n++] = v;
    }

    double[] toArray() {
      return java.util.Arrays.copyOf(a, n);
    }
  }
}
