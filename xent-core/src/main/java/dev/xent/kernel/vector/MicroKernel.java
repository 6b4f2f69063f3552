package dev.xent.kernel.vector;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The register-blocked inner product of {@link VectorGemm}: one {@link #MR} x {@link #nr} tile of C from a packed
 * A strip and a packed B strip, accumulated with one fused multiply-add per element and k step, in k order.
 *
 * <p>The tile is {@value #MR} rows by two vectors: per k step two B vectors are loaded and each of the four A
 * values is broadcast from memory to a whole vector, 8 FMAs against 6 loads, in 14 of the 16 AVX2 registers.
 * Alone on L1-resident strips (kc = 256, 256 bits, best of 5 s) its first form (indices from a step counter)
 * ran at 93.5 GFLOP/s on JDK 17 and 98.1 on JDK 25, one core here. Two shapes with more accumulators lost half their speed on JDK 25, whose C2 loads all
 * the broadcasts of a k step before the first FMA and so spills an accumulator to the stack: 6 x 16 (12
 * accumulators) 44 GFLOP/s, 5 x 16 37, 4 x 24 43, where JDK 17 ran the first two at 91. The earlier 6 x 16 kernel
 * on A pre-broadcast into whole vectors at packing time (8 times the A traffic, so kc had to stay at 64 to keep
 * the strip in L1) ran 87 (JDK 17) and 98 (JDK 25) at kc = 64 but 74 and 76 at kc = 256.
 *
 * <p>The k loop's variable is the A index itself, B's index derived from it ({@code bShift + ai·2L/MR}). With a
 * step counter p and both indices computed from it, JDK 17's C2 spent 12 integer instructions per k step
 * recomputing them (29 instructions around the 8 FMAs, more than the 6 per cycle the core dispatches in the 4
 * cycles those FMAs need); counting A's index it spends 6 (22 in all). Alone on L1-resident strips (kc = 196,
 * best 0.7 ms window of 3,000): JDK 17 91 to 97 GFLOP/s, JDK 25 99 either way; the same loop in C (gcc -O2)
 * 103. In the MLP's training step at batch 128, 2 threads: best step 1,270 to 1,160 µs, median 2,237-2,385 to
 * 2,086-2,103. Unrolling two k steps was slower (44 GFLOP/s): C2 then loads the eight broadcasts first and
 * spills two accumulators.
 *
 * <p>Each width has its own subclass whose species is a {@code static final} constant: C2 only turns Vector API
 * calls into SIMD instructions when the species is a compile-time constant, and a species passed down as an
 * argument through the (too large to inline) blocking loops is not one.
 */
abstract class MicroKernel {
  /** Rows of C per tile; {@link #multiply} is unrolled for 4 in each subclass and {@link VectorGemm} packs A for it. */
  static final int MR = 4;

  /** Columns of C per tile: two vectors. */
  final int nr;

  /** @param lanes floats per vector */
  MicroKernel(int lanes) {
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
   * @param ap packed A strip at {@code aOff}: [kc, MR], row-major
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
