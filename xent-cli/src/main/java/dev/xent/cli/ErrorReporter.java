package dev.xent.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns an exception thrown by a command into a message on stderr and an {@link ExitCode}.
 *
 * <ul>
 *   <li>user errors ({@link IllegalArgumentException} and its subclasses {@code LossInputException} and
 *       {@code UserInputException}, a missing file): the message only, exit {@link ExitCode#USER_ERROR};
 *   <li>other I/O failures: the path and the reason, exit {@link ExitCode#IO_ERROR};
 *   <li>anything else is a bug: "internal error: ..." with the stack trace only when {@code XENT_DEBUG=1},
 *       exit {@link ExitCode#INTERNAL_ERROR}.
 * </ul>
 */
final class ErrorReporter implements IExecutionExceptionHandler {
  /** Environment variable that turns on stack traces for internal errors. */
  static final String DEBUG_ENV = "XENT_DEBUG";

  @Override
  public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parsed) {
    PrintWriter err = cmd.getErr();
    Throwable t = ex instanceof UncheckedIOException u && u.getCause() != null ? u.getCause() : ex;
    int code;
    if (t instanceof NoSuchFileException nsf) {
      err.println("xent: file not found: " + nsf.getFile() + " (check the path)");
      code = ExitCode.USER_ERROR;
    } else if (t instanceof IllegalArgumentException) {
      err.println("xent: " + t.getMessage());
      code = ExitCode.USER_ERROR;
    } else if (t instanceof FileSystemException fse) {
      err.println("xent: cannot access " + fse.getFile() + ": " + reason(fse));
      code = ExitCode.IO_ERROR;
    } else if (t instanceof IOException) {
      err.println("xent: I/O error: " + t.getMessage());
      code = ExitCode.IO_ERROR;
    } else {
      err.println("xent: internal error: " + t
          + (debug() ? "" : " (set " + DEBUG_ENV + "=1 for the stack trace)"));
      if (debug()) {
        t.printStackTrace(err);
      }
      code = ExitCode.INTERNAL_ERROR;
    }
    err.flush();
    return code;
  }

  private static String reason(FileSystemException e) {
    String r = e.getReason();
    return r != null ? r : e.getClass().getSimpleName().replace("Exception", "").toLowerCase(Locale.ROOT);
  }

  /** Whether internal errors print their stack trace: {@code XENT_DEBUG=1} (or {@code -Dxent.debug=true}). */
  static boolean debug() {
    return "1".equals(System.getenv(DEBUG_ENV)) || Boolean.getBoolean("xent.debug");
  }
}
