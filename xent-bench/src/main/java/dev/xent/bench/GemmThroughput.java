package dev.xent.bench;

import dev.xent.kernel.vector.VectorGemm;
import java.util.List;
import java.util.SplittableRandom;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * A quick single-threaded GFLOP/s readout of {@link VectorGemm} on the MLP 784-256-128-10 products, for tuning
 * by hand. Run with {@code java --add-modules jdk.incubator.vector -cp <core>:<bench> dev.xent.bench.GemmThroughput
 * [bits] [batch]} (bits 128/256/512, default 256; batch default 128). The JMH numbers are in
 * {@code dev.xent.bench.jmh.GemmBenchmark}.
 */
public final class GemmThroughput {
  /** One product: C[m, n] = op(A)·op(B) with the given transposes and inner dimension k. */
  public record Shape(String name, boolean transA, boolean transB, int m, int n, int k) {
    /** Floating-point operations of one product: a multiply and an add per (i, j, p). */
    public double flops() {
      return 2.0 * m * n * k;
    }
  }

  private GemmThroughput() {}

  /** The products one training step of the 784-256-128-10 MLP runs at the given batch size. */
  public static List<Shape> mlpShapes(int batch) {
    return List.of(
        new Shape("fwd1   X[b,784]·W1[256,784]^T", false, true, batch, 256, 784),
        new Shape("fwd2   H[b,256]·W2[128,256]^T", false, true, batch, 128, 256),
        new Shape("fwd3   H[b,128]·W3[10,128]^T", false, true, batch, 10, 128),
        new Shape("bwdX1  dY[b,256]·W1[256,784]", false, false, batch, 784, 256),
        new Shape("bwdX2  dY[b,128]·W2[128,256]", false, false, batch, 256, 128),
        new Shape("bwdX3  dY[b,10]·W3[10,128]", false, false, batch, 128, 10),
        new Shape("dW1    dY[b,256]^T·X[b,784]", true, false, 256, 784, batch),
        new Shape("dW2    dY[b,128]^T·H[b,256]", true, false, 128, 256, batch),
        new Shape("dW3    dY[b,10]^T·H[b,128]", true, false, 10, 128, batch));
  }

  /** Prints GFLOP/s (best of many repetitions after warm-up) for every MLP product. */
  public static void main(String[] args) {
    int bits = args.length > 0 ? Integer.parseInt(args[0]) : 256;
    int batch = args.length > 1 ? Integer.parseInt(args[1]) : 128;
    VectorSpecies<Float> species = FloatVector.SPECIES_256;
    if (bits == 128) {
      species = FloatVector.SPECIES_128;
    } else if (bits == 512) {
      species = FloatVector.SPECIES_512;
    }
    System.out.printf("species %d bits, batch %d, 1 thread%n", bits, batch);
    for (Shape s : mlpShapes(batch)) {
      System.out.printf("%-32s m=%4d n=%4d k=%4d  %7.2f GFLOP/s%n", s.name(), s.m(), s.n(), s.k(),
          gflops(species, s));
    }
  }

  /** Best-of GFLOP/s for one shape, after enough warm-up for C2 to compile the kernels. */
  public static double gflops(VectorSpecies<Float> species, Shape s) {
    SplittableRandom rnd = new SplittableRandom(42);
    float[] a = random(rnd, s.m() * s.k());
    float[] b = random(rnd, s.k() * s.n());
    float[] c = new float[s.m() * s.n()];
    int lda = s.transA() ? s.m() : s.k();
    int ldb = s.transB() ? s.k() : s.n();
    // ~2 s of work per shape at ~40 GFLOP/s, and at least 50 timed repetitions for a stable best-of.
    int reps = (int) Math.max(50, Math.min(20_000, 4e10 / s.flops()));
    for (int i = 0; i < reps; i++) {
      VectorGemm.sgemm(species, s.transA(), s.transB(), s.m(), s.n(), s.k(), 1f, a, 0, lda, b, 0, ldb, 0f,
          c, 0, s.n());
    }
    long best = Long.MAX_VALUE;
    for (int i = 0; i < reps; i++) {
      long t = System.nanoTime();
      VectorGemm.sgemm(species, s.transA(), s.transB(), s.m(), s.n(), s.k(), 1f, a, 0, lda, b, 0, ldb, 0f,
          c, 0, s.n());
      best = Math.min(best, System.nanoTime() - t);
    }
    return s.flops() / best;
  }

  private static float[] random(SplittableRandom rnd, int size) {
    float[] x = new float[size];
    for (int i = 0; i < size; i++) {
      x[i] = (float) (rnd.nextDouble() * 2 - 1);
    }
    return x;
  }
}
