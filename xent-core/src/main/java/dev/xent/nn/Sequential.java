package dev.xent.nn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Layers applied in order; the last one emits logits (no softmax inside the network: the fused loss and
 * {@code Classifier.predictProba} apply it). Parameters are named {@code layers.<i>.weight} and
 * {@code layers.<i>.bias} by layer index, as PyTorch names an {@code nn.Sequential} held in a {@code layers}
 * attribute.
 */
public final class Sequential implements Layer {
  private final List<Layer> layers;
  private final List<Parameter> parameters;
  private int maxBatch;

  /** A network of the given layers (sizes must chain). */
  public Sequential(List<? extends Layer> layers) {
    if (layers.isEmpty()) {
      throw new IllegalArgumentException("a network needs at least one layer");
    }
    for (int i = 1; i < layers.size(); i++) {
      if (layers.get(i).inputSize() != layers.get(i - 1).outputSize()) {
        throw new IllegalArgumentException("layer " + i + " takes " + layers.get(i).inputSize()
            + " features but layer " + (i - 1) + " emits " + layers.get(i - 1).outputSize());
      }
    }
    this.layers = List.copyOf(layers);
    List<Parameter> ps = new ArrayList<>();
    for (Layer l : this.layers) {
      ps.addAll(l.parameters());
    }
    this.parameters = Collections.unmodifiableList(ps);
    this.layers.get(0).setInputGradientNeeded(false);
  }

  /** Builds the layers of {@code specs} with zero parameters, naming dense parameters by layer index. */
  public static Sequential fromSpecs(List<LayerSpec> specs) {
    List<Layer> ls = new ArrayList<>(specs.size());
    for (int i = 0; i < specs.size(); i++) {
      LayerSpec s = specs.get(i);
      ls.add(switch (s.type()) {
        case DENSE -> new Dense("layers." + i, s.inputSize(), s.outputSize());
        case DROPOUT -> new Dropout(s.inputSize(), s.rate());
        default -> Activation.of(s.type(), s.inputSize());
      });
    }
    return new Sequential(ls);
  }

  /**
   * The specs of a multilayer perceptron: for each hidden width a dense layer, the activation and (when
   * {@code dropout > 0}) a dropout layer; then a dense layer to {@code classes} logits. No hidden widths gives
   * softmax regression.
   */
  public static List<LayerSpec> mlpSpecs(int inputs, int[] hidden, int classes, LayerSpec.Type activation,
      double dropout) {
    List<LayerSpec> specs = new ArrayList<>();
    int prev = inputs;
    for (int h : hidden) {
      specs.add(LayerSpec.dense(prev, h));
      specs.add(LayerSpec.activation(activation, h));
      if (dropout > 0) {
        specs.add(LayerSpec.dropout(h, dropout));
      }
      prev = h;
    }
    specs.add(LayerSpec.dense(prev, classes));
    return specs;
  }

  /** Initialises every dense weight with {@code init} and zeroes every bias, drawing in layer order. */
  public void initialize(Initializer init, SplittableRandom random) {
    for (Layer l : layers) {
      if (l instanceof Dense d) {
        init.fill(d.weight().values(), d.inputSize(), d.outputSize(), random);
        java.util.Arrays.fill(d.bias().values(), 0f);
      }
    }
  }

  /** Gives each dropout layer its own split of {@code random}, in layer order. */
  public void seedDropout(SplittableRandom random) {
    for (Layer l : layers) {
      if (l instanceof Dropout d) {
        d.setRandom(random.split());
      }
    }
  }

  /** The layers, in order. */
  public List<Layer> layers() {
    return layers;
  }

  /** The specs of the layers, in order. */
  public List<LayerSpec> specs() {
    List<LayerSpec> s = new ArrayList<>(layers.size());
    for (Layer l : layers) {
      s.add(l.spec());
    }
    return s;
  }

  @Override
  public LayerSpec spec() {
    throw new UnsupportedOperationException("a Sequential is described by specs(), one per layer");
  }

  @Override
  public int inputSize() {
    return layers.get(0).inputSize();
  }

  @Override
  public int outputSize() {
    return layers.get(layers.size() - 1).outputSize();
  }

  @Override
  public void allocate(int maxBatch) {
    for (Layer l : layers) {
      l.allocate(maxBatch);
    }
    this.maxBatch = Math.max(this.maxBatch, maxBatch);
  }

  @Override
  public int maxBatch() {
    return maxBatch;
  }

  @Override
  public float[] forward(float[] input, int batch, boolean training) {
    float[] x = input;
    for (int i = 0, n = layers.size(); i < n; i++) { // indexed: no iterator per step
      x = layers.get(i).forward(x, batch, training);
    }
    return x;
  }

  @Override
  public float[] backward(float[] gradOutput) {
    float[] g = gradOutput;
    for (int i = layers.size() - 1; i >= 0 && g != null; i--) {
      g = layers.get(i).backward(g);
    }
    return g;
  }

  @Override
  public List<Parameter> parameters() {
    return parameters;
  }

  @Override
  public void zeroGrad() {
    for (int i = 0, n = parameters.size(); i < n; i++) {
      parameters.get(i).zeroGrad();
    }
  }

  @Override
  public void setInputGradientNeeded(boolean needed) {
    layers.get(0).setInputGradientNeeded(needed);
  }

  /** The total number of trainable scalars. */
  public long parameterCount() {
    long n = 0;
    for (Parameter p : parameters) {
      n += p.size();
    }
    return n;
  }
}
