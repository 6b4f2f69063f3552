package dev.xent.io;

import dev.xent.data.UserInputException;
import java.nio.file.Path;

/**
 * A data or model file that cannot be used as it is: the message names the file, what is wrong with it and
 * what to do. It is a {@link UserInputException}, so front ends report it as a user error (no stack trace).
 */
public final class DataFormatException extends UserInputException {
  private static final long serialVersionUID = 1L;

  /**
   * @param file the offending file or directory
   * @param problem what is wrong, e.g. "bad magic number 0x00000802"
   * @param fix what the user can do about it
   */
  public DataFormatException(Path file, String problem, String fix) {
    super(file, file + ": " + problem + (fix == null || fix.isEmpty() ? "" : ". " + fix));
  }

  /** A message that already names the file and the fix. */
  public DataFormatException(String message) {
    super(message);
  }

  /** A problem in {@code file} found through {@code cause}; the message already names the file and the fix. */
  public DataFormatException(Path file, String message, Throwable cause) {
    super(file, message, cause);
  }
}
