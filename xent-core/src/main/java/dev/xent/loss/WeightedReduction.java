package dev.xent.loss;

import dev.xent.data.Matrix;
import java.util.List;

/**
 * The reduction template shared by every loss, after Keras's {@code Loss.__call__}: unweighted per-sample values,
 * then mask and weights, then one reduction. The gradient is scaled by the same weights and divisor, so it is
 * always ∂value/∂y_pred.
 */
final class WeightedReduction {
  private WeightedReduction() {}

  /**
   * @param options the reduction and the convention (what an empty mean is)
   * @param numerics the precision results are rounded to
   * @param loss [N] unweighted per-sample losses; ignored samples' entries are not read
   * @param weights per-sample multipliers, divisor shares and the ignore mask
   * @param grad [N, C] row-major ∂loss_i/∂y_pred_i, scaled in place; or null
   * @param cols C, the columns of y_pred
   * @param warnings non-fatal problems found while checking the input
   */
  static LossResult finish(LossOptions options, Numerics numerics, double[] loss, RowWeights weights, double[] grad,
      int cols, List<String> warnings) {
    int rows = loss.length;
    double[] perSample = new double[rows];
    double sum = 0;
    double weightSum = 0;
    int counted = 0;
    for (int i = 0; i < rows; i++) {
      if (!weights.counted[i]) {
        continue;
      }
      perSample[i] = numerics.round(weights.multiplier[i] * loss[i]);
      sum += perSample[i]; // fixed order, so the value does not depend on how rows were computed
      weightSum += weights.reductionWeight[i];
      counted++;
    }
    double divisor = divisor(options.reduction(), weightSum, counted);
    double value;
    if (divisor == 0) {
      value = emptyValue(options.convention());
      // The value follows the framework, but a mean over nothing is almost always a mistake: never silent.
      warnings.add("nothing to average: every row is ignored or has weight 0, so the mean is "
          + (Double.isNaN(value) ? "NaN (PyTorch's 0/0)" : "0 (Keras's divide_no_nan)")
          + "; check the ignore class (--ignore-class) and the sample and class weights");
    } else {
      value = numerics.round(sum / divisor);
    }
    Matrix gradient = null;
    if (grad != null) {
      for (int i = 0; i < rows; i++) {
        double scale = divisor == 0 || !weights.counted[i] ? 0.0 : weights.multiplier[i] / divisor;
        for (int c = i * cols, end = c + cols; c < end; c++) {
          grad[c] = scale == 0.0 ? 0.0 : numerics.round(scale * grad[c]);
        }
      }
      gradient = new Matrix(grad, rows, cols);
    }
    return new LossResult(value, perSample, gradient, warnings);
  }

  /**
   * What the reduced sum is divided by; also the gradient's divisor.
   *
   * @param weightSum Σ of the non-ignored samples' divisor weights
   * @param counted the number of non-ignored samples
   */
  static double divisor(Reduction reduction, double weightSum, int counted) {
    return switch (reduction) {
      case NONE, SUM -> 1.0;
      case SUM_OVER_BATCH_SIZE -> counted; // Keras: never the weights
      case WEIGHTED_MEAN -> weightSum;
    };
  }

  /**
   * The value when the divisor is 0 (everything ignored, or all weights 0): Keras's divide_no_nan gives 0,
   * PyTorch's plain division 0/0 = NaN (intended upstream).
   */
  static double emptyValue(Convention convention) {
    return convention.emptyMeanIsNaN() ? Double.NaN : 0.0;
  }
}
