package dev.xent.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code xent bench}: the group of built-in benchmarks. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = "Run a built-in benchmark.",
    subcommands = {BenchLossCommand.class},
    footerHeading = "%nExamples:%n",
    footer = {"  xent bench loss --rows 4096 --classes 1000 --threads 1"})
public final class BenchCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing benchmark name (try: xent bench loss)");
  }
}
