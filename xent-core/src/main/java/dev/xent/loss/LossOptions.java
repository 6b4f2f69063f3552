package dev.xent.loss;

import java.util.Arrays;

/**
 * Every setting of a cross-entropy loss, with defaults taken from one {@link Convention}.
 *
 * <p>Start from {@link #keras()} or {@link #torch()} (or {@link #of(Convention)}) and override with the
 * {@code with*} methods; the record validates itself, so an instance is always usable.
 *
 * @param convention whose semantics decide what the other fields leave open
 * @param fromLogits whether y_pred holds logits (softmax / sigmoid applied inside the loss) or probabilities
 * @param labelSmoothing ε in [0, 1]: categorical targets become {@code y(1-ε)+ε/C}, binary ones {@code y(1-ε)+ε/2}
 * @param classWeights per-class weights [C], or null for none
 * @param ignoreClass a target class id whose samples contribute nothing, or null; only class-id targets
 *     ({@link SparseCategoricalCrossentropy}, the fused sparse path) have one, dense targets ignore this field
 * @param reduction how per-sample values become one number
 * @param alpha focal losses' balancing factor
 * @param gamma focal losses' focusing exponent, ≥ 0; 0 gives plain cross-entropy (times alpha)
 * @param applyClassBalancing binary focal: weight positives by alpha and negatives by 1-alpha
 * @param epsilon probabilities are clipped to [epsilon, 1-epsilon] before the log
 * @param precision the arithmetic the loss is evaluated in
 */
public record LossOptions(
    Convention convention,
    boolean fromLogits,
    double labelSmoothing,
    double[] classWeights,
    Integer ignoreClass,
    Reduction reduction,
    double alpha,
    double gamma,
    boolean applyClassBalancing,
    double epsilon,
    Precision precision) {

  /** Keras's {@code keras.config.epsilon()}: the clip bound on the probability path. */
  public static final double DEFAULT_EPSILON = 1e-7;
  /** Keras's focal default alpha (also torchvision's {@code sigmoid_focal_loss}'s): 0.25. */
  public static final double DEFAULT_ALPHA = 0.25;
  /** Keras's focal default gamma (also torchvision's, and the focal-loss paper's best setting): 2. */
  public static final double DEFAULT_GAMMA = 2.0;

  /** Validates every field; class weights are copied. */
  public LossOptions {
    if (convention == null) {
      throw new IllegalArgumentException("convention must be keras or torch");
    }
    if (reduction == null) {
      throw new IllegalArgumentException(
          "reduction must be one of none, sum, sum_over_batch_size, mean, mean_with_sample_weight");
    }
    if (precision == null) {
      throw new IllegalArgumentException("precision must be float32 or float64");
    }
    if (!(labelSmoothing >= 0 && labelSmoothing <= 1)) {
      throw new IllegalArgumentException("label smoothing must be between 0.0 and 1.0, got " + labelSmoothing);
    }
    if (!(gamma >= 0) || Double.isInfinite(gamma)) {
      throw new IllegalArgumentException("focal gamma must be a finite number >= 0, got " + gamma);
    }
    if (!Double.isFinite(alpha)) {
      throw new IllegalArgumentException("focal alpha must be finite, got " + alpha);
    }
    if (!(epsilon > 0 && epsilon < 0.5)) {
      throw new IllegalArgumentException("epsilon must be in (0, 0.5), got " + epsilon);
    }
    if (classWeights != null) {
      classWeights = classWeights.clone();
      for (int c = 0; c < classWeights.length; c++) {
        if (!(classWeights[c] >= 0) || Double.isInfinite(classWeights[c])) {
          throw new IllegalArgumentException(
              "class weight " + c + " must be a finite number >= 0, got " + classWeights[c]);
        }
      }
    }
  }

  /** The defaults of a convention. */
  public static LossOptions of(Convention c) {
    return new LossOptions(c, c.defaultFromLogits(), 0.0, null, c.defaultIgnoreClass(), c.defaultReduction(),
        DEFAULT_ALPHA, DEFAULT_GAMMA, false, DEFAULT_EPSILON, c.defaultPrecision());
  }

  /** Keras 3 defaults: probabilities, clip 1e-7 after renormalising, sum_over_batch_size, float32. */
  public static LossOptions keras() {
    return of(Convention.KERAS);
  }

  /** PyTorch defaults: logits, weighted mean, ignore index -100, float64 unless the input is float32. */
  public static LossOptions torch() {
    return of(Convention.TORCH);
  }

  /** A copy of the per-class weights [C], or null for none. */
  @Override
  public double[] classWeights() {
    return classWeights == null ? null : classWeights.clone();
  }

  /** The class weight of class c (1 without class weights). */
  public double classWeight(int c) {
    return classWeights == null ? 1.0 : classWeights[c];
  }

  /** Whether class weights are set. */
  public boolean hasClassWeights() {
    return classWeights != null;
  }

  /** These options with {@code fromLogits} replaced. */
  public LossOptions withFromLogits(boolean v) {
    return new LossOptions(convention, v, labelSmoothing, classWeights, ignoreClass, reduction, alpha, gamma,
        applyClassBalancing, epsilon, precision);
  }

  /** These options with {@code labelSmoothing} replaced. */
  public LossOptions withLabelSmoothing(double v) {
    return new LossOptions(convention, fromLogits, v, classWeights, ignoreClass, reduction, alpha, gamma,
        applyClassBalancing, epsilon, precision);
  }

  /** These options with {@code classWeights} replaced (null for none). */
  public LossOptions withClassWeights(double... v) {
    return new LossOptions(convention, fromLogits, labelSmoothing, v, ignoreClass, reduction, alpha, gamma,
        applyClassBalancing, epsilon, precision);
  }

  /** These options with {@code ignoreClass} replaced (null for none). */
  public LossOptions withIgnoreClass(Integer v) {
    return new LossOptions(convention, fromLogits, labelSmoothing, classWeights, v, reduction, alpha, gamma,
        applyClassBalancing, epsilon, precision);
  }

  /** These options with {@code reduction} replaced. */
  public LossOptions withReduction(Reduction v) {
    return new LossOptions(convention, fromLogits, labelSmoothing, classWeights, ignoreClass, v, alpha, gamma,
        applyClassBalancing, epsilon, precision);
  }

  /** These options with {@code alpha} replaced. */
  public LossOptions withAlpha(double v) {
    return new LossOptions(convention, fromLogits, labelSmoothing, classWeights, ignoreClass, reduction, v, gamma,
        applyClassBalancing, epsilon, precision);
  }

  /** These options with {@code gamma} replaced. */
  public LossOptions withGamma(double v) {
    return new LossOptions(convention, fromLogits, labelSmoothing, classWeights, ignoreClass, reduction, alpha, v,
        applyClassBalancing, epsilon, precision);
  }

  /** These options with {@code applyClassBalancing} replaced. */
  public LossOptions withClassBalancing(boolean v) {
    return new LossOptions(convention, fromLogits, labelSmoothing, classWeights, ignoreClass, reduction, alpha, gamma,
        v, epsilon, precision);
  }

  /** These options with {@code epsilon} replaced. */
  public LossOptions withEpsilon(double v) {
    return new LossOptions(convention, fromLogits, labelSmoothing, classWeights, ignoreClass, reduction, alpha, gamma,
        applyClassBalancing, v, precision);
  }

  /** These options with {@code precision} replaced. */
  public LossOptions withPrecision(Precision v) {
    return new LossOptions(convention, fromLogits, labelSmoothing, classWeights, ignoreClass, reduction, alpha, gamma,
        applyClassBalancing, epsilon, v);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LossOptions x
        && convention == x.convention && fromLogits == x.fromLogits
        && Double.compare(labelSmoothing, x.labelSmoothing) == 0 && Arrays.equals(classWeights, x.classWeights)
        && java.util.Objects.equals(ignoreClass, x.ignoreClass) && reduction == x.reduction
        && Double.compare(alpha, x.alpha) == 0 && Double.compare(gamma, x.gamma) == 0
        && applyClassBalancing == x.applyClassBalancing && Double.compare(epsilon, x.epsilon) == 0
        && precision == x.precision;
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(convention, fromLogits, labelSmoothing, Arrays.hashCode(classWeights), ignoreClass,
        reduction, alpha, gamma, applyClassBalancing, epsilon, precision);
  }

  @Override
  public String toString() {
    return "LossOptions[convention=" + convention + ", fromLogits=" + fromLogits + ", labelSmoothing=" + labelSmoothing
        + ", classWeights=" + Arrays.toString(classWeights) + ", ignoreClass=" + ignoreClass + ", reduction="
        + reduction + ", alpha=" + alpha + ", gamma=" + gamma + ", applyClassBalancing=" + applyClassBalancing
        + ", epsilon=" + epsilon + ", precision=" + precision + "]";
  }
}
