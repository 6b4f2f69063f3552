package dev.xent.nn;

import java.util.List;

/**
 * One stage of a network on row-major float buffers {@code [batch, features]}.
 *
 * <p>Contract: {@link #allocate(int)} sizes the output and gradient buffers once for the largest batch; after it,
 * {@link #forward} and {@link #backward} allocate nothing. {@code forward} returns the layer's own output buffer
 * (valid until the next forward); {@code backward} takes ∂L/∂output for the rows of the last forward, adds the
 * parameter gradients into {@link Parameter#grad()} (accumulates: call {@link #zeroGrad()} between steps) and
 * returns ∂L/∂input in the layer's own buffer. Layers are not thread-safe; kernels inside may use threads.
 */
public interface Layer {
  /** What this layer is, for model files and rebuilding. */
  LayerSpec spec();

  /** Features per input row. */
  int inputSize();

  /** Features per output row. */
  int outputSize();

  /** Preallocates buffers for batches of up to {@code maxBatch} rows; a no-op when they are already that big. */
  void allocate(int maxBatch);

  /** The batch size buffers are allocated for (0 before {@link #allocate}). */
  int maxBatch();

  /**
   * Computes the output.
   *
   * @param input [batch, inputSize], row-major; must stay unchanged until {@link #backward} for this batch
   * @param batch rows in this batch, at most {@link #maxBatch()}
   * @param training whether this is a training pass (dropout active, state kept for backward)
   * @return [batch, outputSize], row-major: this layer's buffer
   */
  float[] forward(float[] input, int batch, boolean training);

  /**
   * Back-propagates through the last training forward.
   *
   * @param gradOutput [batch, outputSize] ∂L/∂output, row-major; the layer may overwrite it
   * @return [batch, inputSize] ∂L/∂input, or null when {@link #setInputGradientNeeded(boolean)} turned it off
   */
  float[] backward(float[] gradOutput);

  /** Trainable parameters, in model-file order (empty for parameter-free layers). */
  default List<Parameter> parameters() {
    return List.of();
  }

  /** Sets all parameter gradients to zero. */
  default void zeroGrad() {
    for (Parameter p : parameters()) {
      p.zeroGrad();
    }
  }

  /**
   * Whether {@link #backward} must compute ∂L/∂input; the first layer of a network does not need it, which saves
   * one matrix product per step. Default: needed.
   */
  default void setInputGradientNeeded(boolean needed) {}
}
