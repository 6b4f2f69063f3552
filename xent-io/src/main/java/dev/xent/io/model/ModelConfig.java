package dev.xent.io.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * The content of a model directory's {@code config.json}: everything needed to rebuild the network and to
 * use it on new data, plus where it came from. Written with snake_case keys.
 *
 * @param formatVersion the model directory format; a reader refuses a newer one
 * @param library always {@code "xent"}
 * @param libraryVersion the xent version that wrote the model
 * @param architecture the network's shape
 * @param loss the loss the model was trained with
 * @param classNames the class names in output index order
 * @param input what the model expects as input
 * @param normalization per-feature standardisation applied before the network, or null for none
 * @param seed the seed that drove initialisation, shuffling and splits
 * @param training the training settings (optimizer, learning rate, epochs, ...), as written by the trainer
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModelConfig(
    int formatVersion,
    String library,
    String libraryVersion,
    Architecture architecture,
    LossSpec loss,
    List<String> classNames,
    InputSchema input,
    Normalization normalization,
    Long seed,
    Map<String, Object> training) {

  /** The format this version of xent writes, and the newest it reads. */
  public static final int FORMAT_VERSION = 1;

  public ModelConfig {
    classNames = classNames == null ? null : List.copyOf(classNames);
  }

  /**
   * The network: a summary of the multilayer perceptron ({@code inputDim -> hidden[0] -> ... -> outputClasses},
   * the same activation after every hidden layer, none after the last, which emits logits) and the exact list of
   * layers, in order. Parameters are named by position in that list, as PyTorch names an {@code nn.Sequential}:
   * the dense layer at position i owns {@code layers.i.weight} [out, in] and {@code layers.i.bias} [out].
   *
   * @param type always {@code "mlp"} (an empty {@code hidden} list is softmax regression)
   * @param inputDim the number of input features
   * @param hidden the hidden layer widths, input side first; empty for softmax regression
   * @param activation the hidden activation, e.g. {@code "relu"}, or {@code "none"} without hidden layers
   * @param dropout the dropout rate after each hidden activation during training (0 = none)
   * @param outputClasses the number of classes (logits)
   * @param layers every layer in order: {@code dense}, {@code relu}, {@code tanh}, {@code sigmoid}, {@code gelu},
   *     {@code dropout}
   */
  public record Architecture(String type, int inputDim, List<Integer> hidden, String activation, double dropout,
      int outputClasses, List<Layer> layers) {
    public Architecture {
      hidden = hidden == null ? List.of() : List.copyOf(hidden);
      layers = layers == null ? List.of() : List.copyOf(layers);
    }
  }

  /**
   * One layer of the network.
   *
   * @param type {@code dense}, {@code relu}, {@code tanh}, {@code sigmoid}, {@code gelu} or {@code dropout}
   * @param inputSize features in
   * @param outputSize features out (differs from {@code inputSize} for dense layers only)
   * @param rate the dropout rate for dropout layers, 0 otherwise
   */
  public record Layer(String type, int inputSize, int outputSize, double rate) {}

  /**
   * The training loss.
   *
   * @param kind e.g. {@code "categorical"} or {@code "categorical-focal"}
   * @param labelSmoothing ε of label smoothing
   * @param classWeights per-class weights, or null
   * @param gamma focal gamma, or null when the loss is not focal
   * @param alpha focal alpha, or null when the loss is not focal
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record LossSpec(String kind, double labelSmoothing, double[] classWeights, Double gamma, Double alpha) {}

  /**
   * What the model reads.
   *
   * @param format where the training data came from: {@code "idx"}, {@code "npy"}, {@code "csv"}
   * @param featureNames the feature (column) names in input order, or null when the source has none
   * @param target the target column's name for tabular data, or null
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record InputSchema(String format, List<String> featureNames, String target) {}

  /**
   * Standardisation {@code (x - mean) / std}, per feature.
   *
   * @param mean [inputDim]
   * @param std [inputDim], all > 0
   */
  public record Normalization(float[] mean, float[] std) {}
}
