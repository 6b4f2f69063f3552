package dev.xent.io.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.xent.io.DataFormatException;
import dev.xent.io.safetensors.Safetensors;
import dev.xent.io.safetensors.Tensor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Saves and loads model directories: {@code config.json} ({@link ModelConfig}) and {@code model.safetensors}.
 *
 * <p>Weights follow PyTorch's {@code nn.Linear}: {@code layers.{i}.weight} is {@code [out, in]} and
 * {@code layers.{i}.bias} is {@code [out]}, float32, where i is the dense layer's position in the layer list
 * (activations and dropout count, as in {@code nn.Sequential}). A PyTorch user loads them into an equivalent
 * {@code nn.Sequential} (see {@code docs/model-format.md}).
 *
 * <p>Saving is atomic: everything is written into a temporary sibling directory, each file and the directory
 * are forced to disk, and only then is the directory renamed into place; an existing model is replaced only
 * after the new one is complete. A failure at any point leaves the previous model (or nothing) and no
 * temporary directory. No Java serialization is involved.
 */
public final class ModelStore {
  /** The model directory's config file. */
  public static final String CONFIG_FILE = "config.json";
  /** The model directory's weights file. */
  public static final String WEIGHTS_FILE = "model.safetensors";

  static final ObjectMapper JSON = new ObjectMapper()
      .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      .enable(SerializationFeature.INDENT_OUTPUT)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  /** Called after each step of a save; tests use it to simulate a failure part-way. */
  interface Checkpoint {
    void reached(String step) throws IOException;
  }

  private final Checkpoint checkpoint;

  ModelStore(Checkpoint checkpoint) {
    this.checkpoint = checkpoint;
  }

  /** The name of the weight tensor of dense layer {@code layer}. */
  public static String weightName(int layer) {
    return "layers." + layer + ".weight";
  }

  /** The name of the bias tensor of dense layer {@code layer}. */
  public static String biasName(int layer) {
    return "layers." + layer + ".bias";
  }

  /**
   * Saves a model directory atomically.
   *
   * @param dir the model directory; replaced if it holds a model, refused if it holds anything else
   * @param config the model's config
   * @param weights the tensors, checked against {@code config}'s architecture
   * @param extraFiles further files to place in the directory (e.g. {@code history.json}), name to content
   */
  public static void save(Path dir, ModelConfig config, Map<String, Tensor> weights, Map<String, byte[]> extraFiles) {
    new ModelStore(step -> {}).write(dir, config, weights, extraFiles);
  }

  /** Loads and checks a model directory. */
  public static StoredModel load(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new DataFormatException(dir, Files.exists(dir) ? "not a directory" : "model directory not found",
          "Pass the directory written by 'xent train --out DIR'");
    }
    Path configFile = dir.resolve(CONFIG_FILE);
    Path weightsFile = dir.resolve(WEIGHTS_FILE);
    for (Path p : List.of(configFile, weightsFile)) {
      if (!Files.isRegularFile(p)) {
        throw new DataFormatException(dir, "no " + p.getFileName() + " in the model directory",
            "A model directory holds config.json and model.safetensors; train again with 'xent train --out DIR'");
      }
    }
    ModelConfig config = readConfig(configFile);
    SortedMap<String, Tensor> weights = Safetensors.read(weightsFile).tensors();
    checkWeights(weightsFile, config, weights);
    return new StoredModel(config, weights);
  }

  private static ModelConfig readConfig(Path file) {
    JsonNode tree;
    try {
      tree = JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
    } catch (JsonProcessingException e) {
      throw new DataFormatException(file, "invalid JSON: " + e.getOriginalMessage(), "The model directory is damaged");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
    if (tree == null || !tree.isObject() || !tree.path("format_version").isInt()) {
      throw new DataFormatException(file, "no integer format_version", "This is not a xent model config");
    }
    int version = tree.get("format_version").asInt();
    if (version > ModelConfig.FORMAT_VERSION) {
      throw new DataFormatException(file, "model format version " + version + " was written by a newer xent ("
          + tree.path("library_version").asText("?") + "); this xent reads format versions up to "
          + ModelConfig.FORMAT_VERSION, "Upgrade xent to load this model");
    }
    ModelConfig c;
    try {
      c = JSON.treeToValue(tree, ModelConfig.class);
    } catch (JsonProcessingException e) {
      throw new DataFormatException(file, "unreadable config: " + e.getOriginalMessage(), "The model directory is damaged");
    }
    ModelConfig.Architecture a = c.architecture();
    if (a == null || a.inputDim() < 1 || a.outputClasses() < 1 || a.layers().isEmpty() || c.classNames() == null) {
      throw new DataFormatException(file, "architecture or class_names missing or invalid", "The model directory is damaged");
    }
    if (c.classNames().size() != a.outputClasses()) {
      throw new DataFormatException(file, c.classNames().size() + " class_names for " + a.outputClasses()
          + " output classes", "The model directory is damaged");
    }
    if (c.normalization() != null && (c.normalization().mean().length != a.inputDim()
        || c.normalization().std().length != a.inputDim())) {
      throw new DataFormatException(file, "normalization holds " + c.normalization().mean().length + " means and "
          + c.normalization().std().length + " stds for input_dim " + a.inputDim(), "The model directory is damaged");
    }
    return c;
  }

  /** Checks that {@code weights} hold exactly the tensors of the architecture's dense layers, with the right shapes. */
  static void checkWeights(Path file, ModelConfig config, Map<String, Tensor> weights) {
    List<ModelConfig.Layer> layers = config.architecture().layers();
    Map<String, long[]> expected = new LinkedHashMap<>();
    for (int i = 0; i < layers.size(); i++) {
      ModelConfig.Layer l = layers.get(i);
      if (l.type().equals("dense")) {
        expected.put(weightName(i), new long[] {l.outputSize(), l.inputSize()});
        expected.put(biasName(i), new long[] {l.outputSize()});
      }
    }
    String arch = describe(layers);
    for (Map.Entry<String, long[]> e : expected.entrySet()) {
      Tensor t = weights.get(e.getKey());
      if (t == null) {
        throw new DataFormatException(file, "no tensor '" + e.getKey() + "' for the layers " + arch
            + " in config.json", "config.json and model.safetensors do not belong together");
      }
      if (!Arrays.equals(t.shape(), e.getValue())) {
        throw new DataFormatException(file, "tensor '" + e.getKey() + "' has shape " + Arrays.toString(t.shape())
            + " but the layers " + arch + " in config.json need " + Arrays.toString(e.getValue()),
            "config.json and model.safetensors do not belong together");
      }
    }
    for (String name : weights.keySet()) {
      if (!expected.containsKey(name)) {
        throw new DataFormatException(file, "unexpected tensor '" + name + "' for the layers " + arch,
            "config.json and model.safetensors do not belong together");
      }
    }
  }

  private static String describe(List<ModelConfig.Layer> layers) {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < layers.size(); i++) {
      ModelConfig.Layer l = layers.get(i);
      sb.append(i == 0 ? "" : ", ").append(i).append(':').append(l.type());
      if (l.type().equals("dense")) {
        sb.append(' ').append(l.inputSize()).append("->").append(l.outputSize());
      }
    }
    return sb.append(']').toString();
  }

  void write(Path dir, ModelConfig config, Map<String, Tensor> weights, Map<String, byte[]> extraFiles) {
    checkWeights(dir.resolve(WEIGHTS_FILE), config, weights);
    Path target = dir.toAbsolutePath().normalize();
    refuseForeignDirectory(target);
    Path parent = target.getParent();
    String base = target.getFileName().toString();
    String tag = UUID.randomUUID().toString().substring(0, 8);
    Path tmp = parent.resolve("." + base + ".tmp-" + tag);
    Path old = parent.resolve("." + base + ".old-" + tag);
    try {
      Files.createDirectories(parent);
      Files.createDirectory(tmp);
      writeSynced(tmp.resolve(CONFIG_FILE), JSON.writeValueAsBytes(config));
      checkpoint.reached("config");
      new Safetensors(new TreeMap<>(weights), Map.of("format", "pt", "library", "xent")).write(tmp.resolve(WEIGHTS_FILE));
      checkpoint.reached("weights");
      for (Map.Entry<String, byte[]> e : extraFiles.entrySet()) {
        writeSynced(tmp.resolve(e.getKey()), e.getValue());
      }
      syncDirectory(tmp);
      checkpoint.reached("synced");
      boolean replacing = Files.exists(target);
      if (replacing) {
        move(target, old);
      }
      try {
        checkpoint.reached("swap");
        move(tmp, target);
      } catch (IOException | RuntimeException e) {
        if (replacing) {
          move(old, target); // put the previous model back
        }
        throw e;
      }
      syncDirectory(parent);
      if (replacing) {
        deleteTree(old);
      }
    } catch (IOException e) {
      deleteQuietly(tmp);
      throw new UncheckedIOException("cannot save the model to " + target + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      deleteQuietly(tmp);
      throw e;
    }
  }

  private static void refuseForeignDirectory(Path target) {
    if (!Files.exists(target)) {
      return;
    }
    if (!Files.isDirectory(target)) {
      throw new DataFormatException(target, "exists and is not a directory", "Choose another --out path");
    }
    if (!Files.isRegularFile(target.resolve(CONFIG_FILE))) {
      try (DirectoryStream<Path> s = Files.newDirectoryStream(target)) {
        if (s.iterator().hasNext()) {
          throw new DataFormatException(target, "exists, is not empty and holds no xent model (no config.json)",
              "Choose a new or empty directory for --out; xent replaces only a previous model");
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private static void writeSynced(Path file, byte[] content) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      ByteBuffer b = ByteBuffer.wrap(content);
      while (b.hasRemaining()) {
        ch.write(b);
      }
      ch.force(true);
    }
  }

  /** Forces a directory's entries to disk; a no-op on file systems that cannot open directories. */
  private static void syncDirectory(Path dir) {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException e) {
      // Windows cannot open a directory as a channel; the rename is still atomic there.
    }
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to);
    }
  }

  private static void deleteQuietly(Path dir) {
    try {
      deleteTree(dir);
    } catch (IOException e) {
      // best effort: the temporary directory is hidden and its name says what it is
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    List<Path> entries = new ArrayList<>();
    try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
      s.forEach(entries::add);
    }
    for (Path p : entries) {
      if (Files.isDirectory(p)) {
        deleteTree(p);
      } else {
        Files.delete(p);
      }
    }
    Files.delete(dir);
  }
}
