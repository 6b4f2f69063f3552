package dev.xent.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.xent.data.UserInputException;
import dev.xent.optim.LearningRateSchedule;
import dev.xent.train.SoftmaxRegressionConfig;
import dev.xent.train.TrainerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class TrainCommandTest {
  @Test
  void hiddenSizes() {
    assertThat(TrainCommand.parseHidden("256,128")).containsExactly(256, 128);
    assertThat(TrainCommand.parseHidden(" 64 ")).containsExactly(64);
    assertThat(TrainCommand.parseHidden("")).isEmpty();
    assertThat(TrainCommand.parseHidden("0")).isEmpty();
    assertThatThrownBy(() -> TrainCommand.parseHidden("128,0")).isInstanceOf(UserInputException.class)
        .hasMessageContaining("'128,0'");
    assertThatThrownBy(() -> TrainCommand.parseHidden("1e3")).isInstanceOf(UserInputException.class);
  }

  @Test
  void defaultsComeFromTheCoreConfigs() {
    TrainCommand c = new TrainCommand();
    new CommandLine(c).parseArgs("data");
    TrainerConfig d = TrainerConfig.DEFAULTS;
    assertThat(c.epochs).isEqualTo(d.epochs());
    assertThat(c.batchSize).isEqualTo(d.batchSize());
    assertThat(c.seed).isEqualTo(d.seed());
    assertThat(c.validationSplit).isEqualTo(d.validationSplit());
    assertThat(LearningRateSchedule.parse(c.schedule)).isEqualTo(d.schedule());
    assertThat(c.standardize).isEqualTo(d.standardize() ? "on" : "off");
    assertThat(c.maxIterations).isEqualTo(SoftmaxRegressionConfig.DEFAULTS.lbfgs().maxIterations());
    assertThat(SoftmaxRegressionConfig.DEFAULTS.standardize()).isEqualTo(d.standardize());
    // The values the benchmark settings call for, so a change to the core defaults is deliberate.
    assertThat(d.batchSize()).isEqualTo(128);
    assertThat(d.seed()).isZero();
    assertThat(d.validationSplit()).isEqualTo(0.1);
    assertThat(d.schedule()).isEqualTo(new LearningRateSchedule.Cosine(0));
    assertThat(c.hidden).isEqualTo("auto");
    assertThat(c.optimizer).isEqualTo("auto");
    assertThat(c.activation).isEqualTo("relu");
    assertThat(c.learningRate).isNull(); // the optimizer's own: Adam 1e-3
    assertThat(c.loss).isEqualTo("categorical");
    assertThat(c.out).isNull();
  }

  @Test
  void helpShowsTheCoreDefaults() {
    String help = new CommandLine(new TrainCommand()).getUsageMessage();
    assertThat(help).contains("Default: " + TrainerConfig.DEFAULTS.batchSize() + ".")
        .contains("Default: " + TrainerConfig.DEFAULTS.validationSplit() + " (").contains("Default: cosine.")
        .contains("Default: auto.").doesNotContain("${DEFAULT-VALUE}").doesNotContain("Default: null");
  }

  @Test
  void autoPicksANetworkForImagesAndSoftmaxRegressionForTables(@TempDir Path tmp) throws Exception {
    Path idx = Files.createDirectory(tmp.resolve("fashion"));
    Path csv = Files.writeString(tmp.resolve("iris.csv"), "a,b,species\n1,2,x\n");
    Path npy = Files.write(tmp.resolve("x.npy"), new byte[] {0});
    assertThat(TrainCommand.resolveHidden("auto", idx)).containsExactly(256, 128);
    assertThat(TrainCommand.resolveHidden(" AUTO ", csv)).isEmpty();
    assertThat(TrainCommand.resolveHidden("auto", npy)).isEmpty();
    assertThat(TrainCommand.resolveOptimizer("auto", new int[] {256, 128})).isEqualTo("adam");
    assertThat(TrainCommand.resolveOptimizer("auto", new int[0])).isEqualTo("lbfgs");
    // Explicit choices win over the data.
    assertThat(TrainCommand.resolveHidden("64,32", csv)).containsExactly(64, 32);
    assertThat(TrainCommand.resolveHidden("0", idx)).isEmpty();
    assertThat(TrainCommand.resolveOptimizer("sgd", new int[0])).isEqualTo("sgd");
    assertThat(TrainCommand.resolveOptimizer("Adam", new int[0])).isEqualTo("adam");
    assertThat(TrainCommand.resolveOptimizer("lbfgs", new int[] {8})).isEqualTo("lbfgs"); // rejected in execute
    TrainCommand c = new TrainCommand();
    new CommandLine(c).parseArgs(csv.toString(), "--hidden", "64,32", "--optimizer", "sgd");
    assertThat(TrainCommand.resolveHidden(c.hidden, c.data)).containsExactly(64, 32);
    assertThat(TrainCommand.resolveOptimizer(c.optimizer, TrainCommand.resolveHidden(c.hidden, c.data)))
        .isEqualTo("sgd");
  }

  @Test
  void emptyHiddenArgumentParses() {
    TrainCommand c = new TrainCommand();
    new CommandLine(c).parseArgs("data", "--hidden", "", "--optimizer", "lbfgs");
    assertThat(TrainCommand.parseHidden(c.hidden)).isEmpty();
  }
}
