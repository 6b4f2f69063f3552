package dev.xent.nn;

/**
 * An element-wise activation: {@code y = f(x)} forward, {@code dx = dy·f'(x)} backward. Subclasses give f and f'
 * as a whole-buffer loop so the JIT sees simple counted loops.
 */
public abstract sealed class Activation implements Layer permits ReLU, Tanh, Sigmoid, Gelu {
  private final int size;
  private int maxBatch;
  private int lastBatch;
  private float[] lastInput; // [batch, size], the caller's buffer
  /** [maxBatch, size] outputs. */
  protected float[] output = new float[0];
  /** [maxBatch, size] input gradients. */
  protected float[] gradInput = new float[0];

  Activation(int size) {
    if (size < 1) {
      throw new IllegalArgumentException("activation needs size >= 1, got " + size);
    }
    this.size = size;
  }

  /** Builds the activation layer of the given type. */
  public static Activation of(LayerSpec.Type type, int size) {
    return switch (type) {
      case RELU -> new ReLU(size);
      case TANH -> new Tanh(size);
      case SIGMOID -> new Sigmoid(size);
      case GELU -> new Gelu(size);
      default -> throw new IllegalArgumentException(type.key() + " is not an activation");
    };
  }

  abstract LayerSpec.Type type();

  /** y[i] = f(x[i]) for i in [0, n). */
  abstract void apply(float[] x, float[] y, int n);

  /** dx[i] = dy[i]·f'(x[i]) for i in [0, n), given x and y = f(x). */
  abstract void derive(float[] x, float[] y, float[] dy, float[] dx, int n);

  @Override
  public final LayerSpec spec() {
    return LayerSpec.activation(type(), size);
  }

  @Override
  public final int inputSize() {
    return size;
  }

  @Override
  public final int outputSize() {
    return size;
  }

  @Override
  public final void allocate(int maxBatch) {
    if (maxBatch > this.maxBatch) {
      output = new float[Math.multiplyExact(maxBatch, size)];
      gradInput = new float[Math.multiplyExact(maxBatch, size)];
      this.maxBatch = maxBatch;
    }
  }

  @Override
  public final int maxBatch() {
    return maxBatch;
  }

  @Override
  public final float[] forward(float[] input, int batch, boolean training) {
    Dense.checkBatch(batch, maxBatch);
    apply(input, output, batch * size);
    lastInput = input;
    lastBatch = batch;
    return output;
  }

  @Override
  public final float[] backward(float[] gradOutput) {
    derive(lastInput, output, gradOutput, gradInput, lastBatch * size);
    return gradInput;
  }
}
