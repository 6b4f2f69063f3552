package dev.xent.io.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.xent.io.DataFormatException;
import dev.xent.io.safetensors.Safetensors;
import dev.xent.io.safetensors.Tensor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ModelStoreTest {
  @TempDir Path root;

  /** A 3-2-2 network whose weights are offset + index, so two models are told apart by their values. */
  private static Map<String, Tensor> weights(float offset) {
    Map<String, Tensor> w = new TreeMap<>();
    w.put("layers.0.weight", Tensor.ofFloats(seq(6, offset), 2, 3));
    w.put("layers.0.bias", Tensor.ofFloats(seq(2, offset), 2));
    w.put("layers.2.weight", Tensor.ofFloats(seq(4, offset), 2, 2));
    w.put("layers.2.bias", Tensor.ofFloats(seq(2, offset), 2));
    return w;
  }

  private static float[] seq(int n, float offset) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = offset + i;
    }
    return v;
  }

  private static ModelConfig config(int formatVersion) {
    return new ModelConfig(formatVersion, "xent", "0.1.0-test",
        new ModelConfig.Architecture("mlp", 3, List.of(2), "relu", 0.0, 2, List.of(
            new ModelConfig.Layer("dense", 3, 2, 0), new ModelConfig.Layer("relu", 2, 2, 0),
            new ModelConfig.Layer("dense", 2, 2, 0))),
        new ModelConfig.LossSpec("categorical", 0.1, null, null, null),
        List.of("cat", "dog"),
        new ModelConfig.InputSchema("csv", List.of("a", "b", "c"), "label"),
        new ModelConfig.Normalization(new float[] {0f, 1f, 2f}, new float[] {1f, 0.5f, 4f}),
        7L, Map.of("optimizer", "adam", "learning_rate", 0.001, "epochs", 3));
  }

  @Test
  void roundTrip() throws IOException {
    Path dir = root.resolve("m");
    ModelStore.save(dir, config(1), weights(0), Map.of("history.json", "[]".getBytes(StandardCharsets.UTF_8)));
    StoredModel m = ModelStore.load(dir);
    assertThat(m.weights()).isEqualTo(new TreeMap<>(weights(0)));
    ModelConfig c = m.config();
    assertThat(c.formatVersion()).isEqualTo(1);
    assertThat(c.architecture()).isEqualTo(config(1).architecture());
    assertThat(c.classNames()).containsExactly("cat", "dog");
    assertThat(c.input()).isEqualTo(config(1).input());
    assertThat(c.normalization().std()).containsExactly(1f, 0.5f, 4f);
    assertThat(c.seed()).isEqualTo(7L);
    assertThat(c.loss().labelSmoothing()).isEqualTo(0.1);
    assertThat(c.training()).containsEntry("optimizer", "adam").containsEntry("epochs", 3);
    assertThat(Files.readString(dir.resolve("history.json"))).isEqualTo("[]");
    String json = Files.readString(dir.resolve("config.json"));
    assertThat(json).contains("\"format_version\" : 1", "\"input_dim\" : 3", "\"type\" : \"relu\"", "\"class_names\"", "\"hidden\" : [ 2 ]");
    assertThat(Safetensors.read(dir.resolve("model.safetensors")).metadata()).containsEntry("format", "pt");
    assertThat(siblings()).containsExactly("m");
  }

  @Test
  void replacesAPreviousModel() {
    Path dir = root.resolve("m");
    ModelStore.save(dir, config(1), weights(0), Map.of("stale.txt", new byte[1]));
    ModelStore.save(dir, config(1), weights(100), Map.of());
    assertThat(ModelStore.load(dir).weights().get("layers.2.bias").toFloats()).containsExactly(100f, 101f);
    assertThat(Files.exists(dir.resolve("stale.txt"))).isFalse();
    assertThat(siblings()).containsExactly("m");
  }

  @ParameterizedTest
  @ValueSource(strings = {"config", "weights", "synced", "swap"})
  void failureMidSaveKeepsTheOldModelAndLeavesNoTemporaryDirectory(String failAt) {
    Path dir = root.resolve("m");
    ModelStore.save(dir, config(1), weights(0), Map.of());
    ModelStore failing = new ModelStore(step -> {
      if (step.equals(failAt)) {
        throw new IOException("simulated disk full at " + step);
      }
    });
    assertThatThrownBy(() -> failing.write(dir, config(1), weights(100), Map.of()))
        .hasMessageContaining("simulated disk full at " + failAt);
    assertThat(ModelStore.load(dir).weights().get("layers.0.bias").toFloats()).containsExactly(0f, 1f);
    assertThat(siblings()).containsExactly("m");
  }

  @Test
  void failureOnFirstSaveLeavesNothing() {
    Path dir = root.resolve("fresh");
    ModelStore failing = new ModelStore(step -> {
      if (step.equals("weights")) {
        throw new IOException("simulated");
      }
    });
    assertThatThrownBy(() -> failing.write(dir, config(1), weights(0), Map.of())).hasMessageContaining("simulated");
    assertThat(siblings()).isEmpty();
  }

  @Test
  void refusesToReplaceADirectoryThatIsNotAModel() throws IOException {
    Path dir = root.resolve("home");
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("thesis.tex"), "precious");
    assertThatThrownBy(() -> ModelStore.save(dir, config(1), weights(0), Map.of()))
        .isInstanceOf(DataFormatException.class)
        .hasMessageContaining("holds no xent model");
    assertThat(Files.readString(dir.resolve("thesis.tex"))).isEqualTo("precious");
  }

  @Test
  void rejectsANewerFormatVersion() throws IOException {
    Path dir = root.resolve("m");
    ModelStore.save(dir, config(1), weights(0), Map.of());
    String json = Files.readString(dir.resolve("config.json")).replace("\"format_version\" : 1", "\"format_version\" : 99");
    Files.writeString(dir.resolve("config.json"), json);
    assertThatThrownBy(() -> ModelStore.load(dir))
        .isInstanceOf(DataFormatException.class)
        .hasMessageContaining("model format version 99 was written by a newer xent")
        .hasMessageContaining("Upgrade xent");
  }

  @Test
  void rejectsMissingFilesAndDirectories() throws IOException {
    assertThatThrownBy(() -> ModelStore.load(root.resolve("none"))).hasMessageContaining("model directory not found");
    Path dir = root.resolve("m");
    ModelStore.save(dir, config(1), weights(0), Map.of());
    Files.delete(dir.resolve("model.safetensors"));
    assertThatThrownBy(() -> ModelStore.load(dir))
        .isInstanceOf(DataFormatException.class).hasMessageContaining("no model.safetensors");
    Files.delete(dir.resolve("config.json"));
    assertThatThrownBy(() -> ModelStore.load(dir)).hasMessageContaining("no config.json");
  }

  @Test
  void rejectsWeightsThatDisagreeWithTheConfig() throws IOException {
    Path dir = root.resolve("m");
    ModelStore.save(dir, config(1), weights(0), Map.of());
    Map<String, Tensor> w = new TreeMap<>(weights(0));
    w.put("layers.0.weight", Tensor.ofFloats(seq(6, 0), 3, 2)); // transposed: [in, out] instead of [out, in]
    new Safetensors(new TreeMap<>(w), Map.of()).write(dir.resolve("model.safetensors"));
    assertThatThrownBy(() -> ModelStore.load(dir))
        .isInstanceOf(DataFormatException.class)
        .hasMessageContaining("tensor 'layers.0.weight' has shape [3, 2]")
        .hasMessageContaining("need [2, 3]");
    w = new TreeMap<>(weights(0));
    w.remove("layers.2.bias");
    new Safetensors(new TreeMap<>(w), Map.of()).write(dir.resolve("model.safetensors"));
    assertThatThrownBy(() -> ModelStore.load(dir)).hasMessageContaining("no tensor 'layers.2.bias'");
    w = new TreeMap<>(weights(0));
    w.put("layers.1.bias", Tensor.ofFloats(seq(2, 0), 2));
    Map<String, Tensor> extra = w;
    assertThatThrownBy(() -> ModelStore.save(root.resolve("x"), config(1), extra, Map.of()))
        .hasMessageContaining("unexpected tensor 'layers.1.bias'");
  }

  @Test
  void rejectsDamagedConfig() throws IOException {
    Path dir = root.resolve("m");
    ModelStore.save(dir, config(1), weights(0), Map.of());
    Files.writeString(dir.resolve("config.json"), "{\"format_version\": 1, \"architecture\": ");
    assertThatThrownBy(() -> ModelStore.load(dir)).hasMessageContaining("invalid JSON");
  }

  private List<String> siblings() {
    try (Stream<Path> s = Files.list(root)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}
