package dev.xent.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.xent.data.UserInputException;
import org.junit.jupiter.api.Test;
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
  void defaultsAreTheDocumentedOnes() {
    TrainCommand c = new TrainCommand();
    new CommandLine(c).parseArgs("data");
    assertThat(c.hidden).isEqualTo("256,128");
    assertThat(c.activation).isEqualTo("relu");
    assertThat(c.epochs).isEqualTo(10);
    assertThat(c.batchSize).isEqualTo(128);
    assertThat(c.optimizer).isEqualTo("adam");
    assertThat(c.learningRate).isNull(); // the optimizer's own: Adam 1e-3
    assertThat(c.loss).isEqualTo("categorical");
    assertThat(c.validationSplitOption).isNull();
    assertThat(c.seed).isZero();
    assertThat(c.standardize).isEqualTo("on");
    assertThat(c.out).isNull();
  }

  @Test
  void emptyHiddenArgumentParses() {
    TrainCommand c = new TrainCommand();
    new CommandLine(c).parseArgs("data", "--hidden", "", "--optimizer", "lbfgs");
    assertThat(TrainCommand.parseHidden(c.hidden)).isEmpty();
  }
}
