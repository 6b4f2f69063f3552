package dev.xent.bench.jmh;

import dev.xent.bench.GemmThroughput.Shape;
import dev.xent.kernel.vector.VectorGemm;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
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
 * Single-threaded {@link VectorGemm} on the three products of the MLP's first layer (784 -> 256) at batch 128:
 * forward {@code X[128,784]·W[256,784]^T}, input gradient {@code dY[128,256]·W[256,784]} and weight gradient
 * {@code dY[128,256]^T·X[128,784]}. GFLOP/s = 2·m·n·k / (µs per op · 1000); {@link #flops} prints the factor.
 *
 * <p>Run: {@code java --add-modules jdk.incubator.vector -cp <bench classpath> org.openjdk.jmh.Main GemmBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
public class GemmBenchmark {
  /** fwd: transB, bwdX: plain, dW: transA. */
  @Param({"fwd", "bwdX", "dW"})
  public String product;

  /** Vector width in bits. */
  @Param({"256"})
  public int bits;

  private Shape shape;
  private VectorSpecies<Float> species;
  private float[] a;
  private float[] b;
  private float[] c;
  private int lda;
  private int ldb;

  /** Builds random operands for the chosen product. */
  @Setup
  public void setup() {
    int batch = 128;
    shape = switch (product) {
      case "fwd" -> new Shape("fwd", false, true, batch, 256, 784);
      case "bwdX" -> new Shape("bwdX", false, false, batch, 784, 256);
      case "dW" -> new Shape("dW", true, false, 256, 784, batch);
      default -> throw new IllegalArgumentException("unknown product " + product + "; use fwd, bwdX or dW");
    };
    species = switch (bits) {
      case 128 -> FloatVector.SPECIES_128;
      case 256 -> FloatVector.SPECIES_256;
      case 512 -> FloatVector.SPECIES_512;
      default -> throw new IllegalArgumentException("bits must be 128, 256 or 512, got " + bits);
    };
    SplittableRandom rnd = new SplittableRandom(7);
    a = random(rnd, shape.m() * shape.k());
    b = random(rnd, shape.k() * shape.n());
    c = new float[shape.m() * shape.n()];
    lda = shape.transA() ? shape.m() : shape.k();
    ldb = shape.transB() ? shape.k() : shape.n();
  }

  /** One product C = op(A)·op(B). */
  @Benchmark
  public float[] sgemm() {
    VectorGemm.sgemm(species, shape.transA(), shape.transB(), shape.m(), shape.n(), shape.k(), 1f, a, 0, lda,
        b, 0, ldb, 0f, c, 0, shape.n());
    return c;
  }

  /** Floating-point operations of the chosen product (for converting µs/op to GFLOP/s). */
  public double flops() {
    return shape.flops();
  }

  private static float[] random(SplittableRandom rnd, int size) {
    float[] x = new float[size];
    for (int i = 0; i < size; i++) {
      x[i] = (float) (rnd.nextDouble() * 2 - 1);
    }
    return x;
  }
}
