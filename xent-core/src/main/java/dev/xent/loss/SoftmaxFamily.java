package dev.xent.loss;

import dev.xent.data.Matrix;
import java.util.ArrayList;
import java.util.List;

/**
 * The shared body of the categorical losses (dense, sparse, focal): check the input, resolve weights, compute each
 * row against its target vector, then reduce with {@link WeightedReduction}.
 */
final class SoftmaxFamily {
  private SoftmaxFamily() {}

  /** Writes row i's target vector v [C] (smoothing and, under PyTorch, class weights included). */
  interface Targets {
    void fill(int row, double[] v);
  }

  /** Categorical or categorical focal cross-entropy against dense targets [N, C]. */
  static LossResult dense(LossOptions options, Matrix yTrue, Matrix yPred, double[] sampleWeight,
      boolean withGradient, boolean focal, String lossName) {
    List<String> warnings = new ArrayList<>();
    InputChecks.requireNonEmpty(yPred);
    InputChecks.requireCategoricalTargets(yTrue, yPred, lossName);
    InputChecks.requireFinite("y_true", yTrue);
    checkPredictionsAndWeights(options, yPred, sampleWeight, lossName, warnings);
    Numerics num = Numerics.of(options);
    int cols = yPred.cols();
    double[] y = num.input(yTrue.data()); // [N, C] row-major
    double[] s = num.input(sampleWeight);
    RowWeights weights = RowWeights.denseCategorical(options, yTrue, s);
    double keep = 1 - options.labelSmoothing();
    double spread = options.labelSmoothing() / cols;
    boolean torchWeights = options.convention().classWeightsInLoss();
    Targets targets = (i, v) -> {
      for (int c = 0; c < cols; c++) {
        v[c] = (y[i * cols + c] * keep + spread) * (torchWeights ? options.classWeight(c) : 1.0);
      }
    };
    return run(options, num, yPred, targets, weights, withGradient, focal, warnings);
  }

  /** Sparse categorical cross-entropy: class ids [N]; the target vector is {@code (1-ε)e_t + ε/C}, never stored. */
  static LossResult sparse(LossOptions options, int[] labels, Matrix yPred, double[] sampleWeight,
      boolean withGradient) {
    List<String> warnings = new ArrayList<>();
    String lossName = "sparse categorical cross-entropy";
    InputChecks.requireNonEmpty(yPred);
    if (labels == null || labels.length != yPred.rows()) {
      throw new LossInputException("there are " + (labels == null ? 0 : labels.length) + " class ids but y_pred has "
          + yPred.rows() + " rows (shape " + yPred.shape() + "): give one class id per row");
    }
    checkPredictionsAndWeights(options, yPred, sampleWeight, lossName, warnings);
    Numerics num = Numerics.of(options);
    int cols = yPred.cols();
    double[] s = num.input(sampleWeight);
    RowWeights weights = RowWeights.sparse(options, labels, cols, s);
    double keep = 1 - options.labelSmoothing();
    double spread = options.labelSmoothing() / cols;
    boolean torchWeights = options.convention().classWeightsInLoss();
    Targets targets = (i, v) -> {
      int t = labels[i];
      for (int c = 0; c < cols; c++) {
        // PyTorch: (1-ε)·w_t·nll + (ε/C)·Σ_c w_c(-log q_c); Keras: the class weight is a sample weight instead.
        v[c] = spread * (torchWeights ? options.classWeight(c) : 1.0);
      }
      v[t] += keep * (torchWeights ? options.classWeight(t) : 1.0);
    };
    return run(options, num, yPred, targets, weights, withGradient, false, warnings);
  }

  private static void checkPredictionsAndWeights(LossOptions options, Matrix yPred, double[] sampleWeight,
      String lossName, List<String> warnings) {
    InputChecks.requireFinite("y_pred", yPred);
    InputChecks.requireSampleWeights(sampleWeight, yPred.rows());
    InputChecks.requireClassWeights(options, yPred.cols());
    if (options.fromLogits()) {
      InputChecks.warnSingleColumn(yPred, lossName, warnings);
      InputChecks.warnIfProbabilities(yPred, warnings);
    } else {
      InputChecks.requireSeveralClasses(yPred, lossName);
      InputChecks.requireProbabilities(yPred);
    }
  }

  private static LossResult run(LossOptions options, Numerics num, Matrix yPredIn, Targets targets,
      RowWeights weights, boolean withGradient, boolean focal, List<String> warnings) {
    int rows = yPredIn.rows();
    int cols = yPredIn.cols();
    double[] x = num.input(yPredIn.data()); // [N, C] row-major
    double alpha = focal ? options.alpha() : 1.0;
    double gamma = focal ? options.gamma() : 0.0;
    boolean renormalise = options.convention().renormalizesProbabilities();
    double[] loss = new double[rows];
    double[] grad = withGradient ? new double[rows * cols] : null; // [N, C] row-major
    double[] v = new double[cols];
    double[] p = new double[cols];
    for (int i = 0; i < rows; i++) {
      if (!weights.counted[i]) {
        continue;
      }
      int off = i * cols;
      targets.fill(i, v);
      if (!options.fromLogits()) {
        loss[i] = SoftmaxRows.fromProbabilities(x, off, cols, v, renormalise, num, alpha, gamma, grad, off, i);
      } else if (!focal) {
        loss[i] = SoftmaxRows.fromLogits(x, off, cols, v, grad);
      } else {
        // Keras's focal loss takes a plain softmax, then clips; a softmax row already sums to 1, so the
        // renormalisation Keras applies next is the identity and is left out.
        SoftmaxRows.softmax(x, off, cols, p);
        num.roundAll(p);
        loss[i] = SoftmaxRows.fromProbabilities(p, 0, cols, v, false, num, alpha, gamma, grad, off, i);
        if (grad != null) {
          SoftmaxRows.backThroughSoftmax(p, grad, off, cols);
        }
      }
    }
    return WeightedReduction.finish(options, num, loss, weights, grad, cols, warnings);
  }
}
