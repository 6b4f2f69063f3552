package dev.xent.loss;

/**
 * The framework whose semantics a loss follows wherever Keras 3 and PyTorch disagree.
 *
 * <p>A convention only sets defaults; every one of them can be overridden through {@link LossOptions}.
 * The disagreements, with their sources, are listed in {@code docs/semantics.md}.
 *
 * <table>
 *   <caption>Defaults by convention</caption>
 *   <tr><th>decision</th><th>KERAS</th><th>TORCH</th></tr>
 *   <tr><td>y_pred holds</td><td>probabilities</td><td>logits</td></tr>
 *   <tr><td>probability rows renormalised before the clip</td><td>yes</td><td>no</td></tr>
 *   <tr><td>"mean" reduction</td><td>divide by batch size</td><td>weighted mean (Σ w l / Σ w)</td></tr>
 *   <tr><td>class weights</td><td>become sample weights</td><td>enter the loss and the mean's divisor</td></tr>
 *   <tr><td>ignore class</td><td>none</td><td>-100</td></tr>
 *   <tr><td>nothing to average (all ignored, Σ w = 0)</td><td>0</td><td>NaN</td></tr>
 *   <tr><td>arithmetic</td><td>float32</td><td>the input's precision</td></tr>
 * </table>
 */
public enum Convention {
  /** Keras 3: {@code keras.losses.*} with the default float32 floatx. */
  KERAS,
  /** PyTorch: {@code torch.nn.functional.cross_entropy} and friends. */
  TORCH;

  /** Whether y_pred holds logits unless the caller says otherwise. */
  public boolean defaultFromLogits() {
    return this == TORCH;
  }

  /** The reduction this convention calls "mean". */
  public Reduction mean() {
    return this == KERAS ? Reduction.SUM_OVER_BATCH_SIZE : Reduction.WEIGHTED_MEAN;
  }

  /** The default reduction of the convention's loss classes. */
  public Reduction defaultReduction() {
    return mean();
  }

  /** Keras divides probability rows by their sum before clipping; PyTorch and sklearn ≥ 1.5 do not. */
  public boolean renormalizesProbabilities() {
    return this == KERAS;
  }

  /** PyTorch's default {@code ignore_index} is -100; Keras ignores nothing unless asked. */
  public Integer defaultIgnoreClass() {
    return this == TORCH ? -100 : null;
  }

  /** Keras uses {@code divide_no_nan} (0/0 = 0); PyTorch divides plainly (0/0 = NaN). */
  public boolean emptyMeanIsNaN() {
    return this == TORCH;
  }

  /** Whether per-class weights are part of the loss (PyTorch {@code weight}) rather than sample weights (Keras). */
  public boolean classWeightsInLoss() {
    return this == TORCH;
  }

  /** Keras computes in float32 (its default floatx); PyTorch in the precision of its input. */
  public Precision defaultPrecision() {
    return this == KERAS ? Precision.FLOAT32 : Precision.FLOAT64;
  }
}
