package dev.xent.data;

import java.nio.file.Path;

/**
 * A user's file or argument cannot be used: a missing file, a malformed header, a bad value at a named row and
 * column. The message names the file (and the row and column where there is one) and says what to do.
 *
 * <p>Front ends report it as a user error: the message alone, no stack trace.
 */
public class UserInputException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** The file the problem is in, or null when it is not about a file. */
  private final transient Path file;

  /** A problem not tied to one file. */
  public UserInputException(String message) {
    this(null, message, null);
  }

  /** A problem in {@code file}; the message should already name it. */
  public UserInputException(Path file, String message) {
    this(file, message, null);
  }

  /** A problem in {@code file} found through {@code cause}; the message should already name the file. */
  public UserInputException(Path file, String message, Throwable cause) {
    super(message, cause);
    this.file = file;
  }

  /** The file the problem is in, or null. */
  public Path file() {
    return file;
  }
}
