package dev.xent.train;

import dev.xent.data.Dataset;
import dev.xent.data.Standardizer;
import dev.xent.kernel.Kernels;
import dev.xent.loss.FusedSoftmaxCrossEntropy;
import dev.xent.loss.LossOptions;
import dev.xent.loss.Reduction;
import dev.xent.model.Classifier;
import dev.xent.model.Provenance;
import dev.xent.nn.Dense;
import dev.xent.nn.LayerSpec;
import dev.xent.nn.Sequential;
import dev.xent.optim.Lbfgs;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Multinomial logistic regression (a network with no hidden layer) fitted by full-batch {@link Lbfgs}, the
 * model scikit-learn's {@code LogisticRegression(solver="lbfgs")} fits for more than two classes.
 *
 * <p>Objective, scikit-learn's scaled form: {@code f = (1/S)·(Σ_i s_i·CE_i + ‖W‖²/(2C))} with per-row weights
 * s_i (sample weight × class weight) and S = Σ s_i; intercepts are not penalised and start at 0, so they stay
 * centred (softmax ignores a common shift). Logits and gradients are computed in float32 by
 * {@link Kernels#sgemm} and the fused loss; L-BFGS runs in double.
 */
public final class SoftmaxRegression {
  private final SoftmaxRegressionConfig config;

  /** A fitter with the given settings. */
  public SoftmaxRegression(SoftmaxRegressionConfig config) {
    this.config = config;
  }

  /**
   * What a fit produced.
   *
   * @param classifier the model
   * @param optimization how L-BFGS ended (its value is the objective above)
   */
  public record Result(Classifier classifier, Lbfgs.Result optimization) {}

  /** Fits on labelled rows. */
  public Result fit(Dataset data) {
    if (!data.hasLabels()) {
      throw new IllegalArgumentException("softmax regression with L-BFGS needs class ids, not soft target rows");
    }
    int n = data.size();
    int d = data.numFeatures();
    int c = data.numClasses();
    Standardizer standardizer = config.standardize() ? Standardizer.fit(data) : null;
    float[] x = data.features();
    if (standardizer != null) {
      x = new float[x.length];
      standardizer.apply(data.features(), x, n);
    }
    float[] rowWeight = new float[n];
    double[] classWeight = config.classWeighting() == ClassWeighting.BALANCED
        ? ClassWeighting.balanced(data.classCounts()) : null;
    double weightSum = 0;
    for (int i = 0; i < n; i++) {
      double s = data.sampleWeights() == null ? 1.0 : data.sampleWeights()[i];
      s *= classWeight == null ? 1.0 : classWeight[data.labels()[i]];
      rowWeight[i] = (float) s;
      weightSum += (float) s;
    }
    if (!(weightSum > 0)) {
      throw new IllegalArgumentException("all sample weights are zero");
    }
    // Two classes: scikit-learn fits the binomial model (one weight vector w, penalty ‖w‖²/(2C)). The softmax
    // model's optimum has w₁ = -w₂ = w/2, so its penalty (‖w₁‖²+‖w₂‖²)/(2C') equals that one when C' = C/2:
    // with it both fit the same probabilities (checked against LogisticRegression on breast-cancer).
    double cReg = c == 2 ? config.c() / 2 : config.c();
    Objective objective = new Objective(x, n, d, c, data.labels(), rowWeight, weightSum, cReg);
    double[] theta = new double[c * d + c];
    int previousThreads = Kernels.threads();
    Lbfgs.Result opt;
    try {
      Kernels.setThreads(config.threads() == 0 ? Runtime.getRuntime().availableProcessors() : config.threads());
      opt = new Lbfgs(config.lbfgs()).minimize(objective, theta);
    } finally {
      Kernels.setThreads(previousThreads);
    }
    Sequential net = Sequential.fromSpecs(List.of(LayerSpec.dense(d, c)));
    Dense dense = (Dense) net.layers().get(0);
    objective.unpack(theta, dense.weight().values(), dense.bias().values());
    Map<String, String> desc = new TreeMap<>();
    desc.put("model", "softmax_regression");
    desc.put("C", Double.toString(config.c()));
    desc.put("lbfgs", config.lbfgs().toString());
    desc.put("class_weighting", config.classWeighting().name());
    desc.put("standardize", Boolean.toString(config.standardize()));
    desc.put("iterations", Integer.toString(opt.iterations()));
    desc.put("stop", opt.message());
    Classifier model = new Classifier(net, data.encoding(), standardizer, Provenance.of(0L, desc));
    return new Result(model, opt);
  }

  /** The scaled penalised objective over θ = [W (c×d, row-major), b (c)]. */
  private static final class Objective implements dev.xent.optim.DifferentiableFunction {
    private final float[] x; // [n, d]
    private final int n;
    private final int d;
    private final int c;
    private final int[] labels;
    private final float[] rowWeight;
    private final double weightSum;
    private final double invC;
    private final float[] w; // [c, d]
    private final float[] logits; // [n, c]
    private final float[] grad; // [n, c]
    private final float[] gradW; // [c, d] = Gᵀ·X
    private final float[] bias; // [c]
    private final FusedSoftmaxCrossEntropy loss;

    Objective(float[] x, int n, int d, int c, int[] labels, float[] rowWeight, double weightSum, double cReg) {
      this.x = x;
      this.n = n;
      this.d = d;
      this.c = c;
      this.labels = labels;
      this.rowWeight = rowWeight;
      this.weightSum = weightSum;
      this.invC = 1.0 / cReg;
      this.w = new float[c * d];
      this.logits = new float[n * c];
      this.grad = new float[n * c];
      this.gradW = new float[c * d];
      this.bias = new float[c];
      this.loss = new FusedSoftmaxCrossEntropy(LossOptions.keras().withFromLogits(true).withReduction(Reduction.SUM),
          n, c);
    }

    void unpack(double[] theta, float[] weight, float[] bias) {
      for (int i = 0; i < c * d; i++) {
        weight[i] = (float) theta[i];
      }
      for (int k = 0; k < c; k++) {
        bias[k] = (float) theta[c * d + k];
      }
    }

    @Override
    public double evaluate(double[] theta, double[] gradOut) {
      for (int i = 0; i < c * d; i++) {
        w[i] = (float) theta[i];
      }
      // Z [n, c] = X [n, d] · Wᵀ: with few classes the product streams each row of X once for all c dot products
      // (the gemm's skinny path), split over rows of X.
      Kernels.sgemm(false, true, n, c, d, 1f, x, 0, d, w, 0, d, 0f, logits, 0, c);
      for (int j = 0; j < c; j++) {
        bias[j] = (float) theta[c * d + j];
      }
      for (int r = 0; r < n; r++) {
        for (int j = 0; j < c; j++) {
          logits[r * c + j] += bias[j];
        }
      }
      double ce = loss.sparse(logits, n, labels, rowWeight, grad);
      // ∂/∂W [c, d] = Gᵀ [c, n] · X [n, d], G stored [n, c]: X streamed once, split over feature columns, and every
      // element sums all n rows in one order.
      Kernels.sgemm(true, false, c, d, n, 1f, grad, 0, c, x, 0, d, 0f, gradW, 0, d);
      double penalty = 0;
      double scale = 1.0 / weightSum;
      for (int k = 0; k < c; k++) {
        for (int j = 0; j < d; j++) {
          double wkj = theta[k * d + j];
          penalty += wkj * wkj;
          gradOut[k * d + j] = scale * (gradW[k * d + j] + invC * wkj);
        }
      }
      for (int k = 0; k < c; k++) {
        double s = 0;
        for (int r = 0; r < n; r++) {
          s += grad[r * c + k];
        }
        gradOut[c * d + k] = scale * s;
      }
      return scale * (ce + 0.5 * invC * penalty);
    }
  }
}
