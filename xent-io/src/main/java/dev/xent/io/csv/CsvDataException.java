package dev.xent.io.csv;

import java.nio.file.Path;

/**
 * A CSV file cannot be used as asked: a value that does not fit its column, a target that cannot train a
 * classifier, a malformed row. An {@link IllegalArgumentException}, so the command line reports it as a user
 * error (the message, no stack trace). The message names the file, the line (1-based, as an editor shows it) and the
 * column where there is one, and says what to do.
 */
public final class CsvDataException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final transient Path file;
  private final long line;
  private final String column;

  /**
   * An error at one place in a file.
   *
   * @param file the file, or null when the data did not come from a file
   * @param line 1-based line number, or 0 when the error is not about one line
   * @param column the column name, or null when the error is not about one column
   * @param problem what is wrong and what to do
   */
  public CsvDataException(Path file, long line, String column, String problem) {
    super(format(file, line, column, problem));
    this.file = file;
    this.line = line;
    this.column = column;
  }

  /** The file the error is in, or null. */
  public Path file() {
    return file;
  }

  /** The 1-based line number, or 0 when the error is not about one line. */
  public long line() {
    return line;
  }

  /** The column name, or null when the error is not about one column. */
  public String column() {
    return column;
  }

  private static String format(Path file, long line, String column, String problem) {
    StringBuilder sb = new StringBuilder();
    sb.append(file == null ? "<data>" : file.toString());
    if (line > 0) {
      sb.append(", line ").append(line);
    }
    if (column != null) {
      sb.append(", column '").append(column).append('\'');
    }
    return sb.append(": ").append(problem).toString();
  }
}
