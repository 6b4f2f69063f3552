package dev.xent.bench;

import dev.xent.kernel.Kernels;
import dev.xent.loss.FusedSoftmaxCrossEntropy;
import dev.xent.loss.LossOptions;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;

/**
 * Times the fused softmax cross-entropy (sparse labels, from logits, PyTorch defaults) after warm-up: forward
 * alone, forward plus backward into a gradient array of its own, and forward plus backward with the gradient
 * written over the logits (in place, see {@link FusedSoftmaxCrossEntropy}). The best of several repetitions is
 * reported, as the PyTorch anchor script ({@code bench/torch_ce.py}) does, so the two are compared like for like.
 *
 * <p>Memory: the logits, the gradient and the logits copied for the in-place runs, 12 bytes per element (1.5 GiB
 * at 1024 x 131072); larger than 3/4 of the heap is refused with the -Xmx to use. Steady-state calls allocate
 * nothing.
 *
 * <p>Run directly: {@code java --add-modules jdk.incubator.vector -cp <classes> dev.xent.bench.LossBenchmark
 * --rows 4096 --classes 32768 --threads 2 --json}.
 */
public final class LossBenchmark {
  /** What one benchmark run measured. */
  public record Result(int rows, int cols, int threads, String provider, int vectorBitSize,
      double fwdNsPerElem, double fwdBwdNsPerElem, double fwdBwdInPlaceNsPerElem, double copyNsPerElem) {

    /** One JSON object on one line, with the keys the comparison script reads. */
    public String toJson() {
      return String.format(Locale.ROOT, "{\"rows\": %d, \"classes\": %d, \"threads\": %d, \"provider\": \"%s\", "
          + "\"vector_bits\": %d, \"fwd_ns_per_elem\": %.4f, \"fwd_bwd_ns_per_elem\": %.4f, "
          + "\"fwd_bwd_in_place_ns_per_elem\": %.4f, \"copy_ns_per_elem\": %.4f}",
          rows, cols, threads, provider, vectorBitSize, fwdNsPerElem, fwdBwdNsPerElem, fwdBwdInPlaceNsPerElem,
          copyNsPerElem);
    }
  }

  /** Warm-up lasts at least this long and this many calls: the JIT compiles the kernels and settles (C2, OSR). */
  private static final long WARMUP_NANOS = 2_000_000_000L;
  private static final int WARMUP_CALLS = 10;
  /**
   * Timed repetitions: at least 5, and more until this much time has passed; the best one counts. A window in
   * time rather than a count of calls: on the shared 2-core development VM, 2-thread calls at 65536 x 10 run up
   * to 1.5x slower through stretches of about a second (measured within one JVM, on the same arrays, with no
   * compilation going on), and 200 calls (the former cap) last a quarter of a second. {@code bench/torch_ce.py}
   * times PyTorch over the same window.
   */
  private static final long TIMED_NANOS = 2_000_000_000L;
  private static final int MIN_REPS = 5;

  private LossBenchmark() {}

  /** Runs the benchmark on N x C logits drawn as 3·N(0,1), labels uniform, with the given thread count. */
  public static Result run(int rows, int cols, int threads) {
    if (rows < 1 || cols < 1 || threads < 1) {
      throw new IllegalArgumentException("rows, classes and threads must be >= 1, got rows=" + rows
          + " classes=" + cols + " threads=" + threads);
    }
    long elems = (long) rows * cols;
    if (elems > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("rows x classes = " + elems + " exceeds one Java array; use fewer rows");
    }
    long needBytes = 12 * elems;
    long maxHeap = Runtime.getRuntime().maxMemory();
    if (needBytes > maxHeap / 4 * 3) {
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "%d x %d needs %d MiB for the logits, the gradient and a copy; run java with -Xmx%dm or more", rows,
          cols, needBytes >> 20, (needBytes * 3 / 2 >> 20) + 256));
    }
    Kernels.setThreads(threads);
    SplittableRandom rnd = new SplittableRandom(0);
    float[] logits = new float[(int) elems]; // [rows, cols], row-major
    for (int i = 0; i < logits.length; i++) {
      logits[i] = (float) (3 * rnd.nextGaussian());
    }
    int[] labels = new int[rows];
    for (int i = 0; i < rows; i++) {
      labels[i] = rnd.nextInt(cols);
    }
    float[] grad = new float[logits.length]; // [rows, cols], row-major
    FusedSoftmaxCrossEntropy loss = new FusedSoftmaxCrossEntropy(LossOptions.torch(), rows, cols);
    DoubleSupplier forward = () -> loss.sparse(logits, rows, labels, null, null);
    DoubleSupplier forwardBackward = () -> loss.sparse(logits, rows, labels, null, grad);
    // After the first call the copy holds a gradient, which the next call takes as logits: the kernel's work does
    // not depend on the values (no branch on them), only the loss it returns does.
    float[] overwritten = logits.clone();
    DoubleSupplier inPlace = () -> loss.sparse(overwritten, rows, labels, null, overwritten);
    // Both kinds of call during one warm-up, so the JIT compiles the kernels on a profile that has both: warmed on
    // forward calls alone, the recompilation for the gradient was 1.6x slower in some JVMs (10 classes).
    warmUp(forward, forwardBackward);
    double fwd = best(forward);
    double fwdBwd = best(forwardBackward);
    double fwdBwdInPlace = best(inPlace);
    double copy = best(() -> copy(logits, grad, rows, cols));
    return new Result(rows, cols, threads, Kernels.providerName(), Kernels.vectorBitSize(),
        fwd / elems, fwdBwd / elems, fwdBwdInPlace / elems, copy / elems);
  }

  /**
   * The memory floor of forward+backward: read each logit once and write each gradient element once, on the
   * same kernel threads and row split, with no arithmetic to speak of (ordinary stores, as Java has no
   * non-temporal ones). A fused kernel cannot beat it on shapes that do not fit in the caches.
   */
  private static double copy(float[] from, float[] to, int rows, int cols) {
    // from, to: [rows, cols], row-major
    Kernels.parallelFor(rows, Math.max(1, 16384 / cols), (r0, r1) -> {
      for (int k = r0 * cols, end = r1 * cols; k < end; k++) {
        to[k] = from[k] * 0.5f;
      }
    });
    return to[0];
  }

  /** Calls the bodies in turn for the warm-up time (and at least WARMUP_CALLS rounds). */
  private static void warmUp(DoubleSupplier... bodies) {
    double sink = 0;
    long start = System.nanoTime();
    for (int i = 0; i < WARMUP_CALLS || System.nanoTime() - start < WARMUP_NANOS; i++) {
      for (DoubleSupplier body : bodies) {
        sink += body.getAsDouble();
      }
    }
    if (Double.isNaN(sink)) {
      throw new IllegalStateException("the loss came out NaN"); // also keeps the calls from being optimised away
    }
  }

  /** Best time of one call in nanoseconds, after its own warm-up. */
  private static double best(DoubleSupplier body) {
    warmUp(body);
    double sink = 0;
    long best = Long.MAX_VALUE;
    long start = System.nanoTime();
    for (int i = 0; i < MIN_REPS || System.nanoTime() - start < TIMED_NANOS; i++) {
      long t = System.nanoTime();
      sink += body.getAsDouble();
      best = Math.min(best, System.nanoTime() - t);
    }
    if (Double.isNaN(sink)) {
      throw new IllegalStateException("the loss came out NaN"); // also keeps the calls from being optimised away
    }
    return best;
  }

  /**
   * {@code --rows N --classes C [--threads T] [--json]}: runs once and prints the result (one JSON line with
   * {@code --json}, else a sentence).
   */
  public static void main(String[] args) {
    int rows = 0;
    int cols = 0;
    int threads = 1;
    boolean json = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--rows" -> rows = Integer.parseInt(args[++i]);
        case "--classes" -> cols = Integer.parseInt(args[++i]);
        case "--threads" -> threads = Integer.parseInt(args[++i]);
        case "--json" -> json = true;
        default -> {
          System.err.println("unknown argument " + args[i]
              + "; usage: LossBenchmark --rows N --classes C [--threads T] [--json]");
          System.exit(2);
        }
      }
    }
    Result r = run(rows, cols, threads);
    if (json) {
      System.out.println(r.toJson());
    } else {
      System.out.printf(Locale.ROOT, "xent %s(%d-bit) threads=%d N=%d C=%d: fwd %.3f ns/elem, fwd+bwd %.3f ns/elem,"
          + " in place %.3f ns/elem (read+write floor %.3f ns/elem)%n", r.provider(), r.vectorBitSize(), r.threads(),
          r.rows(), r.cols(), r.fwdNsPerElem(), r.fwdBwdNsPerElem(), r.fwdBwdInPlaceNsPerElem(), r.copyNsPerElem());
    }
  }
}
