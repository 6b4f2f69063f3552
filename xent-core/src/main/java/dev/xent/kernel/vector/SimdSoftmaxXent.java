package dev.xent.kernel.vector;

import java.lang.invoke.MethodHandles;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The fused softmax cross-entropy on the Vector API: one exp per logit, each logit read at most twice and each
 * gradient element written once (but for the few lanes a long row's overlapping last vector shares with the one
 * before it: read a third time and written again with the same bits, in L1; see {@link #tailExp}; and, with the
 * gradient written a row behind, the target's element, rewritten in L1 with its hard term), nothing allocated per
 * call. Two layouts, by row length:
 * <ul>
 *   <li>rows of up to {@link #TRANSPOSE_MAX} logits, hard labels: {@link #sparseTransposed}, a vector of rows at
 *       a time, transposed so that every step is lanewise across rows;
 *   <li>longer rows, rows with soft terms (label smoothing), and dense targets: {@link #sparseRows} and {@link
 *       #denseRows}, row by row, exp(z - row max) kept in a per-thread scratch row between the sums and the
 *       gradient, the row's max taken while the previous row is computed; with hard labels and a gradient array
 *       of its own, {@link #hardRowsGradBehind} writes each row's gradient inside the next row's exp loop;
 * </ul>
 * Rows shorter than a vector with soft terms or dense targets go to the scalar kernel ({@link VectorKernels}).
 *
 * <p>The Vector API compiles to SIMD instructions only where the species is a compile-time constant, so the
 * species is this class's {@code static final S}. Loaded normally, S is the preferred species; {@link
 * VectorKernels} defines one more copy of this class per forced width, as a hidden class whose class data is the
 * species, so that 128-, 256- and 512-bit code all run compiled in one JVM. Hence this class has no nested
 * classes and no lambdas.
 *
 * <p>Forced widths are for tests: once two widths have run in one JVM, the JIT profiles of the JDK's shared
 * Vector API code are polymorphic and the preferred width's vectors get boxed too (measured: 60 ns per logit
 * and allocation, against 0.9 ns and none). Production runs one width per JVM.
 */
final class SimdSoftmaxXent implements SoftmaxXentRows {
  private static final VectorSpecies<Float> S = SpeciesCopies.speciesOf(MethodHandles.lookup());
  private static final VectorSpecies<Integer> IS = S.withLanes(int.class);
  /** S.length(), for the block loops' step: a field read where S.length() is an interface call, 5 bytes less of
   * bytecode in each loop (see {@link #blockExp}: why bytecode counts). */
  private static final int LANES = S.length();
  /**
   * A row's exp loop goes block by block of at most BLOCK logits, and each block's float lane sums go to double:
   * a float lane adds at most BLOCK/lanes terms (128 at 256 bits), so its rounding stays near float precision
   * (about 128·2^-24 at worst) however long the row.
   */
  private static final int BLOCK = 1024;
  /**
   * Sparse rows of up to this many logits take {@link #sparseTransposed}, rows shorter than a vector too. Measured for
   * those at 256 bits, 1 thread, 4M logits, forward and backward: 6.6, 4.8, 3.6 and 2.9 ns per logit at 2, 3, 5
   * and 7 classes, against 21.5, 22.7, 12.3 and 11.3 with the layout this replaced (a block of whole rows shifted
   * row by row, then exponentiated in full vectors). At 64 classes and 256 bits a
   * block is 2 KiB of scratch, and the transposition's scalar moves (two per logit) still cost less than a row's
   * reductions and tail; measured crossover: see the method.
   */
  private static final int TRANSPOSE_MAX = 48;
  /** Lane indices as floats (up to 16 lanes, 512 bits): one compare selects the target class's lane. */
  private static final float[] LANE_INDEX = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15};

  // exp(x) = 2^n · e^r with n = round(x·log2 e) and r = x - n·ln 2 in [-ln2/2, ln2/2] (Cephes expf).
  private static final float LOG2E = 1.44269504088896341f;
  /**
   * ln 2 rounded to float, in one fma: r = x - n·LN2_F. Its error, LN2_F - ln 2 = 1.9e-9, puts |n|·1.9e-9 into r
   * and so into e^x, relatively: nothing near the row max (n = 0), 2.4e-7 at n = -126, where e^x < 2e-38. Cody and
   * Waite's two-part ln 2 keeps that error out at the cost of one more fma a lane and one more constant in a
   * register; with one, 1 thread: rows of 1000 logits forward from cache (1024 x 1000) 0.45 against 0.52 ns per
   * logit, forward and backward from memory 8192 x 1000 0.68 against 0.73, 4096 x 32768 0.73 against 0.89.
   */
  private static final float LN2_F = 0.6931472f;
  /** 1.5·2^23: x + MAGIC rounds x to an integer held in the low mantissa bits of the sum. */
  private static final float ROUND_MAGIC = 12582912f;
  /**
   * e^x flushes to 0 where n ≤ -126, that is where n + FLUSH_BIAS is negative: its sign bit, spread over the lane by
   * an arithmetic shift, clears the result's bits. From n = -125 on, e^r·2^n (e^r ≥ √½) is a normal float and
   * adding n into the exponent bits is exact; at n = -126 it would not always be. The flush starts at x = -125.5 ln 2
   * = -86.99, where e^x = 1.8e-38. Bit operations rather than a float compare and a blend: at 512 bits on JDK 17 the
   * mask cost 1.5 ns per vector in the row loops (1.9 ns per vector without it against 3.5 with it, 1024-logit rows
   * from cache, 1 thread); at 256 bits the two cost the same. A -∞ argument gives n = -∞ and so 0 too.
   */
  private static final float FLUSH_BIAS = 125.5f;
  // Coefficients of P in e^r = 1 + r + r²·P(r) on [-ln2/2, ln2/2], degree 4: a minimax fit of the relative error
  // (xent-core/src/test/python/fit_exp_poly.py). Its truncation error, 3.8e-9, is far below float rounding;
  // Cephes's expf uses degree 5 (one fma more per lane) for the same float result.
  private static final float P0 = 0.4999999403953552f;
  private static final float P1 = 0.1666652113199234f;
  private static final float P2 = 0.04166838899254799f;
  private static final float P3 = 0.008368710055947304f;
  private static final float P4 = 0.001381461275741458f;
  /** √2: mantissas above it are halved (and the exponent raised) so that log's argument f = m - 1 stays small. */
  private static final float SQRT2 = 1.41421356f;
  private static final double LN2 = 0.6931471805599453;
  // Cephes logf coefficients: log(1 + f) = f - f²/2 + f³·P(f) on [√½ - 1, √2 - 1].
  private static final float L0 = 7.0376836292e-2f;
  private static final float L1 = -1.1514610310e-1f;
  private static final float L2 = 1.1676998740e-1f;
  private static final float L3 = -1.2420140846e-1f;
  private static final float L4 = 1.4249322787e-1f;
  private static final float L5 = -1.6668057665e-1f;
  private static final float L6 = 2.0000714765e-1f;
  private static final float L7 = -2.4999993993e-1f;
  private static final float L8 = 3.3333331174e-1f;

  SimdSoftmaxXent() {}

  @Override
  public void sparse(float[] logits, int cols, int[] labels, float[] hardCoef, float[] softCoef,
      float[] softTarget, float gradScale, double[] lossOut, float[] gradOut, int from, int to) {
    // logits, gradOut: [rows, cols] row-major; labels, hardCoef, softCoef, lossOut: [rows]; softTarget: [cols]
    // (rows shorter than a vector with soft terms never come here: VectorKernels hands them to the scalar kernel)
    if (softCoef == null && cols <= TRANSPOSE_MAX) {
      sparseTransposed(logits, cols, labels, hardCoef, gradScale, lossOut, gradOut, from, to, smallScratch());
    } else {
      sparseRows(logits, cols, labels, hardCoef, softCoef, softTarget, gradScale, lossOut, gradOut, from, to);
    }
  }

  /**
   * Sparse rows of up to {@link #TRANSPOSE_MAX} logits, hard labels only, one block of rows per
   * vector: the block is transposed into {@code buf} so that lane r holds row r, and then every step is lanewise
   * across rows (the max, one exp per logit, the sum, its log, the gradient) with no horizontal reduction, mask or
   * tail per row. Per-row vectors cost about 70 ns a row at 10 classes on 256 bits, mostly in reductions, the tail
   * and a second exp. Each logit is read once (the target's once more), each gradient element written once. A
   * row's result depends only on its own lane and every lane computes the same function, so results do not depend
   * on where a block starts (bit-identical across thread counts); the lanes past the last row of a partial block
   * compute on zeros and are never read back.
   *
   * <p>The vector work is in {@link #blockSoftmax} and {@link #blockGradient}, which take and return arrays only:
   * a vector passed to a method the JIT does not inline is boxed, and this method is too large for everything in
   * it to be inlined. Full blocks go in and out by gathers ({@link #gatherIn}, {@link #gatherOut}), the last,
   * partial one by scalar copies. {@code buf} holds two blocks: the next one is loaded while this one computes, so
   * that the scalar stores of a partial block have reached the cache before vector loads read them (a load that
   * needs several in-flight stores cannot be forwarded and waits).
   */
  private static void sparseTransposed(float[] z, int cols, int[] labels, float[] hardCoef, float gradScale,
      double[] lossOut, float[] g, int from, int to, float[] buf) {
    // z, g: [rows, cols] row-major; buf: two halves, each a [cols, lanes] lane-major block and then per lane (one
    // vector each) the label (as a float, -1 for none), its coefficient a, and from blockSoftmax the max, the sum,
    // and log of the sum's mantissa and its exponent
    final int lanes = S.length();
    final int span = cols * lanes;
    final int half = span + BLOCK_STATS * lanes;
    int[] maps = gatherMaps(cols);
    loadBlock(z, cols, labels, hardCoef, from, Math.min(lanes, to - from), buf, 0, maps);
    for (int i0 = from, at = 0; i0 < to; i0 += lanes, at = half - at) {
      int rows = Math.min(lanes, to - i0);
      if (i0 + lanes < to) {
        loadBlock(z, cols, labels, hardCoef, i0 + lanes, Math.min(lanes, to - i0 - lanes), buf, half - at, maps);
      }
      int stat = at + span;
      blockSoftmax(buf, at, span);
      for (int r = 0; r < rows; r++) {
        int i = i0 + r;
        int t = labels[i];
        double loss = 0.0;
        if (t >= 0 && t < cols) {
          double logSum = buf[stat + LANE_EXPO * lanes + r] * LN2 + buf[stat + LANE_LOG_MANT * lanes + r];
          // -a (z_t - lse) = a (log Σ exp(z - max) - (z_t - max))
          loss = buf[stat + LANE_COEF * lanes + r] * (logSum - (z[i * cols + t] - buf[stat + LANE_MAX * lanes + r]));
        }
        lossOut[i] = loss;
      }
      if (g != null) {
        blockGradient(buf, at, span, gradScale);
        storeBlock(buf, at, g, cols, i0, rows, maps);
      }
    }
  }

  // Per-lane statistics after a lane-major block of sparseTransposed, one vector each, in this order.
  private static final int LANE_LABEL = 0;
  private static final int LANE_COEF = 1;
  private static final int LANE_MAX = 2;
  private static final int LANE_SUM = 3;
  private static final int LANE_LOG_MANT = 4;
  private static final int LANE_EXPO = 5;
  private static final int BLOCK_STATS = 6;

  /**
   * The lane-major block at {@code buf[at]} back to rows [i0, i0 + rows) of g. A method of its own, compiled on
   * its own profile: inside the row loop, compiled after calls without a gradient, it was left slower in more
   * JVMs (10 classes, 1 thread: 3.3 ns per logit in most runs, 5.3 to 5.9 in about one in three, against one in
   * eight with this method apart).
   */
  private static void transposeOut(float[] buf, int at, float[] g, int cols, int i0, int rows) {
    final int lanes = S.length();
    for (int r = 0; r < rows; r++) {
      int off = (i0 + r) * cols;
      for (int c = 0, k = at + r; c < cols; c++, k += lanes) {
        g[off + c] = buf[k];
      }
    }
  }

  /**
   * Rows [i0, i0 + rows) of z, their labels and coefficients into the lane-major block at {@code buf[at]}: a full
   * block by {@link #gatherIn}, the last, partial one by {@link #transposeIn}.
   */
  private static void loadBlock(float[] z, int cols, int[] labels, float[] hardCoef, int i0, int rows,
      float[] buf, int at, int[] maps) {
    if (rows == S.length()) {
      gatherIn(z, cols, labels, hardCoef, i0, buf, at, maps);
    } else {
      transposeIn(z, cols, labels, hardCoef, i0, rows, buf, at);
    }
  }

  /**
   * The lane-major block at {@code buf[at]} back to rows [i0, i0 + rows) of g: a full block by {@link #gatherOut},
   * the last, partial one by {@link #transposeOut}.
   */
  private static void storeBlock(float[] buf, int at, float[] g, int cols, int i0, int rows, int[] maps) {
    if (rows == S.length()) {
      gatherOut(buf, at, g, cols, i0, maps);
    } else {
      transposeOut(buf, at, g, cols, i0, rows);
    }
  }

  /**
   * A full block of rows [i0, i0 + lanes) into the lane-major block at {@code buf[at]}: per class one gather of
   * the lanes' rows (map {@code maps[0, lanes)} = r·cols), and the labels and coefficients as vectors, so no scalar
   * store is read back by a vector load. Measured at 65536 x 10, 1 thread, 256 bits, forward only: 1.84 ns per
   * logit against 2.04 with scalar copies; the gathers still cost about a third of that forward time (Zen 3
   * gathers 8 floats in about 12 cycles).
   */
  private static void gatherIn(float[] z, int cols, int[] labels, float[] hardCoef, int i0, float[] buf, int at,
      int[] maps) {
    final int lanes = S.length();
    final int base = i0 * cols;
    for (int c = 0, k = at; c < cols; c++, k += lanes) {
      FloatVector.fromArray(S, z, base + c, maps, 0).intoArray(buf, k);
    }
    final int stat = at + cols * lanes;
    IntVector t = IntVector.fromArray(IS, labels, i0);
    VectorMask<Integer> in = t.compare(VectorOperators.GE, 0).and(t.compare(VectorOperators.LT, cols));
    FloatVector label = (FloatVector) t.convert(VectorOperators.I2F, 0);
    VectorMask<Float> inF = in.cast(S);
    label.blend(-1f, inF.not()).intoArray(buf, stat + LANE_LABEL * lanes);
    FloatVector.zero(S).blend(FloatVector.fromArray(S, hardCoef, i0), inF).intoArray(buf, stat + LANE_COEF * lanes);
  }

  /**
   * The lane-major block at {@code buf[at]} back to the full block of rows [i0, i0 + lanes) of g, one gather per
   * vector of g (map {@code maps[lanes + v·lanes, ...)}, see {@link #gatherMaps}) and one plain store: each
   * gradient element written once, by a vector store. Forward and backward at 65536 x 10, 1 thread: 2.56 ns per
   * logit against 3.21 with scalar copies in and out.
   */
  private static void gatherOut(float[] buf, int at, float[] g, int cols, int i0, int[] maps) {
    final int lanes = S.length();
    final int base = i0 * cols;
    for (int v = 0; v < cols; v++) {
      FloatVector.fromArray(S, buf, at, maps, lanes + v * lanes).intoArray(g, base + v * lanes);
    }
  }

  private static final ThreadLocal<int[]> GATHER_MAPS = new ThreadLocal<>();

  /**
   * The per-thread gather index maps for rows of {@code cols} logits, rebuilt only when cols changes (its last
   * slot): {@code [0, lanes)} the offset of each lane's row (r·cols), then for element k of a row-major block
   * ({@code k = r·cols + c}) its place in the lane-major block, {@code c·lanes + r}.
   */
  private static int[] gatherMaps(int cols) {
    final int lanes = S.length();
    int[] maps = GATHER_MAPS.get();
    if (maps == null) {
      maps = new int[(TRANSPOSE_MAX + 1) * lanes + 1];
      GATHER_MAPS.set(maps);
    }
    if (maps[maps.length - 1] != cols) {
      for (int r = 0; r < lanes; r++) {
        maps[r] = r * cols;
      }
      for (int k = 0; k < cols * lanes; k++) {
        maps[lanes + k] = (k % cols) * lanes + k / cols;
      }
      maps[maps.length - 1] = cols;
    }
    return maps;
  }

  /**
   * Rows [i0, i0 + rows) of z into the lane-major block at {@code buf[at]}, with their labels (as floats, -1 where
   * out of range) and coefficients (0 there); the lanes past the rows get zeros and no label.
   */
  private static void transposeIn(float[] z, int cols, int[] labels, float[] hardCoef, int i0, int rows,
      float[] buf, int at) {
    final int lanes = S.length();
    final int stat = at + cols * lanes;
    for (int r = 0; r < lanes; r++) {
      float label = -1f;
      float coef = 0f;
      if (r < rows) {
        int off = (i0 + r) * cols;
        for (int c = 0, k = at + r; c < cols; c++, k += lanes) {
          buf[k] = z[off + c];
        }
        int t = labels[i0 + r];
        if (t >= 0 && t < cols) {
          label = t; // exact: class ids are below 2^24
          coef = hardCoef[i0 + r];
        }
      } else {
        for (int k = at + r; k < stat; k += lanes) {
          buf[k] = 0f;
        }
      }
      buf[stat + LANE_LABEL * lanes + r] = label;
      buf[stat + LANE_COEF * lanes + r] = coef;
    }
  }

  /**
   * On the lane-major block at {@code buf[at]}: replaces each logit by exp(z - max of its lane) and writes the
   * lanes' max, sum of exps, log of the sum's mantissa m and its exponent k (sum = 2^k·m, m in [√½, √2)) to their
   * statistics vectors. log m = f - f²/2 + f³·P(f) with f = m - 1 (Cephes logf: |f| ≤ 0.414, within 1 ulp);
   * log sum = k·ln 2 + log m is joined in double by the caller. One vector log per block: Math.log per row cost
   * 17 ns a row at 10 classes. A NaN sum gives a NaN log.
   */
  private static void blockSoftmax(float[] buf, int at, int span) {
    final int lanes = S.length();
    final int end = at + span;
    // two running maxima, halving the chain of Java-semantics vector maxima (about five instructions each)
    FloatVector m0 = FloatVector.fromArray(S, buf, at);
    FloatVector m1 = m0;
    int k = at + lanes;
    for (; k + lanes < end; k += 2 * lanes) {
      m0 = m0.max(FloatVector.fromArray(S, buf, k));
      m1 = m1.max(FloatVector.fromArray(S, buf, k + lanes));
    }
    if (k < end) {
      m0 = m0.max(FloatVector.fromArray(S, buf, k));
    }
    FloatVector m = m0.max(m1);
    FloatVector s = FloatVector.zero(S);
    for (k = at; k < end; k += lanes) {
      // exp(FloatVector.fromArray(S, buf, k).sub(m)), the operations of exp written out (see there: why)
      FloatVector xa = FloatVector.fromArray(S, buf, k).sub(m);
      FloatVector xt = xa.fma(LOG2E, ROUND_MAGIC);
      FloatVector xn = xt.sub(ROUND_MAGIC);
      FloatVector xr = xn.fma(xa.broadcast(-LN2_F), xa);
      FloatVector xr2 = xr.mul(xr);
      FloatVector e = xr2.fma(xr2.fma(xr2.broadcast(P4), xr.fma(P3, P2)), xr.fma(P1, P0)).fma(xr2, xr.add(1f))
          .reinterpretAsInts().add(xt.reinterpretAsInts().lanewise(VectorOperators.LSHL, 23))
          .lanewise(VectorOperators.AND_NOT, xn.add(FLUSH_BIAS).reinterpretAsInts().lanewise(VectorOperators.ASHR, 31))
          .reinterpretAsFloats();
      s = s.add(e);
      e.intoArray(buf, k);
    }
    // a lane (row) with a NaN has a NaN max (Java's max), and its sum is NaN whatever exp gave (see exp)
    s = s.blend(Float.NaN, m.test(VectorOperators.IS_NAN));
    m.intoArray(buf, end + LANE_MAX * lanes);
    s.intoArray(buf, end + LANE_SUM * lanes);
    IntVector bits = s.reinterpretAsInts();
    FloatVector mant = bits.and(0x007fffff).or(0x3f800000).reinterpretAsFloats(); // [1, 2)
    FloatVector expo = (FloatVector) bits.lanewise(VectorOperators.LSHR, 23).sub(127)
        .convert(VectorOperators.I2F, 0);
    VectorMask<Float> high = mant.compare(VectorOperators.GT, SQRT2);
    mant = mant.blend(mant.mul(0.5f), high);
    expo = expo.blend(expo.add(1f), high);
    FloatVector f = mant.sub(1f);
    FloatVector f2 = f.mul(f);
    FloatVector p = f.fma(L0, L1);
    p = p.fma(f, f.broadcast(L2));
    p = p.fma(f, f.broadcast(L3));
    p = p.fma(f, f.broadcast(L4));
    p = p.fma(f, f.broadcast(L5));
    p = p.fma(f, f.broadcast(L6));
    p = p.fma(f, f.broadcast(L7));
    p = p.fma(f, f.broadcast(L8));
    p.mul(f).fma(f2, f2.mul(-0.5f)).add(f) // f + (f³P(f) - f²/2)
        .blend(Float.NaN, s.test(VectorOperators.IS_NAN)).intoArray(buf, end + LANE_LOG_MANT * lanes);
    expo.intoArray(buf, end + LANE_EXPO * lanes);
  }

  /**
   * On the lane-major block of exps at {@code buf[at]}, in place: g = gradScale·a·(exp(z - max) / sum - onehot)
   * = coef·exp(z - max) - (c == label ? hard : 0), with a, the label, the max and the sum from the statistics.
   */
  private static void blockGradient(float[] buf, int at, int span, float gradScale) {
    final int lanes = S.length();
    final int end = at + span;
    FloatVector hardGrad = FloatVector.fromArray(S, buf, end + LANE_COEF * lanes).mul(gradScale);
    FloatVector coef = hardGrad.div(FloatVector.fromArray(S, buf, end + LANE_SUM * lanes));
    FloatVector label = FloatVector.fromArray(S, buf, end + LANE_LABEL * lanes);
    for (int c = 0, k = at; k < end; c++, k += lanes) {
      FloatVector.fromArray(S, buf, k).mul(coef).sub(hardGrad, label.eq(c)).intoArray(buf, k);
    }
  }

  /**
   * Sparse rows past the other layouts (longer than {@link #TRANSPOSE_MAX} logits, or at least one vector with soft
   * terms), any labels: per row, one loop reads the logits (the second read: the first was the row's max, taken in
   * the previous row's loop), writes exp(z - max) into the per-thread scratch row and sums it (and with soft terms
   * Σ_c u_c (z_c - z0)) while it takes the next row's max; then the gradient {@code e·coef - softGrad·u} minus the
   * target's term, each element written once. One exp per logit, shifted by the row's own max, so no part of a row
   * needs rescaling. The vector loops step on plain indices (the JIT removes their bounds checks); the last
   * {@code cols % lanes} logits go through the row's last whole vector, which overlaps the one before it
   * ({@link #tailExp}): the lanes they share are computed again with the same bits (read a third time and the
   * gradient written a second time, from and into lines the row has just brought into L1), so a row's result does
   * not depend on which lanes hold it. Measured at 1 thread, 256 bits, forward and backward, against chunks
   * of at most 1024 logits each shifted by its own max with a clamped tail index: hard labels 0.80 to 0.87 ns per
   * logit at 8192 x 1000 (1.2 to 1.3) and 0.87 to 0.97 at 4096 x 32768 and 1024 x 131072 (1.4 to 1.5); with label
   * smoothing 0.84 at 8192 x 1000 (1.23).
   */
  private static void sparseRows(float[] z, int cols, int[] labels, float[] hardCoef, float[] softCoef,
      float[] u, float gradScale, double[] lossOut, float[] g, int from, int to) {
    // z, g: [rows, cols] row-major; labels, hardCoef, softCoef (null: none), lossOut: [rows]; u: [cols] or null for
    // all ones
    if (from >= to) {
      return;
    }
    if (softCoef == null && g != null && g != z) {
      hardRowsGradBehind(z, cols, labels, hardCoef, gradScale, lossOut, g, from, to);
      return;
    }
    float[] e = expScratch(cols); // [cols]: exp(z - max) of the current row, then one vector for sumLanes
    double[] stat = rowScratch(); // the row's Σ exp(z - max) and Σ u (z - z0)
    double sumU = softCoef == null ? 0.0 : sumOf(u, cols);
    // the row's max as an ordered key (orderKey): the exps' shift, or above +∞'s key where the row holds a NaN
    int hi = firstRowKey(z, from * cols, cols);
    for (int i = from; i < to; i++) {
      int off = i * cols;
      // the next row's max is read in this row's loop; the range's last row reads itself again
      int nextOff = i + 1 < to ? off + cols : off;
      float max = keyFloat(hi);
      int t = labels[i];
      boolean hard = t >= 0 && t < cols;
      double a = hard ? hardCoef[i] : 0.0;
      double b = softCoef == null ? 0.0 : softCoef[i];
      float z0 = z[off];
      int nextHi = softCoef == null
          ? rowExp(z, off, cols, max, e, nextOff, stat)
          : rowExpDot(z, off, cols, max, e, u, z0, nextOff, stat);
      // a NaN logit makes the row's sum NaN, whatever its exp gave (see exp: by its sign, 0 or NaN)
      double sum = hasNaN(hi) ? Double.NaN : stat[SUM];
      double logSum = Math.log(sum);
      // -Σ v_c (z_c - lse), lse = max + log Σ; the soft part against z0 so that large equal logits cancel exactly
      double loss = hard ? a * ((max - z[off + t]) + logSum) : 0.0;
      if (b != 0.0) {
        loss += b * (sumU * ((max - z0) + logSum) - stat[DOT]);
      }
      lossOut[i] = loss;
      if (g != null) {
        // grad = gradScale·(Σv·softmax(z) - v) = coef·exp(z - max) - gradScale·v
        rowGrad(e, 0, g, off, cols, (float) (gradScale * (a + b * sumU) / sum), u, (float) (gradScale * b),
            hard ? t : -1, (float) (gradScale * a));
      }
      hi = nextHi;
    }
  }

  /**
   * {@link #sparseRows} with hard labels only (no soft terms) and the gradient into an array of its own: the same
   * operations on the same values, so the same bits, but each row's gradient is written one row behind, inside the
   * next row's exp loop ({@link #blockExpGradBehind}), rather than by a loop of stores after the row's own exps.
   * The scratch row holds the previous row's exps when a row's loop starts; each step reads them, writes their
   * gradient and puts the row's own exps in their place. Out of cache, where each gradient store first reads its
   * line (Java has no non-temporal store), the stores' trips to memory then overlap the exps instead of coming in
   * a burst with nothing to hide them. Measured against the gradient loop after each row (which also loaded the
   * next row's gradient lines while its exps computed, so that the stores found them in cache), interleaved in
   * one JVM, 1 thread, 256 bits, best / median ns per logit over 20-30 s: 8192 x 1000 0.566 / 0.777 against
   * 0.627 / 0.850 on JDK 17, 0.500 / 0.654 against 0.615 / 0.795 on JDK 25; 4096 x 32768 0.584 / 0.675 against
   * 0.625 / 0.727 (JDK 25: 0.536 / 0.634 against 0.601 / 0.725); 4096 x 100 1.078 / 1.141 against 1.240 /
   * 1.338; in cache (256 x 1000) 0.468 / 0.555 against 0.508 / 0.603; at 2 threads 8192 x 1000 0.294 / 0.408
   * against 0.322 / 0.448. A first form with two scratch rows gave the same (8192 x 1000 0.552 / 0.583 against
   * 0.622 / 0.660). The same loop touching the lines of the gradient
   * it writes a row later was slower (0.674 against 0.627 best), and in place, where the logits' lines are the
   * gradient's, writing behind gave nothing (0.536 / 0.613 against 0.525 / 0.588), so in place stays with
   * {@link #sparseRows}.
   */
  private static void hardRowsGradBehind(float[] z, int cols, int[] labels, float[] hardCoef, float gradScale,
      double[] lossOut, float[] g, int from, int to) {
    // z, g: [rows, cols] row-major, distinct; labels, hardCoef, lossOut: [rows]
    float[] e = expScratch(cols); // [cols]: the previous row's exps, replaced by the current row's; + a vector
    double[] stat = rowScratch();
    int step = S.length();
    int bound = S.loopBound(cols);
    int hi = firstRowKey(z, from * cols, cols); // the row's max as an ordered key, as in sparseRows
    // the previous row's gradient, pending: its offset, e's coefficient, its target (-1: none) and that term
    int prevOff = -1;
    float prevScale = 0f;
    int prevT = -1;
    float prevHard = 0f;
    for (int i = from; i < to; i++) {
      int off = i * cols;
      int nextOff = i + 1 < to ? off + cols : off;
      int t = labels[i];
      boolean hard = t >= 0 && t < cols;
      double a = hard ? hardCoef[i] : 0.0;
      float max = keyFloat(hi);
      int nextHi;
      if (prevOff < 0) {
        nextHi = rowExp(z, off, cols, max, e, nextOff, stat);
      } else {
        // before the loop overwrites them: the previous target's exp, and the previous row's last whole vector
        // (its lanes shared with the body are written again by the loop, with the same bits)
        float prevTargetExp = prevT >= 0 ? e[prevT] : 0f;
        if (bound < cols) {
          FloatVector.fromArray(S, e, cols - step).mul(prevScale).intoArray(g, prevOff + cols - step);
        }
        nextHi = rowExpGradBehind(z, off, cols, max, e, nextOff, stat, g, prevOff, prevScale);
        if (prevT >= 0) {
          // the operations rowGrad's target lane does: e·scale, then minus the hard term
          g[prevOff + prevT] = prevTargetExp * prevScale - prevHard;
        }
      }
      double sum = hasNaN(hi) ? Double.NaN : stat[SUM];
      double logSum = Math.log(sum);
      lossOut[i] = hard ? a * ((max - z[off + t]) + logSum) : 0.0;
      prevOff = off;
      prevScale = (float) (gradScale * a / sum);
      prevT = hard ? t : -1;
      prevHard = (float) (gradScale * a);
      hi = nextHi;
    }
    rowGrad(e, 0, g, prevOff, cols, prevScale, null, 0f, prevT, prevHard);
  }

  /**
   * {@link #rowExp} that writes the previous row's gradient body, g[gOff + c] = e[c]·scale for c in [0, cols -
   * cols % lanes), from the exps the scratch row holds before each step replaces them ({@link
   * #blockExpGradBehind}). Its own method with one block loop, as {@link #rowExp} is (see there: why).
   */
  private static int rowExpGradBehind(float[] z, int off, int cols, float shift, float[] e, int nextOff,
      double[] out, float[] g, int gOff, float scale) {
    int bound = S.loopBound(cols);
    int hi = Integer.MIN_VALUE; // the next row's max, as an ordered key
    double sum = 0.0;
    for (int b0 = 0; b0 < bound; b0 += BLOCK) {
      hi = Math.max(hi, blockExpGradBehind(z, e, off, b0, Math.min(bound, b0 + BLOCK), shift, nextOff, out, g,
          gOff, scale));
      sum += out[SUM];
    }
    if (bound < cols) {
      tailExp(z, off, cols, shift, e);
      hi = Math.max(hi, tailKey(z, nextOff, cols));
      for (int c = bound; c < cols; c++) {
        sum += e[c];
      }
    }
    out[SUM] = sum;
    return hi;
  }

  /**
   * {@link #blockExp} that first writes the previous row's gradient over the same columns from the exps the
   * scratch still holds there: g[gOff + c] = e[c]·scale, the target's term left to the caller. The sum of the new
   * exps goes into out[SUM]; the next row's max over the block as in {@link #blockExp}. Its parameters come in
   * another order than blockExp's: e in the second slot is a one-byte load, and so the method's bytecode stays
   * within the 325 bytes (FreqInlineSize) up to which C2 inlines a hot call (see blockExp).
   */
  private static int blockExpGradBehind(float[] z, float[] e, int off, int c0, int c1, float shift, int nextOff,
      double[] out, float[] g, int gOff, float scale) {
    FloatVector s = FloatVector.zero(S);
    IntVector hi = IntVector.broadcast(IS, Integer.MIN_VALUE);
    for (int c = c0; c < c1; c += LANES) {
      FloatVector.fromArray(S, e, c).mul(scale).intoArray(g, gOff + c);
      // exp(FloatVector.fromArray(S, z, off + c).sub(shift)), the operations of exp written out (see there: why)
      FloatVector xa = FloatVector.fromArray(S, z, off + c).sub(shift);
      FloatVector xt = xa.fma(LOG2E, ROUND_MAGIC);
      FloatVector xn = xt.sub(ROUND_MAGIC);
      FloatVector xr = xn.fma(xa.broadcast(-LN2_F), xa);
      FloatVector xr2 = xr.mul(xr);
      FloatVector x = xr2.fma(xr2.fma(xr2.broadcast(P4), xr.fma(P3, P2)), xr.fma(P1, P0)).fma(xr2, xr.add(1f))
          .reinterpretAsInts().add(xt.reinterpretAsInts().lanewise(VectorOperators.LSHL, 23))
          .lanewise(VectorOperators.AND_NOT, xn.add(FLUSH_BIAS).reinterpretAsInts().lanewise(VectorOperators.ASHR, 31))
          .reinterpretAsFloats();
      x.intoArray(e, c);
      s = s.add(x);
      // the next row's max as ordered keys (orderKey, written out: a vector passed to a method the JIT does not
      // inline is allocated)
      IntVector next = FloatVector.fromArray(S, z, nextOff + c).reinterpretAsInts();
      IntVector sign = next.lanewise(VectorOperators.ASHR, 31);
      hi = hi.max(next.lanewise(VectorOperators.XOR, sign).add(sign.and(KEY_FLIP)));
    }
    s.intoArray(e, laneSlot(e));
    out[SUM] = sumLanes(e);
    return hi.reduceLanes(VectorOperators.MAX);
  }

  /**
   * {@link #rowExp} with the soft dot Σ_c u_c (z_c - z0) (u null: all ones) into {@code out[DOT]}, from the same
   * loads. One block loop per callee, as in {@link #rowExp}.
   */
  private static int rowExpDot(float[] z, int off, int cols, float shift, float[] e, float[] u, float z0,
      int nextOff, double[] out) {
    int bound = S.loopBound(cols);
    int hi = Integer.MIN_VALUE; // the next row's max, as an ordered key
    double sum = 0.0;
    double dot = 0.0;
    if (u == null) {
      for (int b0 = 0; b0 < bound; b0 += BLOCK) {
        hi = Math.max(hi, blockExpDot(z, off, b0, Math.min(bound, b0 + BLOCK), shift, e, z0, nextOff, out));
        sum += out[SUM];
        dot += out[DOT];
      }
    } else {
      for (int b0 = 0; b0 < bound; b0 += BLOCK) {
        hi = Math.max(hi, blockExpWeightedDot(z, off, b0, Math.min(bound, b0 + BLOCK), shift, e, u, z0, nextOff,
            out));
        sum += out[SUM];
        dot += out[DOT];
      }
    }
    if (bound < cols) {
      tailExp(z, off, cols, shift, e);
      hi = Math.max(hi, tailKey(z, nextOff, cols));
      for (int c = bound; c < cols; c++) {
        sum += e[c];
        dot += (double) (u == null ? 1f : u[c]) * (z[off + c] - z0);
      }
    }
    out[SUM] = sum;
    out[DOT] = dot;
    return hi;
  }

  /** {@link #blockExp} plus Σ (z_c - z0) over the vectors [c0, c1) into out[DOT]. */
  private static int blockExpDot(float[] z, int off, int c0, int c1, float shift, float[] e, float z0,
      int nextOff, double[] out) {
    FloatVector s = FloatVector.zero(S);
    FloatVector dot = FloatVector.zero(S);
    IntVector hi = IntVector.broadcast(IS, Integer.MIN_VALUE);
    for (int c = c0; c < c1; c += LANES) {
      FloatVector zc = FloatVector.fromArray(S, z, off + c);
      // exp(zc.sub(shift)), the operations of exp written out (see there: why)
      FloatVector xa = zc.sub(shift);
      FloatVector xt = xa.fma(LOG2E, ROUND_MAGIC);
      FloatVector xn = xt.sub(ROUND_MAGIC);
      FloatVector xr = xn.fma(xa.broadcast(-LN2_F), xa);
      FloatVector xr2 = xr.mul(xr);
      FloatVector x = xr2.fma(xr2.fma(xr2.broadcast(P4), xr.fma(P3, P2)), xr.fma(P1, P0)).fma(xr2, xr.add(1f))
          .reinterpretAsInts().add(xt.reinterpretAsInts().lanewise(VectorOperators.LSHL, 23))
          .lanewise(VectorOperators.AND_NOT, xn.add(FLUSH_BIAS).reinterpretAsInts().lanewise(VectorOperators.ASHR, 31))
          .reinterpretAsFloats();
      x.intoArray(e, c);
      s = s.add(x);
      dot = dot.add(zc.sub(z0));
      // the next row's max as ordered keys (orderKey, written out: a vector passed to a method the JIT does not
      // inline is allocated)
      IntVector next = FloatVector.fromArray(S, z, nextOff + c).reinterpretAsInts();
      IntVector sign = next.lanewise(VectorOperators.ASHR, 31);
      hi = hi.max(next.lanewise(VectorOperators.XOR, sign).add(sign.and(KEY_FLIP)));
    }
    s.intoArray(e, laneSlot(e));
    out[SUM] = sumLanes(e);
    dot.intoArray(e, laneSlot(e));
    out[DOT] = sumLanes(e);
    return hi.reduceLanes(VectorOperators.MAX);
  }

  /** {@link #blockExpDot} with weights: Σ u_c (z_c - z0). */
  private static int blockExpWeightedDot(float[] z, int off, int c0, int c1, float shift, float[] e, float[] u,
      float z0, int nextOff, double[] out) {
    FloatVector s = FloatVector.zero(S);
    FloatVector dot = FloatVector.zero(S);
    IntVector hi = IntVector.broadcast(IS, Integer.MIN_VALUE);
    for (int c = c0; c < c1; c += LANES) {
      FloatVector zc = FloatVector.fromArray(S, z, off + c);
      // exp(zc.sub(shift)), the operations of exp written out (see there: why)
      FloatVector xa = zc.sub(shift);
      FloatVector xt = xa.fma(LOG2E, ROUND_MAGIC);
      FloatVector xn = xt.sub(ROUND_MAGIC);
      FloatVector xr = xn.fma(xa.broadcast(-LN2_F), xa);
      FloatVector xr2 = xr.mul(xr);
      FloatVector x = xr2.fma(xr2.fma(xr2.broadcast(P4), xr.fma(P3, P2)), xr.fma(P1, P0)).fma(xr2, xr.add(1f))
          .reinterpretAsInts().add(xt.reinterpretAsInts().lanewise(VectorOperators.LSHL, 23))
          .lanewise(VectorOperators.AND_NOT, xn.add(FLUSH_BIAS).reinterpretAsInts().lanewise(VectorOperators.ASHR, 31))
          .reinterpretAsFloats();
      x.intoArray(e, c);
      s = s.add(x);
      dot = zc.sub(z0).fma(FloatVector.fromArray(S, u, c), dot);
      // the next row's max as ordered keys (orderKey, written out: a vector passed to a method the JIT does not
      // inline is allocated)
      IntVector next = FloatVector.fromArray(S, z, nextOff + c).reinterpretAsInts();
      IntVector sign = next.lanewise(VectorOperators.ASHR, 31);
      hi = hi.max(next.lanewise(VectorOperators.XOR, sign).add(sign.and(KEY_FLIP)));
    }
    s.intoArray(e, laneSlot(e));
    out[SUM] = sumLanes(e);
    dot.intoArray(e, laneSlot(e));
    out[DOT] = sumLanes(e);
    return hi.reduceLanes(VectorOperators.MAX);
  }

  /**
   * e[c] = exp(z[off + c] - shift) for c in [0, cols), cols ≥ lanes, and their sum into {@code out[SUM]}; returns
   * the ordered key ({@link #orderKey}) of the max of z[nextOff, nextOff + cols), read in the same loop so that its
   * trip to memory overlaps the exps.
   * Block by block of at most {@link #BLOCK} logits ({@link #blockExp}), so that a float lane adds at most
   * BLOCK/lanes terms before its sum goes to double. (One loop nest over the blocks here, with the vectors carried
   * across it, kept them boxed: 1.7 ns per logit.) One block loop per callee rather than a choice of callee inside
   * one loop: JDK 25 inlined both callees into that loop, and 32768-class rows ran at 1.34-1.45 ns per logit
   * (forward and backward, 1 thread) against 0.68-0.85 this way. Used for the loss alone, in place, with soft
   * terms, and for the first row of {@link #hardRowsGradBehind}. In place the loop loads nothing for the gradient:
   * the next row's gradient lines are its logit lines, which the max already loads (loading them again, as the
   * separate gradient's loop once did, measured in place at 8192 x 1000, interleaved in one JVM, best / median ns
   * per logit: 1 thread 0.542 / 0.756 and 0.585 / 0.823 against 0.517 / 0.730 and 0.556 / 0.791 without).
   */
  private static int rowExp(float[] z, int off, int cols, float shift, float[] e, int nextOff, double[] out) {
    int bound = S.loopBound(cols);
    int hi = Integer.MIN_VALUE; // the next row's max, as an ordered key
    double sum = 0.0;
    for (int b0 = 0; b0 < bound; b0 += BLOCK) {
      hi = Math.max(hi, blockExp(z, off, b0, Math.min(bound, b0 + BLOCK), shift, e, nextOff, out));
      sum += out[SUM];
    }
    if (bound < cols) {
      tailExp(z, off, cols, shift, e);
      hi = Math.max(hi, tailKey(z, nextOff, cols));
      for (int c = bound; c < cols; c++) {
        sum += e[c];
      }
    }
    out[SUM] = sum;
    return hi;
  }

  /**
   * e[c] = exp(z[off + c] - shift) over the row's last whole vector, c in [cols - lanes, cols) (cols ≥ lanes): the
   * {@code cols % lanes} logits past the block loops in one vector. Its first lanes recompute what the block loop
   * wrote there, with the same operations, so with the same bits; the tail's lanes give what {@link #expScalar}
   * gives. Measured at 4096 x 100 (a tail of 4 at 256 bits), 1 thread, three JVMs each, against the tail in scalar
   * code one logit at a time: forward 1.28 to 1.12-1.13 ns per logit, forward and backward 1.42-1.64 to
   * 1.27-1.31; at 96 classes (no tail) 0.93-1.12 and 1.13-1.20.
   */
  private static void tailExp(float[] z, int off, int cols, float shift, float[] e) {
    int c = cols - S.length();
    // exp(FloatVector.fromArray(S, z, off + c).sub(shift)), the operations of exp written out (see there: why)
    FloatVector xa = FloatVector.fromArray(S, z, off + c).sub(shift);
    FloatVector xt = xa.fma(LOG2E, ROUND_MAGIC);
    FloatVector xn = xt.sub(ROUND_MAGIC);
    FloatVector xr = xn.fma(xa.broadcast(-LN2_F), xa);
    FloatVector xr2 = xr.mul(xr);
    xr2.fma(xr2.fma(xr2.broadcast(P4), xr.fma(P3, P2)), xr.fma(P1, P0)).fma(xr2, xr.add(1f))
        .reinterpretAsInts().add(xt.reinterpretAsInts().lanewise(VectorOperators.LSHL, 23))
        .lanewise(VectorOperators.AND_NOT, xn.add(FLUSH_BIAS).reinterpretAsInts().lanewise(VectorOperators.ASHR, 31))
        .reinterpretAsFloats()
        .intoArray(e, c);
  }

  /** The ordered key of the max of the row's last whole vector, z[off + cols - lanes, off + cols) (cols ≥ lanes). */
  private static int tailKey(float[] z, int off, int cols) {
    IntVector next = FloatVector.fromArray(S, z, off + cols - S.length()).reinterpretAsInts();
    IntVector sign = next.lanewise(VectorOperators.ASHR, 31);
    return next.lanewise(VectorOperators.XOR, sign).add(sign.and(KEY_FLIP)).reduceLanes(VectorOperators.MAX);
  }

  /**
   * {@link #rowExp} on the whole vectors [c0, c1): the sum of their exps into out[SUM]; returns the ordered key of
   * the next row's max over them: an integer max of the keys a lane ({@link #orderKey}: why).
   *
   * <p>Its bytecode is kept within 325 bytes, and {@link #blockExpGradBehind}'s too: C2 inlines a hot call only up
   * to that size (FreqInlineSize, on JDK 17 and 25), and the row loops ran slower with these loops as calls of
   * their own. At 360 bytes, 1 thread, 512 bits, JDK 17, ns per logit forward / forward and backward / in place:
   * 8192 x 1000 0.29 / 0.35-0.37 / 0.38-0.39, against 0.22 / 0.29-0.30 / 0.28-0.29 with the limit raised to let
   * them in; 4096 x 100 forward and backward 0.80 against 0.65-0.67. (The soft-term and dense-target block loops
   * are larger, and were before.)
   */
  private static int blockExp(float[] z, int off, int c0, int c1, float shift, float[] e, int nextOff,
      double[] out) {
    FloatVector s = FloatVector.zero(S);
    IntVector hi = IntVector.broadcast(IS, Integer.MIN_VALUE);
    for (int c = c0; c < c1; c += LANES) {
      // exp(FloatVector.fromArray(S, z, off + c).sub(shift)), the operations of exp written out (see there: why)
      FloatVector xa = FloatVector.fromArray(S, z, off + c).sub(shift);
      FloatVector xt = xa.fma(LOG2E, ROUND_MAGIC);
      FloatVector xn = xt.sub(ROUND_MAGIC);
      FloatVector xr = xn.fma(xa.broadcast(-LN2_F), xa);
      FloatVector xr2 = xr.mul(xr);
      FloatVector x = xr2.fma(xr2.fma(xr2.broadcast(P4), xr.fma(P3, P2)), xr.fma(P1, P0)).fma(xr2, xr.add(1f))
          .reinterpretAsInts().add(xt.reinterpretAsInts().lanewise(VectorOperators.LSHL, 23))
          .lanewise(VectorOperators.AND_NOT, xn.add(FLUSH_BIAS).reinterpretAsInts().lanewise(VectorOperators.ASHR, 31))
          .reinterpretAsFloats();
      x.intoArray(e, c);
      s = s.add(x);
      // the next row's max as ordered keys (orderKey, written out: a vector passed to a method the JIT does not
      // inline is allocated)
      IntVector next = FloatVector.fromArray(S, z, nextOff + c).reinterpretAsInts();
      IntVector sign = next.lanewise(VectorOperators.ASHR, 31);
      hi = hi.max(next.lanewise(VectorOperators.XOR, sign).add(sign.and(KEY_FLIP)));
    }
    s.intoArray(e, laneSlot(e));
    out[SUM] = sumLanes(e);
    return hi.reduceLanes(VectorOperators.MAX);
  }

  /**
   * The ordered key ({@link #orderKey}) of the max of z[off, off + len), the first row of a call, in scalar code:
   * once per call is too rarely for the JIT to compile vector code for it, and interpreted, its vectors would be
   * allocated.
   */
  private static int firstRowKey(float[] z, int off, int len) {
    int hi = Integer.MIN_VALUE;
    for (int c = 0; c < len; c++) {
      hi = Math.max(hi, orderKey(Float.floatToRawIntBits(z[off + c])));
    }
    return hi;
  }

  /**
   * A float's bits as an int key whose signed order is the floats' order, -0 just below +0, with every NaN, of
   * either sign, above +∞: non-negative floats keep their bits, a negative float's key is 0x7f800000 minus its bits
   * (wrapping), which for -∞ is Integer.MIN_VALUE and for a NaN with its sign bit set lands above 0x7f800000. So
   * one integer max a lane gives a row's max, or tells that it holds a NaN ({@link #hasNaN}). The vector loops
   * take the next row's max this way (three integer operations and a max per vector, written out): a float compare
   * and blend is a chain through a mask register that cost, at 512 bits on JDK 17, 3.6-4.0 ns per vector against
   * 0.6 (1024-logit rows in cache, 1 thread).
   */
  private static int orderKey(int bits) {
    int sign = bits >> 31;
    return (bits ^ sign) + (sign & KEY_FLIP);
  }

  /** With an all-ones sign, (bits ^ sign) + KEY_FLIP = ~bits + 0x7f800001 = 0x7f800000 - bits. */
  private static final int KEY_FLIP = 0x7f800001;

  /** The float whose {@link #orderKey} is {@code key} (for a NaN's key, some NaN). */
  private static float keyFloat(int key) {
    return Float.intBitsToFloat(key >= 0 ? key : 0x7f800000 - key);
  }

  /** Whether the row whose max has this ordered key holds a NaN: the key is above +∞'s. */
  private static boolean hasNaN(int maxKey) {
    return maxKey > 0x7f800000;
  }

  /**
   * g[gOff + c] = e[eOff + c]·scale - softGrad·u_c - (c == t ? hardGrad : 0) for c in [0, len), len ≥ lanes, u
   * null: all ones; each element written once, but for the lanes the last whole vector shares with the loop before
   * it, which it writes again with the same bits (g is never read here, so this holds in place too).
   */
  private static void rowGrad(float[] e, int eOff, float[] g, int gOff, int len, float scale, float[] u,
      float softGrad, int t, float hardGrad) {
    int bound = S.loopBound(len);
    FloatVector laneIndex = FloatVector.fromArray(S, LANE_INDEX, 0);
    if (u == null || softGrad == 0f) {
      float shift = u == null ? softGrad : 0f;
      if (shift == 0f) {
        // the vector holding the target, if in the body, apart: the others need no lane compare and blend
        int step = S.length();
        int tv = t >= 0 && t < bound ? t - t % step : bound;
        for (int c = 0; c < tv; c += step) {
          FloatVector.fromArray(S, e, eOff + c).mul(scale).intoArray(g, gOff + c);
        }
        if (tv < bound) {
          FloatVector.fromArray(S, e, eOff + tv).mul(scale).sub(hardGrad, laneIndex.eq(t - tv))
              .intoArray(g, gOff + tv);
        }
        for (int c = tv + step; c < bound; c += step) {
          FloatVector.fromArray(S, e, eOff + c).mul(scale).intoArray(g, gOff + c);
        }
      } else {
        for (int c = 0; c < bound; c += S.length()) {
          FloatVector.fromArray(S, e, eOff + c).mul(scale).sub(shift)
              .sub(hardGrad, laneIndex.eq(t - c))
              .intoArray(g, gOff + c);
        }
      }
      if (bound < len) {
        // the last whole vector (see tailExp): its first lanes rewrite what the loops above wrote, same bits
        int c = len - S.length();
        FloatVector.fromArray(S, e, eOff + c).mul(scale).sub(shift)
            .sub(hardGrad, laneIndex.eq(t - c))
            .intoArray(g, gOff + c);
      }
    } else {
      for (int c = 0; c < bound; c += S.length()) {
        FloatVector p = FloatVector.fromArray(S, e, eOff + c).mul(scale);
        FloatVector.fromArray(S, u, eOff + c).fma(p.broadcast(-softGrad), p)
            .sub(hardGrad, laneIndex.eq(t - c))
            .intoArray(g, gOff + c);
      }
      if (bound < len) {
        int c = len - S.length();
        FloatVector p = FloatVector.fromArray(S, e, eOff + c).mul(scale);
        FloatVector.fromArray(S, u, eOff + c).fma(p.broadcast(-softGrad), p)
            .sub(hardGrad, laneIndex.eq(t - c))
            .intoArray(g, gOff + c);
      }
    }
  }

  /**
   * The per-thread exp scratch row, grown to the widest row seen (so steady-state calls allocate nothing), plus
   * one vector at its end for {@link #sumLanes}.
   */
  private static float[] expScratch(int cols) {
    float[] buf = EXP_SCRATCH.get();
    if (buf == null || buf.length < cols + S.length()) {
      buf = new float[cols + S.length()];
      EXP_SCRATCH.set(buf);
    }
    return buf;
  }

  /**
   * Where a vector goes to have its lanes summed by {@link #sumLanes}: the last vector of {@code scratch}. The
   * caller stores it there itself ({@code v.intoArray(scratch, laneSlot(scratch))}) rather than passing the vector
   * down: a vector passed to a method the JIT does not inline is allocated, and JDK 17 stopped inlining the
   * summing method into the row loops when one compilation held two block loops (NodeCountInliningCutoff): 64
   * bytes per row at 100 classes.
   */
  private static int laneSlot(float[] scratch) {
    return scratch.length - S.length();
  }

  /**
   * Σ of the lanes stored at {@link #laneSlot}, in lane order, in double. Not {@code reduceLanes(ADD)}: its order
   * is the implementation's, and the interpreted and compiled code differ (measured: the first, interpreted call
   * and later ones gave different last bits), so results would depend on when the JIT stepped in.
   */
  private static double sumLanes(float[] scratch) {
    int at = laneSlot(scratch);
    double sum = 0.0;
    for (int l = 0; l < S.length(); l++) {
      sum += scratch[at + l];
    }
    return sum;
  }

  /** The per-thread row statistics ({@link #ROW_STATS} doubles), allocated once. */
  private static double[] rowScratch() {
    double[] stat = ROW_SCRATCH.get();
    if (stat == null) {
      stat = new double[ROW_STATS];
      ROW_SCRATCH.set(stat);
    }
    return stat;
  }

  @Override
  public void dense(float[] logits, float[] targets, int cols, float smoothing, float[] classWeights,
      float[] rowCoef, float gradScale, double[] lossOut, float[] gradOut, int from, int to) {
    // logits, targets, gradOut: [rows, cols] row-major; rowCoef, lossOut: [rows]; classWeights: [cols]
    // at least one vector of logits per row: VectorKernels hands shorter rows to the scalar kernel
    denseRows(logits, targets, cols, 1f - smoothing, smoothing / cols, classWeights, rowCoef, gradScale, lossOut,
        gradOut, from, to);
  }

  // Slots of the per-thread row statistics: what a row's loops hand back (besides their return value, the ordered
  // key of the next row's max). SUM is Σ exp(z - max), DOT the sparse soft dot, QSUM and QDOT the dense target sums.
  private static final int SUM = 0;
  private static final int DOT = 1;
  private static final int QSUM = 1;
  private static final int QDOT = 2;
  private static final int ROW_STATS = 3;
  private static final ThreadLocal<double[]> ROW_SCRATCH = new ThreadLocal<>();
  private static final ThreadLocal<float[]> SMALL_SCRATCH = new ThreadLocal<>();
  private static final ThreadLocal<float[]> EXP_SCRATCH = new ThreadLocal<>();

  /**
   * Per thread, allocated once: two lane-major blocks with their per-lane statistics ({@link #sparseTransposed}).
   */
  private static float[] smallScratch() {
    float[] buf = SMALL_SCRATCH.get();
    if (buf == null) {
      buf = new float[2 * (TRANSPOSE_MAX + BLOCK_STATS) * S.length()];
      SMALL_SCRATCH.set(buf);
    }
    return buf;
  }

  /**
   * Dense rows of at least one vector, the way {@link #sparseRows} does sparse ones: per row, one loop reads
   * the logits and targets, writes exp(z - max) into the scratch row and sums it, Σ q and Σ q (z - z0) with
   * q = w⊙(y·keep + spread), while it takes the next row's max; the gradient {@code e·coef - targetGrad·q}
   * re-reads the targets and writes each element once. One exp per logit, each logit read twice. Measured at 1
   * thread, 256 bits, one-hot targets, forward and backward: 8192 x 1000 and 4096 x 32768 at 1.19 and 1.23 ns per
   * logit (1.43 and 1.89 chunk by chunk, with chunk maxima and a clamped tail index).
   */
  private static void denseRows(float[] z, float[] y, int cols, float keep, float spread, float[] w,
      float[] rowCoef, float gradScale, double[] lossOut, float[] g, int from, int to) {
    // z, y, g: [rows, cols] row-major; w: [cols] or null; rowCoef, lossOut: [rows]
    if (from >= to) {
      return;
    }
    float[] e = expScratch(cols); // [cols]: exp(z - max) of the current row
    double[] stat = rowScratch(); // the row's Σ exp(z - max), Σ q, Σ q (z - z0)
    int hi = firstRowKey(z, from * cols, cols); // the row's max as an ordered key, as in sparseRows
    for (int i = from; i < to; i++) {
      int off = i * cols;
      // the next row's max is read in this row's loop; the range's last row reads itself again
      int nextOff = i + 1 < to ? off + cols : off;
      float max = keyFloat(hi);
      double r = rowCoef[i];
      float z0 = z[off];
      int nextHi = rowExpTargets(z, y, off, cols, max, e, w, keep, spread, z0, nextOff, stat);
      double sum = hasNaN(hi) ? Double.NaN : stat[SUM];
      double qSum = stat[QSUM];
      // -Σ v_c (z_c - lse) with v = r·q, lse = max + log Σ, against z0 so that large equal logits cancel exactly
      lossOut[i] = r * (qSum * ((max - z0) + Math.log(sum)) - stat[QDOT]);
      if (g != null) {
        // grad = coef·exp(z - max) - gradScale·r·q
        rowDenseGrad(e, 0, y, off, w, g, cols, keep, spread, (float) (gradScale * r * qSum / sum),
            (float) (gradScale * r));
      }
      hi = nextHi;
    }
  }

  /**
   * {@link #rowExp} with dense targets: also Σ q and Σ q (z - z0), q = w⊙(y·keep + spread) (w null: all ones),
   * into {@code out}'s dense slots. One block loop per callee, as in {@link #rowExp}.
   */
  private static int rowExpTargets(float[] z, float[] y, int off, int cols, float shift, float[] e, float[] w,
      float keep, float spread, float z0, int nextOff, double[] out) {
    int bound = S.loopBound(cols);
    int hi = Integer.MIN_VALUE; // the next row's max, as an ordered key
    double sum = 0.0;
    double qSum = 0.0;
    double qDot = 0.0;
    if (w == null) {
      for (int b0 = 0; b0 < bound; b0 += BLOCK) {
        hi = Math.max(hi, blockExpTargets(z, y, off, b0, Math.min(bound, b0 + BLOCK), shift, e, keep, spread,
            z0, nextOff, out));
        sum += out[SUM];
        qSum += out[QSUM];
        qDot += out[QDOT];
      }
    } else {
      for (int b0 = 0; b0 < bound; b0 += BLOCK) {
        hi = Math.max(hi, blockExpWeightedTargets(z, y, off, b0, Math.min(bound, b0 + BLOCK), shift, e, w, keep,
            spread, z0, nextOff, out));
        sum += out[SUM];
        qSum += out[QSUM];
        qDot += out[QDOT];
      }
    }
    if (bound < cols) {
      tailExp(z, off, cols, shift, e);
      hi = Math.max(hi, tailKey(z, nextOff, cols));
      for (int c = bound; c < cols; c++) {
        sum += e[c];
        float q = Math.fma(y[off + c], keep, spread);
        q = w == null ? q : q * w[c];
        qSum += q;
        qDot += (double) (z[off + c] - z0) * q;
      }
    }
    out[SUM] = sum;
    out[QSUM] = qSum;
    out[QDOT] = qDot;
    return hi;
  }

  /** {@link #blockExp} with the unweighted target sums of {@link #rowExpTargets} over the vectors [c0, c1). */
  private static int blockExpTargets(float[] z, float[] y, int off, int c0, int c1, float shift, float[] e,
      float keep, float spread, float z0, int nextOff, double[] out) {
    FloatVector s = FloatVector.zero(S);
    FloatVector qs = FloatVector.zero(S);
    FloatVector qd = FloatVector.zero(S);
    IntVector hi = IntVector.broadcast(IS, Integer.MIN_VALUE);
    for (int c = c0; c < c1; c += LANES) {
      FloatVector zc = FloatVector.fromArray(S, z, off + c);
      // exp(zc.sub(shift)), the operations of exp written out (see there: why)
      FloatVector xa = zc.sub(shift);
      FloatVector xt = xa.fma(LOG2E, ROUND_MAGIC);
      FloatVector xn = xt.sub(ROUND_MAGIC);
      FloatVector xr = xn.fma(xa.broadcast(-LN2_F), xa);
      FloatVector xr2 = xr.mul(xr);
      FloatVector x = xr2.fma(xr2.fma(xr2.broadcast(P4), xr.fma(P3, P2)), xr.fma(P1, P0)).fma(xr2, xr.add(1f))
          .reinterpretAsInts().add(xt.reinterpretAsInts().lanewise(VectorOperators.LSHL, 23))
          .lanewise(VectorOperators.AND_NOT, xn.add(FLUSH_BIAS).reinterpretAsInts().lanewise(VectorOperators.ASHR, 31))
          .reinterpretAsFloats();
      x.intoArray(e, c);
      s = s.add(x);
      FloatVector q = FloatVector.fromArray(S, y, off + c).fma(keep, spread);
      qs = qs.add(q);
      qd = zc.sub(z0).fma(q, qd);
      // the next row's max as ordered keys (orderKey, written out: a vector passed to a method the JIT does not
      // inline is allocated)
      IntVector next = FloatVector.fromArray(S, z, nextOff + c).reinterpretAsInts();
      IntVector sign = next.lanewise(VectorOperators.ASHR, 31);
      hi = hi.max(next.lanewise(VectorOperators.XOR, sign).add(sign.and(KEY_FLIP)));
    }
    s.intoArray(e, laneSlot(e));
    out[SUM] = sumLanes(e);
    qs.intoArray(e, laneSlot(e));
    out[QSUM] = sumLanes(e);
    qd.intoArray(e, laneSlot(e));
    out[QDOT] = sumLanes(e);
    return hi.reduceLanes(VectorOperators.MAX);
  }

  /** {@link #blockExpTargets} with class weights w: q = w⊙(y·keep + spread). */
  private static int blockExpWeightedTargets(float[] z, float[] y, int off, int c0, int c1, float shift,
      float[] e, float[] w, float keep, float spread, float z0, int nextOff, double[] out) {
    FloatVector s = FloatVector.zero(S);
    FloatVector qs = FloatVector.zero(S);
    FloatVector qd = FloatVector.zero(S);
    IntVector hi = IntVector.broadcast(IS, Integer.MIN_VALUE);
    for (int c = c0; c < c1; c += LANES) {
      FloatVector zc = FloatVector.fromArray(S, z, off + c);
      // exp(zc.sub(shift)), the operations of exp written out (see there: why)
      FloatVector xa = zc.sub(shift);
      FloatVector xt = xa.fma(LOG2E, ROUND_MAGIC);
      FloatVector xn = xt.sub(ROUND_MAGIC);
      FloatVector xr = xn.fma(xa.broadcast(-LN2_F), xa);
      FloatVector xr2 = xr.mul(xr);
      FloatVector x = xr2.fma(xr2.fma(xr2.broadcast(P4), xr.fma(P3, P2)), xr.fma(P1, P0)).fma(xr2, xr.add(1f))
          .reinterpretAsInts().add(xt.reinterpretAsInts().lanewise(VectorOperators.LSHL, 23))
          .lanewise(VectorOperators.AND_NOT, xn.add(FLUSH_BIAS).reinterpretAsInts().lanewise(VectorOperators.ASHR, 31))
          .reinterpretAsFloats();
      x.intoArray(e, c);
      s = s.add(x);
      FloatVector q = FloatVector.fromArray(S, y, off + c).fma(keep, spread).mul(FloatVector.fromArray(S, w, c));
      qs = qs.add(q);
      qd = zc.sub(z0).fma(q, qd);
      // the next row's max as ordered keys (orderKey, written out: a vector passed to a method the JIT does not
      // inline is allocated)
      IntVector next = FloatVector.fromArray(S, z, nextOff + c).reinterpretAsInts();
      IntVector sign = next.lanewise(VectorOperators.ASHR, 31);
      hi = hi.max(next.lanewise(VectorOperators.XOR, sign).add(sign.and(KEY_FLIP)));
    }
    s.intoArray(e, laneSlot(e));
    out[SUM] = sumLanes(e);
    qs.intoArray(e, laneSlot(e));
    out[QSUM] = sumLanes(e);
    qd.intoArray(e, laneSlot(e));
    out[QDOT] = sumLanes(e);
    return hi.reduceLanes(VectorOperators.MAX);
  }

  /**
   * g[gOff + c] = e[eOff + c]·scale - targetGrad·q_c for c in [0, len), q = w⊙(y·keep + spread) (w null: all
   * ones); each element written once (the tail one by one, with the same float operations as the lanes).
   */
  private static void rowDenseGrad(float[] e, int eOff, float[] y, int gOff, float[] w, float[] g, int len,
      float keep, float spread, float scale, float targetGrad) {
    // e, w: indexed by class from eOff; y, g: the row from gOff
    int bound = S.loopBound(len);
    if (w == null) {
      for (int c = 0; c < bound; c += S.length()) {
        FloatVector p = FloatVector.fromArray(S, e, eOff + c).mul(scale);
        FloatVector.fromArray(S, y, gOff + c).fma(keep, spread).fma(p.broadcast(-targetGrad), p)
            .intoArray(g, gOff + c);
      }
    } else {
      for (int c = 0; c < bound; c += S.length()) {
        FloatVector p = FloatVector.fromArray(S, e, eOff + c).mul(scale);
        FloatVector.fromArray(S, y, gOff + c).fma(keep, spread).mul(FloatVector.fromArray(S, w, eOff + c))
            .fma(p.broadcast(-targetGrad), p)
            .intoArray(g, gOff + c);
      }
    }
    for (int c = bound; c < len; c++) {
      float q = Math.fma(y[gOff + c], keep, spread);
      q = w == null ? q : q * w[eOff + c];
      g[gOff + c] = Math.fma(q, -targetGrad, e[eOff + c] * scale);
    }
  }

  /** Σ u_c over [0, cols), or cols when u is null (all ones). */
  private static double sumOf(float[] u, int cols) {
    if (u == null) {
      return cols;
    }
    double sum = 0.0;
    for (int c = 0; c < cols; c++) {
      sum += u[c];
    }
    return sum;
  }

  /**
   * e^x per lane, for x ≤ 88 (the kernels pass x ≤ 0); lanes below -86.99 give 0 ({@link #FLUSH_BIAS}), -∞ too.
   * A NaN gives NaN when its sign bit is clear and its payload's low 9 bits are (as {@link Float#NaN}'s), 0 when
   * its sign bit is set: the row loops do not rely on it, a row holding a NaN gets a NaN sum from its max's key
   * ({@link #hasNaN}). Round-to-nearest reduction with ln 2 in one constant ({@link #LN2_F}), e^r = 1 + r +
   * r²·P(r) with P of degree 4 (see {@link #P0}) in fma, 2^n added into the exponent bits. On 256 bits the length of
   * the chain of dependent operations, not their count, is what limited the row loops, so the chain is kept short:
   * P in Estrin's form (after r: r², then two multiply-adds, where Horner's form takes
   * four), and 1 + r computed beside it, so that e^r = (1 + r) + r²·P is one multiply-add where r + r²·P, then + 1,
   * was two steps. Old and new code interleaved in one JVM, 8192 x 1000 forward and backward, best / median ns per
   * logit: Horner then Estrin, 1 thread 0.688 / 0.973 and 0.674 / 0.942, 2 threads 0.383 / 0.545 and 0.366 /
   * 0.539; Estrin then with 1 + r beside it, 1 thread 0.668 / 0.928 and 0.663 / 0.913, 2 threads 0.343 / 0.463 and
   * 0.333 / 0.452.
   *
   * <p>Relative error against {@link Math#exp}, measured every 2^-12: 5.9e-8 over [-1, 0], 8.5e-8 (1.43·2^-24) over
   * [-10, 0], growing with |n| to 3.0e-7 (5.0·2^-24) near ±87 (Horner's form with r + r²·P, then + 1: 6.2e-8,
   * 8.7e-8, 3.0e-7; with ln 2 in two parts, 8.0e-8 everywhere; the degree-5 P of Cephes 8.3e-8); {@code lanewise(EXP)}
   * measured 7.0e-8. This one is kept because it is faster on JDK 17 (AVX2, 256-bit): 0.40-0.45 ns per element
   * against 0.55-0.80 for {@code lanewise(EXP)} (an SVML call that is not inlined into the loop).
   *
   * <p>The kernels' loops do not call this method: each writes out the same operations in the same order (so each
   * gives this method's bits, which SimdExpTest checks against {@link #expScalar}). A vector passed to or returned
   * from a method the JIT does not inline is allocated, and C2 declined to inline this one where a block loop runs
   * only a dozen times per call ("already compiled into a medium method": too few calls per invocation in the
   * profile for the site to count as frequent): with loss-alone and gradient calls in turn at 100 classes, 30.7 MB
   * per 20 rounds of KernelAllocationTest's calls in 5 of 6 JVMs, 0 in 10 of 10 once written out.
   */
  static FloatVector exp(FloatVector x) {
    FloatVector t = x.fma(LOG2E, ROUND_MAGIC); // n in the low mantissa bits
    FloatVector n = t.sub(ROUND_MAGIC);
    FloatVector r = n.fma(x.broadcast(-LN2_F), x);
    FloatVector r2 = r.mul(r);
    // P(r) = (P0 + P1·r) + r²·((P2 + P3·r) + P4·r²), Estrin's form
    FloatVector p = r2.fma(r2.fma(r2.broadcast(P4), r.fma(P3, P2)), r.fma(P1, P0));
    // e^r = (1 + r) + r²·P(r): 1 + r is computed beside P, so the last step is one multiply-add
    FloatVector y = p.fma(r2, r.add(1f));
    // 2^n: the low bits of t hold n, so t's bits shifted left by 23 are n in the exponent field
    // and cleared where n + FLUSH_BIAS < 0 (its sign bit spread over the lane)
    return y.reinterpretAsInts().add(t.reinterpretAsInts().lanewise(VectorOperators.LSHL, 23))
        .lanewise(VectorOperators.AND_NOT, n.add(FLUSH_BIAS).reinterpretAsInts().lanewise(VectorOperators.ASHR, 31))
        .reinterpretAsFloats();
  }

  /**
   * {@link #exp} of one float with the same float operations, in the same order, as each lane: the lanes'
   * arithmetic stated in scalar form, which SimdExpTest holds every lane's result to, bit for bit.
   */
  static float expScalar(float x) {
    float t = Math.fma(x, LOG2E, ROUND_MAGIC);
    float n = t - ROUND_MAGIC;
    float r = Math.fma(n, -LN2_F, x);
    float r2 = r * r;
    float p = Math.fma(r2, Math.fma(r2, P4, Math.fma(r, P3, P2)), Math.fma(r, P1, P0));
    float y = Math.fma(p, r2, r + 1f);
    int flush = Float.floatToRawIntBits(n + FLUSH_BIAS) >> 31;
    return Float.intBitsToFloat((Float.floatToRawIntBits(y) + (Float.floatToRawIntBits(t) << 23)) & ~flush);
  }
}
