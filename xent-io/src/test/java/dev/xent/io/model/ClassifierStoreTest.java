package dev.xent.io.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.xent.data.LabelEncoding;
import dev.xent.data.Standardizer;
import dev.xent.io.safetensors.Safetensors;
import dev.xent.model.Classifier;
import dev.xent.model.Provenance;
import dev.xent.nn.Initializer;
import dev.xent.nn.LayerSpec;
import dev.xent.nn.Sequential;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassifierStoreTest {
  @TempDir Path root;

  @Test
  void savedClassifierPredictsBitIdenticallyAfterLoading() {
    List<LayerSpec> specs = Sequential.mlpSpecs(4, new int[] {5, 3}, 3, LayerSpec.Type.TANH, 0.2);
    Sequential net = Sequential.fromSpecs(specs);
    net.initialize(Initializer.HE_NORMAL, new SplittableRandom(3));
    Standardizer st = new Standardizer(new float[] {0f, 1f, 2f, 3f}, new float[] {1f, 2f, 0.5f, 1f});
    Classifier model = new Classifier(net, LabelEncoding.frozen(List.of("b", "a", "c")), st,
        Provenance.of(11L, Map.of("epochs", "3", "optimizer", "adam")));
    Path dir = root.resolve("model");
    ClassifierStore.save(dir, model, new ModelConfig.LossSpec("categorical", 0.1, null, null, null),
        new ModelConfig.InputSchema("npy", null, null), Map.of());

    ClassifierStore.Loaded loaded = ClassifierStore.load(dir);
    float[] x = {0.5f, -1f, 2f, 7f, 1f, 1f, 1f, 1f};
    assertThat(loaded.classifier().predictProba(x, 2)).containsExactly(model.predictProba(x, 2));
    assertThat(loaded.classifier().encoding().names()).containsExactly("b", "a", "c");
    assertThat(loaded.classifier().standardizer().std()).containsExactly(1f, 2f, 0.5f, 1f);
    assertThat(loaded.classifier().provenance().seed()).isEqualTo(11L);
    ModelConfig.Architecture a = loaded.config().architecture();
    assertThat(a.inputDim()).isEqualTo(4);
    assertThat(a.hidden()).containsExactly(5, 3);
    assertThat(a.activation()).isEqualTo("tanh");
    assertThat(a.dropout()).isEqualTo(0.2);
    assertThat(a.outputClasses()).isEqualTo(3);
    // dense, tanh, dropout, dense, tanh, dropout, dense: PyTorch nn.Sequential positions 0, 3 and 6
    assertThat(Safetensors.read(dir.resolve("model.safetensors")).tensors().keySet()).containsExactly(
        "layers.0.bias", "layers.0.weight", "layers.3.bias", "layers.3.weight", "layers.6.bias", "layers.6.weight");
    assertThat(Safetensors.read(dir.resolve("model.safetensors")).tensor("layers.3.weight").shape())
        .containsExactly(3, 5);
  }
}
