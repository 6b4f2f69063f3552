package dev.xent.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.xent.data.Matrix;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The Java API example of README.md, verbatim, so the README never shows code that does not compile or run. */
class ReadmeExampleTest {
  private static final String START = "// --- README example start ---";
  private static final String END = "// --- README example end ---";

  @Test
  void readmeExampleComputesTheKerasDocstringLossAndItsGradient() {
    // --- README example start ---
    Matrix yTrue = Matrix.of(new double[] {0, 1, 0}, new double[] {0, 0, 1});      // [2, 3] one-hot
    Matrix yPred = Matrix.of(new double[] {0.05, 0.95, 0}, new double[] {0.1, 0.8, 0.1}); // [2, 3] probabilities
    DenseTargetLoss cce = new CategoricalCrossentropy(LossOptions.keras());
    LossResult r = cce.compute(yTrue, yPred, null, true);
    double loss = r.value();                       // 1.1769392 (Keras: 1.177)
    Matrix grad = r.gradient();                    // [2, 3]: d loss / d y_pred

    var torch = new SparseCategoricalCrossentropy(LossOptions.torch());        // logits, PyTorch semantics
    Matrix logits = Matrix.of(new double[] {3, 1}, new double[] {1, 2});
    double ce = torch.compute(new int[] {0, 1}, logits, null, false).value(); // 0.2200 (F.cross_entropy)
    // --- README example end ---

    assertThat(loss).isCloseTo(1.1769392, within(1e-7));
    assertThat(grad.shape()).isEqualTo("[2, 3]");
    assertThat(grad.get(1, 2)).isCloseTo(-4.5, within(1e-5));
    // F.cross_entropy(tensor([[3.,1.],[1.,2.]]).double(), tensor([0, 1])) = mean(0.12692801, 0.31326169)
    assertThat(ce).isCloseTo((0.1269280110429726 + 0.31326168751822286) / 2, within(1e-12));
  }

  @Test
  void readmeShowsExactlyTheCodeThatRunsHere() throws IOException {
    // Maven runs tests in the module directory; README.md is the repository root's, one level up.
    String readme = Files.readString(Path.of("..", "README.md"));
    String test = Files.readString(Path.of("src/test/java/dev/xent/loss/ReadmeExampleTest.java"));
    String fromTest = between(test, "    " + START + "\n", "    " + END).lines()
        .map(l -> l.startsWith("    ") ? l.substring(4) : l).collect(Collectors.joining("\n"));
    String fromReadme = between(readme, "```java\n", "```").strip();

    assertThat(fromReadme).isEqualTo(fromTest.strip());
  }

  private static String between(String text, String start, String end) {
    int from = text.indexOf(start);
    assertThat(from).as("marker %s", start).isNotNegative();
    from += start.length();
    int to = text.indexOf(end, from);
    assertThat(to).as("marker %s", end).isPositive();
    return text.substring(from, to);
  }
}
