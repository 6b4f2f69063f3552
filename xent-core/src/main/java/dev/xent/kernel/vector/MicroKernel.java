package dev.xent.kernel.vector;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The register-blocked inner product of {@link VectorGemm}: one {@link #MR} x {@link #nr} tile of C from a packed
 * A strip and a packed B strip, accumulated with one fused multiply-add per element and k step, in k order.
 *
 * <p>The tile is {@value #MR} rows by two vectors: 12 accumulators, two B vectors and one A vector use 15 of the
 * 16 AVX2 registers (the classic Haswell/Zen 6x16 shape); per k step that is 12 FMAs against 8 vector loads. Alone
 * on L1-resident strips this loop ran at 87 GFLOP/s on one core here (about 90% of the AVX2 FMA peak); other
 * tile shapes were not tried.
 *
 * <p>A arrives already broadcast (each value repeated across a vector, see {@link #packExpandA}): on JDK 17 a
 * {@code FloatVector.broadcast} of an array element inside the loop ran the kernel at about half the speed of
 * plain vector loads (6 x 16 kernel alone, AVX2, interleaved runs on a loaded machine: 13-25 vs 25-41 GFLOP/s),
 * so the broadcast is paid once per A element at packing time (about 0.4 ns each) instead of once per A element
 * and B strip.
 *
 * <p>Each width has its own subclass whose species is a {@code static final} constant: C2 only turns Vector API
 * calls into SIMD instructions when the species is a compile-time constant, and a species passed down as an
 * argument through the (too large to inline) blocking loops is not one.
 */
abstract class MicroKernel {
  /** Rows of C per tile; {@link #multiply} and {@link #packExpandA} are unrolled for 6 in each subclass. */
  static final int MR = 6;

  /** Floats per vector. */
  final int lanes;

  /** Columns of C per tile: two vectors. */
  final int nr;

  MicroKernel(int lanes) {
    this.lanes = lanes;
    this.nr = 2 * lanes;
  }

  static boolean supports(VectorSpecies<Float> species) {
    return species == FloatVector.SPECIES_128 || species == FloatVector.SPECIES_256
        || species == FloatVector.SPECIES_512;
  }

  /** The kernel for {@code species}, which must be one of the three float species. */
  static MicroKernel of(VectorSpecies<Float> species) {
    if (species == FloatVector.SPECIES_256) {
      return Kernel256.INSTANCE;
    }
    if (species == FloatVector.SPECIES_128) {
      return Kernel128.INSTANCE;
    }
    if (species == FloatVector.SPECIES_512) {
      return Kernel512.INSTANCE;
    }
    throw new IllegalArgumentException("unsupported float species: " + species);
  }

  /**
   * tile = Ap·Bp over kc steps, one fused multiply-add per element and step, in k order.
   *
   * @param ap packed A strip at {@code aOff}: [kc, MR, lanes], row-major, each A value repeated across a vector
   * @param bp packed B strip at {@code bOff}: [kc, nr], row-major
   * @param tile [MR, nr], row-major, overwritten
   */
  abstract void multiply(int kc, float[] ap, int aOff, float[] bp, int bOff, float[] tile);

  /**
   * The top {@code rows} (at most MR) full-width rows of a tile of C at {@code cOff} (rows {@code ldc} apart) =
   * alpha·tile + beta·C, never reading C when beta is 0.
   */
  abstract void update(float[] tile, float[] c, int cOff, int ldc, int rows, float alpha, float beta);

  /**
   * Packs rows [i0, i0+rows) x k steps [pc, pc+kc) of op(A) straight into the broadcast strip {@link #multiply}
   * reads, value (p, r) repeated across the vector at {@code (p·MR + r)·lanes}; rows past {@code rows} are zeros.
   * One pass, where packing a plain [kc, MR] strip first and broadcasting it after took 1.5-2.5x as long (MLP
   * operands, 256 bits: 68 vs 121 µs for the 128 x 784 input, 18 vs 39 µs for dYᵀ [256, 128]).
   *
   * @param transA A is stored [k, m] (rows lda apart) instead of [m, k]
   * @param dst [kc, MR, lanes], row-major
   */
  abstract void packExpandA(float[] a, int aOff, int lda, boolean transA, int i0, int rows, int pc, int kc,
      float[] dst);

  /**
   * As {@link #update} for the top-left [rows, cols] of the tile only (cols < nr), with the same rounding, so an
   * element gives identical bits whether it falls in a full tile or a partial one.
   */
  final void updatePartial(float[] tile, float[] c, int cOff, int ldc, int rows, int cols, float alpha,
      float beta) {
    for (int r = 0; r < rows; r++) {
      int ci = cOff + r * ldc;
      int ti = r * nr;
      for (int j = 0; j < cols; j++) {
        // Same two products and one sum as the vector update: alpha·t rounded, beta·c rounded, then added.
        c[ci + j] = beta == 0f ? alpha * tile[ti + j] : alpha * tile[ti + j] + beta * c[ci + j];
      }
    }
  }
}
