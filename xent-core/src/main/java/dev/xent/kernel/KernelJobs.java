package dev.xent.kernel;

/**
 * One calling thread's reusable kernel jobs: the arguments of a kernel call held in fields, so that handing the
 * call to {@link RowParallel} allocates nothing. {@code clear()} drops the array references after the call.
 */
final class KernelJobs {
  final Gemm gemm = new Gemm();
  final GemmColumns gemmColumns = new GemmColumns();
  final SparseXent sparse = new SparseXent();
  final DenseXent dense = new DenseXent();
  final GemmPackB gemmPackB = new GemmPackB();
  final GemmPackedRows gemmPackedRows = new GemmPackedRows();
  /** The packing of op(B) that {@link #gemmPackB} fills and {@link #gemmPackedRows} reads; only grows. */
  private float[] packedB = new float[0];

  /** The shared packing buffer, at least {@code size} floats. */
  float[] packedB(int size) {
    if (packedB.length < size) {
      packedB = new float[size];
    }
    return packedB;
  }

  /** {@link KernelProvider#sgemm} over a range of rows of C. */
  static final class Gemm implements RowParallel.RangeBody {
    private KernelProvider impl;
    private boolean transA;
    private boolean transB;
    private int n;
    private int k;
    private float alpha;
    private float[] a;
    private int aOff;
    private int lda;
    private float[] b;
    private int bOff;
    private int ldb;
    private float beta;
    private float[] c;
    private int cOff;
    private int ldc;

    void set(KernelProvider impl, boolean transA, boolean transB, int n, int k, float alpha, float[] a, int aOff,
        int lda, float[] b, int bOff, int ldb, float beta, float[] c, int cOff, int ldc) {
      this.impl = impl;
      this.transA = transA;
      this.transB = transB;
      this.n = n;
      this.k = k;
      this.alpha = alpha;
      this.a = a;
      this.aOff = aOff;
      this.lda = lda;
      this.b = b;
      this.bOff = bOff;
      this.ldb = ldb;
      this.beta = beta;
      this.c = c;
      this.cOff = cOff;
      this.ldc = ldc;
    }

    void clear() {
      impl = null;
      a = null;
      b = null;
      c = null;
    }

    @Override
    public void run(int from, int to) {
      impl.sgemm(transA, transB, to - from, n, k, alpha, a, transA ? aOff + from : aOff + from * lda, lda,
          b, bOff, ldb, beta, c, cOff + from * ldc, ldc);
    }
  }

  /** {@link KernelProvider#sgemm} over a range of columns of C. */
  static final class GemmColumns implements RowParallel.RangeBody {
    private KernelProvider impl;
    private boolean transA;
    private boolean transB;
    private int m;
    private int k;
    private float alpha;
    private float[] a;
    private int aOff;
    private int lda;
    private float[] b;
    private int bOff;
    private int ldb;
    private float beta;
    private float[] c;
    private int cOff;
    private int ldc;

    void set(KernelProvider impl, boolean transA, boolean transB, int m, int k, float alpha, float[] a, int aOff,
        int lda, float[] b, int bOff, int ldb, float beta, float[] c, int cOff, int ldc) {
      this.impl = impl;
      this.transA = transA;
      this.transB = transB;
      this.m = m;
      this.k = k;
      this.alpha = alpha;
      this.a = a;
      this.aOff = aOff;
      this.lda = lda;
      this.b = b;
      this.bOff = bOff;
      this.ldb = ldb;
      this.beta = beta;
      this.c = c;
      this.cOff = cOff;
      this.ldc = ldc;
    }

    void clear() {
      impl = null;
      a = null;
      b = null;
      c = null;
    }

    @Override
    public void run(int from, int to) {
      impl.sgemm(transA, transB, m, to - from, k, alpha, a, aOff, lda, b, transB ? bOff + from * ldb : bOff + from,
          ldb, beta, c, cOff + from, ldc);
    }
  }

  /** {@link KernelProvider#gemmPackB} over a range of column strips. */
  static final class GemmPackB implements RowParallel.RangeBody {
    private KernelProvider impl;
    private boolean transB;
    private int n;
    private int k;
    private float[] b;
    private int bOff;
    private int ldb;
    private float[] packed;

    void set(KernelProvider impl, boolean transB, int n, int k, float[] b, int bOff, int ldb, float[] packed) {
      this.impl = impl;
      this.transB = transB;
      this.n = n;
      this.k = k;
      this.b = b;
      this.bOff = bOff;
      this.ldb = ldb;
      this.packed = packed;
    }

    void clear() {
      impl = null;
      b = null;
      packed = null;
    }

    @Override
    public void run(int from, int to) {
      impl.gemmPackB(transB, n, k, b, bOff, ldb, packed, from, to);
    }
  }

  /** {@link KernelProvider#sgemmPackedB} over a range of row tiles of C ({@code tile} rows each, the last short). */
  static final class GemmPackedRows implements RowParallel.RangeBody {
    private KernelProvider impl;
    private boolean transA;
    private int m;
    private int tile;
    private int n;
    private int k;
    private float alpha;
    private float[] a;
    private int aOff;
    private int lda;
    private float[] packed;
    private float beta;
    private float[] c;
    private int cOff;
    private int ldc;

    void set(KernelProvider impl, boolean transA, int m, int tile, int n, int k, float alpha, float[] a, int aOff,
        int lda, float[] packed, float beta, float[] c, int cOff, int ldc) {
      this.impl = impl;
      this.transA = transA;
      this.m = m;
      this.tile = tile;
      this.n = n;
      this.k = k;
      this.alpha = alpha;
      this.a = a;
      this.aOff = aOff;
      this.lda = lda;
      this.packed = packed;
      this.beta = beta;
      this.c = c;
      this.cOff = cOff;
      this.ldc = ldc;
    }

    void clear() {
      impl = null;
      a = null;
      packed = null;
      c = null;
    }

    @Override
    public void run(int fromTile, int toTile) {
      int from = fromTile * tile;
      int to = Math.min(m, toTile * tile);
      impl.sgemmPackedB(transA, to - from, n, k, alpha, a, transA ? aOff + from : aOff + from * lda, lda, packed,
          beta, c, cOff + from * ldc, ldc);
    }
  }

  /** {@link KernelProvider#softmaxXentSparse} over a range of rows. */
  static final class SparseXent implements RowParallel.RangeBody {
    private KernelProvider impl;
    private float[] logits;
    private int cols;
    private int[] labels;
    private float[] hardCoef;
    private float[] softCoef;
    private float[] softTarget;
    private float gradScale;
    private double[] lossOut;
    private float[] gradOut;

    void set(KernelProvider impl, float[] logits, int cols, int[] labels, float[] hardCoef, float[] softCoef,
        float[] softTarget, float gradScale, double[] lossOut, float[] gradOut) {
      this.impl = impl;
      this.logits = logits;
      this.cols = cols;
      this.labels = labels;
      this.hardCoef = hardCoef;
      this.softCoef = softCoef;
      this.softTarget = softTarget;
      this.gradScale = gradScale;
      this.lossOut = lossOut;
      this.gradOut = gradOut;
    }

    void clear() {
      set(null, null, 0, null, null, null, null, 0f, null, null);
    }

    @Override
    public void run(int from, int to) {
      impl.softmaxXentSparse(logits, cols, labels, hardCoef, softCoef, softTarget, gradScale, lossOut, gradOut,
          from, to);
    }
  }

  /** {@link KernelProvider#softmaxXentDense} over a range of rows. */
  static final class DenseXent implements RowParallel.RangeBody {
    private KernelProvider impl;
    private float[] logits;
    private float[] targets;
    private int cols;
    private float smoothing;
    private float[] classWeights;
    private float[] rowCoef;
    private float gradScale;
    private double[] lossOut;
    private float[] gradOut;

    void set(KernelProvider impl, float[] logits, float[] targets, int cols, float smoothing, float[] classWeights,
        float[] rowCoef, float gradScale, double[] lossOut, float[] gradOut) {
      this.impl = impl;
      this.logits = logits;
      this.targets = targets;
      this.cols = cols;
      this.smoothing = smoothing;
      this.classWeights = classWeights;
      this.rowCoef = rowCoef;
      this.gradScale = gradScale;
      this.lossOut = lossOut;
      this.gradOut = gradOut;
    }

    void clear() {
      set(null, null, null, 0, 0f, null, null, 0f, null, null);
    }

    @Override
    public void run(int from, int to) {
      impl.softmaxXentDense(logits, targets, cols, smoothing, classWeights, rowCoef, gradScale, lossOut, gradOut,
          from, to);
    }
  }
}
