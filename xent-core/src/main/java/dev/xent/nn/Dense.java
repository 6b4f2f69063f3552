package dev.xent.nn;

import dev.xent.kernel.Kernels;
import java.util.List;

/**
 * A fully connected layer {@code Y = X·Wᵀ + b}, with the weight stored {@code [out, in]} like PyTorch's
 * {@code nn.Linear} (so a model file's {@code layers.0.weight} needs no transpose) and the bias {@code [out]}.
 *
 * <p>All three products go through {@link Kernels#sgemm}: forward {@code Y = X·Wᵀ} (transB) on top of the bias
 * rows (beta = 1, so the bias costs one copy and no extra pass), backward {@code dW += dYᵀ·X} (transA) and
 * {@code dX = dY·W}.
 */
public final class Dense implements Layer {
  private final int in;
  private final int out;
  private final Parameter weight; // [out, in], row-major
  private final Parameter bias; // [out]
  private float[] output = new float[0]; // [maxBatch, out]
  private float[] gradInput = new float[0]; // [maxBatch, in]
  private float[] lastInput; // [batch, in], the caller's buffer
  private int lastBatch;
  private int maxBatch;
  private boolean inputGradientNeeded = true;

  /**
   * A dense layer with zero weights and bias (fill them with {@link Initializer} or {@link Parameter#set}).
   *
   * @param name the parameter name prefix, e.g. {@code layers.0}
   */
  public Dense(String name, int in, int out) {
    if (in < 1 || out < 1) {
      throw new IllegalArgumentException("dense layer needs sizes >= 1, got in=" + in + " out=" + out);
    }
    this.in = in;
    this.out = out;
    this.weight = new Parameter(name + ".weight", new int[] {out, in}, true);
    this.bias = new Parameter(name + ".bias", new int[] {out}, false);
  }

  /** The weight [out, in]. */
  public Parameter weight() {
    return weight;
  }

  /** The bias [out]. */
  public Parameter bias() {
    return bias;
  }

  @Override
  public LayerSpec spec() {
    return LayerSpec.dense(in, out);
  }

  @Override
  public int inputSize() {
    return in;
  }

  @Override
  public int outputSize() {
    return out;
  }

  @Override
  public void allocate(int maxBatch) {
    if (maxBatch > this.maxBatch) {
      output = new float[Math.multiplyExact(maxBatch, out)];
      gradInput = new float[Math.multiplyExact(maxBatch, in)];
      this.maxBatch = maxBatch;
    }
  }

  @Override
  public int maxBatch() {
    return maxBatch;
  }

  @Override
  public float[] forward(float[] input, int batch, boolean training) {
    checkBatch(batch, maxBatch);
    float[] b = bias.values();
    for (int r = 0; r < batch; r++) {
      System.arraycopy(b, 0, output, r * out, out);
    }
    Kernels.sgemm(false, true, batch, out, in, 1f, input, 0, in, weight.values(), 0, in, 1f, output, 0, out);
    lastInput = input;
    lastBatch = batch;
    return output;
  }

  @Override
  public float[] backward(float[] gradOutput) {
    int batch = lastBatch;
    // dW [out, in] += dYᵀ [out, batch] · X [batch, in] (or = after a zeroGrad)
    float wBeta = weight.accumulateBeta();
    Kernels.sgemm(true, false, out, in, batch, 1f, gradOutput, 0, out, lastInput, 0, in, wBeta, weight.grad(), 0,
        in);
    float[] db = bias.grad();
    for (int r = 0; r < batch; r++) { // fixed row order: identical whatever the thread count
      int off = r * out;
      for (int j = 0; j < out; j++) {
        db[j] += gradOutput[off + j];
      }
    }
    if (!inputGradientNeeded) {
      return null;
    }
    // dX [batch, in] = dY [batch, out] · W [out, in]
    Kernels.sgemm(false, false, batch, in, out, 1f, gradOutput, 0, out, weight.values(), 0, in, 0f, gradInput, 0, in);
    return gradInput;
  }

  @Override
  public List<Parameter> parameters() {
    return List.of(weight, bias);
  }

  @Override
  public void setInputGradientNeeded(boolean needed) {
    inputGradientNeeded = needed;
  }

  static void checkBatch(int batch, int maxBatch) {
    if (batch < 0 || batch > maxBatch) {
      throw new IllegalArgumentException("batch " + batch + " exceeds the allocated " + maxBatch + " rows; call allocate first");
    }
  }
}
