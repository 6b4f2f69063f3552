package dev.xent.io.model;

import dev.xent.data.LabelEncoding;
import dev.xent.data.Standardizer;
import dev.xent.io.DataFormatException;
import dev.xent.io.safetensors.Tensor;
import dev.xent.model.Classifier;
import dev.xent.model.NamedArray;
import dev.xent.model.Provenance;
import dev.xent.nn.LayerSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Saves a {@link Classifier} as a model directory and loads it back, through {@link ModelStore} (atomic save,
 * checked load).
 */
public final class ClassifierStore {
  private ClassifierStore() {}

  /**
   * A classifier read from a model directory, with the config it came from.
   *
   * @param classifier ready to predict
   * @param config the directory's {@code config.json}
   */
  public record Loaded(Classifier classifier, ModelConfig config) {}

  /**
   * Saves {@code model} atomically into {@code dir}.
   *
   * @param loss the loss it was trained with
   * @param input what it reads
   * @param extraFiles further files for the directory (e.g. {@code history.json})
   */
  public static void save(Path dir, Classifier model, ModelConfig.LossSpec loss, ModelConfig.InputSchema input,
      Map<String, byte[]> extraFiles) {
    ModelConfig config = configOf(model, loss, input);
    Map<String, Tensor> weights = new TreeMap<>();
    for (NamedArray a : model.parameters()) {
      long[] shape = new long[a.shape().length];
      for (int i = 0; i < shape.length; i++) {
        shape[i] = a.shape()[i];
      }
      weights.put(a.name(), Tensor.ofFloats(a.values(), shape));
    }
    ModelStore.save(dir, config, weights, extraFiles);
  }

  /** The config that describes {@code model}. */
  static ModelConfig configOf(Classifier model, ModelConfig.LossSpec loss, ModelConfig.InputSchema input) {
    List<LayerSpec> specs = model.layerSpecs();
    List<ModelConfig.Layer> layers = new ArrayList<>();
    List<Integer> hidden = new ArrayList<>();
    String activation = "none";
    double dropout = 0;
    for (int i = 0; i < specs.size(); i++) {
      LayerSpec s = specs.get(i);
      layers.add(new ModelConfig.Layer(s.type().key(), s.inputSize(), s.outputSize(), s.rate()));
      if (s.type() == LayerSpec.Type.DENSE && i < specs.size() - 1) {
        hidden.add(s.outputSize());
      } else if (s.type().isActivation() && activation.equals("none")) {
        activation = s.type().key();
      } else if (s.type() == LayerSpec.Type.DROPOUT) {
        dropout = s.rate();
      }
    }
    Standardizer st = model.standardizer();
    Provenance p = model.provenance();
    return new ModelConfig(ModelConfig.FORMAT_VERSION, "xent", p.libraryVersion(),
        new ModelConfig.Architecture("mlp", model.numFeatures(), hidden, activation, dropout, model.numClasses(), layers),
        loss, model.encoding().names(), input,
        st == null ? null : new ModelConfig.Normalization(st.mean(), st.std()),
        p.seed(), new LinkedHashMap<>(p.config()));
  }

  /** Loads and checks a model directory and rebuilds its classifier. */
  public static Loaded load(Path dir) {
    StoredModel stored = ModelStore.load(dir);
    ModelConfig c = stored.config();
    Path configFile = dir.resolve(ModelStore.CONFIG_FILE);
    List<LayerSpec> specs = new ArrayList<>();
    try {
      for (ModelConfig.Layer l : c.architecture().layers()) {
        specs.add(new LayerSpec(LayerSpec.Type.parse(l.type()), l.inputSize(), l.outputSize(), l.rate()));
      }
    } catch (IllegalArgumentException e) {
      throw new DataFormatException(configFile, "bad layer list: " + e.getMessage(), "The model directory is damaged");
    }
    Map<String, float[]> arrays = new TreeMap<>();
    stored.weights().forEach((name, t) -> arrays.put(name, t.toFloats()));
    Standardizer st = null;
    if (c.normalization() != null) {
      try {
        st = new Standardizer(c.normalization().mean(), c.normalization().std());
      } catch (IllegalArgumentException e) {
        throw new DataFormatException(configFile, "bad normalization: " + e.getMessage(), "The model directory is damaged");
      }
    }
    Map<String, String> training = new TreeMap<>();
    if (c.training() != null) {
      c.training().forEach((k, v) -> training.put(k, String.valueOf(v)));
    }
    Provenance provenance = new Provenance(c.seed() == null ? 0L : c.seed(), training,
        c.libraryVersion() == null ? "unknown" : c.libraryVersion());
    try {
      Classifier classifier = Classifier.rebuild(specs, arrays, LabelEncoding.frozen(c.classNames()), st, provenance);
      return new Loaded(classifier, c);
    } catch (IllegalArgumentException e) {
      throw new DataFormatException(dir, e.getMessage(), "The model directory is damaged");
    }
  }
}
