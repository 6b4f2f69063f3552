package dev.xent.io.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.xent.data.Dataset;
import dev.xent.data.LabelEncoding;
import dev.xent.eval.Calibration;
import dev.xent.loss.LossKind;
import dev.xent.loss.LossOptions;
import dev.xent.model.Classifier;
import dev.xent.nn.LayerSpec;
import dev.xent.nn.Sequential;
import dev.xent.optim.OptimizerConfig;
import dev.xent.train.Trainer;
import dev.xent.train.TrainerConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Training from CSV end to end: one-hot soft-target columns train exactly the model the label column trains,
 * and label smoothing lowers the confidence of a model that is right on every row, which the calibration error
 * then shows.
 */
class SoftTargetTrainingTest {
  @TempDir Path dir;

  private static final String[] CLASSES = {"a", "b", "c"};

  /** Three Gaussian blobs in 2-D, 60 rows each, with both a label column and one-hot probability columns. */
  private Path blobs() throws IOException {
    SplittableRandom r = new SplittableRandom(11);
    double[][] centres = {{0, 3}, {3, -2}, {-3, -2}};
    StringBuilder sb = new StringBuilder("x,y,label,p_a,p_b,p_c\n");
    for (int i = 0; i < 180; i++) {
      int k = i % 3;
      double x = centres[k][0] + 0.6 * gauss(r);
      double y = centres[k][1] + 0.6 * gauss(r);
      sb.append(String.format(Locale.ROOT, "%.5f,%.5f,%s,%d,%d,%d%n", x, y, CLASSES[k],
          k == 0 ? 1 : 0, k == 1 ? 1 : 0, k == 2 ? 1 : 0));
    }
    Path p = dir.resolve("blobs.csv");
    Files.writeString(p, sb.toString());
    return p;
  }

  private static double gauss(SplittableRandom r) {
    // Box-Muller; enough for test data.
    return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
  }

  private static Classifier train(EncodedRows rows, List<String> classes, double smoothing) {
    LabelEncoding enc = LabelEncoding.frozen(classes);
    Dataset d = rows.labels() != null
        ? Dataset.ofLabels(rows.features(), rows.rows(), rows.featureCount(), rows.labels(), enc, null)
        : Dataset.ofSoftTargets(rows.features(), rows.rows(), rows.featureCount(), rows.soft(), enc, null);
    TrainerConfig config = TrainerConfig.DEFAULTS.withEpochs(60).withSeed(5).withThreads(1)
        .withOptimizer(OptimizerConfig.defaults("adam").withLearningRate(0.01))
        .withLoss(LossKind.CATEGORICAL, LossOptions.keras().withFromLogits(true).withLabelSmoothing(smoothing));
    List<LayerSpec> specs = Sequential.mlpSpecs(d.numFeatures(), new int[] {16}, 3, LayerSpec.Type.RELU, 0);
    return new Trainer(config).fit(specs, d, null).classifier();
  }

  @Test
  void oneHotSoftColumnsTrainTheSameModelAsTheLabelColumn() throws IOException {
    Path csv = blobs();
    CsvOptions base = CsvOptions.DEFAULTS.withSplit(0, 1).withColumns(List.of("x", "y"), List.of(), List.of());
    CsvDataset hard = CsvDataset.load(csv, base.withTarget("label"));
    CsvDataset soft = CsvDataset.load(csv, base.withTargetColumns(List.of("p_a", "p_b", "p_c")));
    // Same rows, same features: the target is the only difference.
    assertThat(soft.train().features()).containsExactly(hard.train().features());
    assertThat(hard.preprocessing().target().classes()).containsExactly("a", "b", "c");

    Classifier h = train(hard.train(), hard.preprocessing().target().classes(), 0);
    Classifier s = train(soft.train(), hard.preprocessing().target().classes(), 0);
    float[] ph = h.predictProba(hard.train().features(), hard.train().rows());
    float[] ps = s.predictProba(soft.train().features(), soft.train().rows());
    // The sparse and dense paths of the fused loss differ only in float rounding; 360 Adam steps keep that small.
    for (int i = 0; i < ph.length; i++) {
      assertThat(ps[i]).as("probability %d", i).isCloseTo(ph[i], within(1e-4f));
    }
  }

  @Test
  void labelSmoothingLowersConfidenceAndShowsInTheCalibrationError() throws IOException {
    CsvDataset ds = CsvDataset.load(blobs(),
        CsvOptions.DEFAULTS.withSplit(0, 1).withTarget("label").withColumns(List.of("x", "y"), List.of(), List.of()));
    EncodedRows rows = ds.train();
    List<String> classes = ds.preprocessing().target().classes();
    Classifier plain = train(rows, classes, 0);
    Classifier smooth = train(rows, classes, 0.3);
    float[] pp = plain.predictProba(rows.features(), rows.rows());
    float[] sp = smooth.predictProba(rows.features(), rows.rows());
    double plainConf = meanMax(pp, rows.rows());
    double smoothConf = meanMax(sp, rows.rows());
    // Well separated blobs: both models get (almost) every row right.
    assertThat(accuracy(pp, rows.labels())).isGreaterThan(0.97);
    assertThat(accuracy(sp, rows.labels())).isGreaterThan(0.97);
    // With smoothing eps the loss is minimal at p_true = 1 - eps + eps/C = 0.8 for eps 0.3, C 3: the model
    // cannot be more confident than that without paying for it; the plain model approaches 1.
    assertThat(plainConf).isGreaterThan(0.95);
    assertThat(smoothConf).isLessThan(0.86).isGreaterThan(0.6);
    double plainEce = Calibration.of(rows.labels(), pp, 3).ece();
    double smoothEce = Calibration.of(rows.labels(), sp, 3).ece();
    // Right on ~every row but claiming ~0.8: underconfident by ~0.2, while the plain model's gap is small.
    assertThat(smoothEce).isGreaterThan(plainEce + 0.1);
  }

  private static double meanMax(float[] p, int rows) {
    double s = 0;
    for (int i = 0; i < rows; i++) {
      float m = 0;
      for (int k = 0; k < 3; k++) {
        m = Math.max(m, p[i * 3 + k]);
      }
      s += m;
    }
    return s / rows;
  }

  private static double accuracy(float[] p, int[] labels) {
    int right = 0;
    for (int i = 0; i < labels.length; i++) {
      int best = 0;
      for (int k = 1; k < 3; k++) {
        if (p[i * 3 + k] > p[i * 3 + best]) {
          best = k;
        }
      }
      right += best == labels[i] ? 1 : 0;
    }
    return (double) right / labels.length;
  }
}
