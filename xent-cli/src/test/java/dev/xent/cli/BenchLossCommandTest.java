package dev.xent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class BenchLossCommandTest {
  @Test
  void parsesRowsClassesThreadsAndJson() {
    BenchLossCommand c = new BenchLossCommand();
    new CommandLine(c).parseArgs("--rows", "128", "--classes", "10", "--threads", "3", "--json");

    assertThat(c.rows).isEqualTo(128);
    assertThat(c.classes).isEqualTo(10);
    assertThat(c.threads.threads()).isEqualTo(3);
    assertThat(c.json.enabled()).isTrue();
  }

  @Test
  void threadsDefaultToAvailableProcessors() {
    BenchLossCommand c = new BenchLossCommand();
    new CommandLine(c).parseArgs("--rows", "1", "--classes", "1");

    assertThat(c.threads.threads()).isEqualTo(Runtime.getRuntime().availableProcessors());
  }

  @Test
  void zeroRowsIsAUserError() {
    CliRun r = CliRun.of("bench", "loss", "--rows", "0", "--classes", "10");

    assertThat(r.exitCode()).isEqualTo(ExitCode.USER_ERROR);
    assertThat(r.err()).contains("--rows").doesNotContain("\tat ");
  }

  @Test
  void missingClassesIsAUsageError() {
    CliRun r = CliRun.of("bench", "loss", "--rows", "10");

    assertThat(r.exitCode()).isEqualTo(ExitCode.USER_ERROR);
    assertThat(r.err()).contains("--classes");
  }
}
