package dev.xent.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.xent.data.Matrix;
import org.junit.jupiter.api.Test;

/** The Java API example of README.md, verbatim, so the README never shows code that does not compile or run. */
class ReadmeExampleTest {
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
}
