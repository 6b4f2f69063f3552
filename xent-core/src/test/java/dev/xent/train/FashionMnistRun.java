package dev.xent.train;

import dev.xent.data.Dataset;
import dev.xent.data.LabelEncoding;
import dev.xent.eval.Evaluation;
import dev.xent.kernel.Kernels;
import dev.xent.model.Classifier;
import dev.xent.nn.LayerSpec;
import dev.xent.nn.Sequential;
import java.io.DataInputStream;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;

/**
 * A manual measuring tool (not a unit test, never run by surefire): trains on Fashion-MNIST and prints accuracy
 * and samples/s. The minimal IDX reading here is for this tool only; the real reader lives in xent-io.
 *
 * <pre>
 * mvn -q -pl xent-core test-compile
 * java --add-modules jdk.incubator.vector -cp xent-core/target/classes:xent-core/target/test-classes \
 *     dev.xent.train.FashionMnistRun [mlp|lbfgs] [threads] [epochs or L-BFGS iterations] [dropout] [standardize]
 *     [schedule] [dir]
 * </pre>
 */
public final class FashionMnistRun {
  private FashionMnistRun() {}

  public static void main(String[] args) throws IOException {
    String mode = args.length > 0 ? args[0] : "mlp";
    int threads = args.length > 1 ? Integer.parseInt(args[1]) : 2;
    int epochs = args.length > 2 ? Integer.parseInt(args[2]) : 10;
    double dropout = args.length > 3 ? Double.parseDouble(args[3]) : 0.0;
    boolean standardize = args.length > 4 ? Boolean.parseBoolean(args[4]) : true;
    String schedule = args.length > 5 ? args[5] : "constant";
    String dir = args.length > 6 ? args[6] : "/usr/share/datasets/fashion-mnist";
    Dataset train = read(dir + "/train-images-idx3-ubyte.gz", dir + "/train-labels-idx1-ubyte.gz");
    Dataset test = read(dir + "/t10k-images-idx3-ubyte.gz", dir + "/t10k-labels-idx1-ubyte.gz");
    System.out.printf("provider=%s threads=%d train=%d test=%d%n", Kernels.providerName(), threads, train.size(),
        test.size());
    long t0 = System.nanoTime();
    Classifier model;
    if (mode.equals("lbfgs")) {
      // For lbfgs the third argument is the iteration limit (scikit-learn's max_iter, default 100).
      int maxIter = args.length > 2 ? epochs : 100;
      SoftmaxRegression.Result r = new SoftmaxRegression(SoftmaxRegressionConfig.DEFAULTS.withThreads(threads)
          .withLbfgs(dev.xent.optim.LbfgsConfig.DEFAULTS.withMaxIterations(maxIter))).fit(train);
      model = r.classifier();
      System.out.printf("lbfgs: %s after %d iterations, %d evaluations, objective %.6f%n", r.optimization().message(),
          r.optimization().iterations(), r.optimization().evaluations(), r.optimization().value());
    } else {
      TrainerConfig cfg = TrainerConfig.DEFAULTS.withEpochs(epochs).withBatchSize(128).withThreads(threads)
          .withStandardize(standardize).withSchedule(dev.xent.optim.LearningRateSchedule.parse(schedule));
      TrainingResult r = new Trainer(cfg).setProgressListener(new ProgressListener() {
        @Override
        public void onEpochEnd(int epoch, EpochLogs logs) {
          System.out.printf("epoch %d: %.2fs %.0f samples/s loss %.4f acc %.4f%n", epoch, logs.seconds(),
              train.size() / logs.seconds(), logs.loss(), logs.accuracy());
        }
      }).fit(Sequential.mlpSpecs(784, new int[] {256, 128}, 10, LayerSpec.Type.RELU, dropout), train, null);
      model = r.classifier();
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    float[] proba = model.predictProba(test.features(), test.size());
    Evaluation e = Evaluation.of(test.labels(), proba, 10, 5);
    System.out.printf("%s: total %.2fs, test accuracy %.4f, test log loss %.4f, ECE %.4f%n", mode, seconds,
        e.accuracy(), e.logLoss(), e.calibration().ece());
  }

  private static DataInputStream open(String path) throws IOException {
    InputStream in = new FileInputStream(path);
    if (path.endsWith(".gz")) {
      in = new GZIPInputStream(in, 1 << 16);
    }
    return new DataInputStream(new java.io.BufferedInputStream(in, 1 << 16));
  }

  private static Dataset read(String images, String labels) throws IOException {
    float[] x;
    int n;
    int d;
    try (DataInputStream in = open(images)) {
      in.readInt(); // magic 0x00000803
      n = in.readInt();
      d = in.readInt() * in.readInt();
      byte[] raw = new byte[n * d];
      in.readFully(raw);
      x = new float[n * d];
      for (int i = 0; i < raw.length; i++) {
        x[i] = (raw[i] & 0xff) / 255f;
      }
    }
    int[] y = new int[n];
    try (DataInputStream in = open(labels)) {
      in.readInt(); // magic 0x00000801
      in.readInt();
      for (int i = 0; i < n; i++) {
        y[i] = in.readUnsignedByte();
      }
    }
    return Dataset.ofLabels(x, n, d, y, LabelEncoding.ofIndices(10), null);
  }
}
