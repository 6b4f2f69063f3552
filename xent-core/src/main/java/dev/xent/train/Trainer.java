package dev.xent.train;

import dev.xent.data.Dataset;
import dev.xent.data.Standardizer;
import dev.xent.kernel.Kernels;
import dev.xent.kernel.RowParallel;
import dev.xent.loss.CategoricalFocalCrossentropy;
import dev.xent.loss.FusedSoftmaxCrossEntropy;
import dev.xent.loss.LossKind;
import dev.xent.loss.LossOptions;
import dev.xent.loss.LossResult;
import dev.xent.data.Matrix;
import dev.xent.model.Classifier;
import dev.xent.model.Provenance;
import dev.xent.nn.LayerSpec;
import dev.xent.nn.Parameter;
import dev.xent.nn.Sequential;
import dev.xent.optim.Optimizer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Mini-batch training of a {@link Sequential} classifier with categorical cross-entropy.
 *
 * <p>One {@link SplittableRandom} seeded from {@link TrainerConfig#seed()} is split once per purpose, in this
 * order: validation split, initialisation, shuffling, dropout; so a run replays exactly, and changing e.g. the
 * validation split does not change the initial weights' random stream. Every step: gather the batch rows into
 * preallocated buffers, forward in training mode, fused softmax cross-entropy (loss and ∂L/∂logits in one
 * pass), backward, learning rate from the schedule, optimizer step. After warm-up a step allocates nothing
 * (with one kernel thread and the fused loss; the focal loss takes the general path, which allocates).
 *
 * <p>Results are bit-identical for the same seed whatever the thread count: kernels split by rows and every
 * reduction runs in a fixed order.
 */
public final class Trainer {
  private final TrainerConfig config;
  private final List<Callback> callbacks = new ArrayList<>();
  private ProgressListener progress = ProgressListener.NONE;

  /** A trainer with the given configuration. */
  public Trainer(TrainerConfig config) {
    this.config = config;
  }

  /** Adds a callback (early stopping, checkpoint, terminate on NaN, ...); returns this trainer. */
  public Trainer addCallback(Callback callback) {
    callbacks.add(callback);
    return this;
  }

  /** Sets the progress listener; returns this trainer. */
  public Trainer setProgressListener(ProgressListener listener) {
    this.progress = listener == null ? ProgressListener.NONE : listener;
    return this;
  }

  /** The configuration. */
  public TrainerConfig config() {
    return config;
  }

  /**
   * Trains a new network of the given architecture.
   *
   * @param specs the layers, the first taking {@code train.numFeatures()} inputs and the last emitting
   *     {@code train.numClasses()} logits
   * @param train the training rows
   * @param validation validation rows, or null to use {@link TrainerConfig#validationSplit()} (or none)
   */
  public TrainingResult fit(List<LayerSpec> specs, Dataset train, Dataset validation) {
    SplittableRandom root = new SplittableRandom(config.seed());
    SplittableRandom splitRandom = root.split();
    SplittableRandom initRandom = root.split();
    SplittableRandom shuffleRandom = root.split();
    SplittableRandom dropoutRandom = root.split();

    if (validation == null && config.validationSplit() > 0) {
      Dataset.Split s = train.split(config.validationSplit(), config.stratify(), splitRandom);
      train = s.train();
      validation = s.validation();
    }
    checkShapes(specs, train, validation);
    Standardizer standardizer = config.standardize() ? Standardizer.fit(train) : null;
    Dataset tr = standardized(train, standardizer);
    Dataset va = validation == null ? null : standardized(validation, standardizer);

    Sequential net = Sequential.fromSpecs(specs);
    net.initialize(config.initializer(), initRandom);
    net.seedDropout(dropoutRandom);
    Classifier model = new Classifier(net, train.encoding(), standardizer,
        Provenance.of(config.seed(), config.describe()));

    LossOptions lossOptions = config.lossOptions();
    if (config.classWeighting() == ClassWeighting.BALANCED) {
      lossOptions = lossOptions.withClassWeights(ClassWeighting.balanced(tr.classCounts()));
    }
    int previousThreads = Kernels.threads();
    Kernels.setThreads(config.effectiveThreads());
    try {
      return new Run(tr, va, net, model, lossOptions, shuffleRandom).train();
    } finally {
      Kernels.setThreads(previousThreads);
    }
  }

  private static void checkShapes(List<LayerSpec> specs, Dataset train, Dataset validation) {
    if (specs.isEmpty()) {
      throw new IllegalArgumentException("the network needs at least one layer");
    }
    if (specs.get(0).inputSize() != train.numFeatures()) {
      throw new IllegalArgumentException("the network takes " + specs.get(0).inputSize() + " features but the data has "
          + train.numFeatures());
    }
    if (specs.get(specs.size() - 1).outputSize() != train.numClasses()) {
      throw new IllegalArgumentException("the network emits " + specs.get(specs.size() - 1).outputSize()
          + " logits but the data has " + train.numClasses() + " classes");
    }
    if (train.size() == 0) {
      throw new IllegalArgumentException("no training rows");
    }
    if (validation != null && (validation.numFeatures() != train.numFeatures()
        || !validation.encoding().equals(train.encoding()))) {
      throw new IllegalArgumentException("validation data has " + validation.numFeatures() + " features and classes "
          + validation.encoding().names() + "; training data has " + train.numFeatures() + " and "
          + train.encoding().names());
    }
  }

  private static Dataset standardized(Dataset d, Standardizer s) {
    if (s == null) {
      return d;
    }
    float[] x = new float[d.features().length];
    s.apply(d.features(), x, d.size());
    return d.withFeatures(x);
  }

  /** The state of one training run. */
  private final class Run implements TrainingContext {
    private final Dataset train;
    private final Dataset validation;
    private final Sequential net;
    private final Classifier model;
    private final LossOptions lossOptions;
    private final SplittableRandom shuffleRandom;
    private final List<Callback> active = new ArrayList<>();
    private final List<Parameter> params;
    private final Optimizer optimizer;
    private final FusedSoftmaxCrossEntropy fused;
    private final int batch;
    private final int d;
    private final int c;
    private final int k;
    private final int[] order;
    private final float[] bx; // [batch, d]
    private final int[] by; // [batch]
    private final float[] bsoft; // [batch, c] or null
    private final float[] bw; // [batch] or null
    private final float[] grad; // [batch, c]
    private final Gather gatherJob = new Gather();
    private String stopReason;

    Run(Dataset train, Dataset validation, Sequential net, Classifier model, LossOptions lossOptions,
        SplittableRandom shuffleRandom) {
      this.train = train;
      this.validation = validation;
      this.net = net;
      this.model = model;
      this.lossOptions = lossOptions;
      this.shuffleRandom = shuffleRandom;
      this.params = net.parameters();
      this.optimizer = config.optimizer().create();
      this.batch = Math.min(config.batchSize(), train.size());
      this.d = train.numFeatures();
      this.c = train.numClasses();
      this.k = Math.min(config.topK(), c);
      int maxRows = Math.max(batch, validation == null ? 0 : Math.min(validation.size(), Classifier.CHUNK));
      net.allocate(maxRows);
      this.fused = new FusedSoftmaxCrossEntropy(lossOptions, maxRows, c);
      this.order = new int[train.size()];
      for (int i = 0; i < order.length; i++) {
        order[i] = i;
      }
      this.bx = new float[maxRows * d];
      this.by = new int[maxRows];
      this.bsoft = train.hasLabels() && (validation == null || validation.hasLabels()) ? null : new float[maxRows * c];
      this.bw = train.sampleWeights() == null && (validation == null || validation.sampleWeights() == null)
          ? null : new float[maxRows];
      this.grad = new float[maxRows * c];
      for (Callback cb : callbacks) {
        active.add(cb.forRun());
      }
    }

    TrainingResult train() {
      History history = new History(k);
      for (Callback cb : active) {
        cb.onTrainBegin(this, validation != null);
      }
      int n = train.size();
      int steps = (n + batch - 1) / batch;
      long totalSteps = (long) steps * config.epochs();
      long globalStep = 0;
      for (int epoch = 1; epoch <= config.epochs() && stopReason == null; epoch++) {
        long t0 = System.nanoTime();
        progress.onEpochStart(epoch, config.epochs(), steps);
        if (config.shuffle()) {
          Dataset.shuffle(order, shuffleRandom);
        }
        double lossSum = 0;
        long correct = 0;
        long correctK = 0;
        long seen = 0;
        double lr = optimizer.learningRate();
        for (int s = 0; s < steps && stopReason == null; s++) {
          int from = s * batch;
          int rows = Math.min(batch, n - from);
          gather(train, order, from, rows);
          net.zeroGrad();
          float[] logits = net.forward(bx, rows, true);
          double loss = lossAndGradient(logits, rows, train.hasLabels(), true);
          correct += countCorrect(logits, rows);
          correctK += countTopK(logits, rows);
          net.backward(grad);
          lr = config.schedule().rate(config.optimizer().learningRate(), globalStep, totalSteps, steps);
          optimizer.setLearningRate(lr);
          optimizer.step(params);
          globalStep++;
          lossSum += loss * rows;
          seen += rows;
          for (int ci = 0; ci < active.size(); ci++) { // indexed: no iterator per step
            active.get(ci).onBatchEnd(s + 1, loss, this);
          }
          progress.onBatchEnd(s + 1, lossSum / seen, (double) correct / seen);
        }
        double[] val = validation == null ? null : evaluate(validation);
        EpochLogs logs = new EpochLogs(epoch, (System.nanoTime() - t0) / 1e9, lossSum / Math.max(1, seen),
            (double) correct / Math.max(1, seen), (double) correctK / Math.max(1, seen),
            val == null ? Double.NaN : val[0], val == null ? Double.NaN : val[1], val == null ? Double.NaN : val[2], lr);
        history.add(logs);
        for (Callback cb : active) {
          cb.onEpochEnd(logs, this);
        }
        progress.onEpochEnd(epoch, logs);
      }
      for (Callback cb : active) {
        cb.onTrainEnd(this);
      }
      if (stopReason != null) {
        history.stopped(stopReason);
      }
      return new TrainingResult(model, history);
    }

    /** Copies rows order[from..from+rows) (or from..from+rows when idx is null) into the batch buffers. */
    private void gather(Dataset data, int[] idx, int from, int rows) {
      gatherJob.set(data, idx, from);
      try {
        // 32 rows (100 KB of Fashion-MNIST features) at least per task, so the hand-off stays small beside it.
        Kernels.parallelFor(rows, 32, gatherJob);
      } finally {
        gatherJob.clear();
      }
    }

    /** {@link #gather} over a range of batch rows; each row is copied by one thread, so any split is the same. */
    private final class Gather implements RowParallel.RangeBody {
      private Dataset data;
      private int[] idx;
      private int from;

      void set(Dataset data, int[] idx, int from) {
        this.data = data;
        this.idx = idx;
        this.from = from;
      }

      void clear() {
        data = null;
        idx = null;
      }

      @Override
      public void run(int lo, int hi) {
        float[] x = data.features();
        int[] labels = data.labels();
        float[] soft = data.softTargets();
        float[] w = data.sampleWeights();
        for (int r = lo; r < hi; r++) {
          int i = idx == null ? from + r : idx[from + r];
          System.arraycopy(x, i * d, bx, r * d, d);
          if (labels != null) {
            by[r] = labels[i];
          } else {
            System.arraycopy(soft, i * c, bsoft, r * c, c);
            by[r] = data.classOf(i);
          }
          if (bw != null) {
            bw[r] = w == null ? 1f : w[i];
          }
        }
      }
    }

    /** The reduced loss of the batch; fills {@link #grad} when asked. */
    private double lossAndGradient(float[] logits, int rows, boolean sparse, boolean withGradient) {
      if (config.loss() == LossKind.CATEGORICAL_FOCAL) {
        return focal(logits, rows, sparse, withGradient);
      }
      float[] g = withGradient ? grad : null;
      return sparse ? fused.sparse(logits, rows, by, bw, g) : fused.dense(logits, rows, bsoft, bw, g);
    }

    /** Focal loss through the general double path (allocates per batch). */
    private double focal(float[] logits, int rows, boolean sparse, boolean withGradient) {
      Matrix yTrue = Matrix.zeros(rows, c);
      Matrix yPred = Matrix.zeros(rows, c);
      for (int r = 0; r < rows; r++) {
        for (int j = 0; j < c; j++) {
          yPred.set(r, j, logits[r * c + j]);
          yTrue.set(r, j, sparse ? (j == by[r] ? 1.0 : 0.0) : bsoft[r * c + j]);
        }
      }
      double[] sw = null;
      if (bw != null) {
        sw = new double[rows];
        for (int r = 0; r < rows; r++) {
          sw[r] = bw[r];
        }
      }
      LossResult res = new CategoricalFocalCrossentropy(lossOptions).compute(yTrue, yPred, sw, withGradient);
      if (withGradient) {
        double[] gd = res.gradient().data();
        for (int i = 0; i < rows * c; i++) {
          grad[i] = (float) gd[i];
        }
      }
      return res.value();
    }

    private long countCorrect(float[] logits, int rows) {
      long ok = 0;
      for (int r = 0; r < rows; r++) {
        int off = r * c;
        int best = 0;
        for (int j = 1; j < c; j++) {
          if (logits[off + j] > logits[off + best]) {
            best = j;
          }
        }
        ok += best == by[r] ? 1 : 0;
      }
      return ok;
    }

    /** Rows whose true class ranks within the top k (classes with a strictly larger logit fewer than k). */
    private long countTopK(float[] logits, int rows) {
      long ok = 0;
      for (int r = 0; r < rows; r++) {
        int off = r * c;
        float t = logits[off + by[r]];
        int above = 0;
        for (int j = 0; j < c; j++) {
          above += logits[off + j] > t ? 1 : 0;
        }
        ok += above < k ? 1 : 0;
      }
      return ok;
    }

    /** Validation loss, accuracy and top-k accuracy, in inference mode, in chunks of the buffer size. */
    private double[] evaluate(Dataset data) {
      int n = data.size();
      int chunk = by.length;
      double lossSum = 0;
      long correct = 0;
      long correctK = 0;
      for (int from = 0; from < n; from += chunk) {
        int rows = Math.min(chunk, n - from);
        gather(data, null, from, rows);
        float[] logits = net.forward(bx, rows, false);
        double loss = lossAndGradient(logits, rows, data.hasLabels(), false);
        lossSum += loss * rows;
        correct += countCorrect(logits, rows);
        correctK += countTopK(logits, rows);
      }
      return new double[] {lossSum / n, (double) correct / n, (double) correctK / n};
    }

    @Override
    public Classifier model() {
      return model;
    }

    @Override
    public void stopTraining(String reason) {
      if (stopReason == null) {
        stopReason = reason;
      }
    }

    @Override
    public float[][] snapshotWeights() {
      float[][] s = new float[params.size()][];
      for (int i = 0; i < s.length; i++) {
        s[i] = params.get(i).values().clone();
      }
      return s;
    }

    @Override
    public void restoreWeights(float[][] snapshot) {
      for (int i = 0; i < snapshot.length; i++) {
        params.get(i).set(snapshot[i]);
      }
    }
  }
}
