package dev.xent.loss;

import dev.xent.data.Matrix;
import java.util.ArrayList;
import java.util.List;

/**
 * The shared body of the binary losses (plain and focal): elementwise losses over [N, K] labels, each sample's loss
 * the mean over its K labels (Keras), then {@link WeightedReduction}. Multi-label rows are allowed.
 */
final class SigmoidFamily {
  /** PyTorch's {@code binary_cross_entropy} clamps each log at -100 so that p = 0 or 1 gives a finite loss. */
  static final double TORCH_LOG_FLOOR = -100;
  /**
   * PyTorch's {@code binary_cross_entropy_backward} keeps p(1-p) at least {@code EPSILON = 1e-12}, held as a float
   * there (9.9999999600e-13): torch 1.13 gives -250000000998.9507 for p = 0, y = 1 under a mean over 4.
   */
  static final double TORCH_GRAD_EPSILON = 1e-12f;

  private SigmoidFamily() {}

  static LossResult compute(LossOptions options, Matrix yTrue, Matrix yPred, double[] sampleWeight,
      boolean withGradient, boolean focal) {
    List<String> warnings = new ArrayList<>();
    InputChecks.requireNonEmpty(yPred);
    InputChecks.requireSameShape(yTrue, yPred);
    InputChecks.requireFinite("y_true", yTrue);
    InputChecks.requireFinite("y_pred", yPred);
    InputChecks.requireBinaryTargets(yTrue);
    InputChecks.requireSampleWeights(sampleWeight, yPred.rows());
    if (!options.fromLogits()) {
      InputChecks.requireProbabilities(yPred);
    }
    int rows = yPred.rows();
    int cols = yPred.cols();
    Numerics num = Numerics.of(options);
    double[] s = num.input(sampleWeight);
    double[] labelWeights = null; // [K], PyTorch's elementwise `weight`
    RowWeights weights;
    if (!options.hasClassWeights()) {
      weights = RowWeights.plain(s, rows);
    } else if (options.classWeights().length == cols) {
      labelWeights = options.classWeights();
      weights = RowWeights.plain(s, rows);
    } else if (options.classWeights().length == 2 && cols == 1) {
      weights = RowWeights.binaryByClass(yTrue, s, options.classWeights());
    } else {
      throw new LossInputException("binary class weights need one weight per label column (" + cols + " here) or, "
          + "with a single label column, two weights (class 0, class 1); got " + options.classWeights().length);
    }
    double[] y = num.input(yTrue.data()); // [N, K] row-major
    double[] x = num.input(yPred.data()); // [N, K] row-major
    double[] loss = new double[rows];
    double[] grad = withGradient ? new double[rows * cols] : null; // [N, K] row-major
    Element element = new Element(options, num, focal);
    for (int i = 0; i < rows; i++) {
      double sum = 0;
      for (int k = 0; k < cols; k++) {
        int at = i * cols + k;
        double yk = y[at] * (1 - options.labelSmoothing()) + options.labelSmoothing() / 2;
        double wk = labelWeights == null ? 1.0 : labelWeights[k];
        element.compute(yk, x[at]);
        sum += wk * element.loss;
        if (grad != null) {
          grad[at] = wk * element.slope / cols;
        }
      }
      loss[i] = sum / cols;
    }
    return WeightedReduction.finish(options, num, loss, weights, grad, cols, warnings);
  }

  /** One element's loss and its derivative with respect to y_pred; a reusable scratch, not thread-safe. */
  private static final class Element {
    private final LossOptions options;
    private final Numerics num;
    private final boolean focal;
    double loss;
    double slope;

    Element(LossOptions options, Numerics num, boolean focal) {
      this.options = options;
      this.num = num;
      this.focal = focal;
    }

    void compute(double y, double x) {
      if (focal) {
        focalElement(y, x);
      } else if (options.fromLogits()) {
        // max(z,0) - z·y + log(1+e^{-|z|}): never exponentiates a positive number.
        loss = Math.max(x, 0) - x * y + Math.log1p(Math.exp(-Math.abs(x)));
        slope = sigmoid(x) - y;
      } else if (options.convention() == Convention.TORCH) {
        // F.binary_cross_entropy: no clip; each log clamped at -100; gradient denominator at least 1e-12.
        loss = -(y * Math.max(Math.log(x), TORCH_LOG_FLOOR) + (1 - y) * Math.max(Math.log(1 - x), TORCH_LOG_FLOOR));
        slope = (x - y) / Math.max(x * (1 - x), TORCH_GRAD_EPSILON);
      } else {
        clippedBce(y, x);
      }
    }

    /** Keras: p clipped to [eps, 1-eps]; the clip passes no gradient outside its range. */
    private void clippedBce(double y, double p) {
      double pc = num.clip(p);
      loss = -(y * Math.log(pc) + (1 - y) * Math.log(1 - pc));
      slope = num.passes(p) ? (pc - y) / (pc * (1 - pc)) : 0.0;
    }

    /** Keras binary_focal_crossentropy: (1-p_t)^γ·bce, p_t from the unclipped p; optional α balancing. */
    private void focalElement(double y, double x) {
      double p = options.fromLogits() ? num.round(sigmoid(x)) : x;
      clippedBce(y, p);
      double bce = loss;
      double dBce = slope;
      double gamma = options.gamma();
      double base = 1 - (y * p + (1 - y) * (1 - p)); // 1 - p_t
      double modulator = Math.pow(base, gamma);
      // d(1-p_t)^γ/d(1-p_t); at 1-p_t = 0 with γ < 1 the true slope is infinite and we take 0 (a subgradient).
      double modSlope = gamma == 0 ? 0.0 : base > 0 ? gamma * Math.pow(base, gamma - 1) : gamma == 1 ? 1.0 : 0.0;
      loss = modulator * bce;
      slope = modSlope * (1 - 2 * y) * bce + modulator * dBce; // d(1-p_t)/dp = 1 - 2y
      if (options.applyClassBalancing()) {
        double balance = y * options.alpha() + (1 - y) * (1 - options.alpha());
        loss *= balance;
        slope *= balance;
      }
      if (options.fromLogits()) {
        slope *= p * (1 - p); // dσ/dz
      }
    }
  }

  static double sigmoid(double z) {
    if (z >= 0) {
      return 1 / (1 + Math.exp(-z));
    }
    double e = Math.exp(z);
    return e / (1 + e);
  }
}
