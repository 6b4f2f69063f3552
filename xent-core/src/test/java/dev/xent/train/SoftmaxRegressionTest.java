package dev.xent.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.xent.data.Dataset;
import dev.xent.data.LabelEncoding;
import dev.xent.nn.Dense;
import dev.xent.optim.LbfgsConfig;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/**
 * Softmax regression with L-BFGS against scikit-learn's {@code LogisticRegression(solver="lbfgs")} at its
 * optimum (golden from src/test/python/make_train_goldens.py).
 */
class SoftmaxRegressionTest {
  @Test
  void sameBitsOnOneOrTwoThreads() {
    // 4096 rows are 64 blocks in 32 groups, which the two threads take in turn.
    Dataset data = Blobs.make(4096, 160, 5, 1.0, 3);
    SoftmaxRegressionConfig cfg = SoftmaxRegressionConfig.DEFAULTS.withLbfgs(LbfgsConfig.DEFAULTS.withMaxIterations(5));
    Dense one = (Dense) new SoftmaxRegression(cfg.withThreads(1)).fit(data).classifier().network().layers().get(0);
    Dense two = (Dense) new SoftmaxRegression(cfg.withThreads(2)).fit(data).classifier().network().layers().get(0);
    assertThat(two.weight().values()).containsExactly(one.weight().values());
    assertThat(two.bias().values()).containsExactly(one.bias().values());
  }

  @Test
  void reachesScikitLearnsOptimum() throws Exception {
    JsonNode g;
    try (InputStream in = getClass().getResourceAsStream("/train/softmax_regression.json")) {
      g = new ObjectMapper().readTree(in);
    }
    int n = g.get("n").asInt();
    int d = g.get("d").asInt();
    int c = g.get("classes").asInt();
    float[] x = new float[n * d];
    int[] y = new int[n];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) g.get("x").get(i).asDouble();
    }
    for (int i = 0; i < n; i++) {
      y[i] = g.get("y").get(i).asInt();
    }
    Dataset data = Dataset.ofLabels(x, n, d, y, LabelEncoding.ofIndices(c), null);
    for (JsonNode cs : g.get("cases")) {
      double cReg = cs.get("C").asDouble();
      SoftmaxRegressionConfig cfg = SoftmaxRegressionConfig.DEFAULTS.withC(cReg).withStandardize(false).withThreads(1)
          .withLbfgs(LbfgsConfig.DEFAULTS.withMaxIterations(1000).withGradientTolerance(1e-6).withRelativeDecrease(0));
      SoftmaxRegression.Result r = new SoftmaxRegression(cfg).fit(data);
      // The objective is evaluated in float32 kernels: agreement to ~1e-6 relative is what float allows.
      assertThat(r.optimization().value()).as("objective at C=%s", cReg)
          .isCloseTo(cs.get("objective").asDouble(), offset(2e-6));
      Dense dense = (Dense) r.classifier().network().layers().get(0);
      for (int k = 0; k < c; k++) {
        for (int j = 0; j < d; j++) {
          assertThat((double) dense.weight().values()[k * d + j]).as("coef[%d][%d] at C=%s", k, j, cReg)
              .isCloseTo(cs.get("coef").get(k).get(j).asDouble(), offset(1e-3));
        }
        assertThat((double) dense.bias().values()[k]).as("intercept[%d] at C=%s", k, cReg)
            .isCloseTo(cs.get("intercept").get(k).asDouble(), offset(1e-3));
      }
      int[] pred = r.classifier().predict(x, n);
      int hits = 0;
      for (int i = 0; i < n; i++) {
        hits += pred[i] == y[i] ? 1 : 0;
      }
      assertThat((double) hits / n).isEqualTo(cs.get("train_accuracy").asDouble());
    }
  }
}
