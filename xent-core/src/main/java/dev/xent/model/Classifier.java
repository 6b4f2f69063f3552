package dev.xent.model;

import dev.xent.data.LabelEncoding;
import dev.xent.data.Standardizer;
import dev.xent.nn.LayerSpec;
import dev.xent.nn.Parameter;
import dev.xent.nn.Sequential;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A trained classifier: a network that emits logits, the frozen class names, the input standardisation, and
 * where it came from.
 *
 * <p>{@link #predictProba} standardises the input, runs the network in inference mode (dropout off) in chunks
 * of {@link #CHUNK} rows, and applies softmax. What a model file needs is exposed through {@link #layerSpecs()}
 * and {@link #parameters()}; {@link #rebuild} is the inverse. Not thread-safe (it reuses its buffers).
 */
public final class Classifier {
  /** Rows per inference chunk: bounds buffer memory while keeping matrix products large. */
  public static final int CHUNK = 256;

  private final Sequential network;
  private final LabelEncoding encoding;
  private final Standardizer standardizer;
  private final Provenance provenance;
  private float[] scratch = new float[0]; // [CHUNK, d] standardised input

  /**
   * @param network the network; its output size must equal the number of classes
   * @param standardizer input standardisation, or null for none
   */
  public Classifier(Sequential network, LabelEncoding encoding, Standardizer standardizer, Provenance provenance) {
    if (network.outputSize() != encoding.size()) {
      throw new IllegalArgumentException("the network emits " + network.outputSize() + " logits but there are "
          + encoding.size() + " classes");
    }
    if (standardizer != null && standardizer.size() != network.inputSize()) {
      throw new IllegalArgumentException("the standardiser covers " + standardizer.size()
          + " features but the network takes " + network.inputSize());
    }
    this.network = network;
    this.encoding = encoding;
    this.standardizer = standardizer;
    this.provenance = provenance;
  }

  /**
   * Rebuilds a classifier from stored layer specs and named parameter arrays (as {@link #parameters()} gave
   * them).
   *
   * @throws IllegalArgumentException naming a missing, unexpected or wrongly sized array
   */
  public static Classifier rebuild(List<LayerSpec> specs, Map<String, float[]> arrays, LabelEncoding encoding,
      Standardizer standardizer, Provenance provenance) {
    Sequential net = Sequential.fromSpecs(specs);
    Set<String> unused = new HashSet<>(arrays.keySet());
    for (Parameter p : net.parameters()) {
      float[] v = arrays.get(p.name());
      if (v == null) {
        throw new IllegalArgumentException("model file lacks parameter '" + p.name() + "' " + Arrays.toString(p.shape()));
      }
      p.set(v);
      unused.remove(p.name());
    }
    if (!unused.isEmpty()) {
      throw new IllegalArgumentException("model file holds parameters no layer uses: " + new java.util.TreeSet<>(unused));
    }
    return new Classifier(net, encoding, standardizer, provenance);
  }

  /** The network (emits logits). */
  public Sequential network() {
    return network;
  }

  /** The class names, in class-id order. */
  public LabelEncoding encoding() {
    return encoding;
  }

  /** The input standardisation, or null. */
  public Standardizer standardizer() {
    return standardizer;
  }

  /** Where the model came from. */
  public Provenance provenance() {
    return provenance;
  }

  /** Features per input row. */
  public int numFeatures() {
    return network.inputSize();
  }

  /** Classes. */
  public int numClasses() {
    return encoding.size();
  }

  /** The layer specs, in order (sizes, activations, dropout rates). */
  public List<LayerSpec> layerSpecs() {
    return network.specs();
  }

  /** The parameter arrays in model-file order, named {@code layers.<i>.weight} [out, in] and {@code .bias} [out]. */
  public List<NamedArray> parameters() {
    List<NamedArray> out = new ArrayList<>();
    for (Parameter p : network.parameters()) {
      out.add(new NamedArray(p.name(), p.shape(), p.values()));
    }
    return out;
  }

  /**
   * Logits for rows [0, rows) of {@code x}.
   *
   * @param x [rows, d] raw (unstandardised) features, row-major
   * @return [rows, C] logits, row-major (a new array)
   */
  public float[] logits(float[] x, int rows) {
    int d = numFeatures();
    int c = numClasses();
    if (x.length < (long) rows * d) {
      throw new IllegalArgumentException("input holds " + x.length + " values, need " + rows + " rows × " + d + " features");
    }
    float[] out = new float[Math.multiplyExact(rows, c)];
    int chunk = Math.min(CHUNK, Math.max(1, rows));
    network.allocate(chunk);
    if (scratch.length < chunk * d) {
      scratch = new float[chunk * d];
    }
    for (int from = 0; from < rows; from += chunk) {
      int n = Math.min(chunk, rows - from);
      System.arraycopy(x, from * d, scratch, 0, n * d);
      if (standardizer != null) {
        standardizer.apply(scratch, scratch, n);
      }
      float[] z = network.forward(scratch, n, false);
      System.arraycopy(z, 0, out, from * c, n * c);
    }
    return out;
  }

  /**
   * Class probabilities.
   *
   * @param x [rows, d] raw features, row-major
   * @return [rows, C] softmax of the logits, row-major
   */
  public float[] predictProba(float[] x, int rows) {
    float[] z = logits(x, rows);
    softmaxRows(z, rows, numClasses());
    return z;
  }

  /** The most probable class id per row (the first on ties). */
  public int[] predict(float[] x, int rows) {
    float[] z = logits(x, rows);
    int c = numClasses();
    int[] out = new int[rows];
    for (int i = 0; i < rows; i++) {
      int best = 0;
      for (int j = 1; j < c; j++) {
        if (z[i * c + j] > z[i * c + best]) {
          best = j;
        }
      }
      out[i] = best;
    }
    return out;
  }

  /**
   * The k most probable class ids per row, most probable first (lower id first on ties).
   *
   * @return [rows, k], row-major
   */
  public int[] topK(float[] x, int rows, int k) {
    int c = numClasses();
    if (k < 1 || k > c) {
      throw new IllegalArgumentException("k must be in [1, " + c + "], got " + k);
    }
    float[] z = logits(x, rows);
    int[] out = new int[rows * k];
    for (int i = 0; i < rows; i++) {
      topKRow(z, i * c, c, k, out, i * k);
    }
    return out;
  }

  /** Writes the indices of the k largest of {@code v[off..off+c)} into {@code out[outOff..]}, largest first. */
  static void topKRow(float[] v, int off, int c, int k, int[] out, int outOff) {
    for (int r = 0; r < k; r++) {
      int best = -1;
      for (int j = 0; j < c; j++) {
        boolean taken = false;
        for (int q = 0; q < r; q++) {
          taken |= out[outOff + q] == j;
        }
        if (!taken && (best < 0 || v[off + j] > v[off + best])) {
          best = j;
        }
      }
      out[outOff + r] = best;
    }
  }

  /** Softmax of each row of {@code z} [rows, c] in place: max-shifted, sums in double. */
  public static void softmaxRows(float[] z, int rows, int c) {
    for (int i = 0; i < rows; i++) {
      int off = i * c;
      float max = Float.NEGATIVE_INFINITY;
      for (int j = 0; j < c; j++) {
        max = Math.max(max, z[off + j]);
      }
      double sum = 0;
      for (int j = 0; j < c; j++) {
        sum += Math.exp(z[off + j] - max);
      }
      double inv = 1.0 / sum;
      for (int j = 0; j < c; j++) {
        z[off + j] = (float) (Math.exp(z[off + j] - max) * inv);
      }
    }
  }
}
