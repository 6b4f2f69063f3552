package dev.xent.loss;

import dev.xent.data.Matrix;

/**
 * What each sample contributes to a reduction, once sample weights, class weights and the ignore class have been
 * resolved by the convention.
 *
 * <ul>
 *   <li>{@code multiplier[i]}: multiplies sample i's loss and gradient (the sample weight, times the class weight
 *       of its target where class weights act as sample weights, as in Keras {@code fit(class_weight=)}).
 *   <li>{@code reductionWeight[i]}: sample i's share of {@link Reduction#WEIGHTED_MEAN}'s divisor (PyTorch puts the
 *       class weight of the target there even though the loss already contains it).
 *   <li>{@code counted[i]}: false for ignored samples, which contribute nothing, not even to a divisor.
 * </ul>
 */
final class RowWeights {
  final double[] multiplier; // [N]
  final double[] reductionWeight; // [N]
  final boolean[] counted; // [N]

  private RowWeights(int rows) {
    multiplier = new double[rows];
    reductionWeight = new double[rows];
    counted = new boolean[rows];
  }

  private static double sample(double[] sampleWeight, int i) {
    return sampleWeight == null ? 1.0 : sampleWeight[i];
  }

  /** Sample weights only: each sample's weight is both its multiplier and its share of the divisor. */
  static RowWeights plain(double[] sampleWeight, int rows) {
    RowWeights w = new RowWeights(rows);
    for (int i = 0; i < rows; i++) {
      double s = sample(sampleWeight, i);
      w.multiplier[i] = s;
      w.reductionWeight[i] = s;
      w.counted[i] = true;
    }
    return w;
  }

  /**
   * Dense categorical targets. Keras: the class weight of {@code argmax(y_i)} (the first maximum, as numpy) becomes
   * part of the sample weight. PyTorch: class weights are inside the loss and the mean divides by N (by Σ s_i).
   *
   * @param yTrue [N, C] targets, row-major
   */
  static RowWeights denseCategorical(LossOptions options, Matrix yTrue, double[] sampleWeight) {
    RowWeights w = plain(sampleWeight, yTrue.rows());
    if (options.hasClassWeights() && !options.convention().classWeightsInLoss()) {
      for (int i = 0; i < yTrue.rows(); i++) {
        double f = options.classWeight(argmax(yTrue.data(), i * yTrue.cols(), yTrue.cols()));
        w.multiplier[i] *= f;
        w.reductionWeight[i] *= f;
      }
    }
    return w;
  }

  /**
   * Integer class ids. Ignored samples are not counted. Keras: the class weight of t_i becomes part of the sample
   * weight. PyTorch: the loss contains w_{t_i} and the weighted mean divides by Σ s_i·w_{t_i}.
   *
   * @param labels [N] class ids
   * @throws LossInputException for a class id outside [0, classes) that is not the ignore class
   */
  static RowWeights sparse(LossOptions options, int[] labels, int classes, double[] sampleWeight) {
    RowWeights w = new RowWeights(labels.length);
    Integer ignore = options.ignoreClass();
    boolean torch = options.convention().classWeightsInLoss();
    for (int i = 0; i < labels.length; i++) {
      int t = labels[i];
      if (ignore != null && t == ignore) {
        continue;
      }
      InputChecks.requireClassId(i, t, classes, ignore);
      double s = sample(sampleWeight, i);
      double wt = options.classWeight(t);
      w.counted[i] = true;
      w.multiplier[i] = torch ? s : s * wt;
      w.reductionWeight[i] = s * wt;
    }
    return w;
  }

  /**
   * A single binary label column with two class weights {w0, w1}: each sample is weighted by the class of its
   * rounded target (numpy's round half to even, as Keras's {@code class_weight_to_sample_weights}).
   *
   * @param yTrue [N, 1] targets
   */
  static RowWeights binaryByClass(Matrix yTrue, double[] sampleWeight, double[] classWeights) {
    RowWeights w = plain(sampleWeight, yTrue.rows());
    for (int i = 0; i < yTrue.rows(); i++) {
      double f = classWeights[(int) Math.rint(yTrue.data()[i])];
      w.multiplier[i] *= f;
      w.reductionWeight[i] *= f;
    }
    return w;
  }

  private static int argmax(double[] v, int off, int n) {
    int best = 0;
    for (int c = 1; c < n; c++) {
      if (v[off + c] > v[off + best]) {
        best = c;
      }
    }
    return best;
  }
}
