package dev.xent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoCommandTest {
  @TempDir Path tmp;

  @Test
  void digitsDemoTrainsFromTheJarAndWritesTheReport() throws IOException {
    Path report = tmp.resolve("r/report.html");
    CliRun r = CliRun.of("demo", "--epochs", "8", "--report", report.toString());
    assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCode.OK);
    assertThat(r.err()).contains("Epoch 8/8").contains("val_accuracy");
    Matcher m = Pattern.compile("test accuracy: ([0-9.]+)  test loss: ([0-9.]+)  \\((\\d+) rows").matcher(r.out());
    assertThat(m.find()).as(r.out()).isTrue();
    // 8 epochs of a 64-unit MLP on 8x8 digits: well above 90% (the full 30-epoch demo gets ~97.8%).
    assertThat(Double.parseDouble(m.group(1))).isGreaterThan(0.9);
    assertThat(Double.parseDouble(m.group(2))).isLessThan(0.4);
    // 20% of 1797, stratified per class.
    assertThat(Integer.parseInt(m.group(3))).isBetween(355, 365);
    String html = Files.readString(report);
    assertThat(html).contains("digits").contains("<h2>Training</h2>").contains("data sha-256");
  }

  @Test
  void fashionMnistMissingSaysHowToInstallIt() {
    CliRun r = CliRun.of("demo", "fashion-mnist", "--data-dir", tmp.resolve("none").toString());
    assertThat(r.exitCode()).isEqualTo(ExitCode.USER_ERROR);
    assertThat(r.err()).contains("sudo apt-get install dataset-fashion-mnist");
  }

  @Test
  void unknownDemoIsAUserError() {
    CliRun r = CliRun.of("demo", "cifar");
    assertThat(r.exitCode()).isEqualTo(ExitCode.USER_ERROR);
    assertThat(r.err()).contains("choose digits or fashion-mnist");
  }
}
