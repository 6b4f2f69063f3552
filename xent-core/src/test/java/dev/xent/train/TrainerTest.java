package dev.xent.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import dev.xent.data.Dataset;
import dev.xent.eval.Metrics;
import dev.xent.model.Classifier;
import dev.xent.nn.LayerSpec;
import dev.xent.nn.Parameter;
import dev.xent.nn.Sequential;
import dev.xent.optim.AdamConfig;
import dev.xent.optim.SgdConfig;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrainerTest {
  private static final Dataset BLOBS = Blobs.make(1200, 8, 4, 5.0, 11);

  private static List<LayerSpec> mlp(int d, int c, double dropout) {
    return Sequential.mlpSpecs(d, new int[] {16, 16}, c, LayerSpec.Type.RELU, dropout);
  }

  @Test
  void learnsGaussianBlobsAboveNinetyFivePercent() {
    TrainerConfig cfg = TrainerConfig.DEFAULTS.withEpochs(20).withBatchSize(32).withThreads(1)
        .withValidationSplit(0.2, true);
    TrainingResult r = new Trainer(cfg).fit(mlp(8, 4, 0.1), BLOBS, null);
    History h = r.history();
    assertThat(h.epochs()).hasSize(20);
    EpochLogs last = h.last();
    assertThat(last.accuracy()).isGreaterThan(0.95);
    assertThat(last.valAccuracy()).isGreaterThan(0.95);
    assertThat(last.topKAccuracy()).isEqualTo(1.0); // top-5 of 4 classes always hits
    assertThat(last.loss()).isLessThan(h.epochs().get(0).loss());
    Classifier model = r.classifier();
    int[] pred = model.predict(BLOBS.features(), BLOBS.size());
    assertThat(Metrics.accuracy(BLOBS.labels(), pred)).isGreaterThan(0.95);
    float[] proba = model.predictProba(BLOBS.features(), 3);
    for (int i = 0; i < 3; i++) {
      double s = 0;
      for (int j = 0; j < 4; j++) {
        s += proba[i * 4 + j];
      }
      assertThat(s).isCloseTo(1.0, offset(1e-5));
    }
  }

  @Test
  void sameSeedGivesBitIdenticalWeightsWithOneOrTwoThreads() {
    TrainerConfig cfg = TrainerConfig.DEFAULTS.withEpochs(3).withBatchSize(64).withValidationSplit(0.25, true);
    // Wide enough layers that the kernels really split rows over two threads (16+ rows per part).
    List<LayerSpec> specs = Sequential.mlpSpecs(8, new int[] {64, 48}, 4, LayerSpec.Type.GELU, 0.2);
    Classifier one = new Trainer(cfg.withThreads(1)).fit(specs, BLOBS, null).classifier();
    Classifier two = new Trainer(cfg.withThreads(2)).fit(specs, BLOBS, null).classifier();
    List<Parameter> a = one.network().parameters();
    List<Parameter> b = two.network().parameters();
    for (int i = 0; i < a.size(); i++) {
      assertThat(b.get(i).values()).as(a.get(i).name()).containsExactly(a.get(i).values());
    }
    Classifier other = new Trainer(cfg.withThreads(1).withSeed(43)).fit(specs, BLOBS, null).classifier();
    assertThat(other.network().parameters().get(0).values()).isNotEqualTo(a.get(0).values());
  }

  @Test
  void earlyStoppingStopsAndRestoresTheBestWeights() {
    // A large SGD rate makes validation loss bounce, so a best epoch exists before the last.
    TrainerConfig cfg = TrainerConfig.DEFAULTS.withEpochs(30).withBatchSize(16).withThreads(1)
        .withOptimizer(new SgdConfig(0.5, 0.9, false, 0)).withValidationSplit(0.3, true);
    List<float[][]> snapshots = new ArrayList<>();
    Callback recorder = new Callback() {
      @Override
      public void onEpochEnd(EpochLogs logs, TrainingContext context) {
        snapshots.add(context.snapshotWeights());
      }
    };
    TrainingResult r = new Trainer(cfg).addCallback(recorder)
        .addCallback(new EarlyStopping(Monitor.VAL_LOSS, 2, 0.0, true)).fit(mlp(8, 4, 0), BLOBS, null);
    double[] val = r.history().values(Monitor.VAL_LOSS);
    int best = 0;
    for (int e = 1; e < val.length; e++) {
      if (val[e] < val[best]) {
        best = e;
      }
    }
    assertThat(r.history().stopReason()).startsWith("early stopping");
    assertThat(val.length).isLessThan(30);
    // Patience 2: it stopped exactly two epochs after the best one.
    assertThat(val.length - 1 - best).isEqualTo(2);
    List<Parameter> ps = r.classifier().network().parameters();
    for (int i = 0; i < ps.size(); i++) {
      assertThat(ps.get(i).values()).containsExactly(snapshots.get(best)[i]);
    }
  }

  @Test
  void checkpointHookSeesEachImprovement() {
    TrainerConfig cfg = TrainerConfig.DEFAULTS.withEpochs(5).withThreads(1);
    List<Double> seen = new ArrayList<>();
    TrainingResult r = new Trainer(cfg)
        .addCallback(new Checkpoint(Monitor.LOSS, m -> seen.add((double) m.network().parameters().get(0).values()[0])))
        .fit(mlp(8, 4, 0), BLOBS, null);
    double[] loss = r.history().values(Monitor.LOSS);
    int improvements = 1;
    double best = loss[0];
    for (int e = 1; e < loss.length; e++) {
      if (loss[e] < best) {
        best = loss[e];
        improvements++;
      }
    }
    assertThat(seen).hasSize(improvements);
  }

  @Test
  void terminateOnNanStopsADivergingRun() {
    TrainerConfig cfg = TrainerConfig.DEFAULTS.withEpochs(5).withThreads(1).withStandardize(false)
        .withOptimizer(new SgdConfig(1e30, 0, false, 0));
    TrainingResult r = new Trainer(cfg).addCallback(new TerminateOnNaN()).fit(mlp(8, 4, 0), BLOBS, null);
    assertThat(r.history().stopReason()).contains("loss became");
    assertThat(r.history().epochs()).hasSize(1);
  }

  @Test
  void progressListenerSeesEveryStep() {
    int[] batches = new int[1];
    int[] epochs = new int[1];
    ProgressListener l = new ProgressListener() {
      @Override
      public void onEpochStart(int epoch, int total, int steps) {
        assertThat(steps).isEqualTo((1200 + 99) / 100);
        assertThat(total).isEqualTo(2);
      }

      @Override
      public void onBatchEnd(int step, double loss, double acc) {
        batches[0]++;
        assertThat(acc).isBetween(0.0, 1.0);
      }

      @Override
      public void onEpochEnd(int epoch, EpochLogs logs) {
        epochs[0]++;
      }
    };
    new Trainer(TrainerConfig.DEFAULTS.withEpochs(2).withBatchSize(100).withThreads(1).withValidationSplit(0, true))
        .setProgressListener(l)
        .fit(mlp(8, 4, 0), BLOBS, null);
    assertThat(batches[0]).isEqualTo(24);
    assertThat(epochs[0]).isEqualTo(2);
  }

  @Test
  void focalLossSmoothingAndBalancedWeightsAlsoTrain() {
    // Batch 32 at a constant rate: the 600 steps this test was written for (960 rows, 20 epochs).
    TrainerConfig base = TrainerConfig.DEFAULTS.withEpochs(20).withThreads(1).withValidationSplit(0.2, true)
        .withBatchSize(32).withSchedule(dev.xent.optim.LearningRateSchedule.CONSTANT);
    TrainerConfig focal = base.withLoss(dev.xent.loss.LossKind.CATEGORICAL_FOCAL,
        dev.xent.loss.LossOptions.keras().withGamma(2.0).withAlpha(0.25));
    TrainerConfig smooth = base.withLoss(dev.xent.loss.LossKind.SPARSE_CATEGORICAL,
        dev.xent.loss.LossOptions.keras().withLabelSmoothing(0.1)).withClassWeighting(ClassWeighting.BALANCED);
    for (TrainerConfig cfg : List.of(focal, smooth)) {
      TrainingResult r = new Trainer(cfg).fit(mlp(8, 4, 0), BLOBS, null);
      assertThat(r.history().last().valAccuracy()).as(cfg.loss().cliName()).isGreaterThan(0.95);
    }
  }

  @Test
  void balancedClassWeightsFollowScikitLearn() {
    // compute_class_weight("balanced", classes=[0,1,2], y=[0]*6+[1]*3+[2]*1) = 10/(3·[6,3,1]) = [0.5556, 1.1111, 3.3333]
    double[] w = ClassWeighting.balanced(new long[] {6, 3, 1});
    assertThat(w[0]).isCloseTo(10.0 / 18, offset(1e-15));
    assertThat(w[1]).isCloseTo(10.0 / 9, offset(1e-15));
    assertThat(w[2]).isCloseTo(10.0 / 3, offset(1e-15));
    assertThat(ClassWeighting.balanced(new long[] {4, 0})).containsExactly(0.5, 0.0); // 4/(2·4); an absent class gets 0
  }

  @Test
  void configRejectsNonsenseWithAClearMessage() {
    assertThatThrownBy(() -> TrainerConfig.DEFAULTS.withEpochs(0)).hasMessageContaining("epochs must be >= 1");
    assertThatThrownBy(() -> TrainerConfig.DEFAULTS.withValidationSplit(1.0, true)).hasMessageContaining("[0, 1)");
    assertThatThrownBy(() -> new Trainer(TrainerConfig.DEFAULTS.withEpochs(1).withValidationSplit(0, true))
        .addCallback(new EarlyStopping(Monitor.VAL_LOSS, 1, 0, true)).fit(mlp(8, 4, 0), BLOBS, null))
        .hasMessageContaining("no validation data");
    assertThatThrownBy(() -> new Trainer(TrainerConfig.DEFAULTS).fit(mlp(7, 4, 0), BLOBS, null))
        .hasMessageContaining("takes 7 features but the data has 8");
    assertThat(TrainerConfig.DEFAULTS.optimizer()).isEqualTo(AdamConfig.DEFAULTS);
  }
}
