package dev.xent.bench.jmh;

import dev.xent.kernel.Kernels;
import dev.xent.loss.FusedSoftmaxCrossEntropy;
import dev.xent.loss.LossOptions;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JMH: the fused sparse softmax cross-entropy, forward and forward+backward, per call. Divide by rows·classes for
 * ns per logit. Run: {@code java --add-modules jdk.incubator.vector -cp <xent-bench classpath>
 * org.openjdk.jmh.Main FusedLossJmh -p shape=8192x1000 -p threads=1}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
public class FusedLossJmh {
  /** rows x classes. */
  @Param({"65536x10", "8192x1000", "4096x32768"})
  public String shape;

  @Param({"1", "2"})
  public int threads;

  private float[] logits; // [rows, cols], row-major
  private int[] labels;
  private float[] grad; // [rows, cols], row-major
  private int rows;
  private FusedSoftmaxCrossEntropy loss;

  @Setup
  public void setUp() {
    String[] nc = shape.split("x");
    rows = Integer.parseInt(nc[0]);
    int cols = Integer.parseInt(nc[1]);
    Kernels.setThreads(threads);
    SplittableRandom rnd = new SplittableRandom(0);
    logits = new float[rows * cols];
    for (int i = 0; i < logits.length; i++) {
      logits[i] = (float) (3 * rnd.nextGaussian());
    }
    labels = new int[rows];
    for (int i = 0; i < rows; i++) {
      labels[i] = rnd.nextInt(cols);
    }
    grad = new float[logits.length];
    loss = new FusedSoftmaxCrossEntropy(LossOptions.torch(), rows, cols);
  }

  @Benchmark
  public double forward() {
    return loss.sparse(logits, rows, labels, null, null);
  }

  @Benchmark
  public double forwardBackward() {
    return loss.sparse(logits, rows, labels, null, grad);
  }
}
