package dev.xent.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The base of every subcommand: data goes to {@link #out()}, messages to {@link #err()}; both are the command
 * line's writers, so tests capture them. Exceptions are left to {@link ErrorReporter}.
 */
public abstract class BaseCommand implements Callable<Integer> {
  @CommandLine.Spec protected CommandSpec spec;

  /** Where data goes (stdout unless redirected). */
  protected PrintWriter out() {
    return spec.commandLine().getOut();
  }

  /** Where messages, warnings and progress go (stderr unless redirected). */
  protected PrintWriter err() {
    return spec.commandLine().getErr();
  }

  @Override
  public final Integer call() throws Exception {
    int code = execute();
    out().flush();
    err().flush();
    return code;
  }

  /** Does the command's work and returns an {@link ExitCode}. */
  protected abstract int execute() throws Exception;
}
