package dev.xent.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.xent.data.Matrix;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The Java API examples of README.md, verbatim, so the README never shows code that does not compile or run. */
class ReadmeExampleTest {
  private static final String START = "// --- README example start ---";
  private static final String END = "// --- README example end ---";
  private static final String FUSED_START = "// --- README fused example start ---";
  private static final String FUSED_END = "// --- README fused example end ---";

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
  void readmeFusedExampleWritesTheGradientOverTheLogits() {
    // --- README fused example start ---
    var fused = new FusedSoftmaxCrossEntropy(LossOptions.torch(), 2, 3); // up to 2 rows of 3 classes
    float[] z = {1, 2, 3, 1, 2, 3};                                        // [2, 3] logits, row-major
    double mean = fused.sparse(z, 2, new int[] {2, 0}, null, z);         // 1.4076059; z is now the gradient
    // --- README fused example end ---

    // closed form: p = softmax(1, 2, 3); the losses are -log p_2 and -log p_0, the gradient (p - e_t) / 2
    double sum = Math.exp(1) + Math.exp(2) + Math.exp(3);
    double[] p = {Math.exp(1) / sum, Math.exp(2) / sum, Math.exp(3) / sum};
    assertThat(mean).isCloseTo((-Math.log(p[2]) - Math.log(p[0])) / 2, within(1e-6));
    assertThat(mean).isCloseTo(1.4076059, within(1e-7));
    double[] expected = {p[0] / 2, p[1] / 2, (p[2] - 1) / 2, (p[0] - 1) / 2, p[1] / 2, p[2] / 2};
    for (int k = 0; k < 6; k++) {
      assertThat((double) z[k]).as("gradient %d", k).isCloseTo(expected[k], within(1e-7));
    }
  }

  @Test
  void readmeShowsExactlyTheCodeThatRunsHere() throws IOException {
    // Maven runs tests in the module directory; README.md is the repository root's, one level up.
    String readme = Files.readString(Path.of("..", "README.md"));
    String test = Files.readString(Path.of("src/test/java/dev/xent/loss/ReadmeExampleTest.java"));
    String firstBlock = between(readme, "```java\n", "```");
    String afterFirst = readme.substring(readme.indexOf(firstBlock) + firstBlock.length() + 3);

    assertThat(firstBlock.strip()).isEqualTo(example(test, START, END));
    assertThat(between(afterFirst, "```java\n", "```").strip()).isEqualTo(example(test, FUSED_START, FUSED_END));
  }

  /** The lines of the test between two markers, unindented to the README's margin. */
  private static String example(String test, String start, String end) {
    return between(test, "    " + start + "\n", "    " + end).lines()
        .map(l -> l.startsWith("    ") ? l.substring(4) : l).collect(Collectors.joining("\n")).strip();
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
