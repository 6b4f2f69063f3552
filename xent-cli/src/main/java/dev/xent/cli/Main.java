package dev.xent.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code xent} root command.
 *
 * <p>Every entry point, the tests included, builds its command line with {@link #commandLine()}, so every
 * subcommand gets the same exception handling and exit codes ({@link ExitCode}).
 */
@Command(
    name = "xent",
    mixinStandardHelpOptions = true,
    versionProvider = XentVersion.class,
    description = "Categorical cross-entropy toolkit for the JVM: the loss family exact to Keras and PyTorch.",
    subcommands = {InfoCommand.class, DemoCommand.class, LossCommand.class, TrainCommand.class, EvaluateCommand.class,
        PredictCommand.class, ReportCommand.class, BenchCommand.class,
        CommandLine.HelpCommand.class},
    footerHeading = "%nExamples:%n",
    footer = {
        "  xent loss --loss categorical --y-true y_true.csv --y-pred y_pred.csv",
        "  xent train /usr/share/datasets/fashion-mnist --hidden 256,128 --out model",
        "  xent evaluate model /usr/share/datasets/fashion-mnist",
        "  xent predict model /usr/share/datasets/fashion-mnist --output predictions.csv",
        "  xent info --json",
        "  xent bench loss --rows 4096 --classes 1000",
        "",
        "Exit codes: 0 ok, 2 bad input or usage, 3 I/O error, 70 internal error "
            + "(set XENT_DEBUG=1 for its stack trace)."})
public final class Main implements java.util.concurrent.Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** Runs {@code xent} with the given arguments and exits with its exit code. */
  public static void main(String[] args) {
    // Library log records (e.g. the kernel provider's fallback notice) become one "xent: ..." line on stderr
    // instead of java.util.logging's two-line default with a timestamp. A user's own setting wins.
    if (System.getProperty(LOG_FORMAT) == null) {
      System.setProperty(LOG_FORMAT, "xent: %5$s%6$s%n");
    }
    System.exit(commandLine().execute(args));
  }

  private static final String LOG_FORMAT = "java.util.logging.SimpleFormatter.format";

  /**
   * The one factory for the command line: the root command with all subcommands and the handlers that turn
   * exceptions into messages and exit codes.
   */
  public static CommandLine commandLine() {
    CommandLine cmd = new CommandLine(new Main());
    cmd.setCaseInsensitiveEnumValuesAllowed(true);
    cmd.setExecutionExceptionHandler(new ErrorReporter());
    cmd.setParameterExceptionHandler(new UsageErrorReporter());
    return cmd;
  }

  /** {@code xent} alone prints the usage on stderr and fails as a usage error. */
  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    spec.commandLine().getErr().flush();
    return ExitCode.USER_ERROR;
  }
}
