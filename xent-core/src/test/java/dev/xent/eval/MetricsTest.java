package dev.xent.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

class MetricsTest {
  @Test
  void handComputedSmallCase() {
    int[] y = {0, 1, 2, 2};
    // rows: p = [.7 .2 .1], [.3 .4 .3], [.5 .1 .4], [.1 .2 .7]
    float[] p = {.7f, .2f, .1f, .3f, .4f, .3f, .5f, .1f, .4f, .1f, .2f, .7f};
    assertThat(Metrics.accuracy(y, Metrics.argmax(p, 4, 3))).isEqualTo(0.75); // row 2 predicts 0
    assertThat(Metrics.topKAccuracy(y, p, 3, 2)).isEqualTo(1.0);
    double ll = -(Math.log(.7f) + Math.log(.4f) + Math.log(.4f) + Math.log(.7f)) / 4;
    assertThat(Metrics.logLoss(y, p, 3)).isCloseTo(ll, offset(1e-12));
    ConfusionMatrix cm = ConfusionMatrix.of(y, Metrics.argmax(p, 4, 3), 3);
    assertThat(cm.toArray()).isEqualTo(new long[][] {{1, 0, 0}, {0, 1, 0}, {1, 0, 1}});
    ClassificationReport r = cm.report();
    assertThat(r.precision()).containsExactly(0.5, 1.0, 1.0);
    assertThat(r.recall()).containsExactly(1.0, 1.0, 0.5);
    assertThat(r.f1()[0]).isCloseTo(2.0 / 3, offset(1e-15));
    // ECE, 15 bins: confidences .7 (bin 10, hit), .4 (bin 5, hit), .5 (bin 7, miss), .7 (bin 10, hit)
    Calibration cal = Calibration.of(y, p, 3);
    double ece = 0.5 * Math.abs(1 - 0.7f) + 0.25 * Math.abs(1 - 0.4f) + 0.25 * Math.abs(0 - 0.5f);
    assertThat(cal.ece()).isCloseTo(ece, offset(1e-7));
    assertThat(cal.count()[10]).isEqualTo(2);
  }

  @Test
  void agreesWithScikitLearnGoldens() throws Exception {
    JsonNode g;
    try (InputStream in = getClass().getResourceAsStream("/train/metrics.json")) {
      g = new ObjectMapper().readTree(in);
    }
    int n = g.get("n").asInt();
    int c = g.get("classes").asInt();
    int[] y = new int[n];
    float[] p = new float[n * c];
    for (int i = 0; i < n; i++) {
      y[i] = g.get("y").get(i).asInt();
    }
    for (int i = 0; i < n * c; i++) {
      p[i] = (float) g.get("proba").get(i).asDouble();
    }
    Evaluation e = Evaluation.of(y, p, c, 2);
    assertThat(e.accuracy()).isEqualTo(g.get("accuracy").asDouble());
    assertThat(e.topKAccuracy()).isEqualTo(g.get("top2_accuracy").asDouble());
    // scikit-learn renormalises each row; these float32 rows sum to 1 within ~1e-7, hence 1e-8 rather than 1e-12.
    assertThat(e.logLoss()).isCloseTo(g.get("log_loss").asDouble(), offset(1e-8));
    long[][] cm = e.confusion().toArray();
    for (int i = 0; i < c; i++) {
      for (int j = 0; j < c; j++) {
        assertThat(cm[i][j]).isEqualTo(g.get("confusion").get(i).get(j).asLong());
      }
      assertThat(e.report().precision()[i]).isCloseTo(g.get("precision").get(i).asDouble(), offset(1e-12));
      assertThat(e.report().recall()[i]).isCloseTo(g.get("recall").get(i).asDouble(), offset(1e-12));
      assertThat(e.report().f1()[i]).isCloseTo(g.get("f1").get(i).asDouble(), offset(1e-12));
      assertThat(e.report().support()[i]).isEqualTo(g.get("support").get(i).asLong());
    }
    assertThat(e.report().macro().precision()).isCloseTo(g.get("macro").get(0).asDouble(), offset(1e-12));
    assertThat(e.report().macro().f1()).isCloseTo(g.get("macro").get(2).asDouble(), offset(1e-12));
    assertThat(e.report().weighted().recall()).isCloseTo(g.get("weighted").get(1).asDouble(), offset(1e-12));
    assertThat(e.report().weighted().f1()).isCloseTo(g.get("weighted").get(2).asDouble(), offset(1e-12));
    assertThat(e.calibration().ece()).isCloseTo(g.get("ece15").asDouble(), offset(1e-7));
    for (int b = 0; b < 15; b++) {
      assertThat(e.calibration().count()[b]).isEqualTo(g.get("ece15_counts").get(b).asLong());
    }
  }

  @Test
  void rejectsMismatchedShapes() {
    assertThatThrownBy(() -> Metrics.accuracy(new int[2], new int[3])).hasMessageContaining("2!=3");
    assertThatThrownBy(() -> Metrics.logLoss(new int[2], new float[5], 3)).hasMessageContaining("2 rows × 3 classes");
    assertThatThrownBy(() -> ConfusionMatrix.of(new int[] {3}, new int[] {0}, 3)).hasMessageContaining("row 0");
  }

  @Test
  void confusionMatrixFromCountsRoundTripsAndRejectsBadShapes() {
    ConfusionMatrix m = ConfusionMatrix.of(new int[] {0, 0, 1, 2, 2, 2}, new int[] {0, 1, 1, 2, 0, 2}, 3);
    ConfusionMatrix back = ConfusionMatrix.ofCounts(m.toArray());
    assertThat(back.toArray()).isDeepEqualTo(m.toArray());
    assertThat(back.report().f1()).containsExactly(m.report().f1());
    assertThatThrownBy(() -> ConfusionMatrix.ofCounts(new long[][] {{1, 2}, {3}})).hasMessageContaining("row 1");
    assertThatThrownBy(() -> ConfusionMatrix.ofCounts(new long[][] {{1, -2}, {3, 4}})).hasMessageContaining("negative");
  }
}
