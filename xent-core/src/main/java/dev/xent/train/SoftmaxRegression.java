package dev.xent.train;

import dev.xent.data.Dataset;
import dev.xent.data.Standardizer;
import dev.xent.kernel.Kernels;
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
 * centred (softmax ignores a common shift). Logits and gradients are computed in float32, one pass over the rows
 * (see {@link SoftmaxRegressionObjective}); L-BFGS runs in double.
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
    SoftmaxRegressionObjective objective;
    double[] theta = new double[c * d + c];
    int previousThreads = Kernels.threads();
    Lbfgs.Result opt;
    try {
      Kernels.setThreads(config.threads() == 0 ? Runtime.getRuntime().availableProcessors() : config.threads());
      objective = new SoftmaxRegressionObjective(data.features(), standardizer, n, d, c, data.labels(), rowWeight,
          weightSum, cReg);
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
}
