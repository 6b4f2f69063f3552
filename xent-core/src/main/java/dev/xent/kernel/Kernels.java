package dev.xent.kernel;

import java.util.Objects;
import java.util.logging.Logger;

/**
 * The validating facade over the active {@link KernelProvider}.
 *
 * <p>The provider is chosen once: the Vector API provider when the JVM runs with
 * {@code --add-modules jdk.incubator.vector} (the {@code ./xent} launcher and the tests do), else the scalar
 * provider, and the fallback is logged once with its reason. The system property {@code xent.vectorBitSize}
 * forces a width: 0 selects the scalar provider, 128/256/512 a narrower vector species.
 *
 * <p>Work is split by rows (or columns, see {@link #sgemm}) over {@link #threads()} threads; every output element
 * is computed by one thread in a fixed order, so results are identical whatever the thread count. The threads
 * persist between calls and a call hands them its arguments through a reusable per-thread job record, so
 * steady-state calls of {@link #sgemm}, {@link #softmaxXentSparse} and {@link #softmaxXentDense} allocate nothing
 * (see {@code KernelAllocationTest}).
 */
public final class Kernels {
  private static final Logger LOG = Logger.getLogger(Kernels.class.getName());

  private Kernels() {}

  private static final class Holder {
    static final KernelProvider IMPL = ProviderLookup.select(LOG);
  }

  private static volatile RowParallel parallel = new RowParallel(1);

  /**
   * The largest shared packing of B (floats), which each calling thread keeps for reuse: 2^22 floats = 16 MiB, 20x
   * the MLP's largest (the transposed 256 x 784 weight, 800 KiB). Larger products split by rows with each thread
   * packing B block by block, as on one thread.
   */
  private static final int SHARED_PACK_MAX_FLOATS = 1 << 22;

  /**
   * Each calling thread's reusable job records: a kernel call fills one with its arguments instead of capturing
   * them in a lambda, so a call allocates nothing. Per thread, because callers on different threads may fill
   * theirs while another call is running.
   */
  private static final ThreadLocal<KernelJobs> JOBS = ThreadLocal.withInitial(KernelJobs::new);

  /** The active provider. */
  public static KernelProvider provider() {
    return Holder.IMPL;
  }

  /** The active provider's name: {@code scalar} or {@code vector}. */
  public static String providerName() {
    return Holder.IMPL.name();
  }

  /** The active provider's SIMD width in bits (0 for scalar). */
  public static int vectorBitSize() {
    return Holder.IMPL.vectorBitSize();
  }

  /** The number of threads kernels use. */
  public static int threads() {
    return parallel.threads();
  }

  /** Sets the number of threads kernels use (≥ 1). */
  public static synchronized void setThreads(int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1, got " + threads);
    }
    if (threads != parallel.threads()) {
      RowParallel old = parallel;
      parallel = new RowParallel(threads);
      old.close();
    }
  }

  /** Runs {@code body} over [0, n) in contiguous chunks on the kernel threads. */
  public static void parallelFor(int n, int minChunk, RowParallel.RangeBody body) {
    parallel.forRange(n, minChunk, body);
  }

  /**
   * {@code C = alpha·op(A)·op(B) + beta·C} (row-major; see {@link KernelProvider#sgemm}). On several threads: a
   * product with few rows (see {@link KernelProvider#gemmSkinnyMax}) or too few rows for two tasks is split over
   * the columns of C, each thread packing its own columns of B; a product with few columns over the rows; any
   * other over the rows after the threads have packed op(B) once together into a buffer they share (where the
   * provider offers that, see {@link KernelProvider#gemmPackedBSize}). Each piece takes the path of the whole
   * product, so the result has the same bits on any number of threads.
   */
  public static void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
      float[] a, int aOff, int lda, float[] b, int bOff, int ldb, float beta, float[] c, int cOff, int ldc) {
    Objects.requireNonNull(a, "a");
    Objects.requireNonNull(b, "b");
    Objects.requireNonNull(c, "c");
    if (m < 0 || n < 0 || k < 0) {
      throw new IllegalArgumentException("negative gemm dimension: m=" + m + " n=" + n + " k=" + k);
    }
    checkSpan("A", a.length, aOff, transA ? k : m, transA ? m : k, lda);
    checkSpan("B", b.length, bOff, transB ? n : k, transB ? k : n, ldb);
    checkSpan("C", c.length, cOff, m, n, ldc);
    int skinny = Holder.IMPL.gemmSkinnyMax();
    if (m <= skinny && n > skinny) {
      // Few rows: split the long side, in blocks wider than the skinny limit so each keeps the skinny-rows path.
      KernelJobs.GemmColumns job = JOBS.get().gemmColumns;
      job.set(Holder.IMPL, transA, transB, m, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
      try {
        // One chunk per thread: each column block streams all k rows of B, so more blocks mean more passes over it
        // (100 L-BFGS iterations on Fashion-MNIST, whose gradient Gᵀ·X streams the 188 MB of X, 2 threads: 12.0 s
        // in three runs with four chunks per thread, 10.5-11.6 in five with one).
        parallel.forRange(n, Math.max(skinny + 1, minLinesPerTask(m, k)), 1, job);
      } finally {
        job.clear();
      }
      return;
    }
    // Rows of C are independent; a task takes at least 16 rows and 2^18 multiply-adds (see minLinesPerTask), and
    // with a skinny path for few columns, chunks taller than its limit keep wide products on the packed path. The
    // MLP's dX = dY[128, 10]·W3 (164K multiply-adds) so runs on one thread.
    int rowChunk = n <= skinny ? minLinesPerTask(n, k) : Math.max(minLinesPerTask(n, k), skinny + 1);
    if (n > skinny && parallel.threads() > 1) {
      if (m / rowChunk >= 2) {
        int packedSize = Holder.IMPL.gemmPackedBSize(m, n, k);
        if (packedSize > 0 && packedSize <= SHARED_PACK_MAX_FLOATS) {
          sharedPackGemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc, rowChunk,
              packedSize);
          return;
        }
      } else if (m > skinny) {
        // Too few rows for two tasks (X·W1ᵀ at batch 32): split the columns instead, each block wider than the
        // skinny limit so it keeps the packed path, each thread packing only its own columns of B.
        int columnChunk = Math.max(minLinesPerTask(m, k), skinny + 1);
        if (n / columnChunk >= 2) {
          KernelJobs.GemmColumns job = JOBS.get().gemmColumns;
          job.set(Holder.IMPL, transA, transB, m, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
          try {
            parallel.forRange(n, columnChunk, 1, job);
          } finally {
            job.clear();
          }
          return;
        }
      }
    }
    KernelJobs.Gemm job = JOBS.get().gemm;
    job.set(Holder.IMPL, transA, transB, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
    try {
      parallel.forRange(m, rowChunk, job);
    } finally {
      job.clear();
    }
  }

  /**
   * A packed product on several threads: first the threads pack op(B) together, each a range of its column strips
   * into one shared buffer; then each computes a block of rows of C from that one packing. Split by rows alone,
   * each thread would pack all of B for itself (for the MLP's X·W1ᵀ, the whole transposed 256 x 784 weight).
   */
  private static void sharedPackGemm(boolean transA, boolean transB, int m, int n, int k, float alpha, float[] a,
      int aOff, int lda, float[] b, int bOff, int ldb, float beta, float[] c, int cOff, int ldc, int rowChunk,
      int packedSize) {
    KernelJobs jobs = JOBS.get();
    float[] packed = jobs.packedB(packedSize);
    KernelJobs.GemmPackB pack = jobs.gemmPackB;
    KernelJobs.GemmPackedRows rows = jobs.gemmPackedRows;
    pack.set(Holder.IMPL, transB, n, k, b, bOff, ldb, packed);
    // Rows are handed out in whole register tiles (6 rows), so a thread's block ends in a partial tile only at m.
    int tile = Math.max(1, Holder.IMPL.gemmRowTile());
    rows.set(Holder.IMPL, transA, m, tile, n, k, alpha, a, aOff, lda, packed, beta, c, cOff, ldc);
    try {
      // Two strips (a 16 x 784 strip of the weight is ~6 µs to pack) at least per task.
      parallel.forRange(Holder.IMPL.gemmPackedBStrips(n), 2, pack);
      parallel.forRange((m + tile - 1) / tile, (rowChunk + tile - 1) / tile, rows);
    } finally {
      pack.clear();
      rows.clear();
    }
  }

  /**
   * Lines (rows or columns of C) per task of a product whose other side is {@code shortSide} wide, with depth k:
   * at least 16 and at least 2^18 multiply-adds (about 10 µs), so a task outweighs its dispatch (tens of µs when
   * a worker must be woken); the MLP's 128 x 10 output layer (164K multiply-adds) then runs on one thread, where
   * two took 5-9x longer.
   */
  private static int minLinesPerTask(int shortSide, int k) {
    long perLine = Math.max(1L, (long) shortSide * k);
    return (int) Math.min(Integer.MAX_VALUE, Math.max(16, (1L << 18) / perLine));
  }

  /** See {@link KernelProvider#softmaxXentSparse}; rows [0, rows) split over the kernel threads. */
  public static void softmaxXentSparse(float[] logits, int rows, int cols, int[] labels, float[] hardCoef,
      float[] softCoef, float[] softTarget, float gradScale, double[] lossOut, float[] gradOut) {
    checkRows(logits, rows, cols, gradOut, lossOut);
    if (labels.length < rows || hardCoef.length < rows || (softCoef != null && softCoef.length < rows)) {
      throw new IllegalArgumentException("labels/coefficients shorter than rows=" + rows);
    }
    if (softTarget != null && softTarget.length != cols) {
      throw new IllegalArgumentException("soft target length differs from classes: " + softTarget.length + "!=" + cols);
    }
    KernelJobs.SparseXent job = JOBS.get().sparse;
    job.set(Holder.IMPL, logits, cols, labels, hardCoef, softCoef, softTarget, gradScale, lossOut, gradOut);
    try {
      parallel.forRange(rows, rowChunk(cols), job);
    } finally {
      job.clear();
    }
  }

  /** See {@link KernelProvider#softmaxXentDense}; rows [0, rows) split over the kernel threads. */
  public static void softmaxXentDense(float[] logits, float[] targets, int rows, int cols, float smoothing,
      float[] classWeights, float[] rowCoef, float gradScale, double[] lossOut, float[] gradOut) {
    checkRows(logits, rows, cols, gradOut, lossOut);
    if (gradOut == targets) {
      throw new IllegalArgumentException("the gradient cannot be written over the targets: pass another array "
          + "(or the logits, to write it in place)");
    }
    if (targets.length < (long) rows * cols) {
      throw new IllegalArgumentException("targets hold " + targets.length + " values, need " + (long) rows * cols);
    }
    if (classWeights != null && classWeights.length != cols) {
      throw new IllegalArgumentException("class weights length differs from classes: " + classWeights.length + "!=" + cols);
    }
    KernelJobs.DenseXent job = JOBS.get().dense;
    job.set(Holder.IMPL, logits, targets, cols, smoothing, classWeights, rowCoef, gradScale, lossOut, gradOut);
    try {
      parallel.forRange(rows, rowChunk(cols), job);
    } finally {
      job.clear();
    }
  }

  /** Rows per task: enough that a task touches at least ~16K logits, so scheduling stays negligible. */
  private static int rowChunk(int cols) {
    return Math.max(1, 16384 / Math.max(1, cols));
  }

  private static void checkRows(float[] logits, int rows, int cols, float[] gradOut, double[] lossOut) {
    if (rows < 0 || cols < 1) {
      throw new IllegalArgumentException("need rows >= 0 and cols >= 1, got rows=" + rows + " cols=" + cols);
    }
    long need = (long) rows * cols;
    if (logits.length < need) {
      throw new IllegalArgumentException("logits hold " + logits.length + " values, need " + need);
    }
    if (gradOut != null && gradOut.length < need) {
      throw new IllegalArgumentException("gradient buffer holds " + gradOut.length + " values, need " + need);
    }
    if (lossOut.length < rows) {
      throw new IllegalArgumentException("loss buffer holds " + lossOut.length + " values, need " + rows);
    }
  }

  private static void checkSpan(String name, int length, int off, int rows, int cols, int ld) {
    if (rows == 0 || cols == 0) {
      return;
    }
    if (ld < cols) {
      throw new IllegalArgumentException("leading dimension of " + name + " smaller than its columns: " + ld + "<" + cols);
    }
    long last = (long) off + (long) (rows - 1) * ld + cols;
    if (off < 0 || last > length) {
      throw new IllegalArgumentException(name + " [" + rows + ", " + cols + "] at offset " + off + " with ld " + ld
          + " exceeds its array of " + length);
    }
  }
}
