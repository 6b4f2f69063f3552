package dev.xent.cli;

/** The exit codes of {@code xent}, one place for each. */
public final class ExitCode {
  /** Success. */
  public static final int OK = 0;
  /** The user's input or arguments are unusable; the message says what to change. */
  public static final int USER_ERROR = 2;
  /** A file could not be read or written. */
  public static final int IO_ERROR = 3;
  /** A bug in xent: sysexits.h's EX_SOFTWARE. */
  public static final int INTERNAL_ERROR = 70;

  private ExitCode() {}
}
