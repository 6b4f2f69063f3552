package dev.xent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class MainTest {
  @Test
  void versionPrintsTheProjectVersion() {
    CliRun r = CliRun.of("--version");

    assertThat(r.exitCode()).isEqualTo(ExitCode.OK);
    assertThat(r.out()).startsWith("xent ").contains("JDK " + System.getProperty("java.version"));
  }

  @Test
  void unknownSubcommandIsAUsageErrorWithAHint() {
    CliRun r = CliRun.of("bogus");

    assertThat(r.exitCode()).isEqualTo(ExitCode.USER_ERROR);
    assertThat(r.err()).contains("bogus").contains("--help");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void noSubcommandPrintsTheUsageOnStderrAsAUsageError() {
    CliRun r = CliRun.of();

    assertThat(r.exitCode()).isEqualTo(ExitCode.USER_ERROR);
    assertThat(r.err()).contains("Usage: xent").contains("loss").contains("info");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void helpEndsWithExamples() {
    CliRun r = CliRun.of("--help");

    assertThat(r.exitCode()).isEqualTo(ExitCode.OK);
    assertThat(r.out()).contains("Examples:").contains("xent loss");
  }

  @Test
  void everySubcommandIsRegistered() {
    CommandLine cmd = Main.commandLine();

    assertThat(cmd.getSubcommands()).containsKeys("info", "bench");
    assertThat(cmd.getSubcommands().get("bench").getSubcommands()).containsKey("loss");
  }

  @Test
  void internalErrorHidesTheStackTraceAndExits70() {
    CommandLine cmd = Main.commandLine();
    cmd.addSubcommand("boom", new Boom());
    java.io.StringWriter err = new java.io.StringWriter();
    cmd.setErr(new java.io.PrintWriter(err, true));

    int code = cmd.execute("boom");

    assertThat(code).isEqualTo(ExitCode.INTERNAL_ERROR);
    assertThat(err.toString()).startsWith("xent: internal error: java.lang.IllegalStateException: broken")
        .doesNotContain("\tat ");
  }

  @Test
  void debugModeAddsTheStackTrace() {
    CommandLine cmd = Main.commandLine();
    cmd.addSubcommand("boom", new Boom());
    java.io.StringWriter err = new java.io.StringWriter();
    cmd.setErr(new java.io.PrintWriter(err, true));
    System.setProperty("xent.debug", "true");
    try {
      assertThat(cmd.execute("boom")).isEqualTo(ExitCode.INTERNAL_ERROR);
    } finally {
      System.clearProperty("xent.debug");
    }

    assertThat(err.toString()).contains("internal error").contains("\tat dev.xent.cli.MainTest$Boom.execute");
  }

  @Test
  void ioErrorNamesThePathAndExits3() {
    CommandLine cmd = Main.commandLine();
    cmd.addSubcommand("io", new IoFailure());
    java.io.StringWriter err = new java.io.StringWriter();
    cmd.setErr(new java.io.PrintWriter(err, true));

    int code = cmd.execute("io");

    assertThat(code).isEqualTo(ExitCode.IO_ERROR);
    assertThat(err.toString()).contains("/some/dir/file.npy").contains("Permission denied").doesNotContain("\tat ");
  }

  @CommandLine.Command(name = "boom")
  static final class Boom extends BaseCommand {
    @Override
    protected int execute() {
      throw new IllegalStateException("broken");
    }
  }

  @CommandLine.Command(name = "io")
  static final class IoFailure extends BaseCommand {
    @Override
    protected int execute() throws Exception {
      throw new java.nio.file.AccessDeniedException("/some/dir/file.npy", null, "Permission denied");
    }
  }
}
