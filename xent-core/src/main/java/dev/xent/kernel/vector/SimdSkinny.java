package dev.xent.kernel.vector;

import java.lang.invoke.MethodHandles;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link SkinnyKernel} on the Vector API. As for {@link SimdSoftmaxXent}, the species is this class's
 * {@code static final S} (C2 emits SIMD only for a constant species): loaded normally it is the preferred species,
 * and {@link SkinnyKernels} defines a hidden copy per other width whose class data is that species. Hence no
 * nested classes and no lambdas here.
 *
 * <p>{@link #dot} blocks 2 long rows x 5 (then 4) short rows: 10 accumulators, 2 + 5 loads per 10 fused
 * multiply-adds, 13 of the 16 AVX2 registers; 10 classes are two such blocks. {@link #outer} blocks 5 (then 4)
 * short rows x 2 vectors of columns: 10 accumulators, 2 + 5 loads per 10 fused multiply-adds (4-row groups plus
 * two 1-row ones for 10 classes measured 14 GFLOP/s on the in-cache gradient, slower than the packed path). Remainders use 1-row variants with the same per-element operations, so an element's
 * bits do not depend on the block it falls in.
 */
final class SimdSkinny implements SkinnyKernel {
  private static final VectorSpecies<Float> S = SpeciesCopies.speciesOf(MethodHandles.lookup());
  private static final int L = S.length();

  SimdSkinny() {}

  @Override
  public int lanes() {
    return L;
  }

  @Override
  public void dot(int bigs, int smalls, int k, float[] big, int bigOff, int ldBig, float[] small, int smallOff,
      int ldSmall, float alpha, float beta, float[] c, int cOff, int cBig, int cSmall, float[] lanesBuf) {
    int kv = k - k % L;
    int r = 0;
    for (; r + 2 <= bigs; r += 2) {
      int s = 0;
      for (; s + 5 <= smalls; s += 5) {
        dot2x5(r, s, kv, k, big, bigOff, ldBig, small, smallOff, ldSmall, alpha, beta, c, cOff, cBig, cSmall,
            lanesBuf);
      }
      for (; s + 4 <= smalls; s += 4) {
        dot2x4(r, s, kv, k, big, bigOff, ldBig, small, smallOff, ldSmall, alpha, beta, c, cOff, cBig, cSmall,
            lanesBuf);
      }
      for (; s < smalls; s++) {
        dot2x1(r, s, kv, k, big, bigOff, ldBig, small, smallOff, ldSmall, alpha, beta, c, cOff, cBig, cSmall,
            lanesBuf);
      }
    }
    for (; r < bigs; r++) {
      int s = 0;
      for (; s + 5 <= smalls; s += 5) {
        dot1x5(r, s, kv, k, big, bigOff, ldBig, small, smallOff, ldSmall, alpha, beta, c, cOff, cBig, cSmall,
            lanesBuf);
      }
      for (; s + 4 <= smalls; s += 4) {
        dot1x4(r, s, kv, k, big, bigOff, ldBig, small, smallOff, ldSmall, alpha, beta, c, cOff, cBig, cSmall,
            lanesBuf);
      }
      for (; s < smalls; s++) {
        dot1x1(r, s, kv, k, big, bigOff, ldBig, small, smallOff, ldSmall, alpha, beta, c, cOff, cBig, cSmall,
            lanesBuf);
      }
    }
  }

  private static void dot2x4(int r, int s, int kv, int k, float[] big, int bigOff, int ldBig, float[] small,
      int smallOff, int ldSmall, float alpha, float beta, float[] c, int cOff, int cBig, int cSmall,
      float[] lanesBuf) {
    int x0o = bigOff + (r + 0) * ldBig;
    int x1o = bigOff + (r + 1) * ldBig;
    int y0o = smallOff + (s + 0) * ldSmall;
    int y1o = smallOff + (s + 1) * ldSmall;
    int y2o = smallOff + (s + 2) * ldSmall;
    int y3o = smallOff + (s + 3) * ldSmall;
    FloatVector a00 = FloatVector.zero(S);
    FloatVector a01 = FloatVector.zero(S);
    FloatVector a02 = FloatVector.zero(S);
    FloatVector a03 = FloatVector.zero(S);
    FloatVector a10 = FloatVector.zero(S);
    FloatVector a11 = FloatVector.zero(S);
    FloatVector a12 = FloatVector.zero(S);
    FloatVector a13 = FloatVector.zero(S);
    for (int p = 0; p < kv; p += L) {
      FloatVector x0 = FloatVector.fromArray(S, big, x0o + p);
      FloatVector x1 = FloatVector.fromArray(S, big, x1o + p);
      FloatVector y0 = FloatVector.fromArray(S, small, y0o + p);
      a00 = x0.fma(y0, a00);
      a10 = x1.fma(y0, a10);
      FloatVector y1 = FloatVector.fromArray(S, small, y1o + p);
      a01 = x0.fma(y1, a01);
      a11 = x1.fma(y1, a11);
      FloatVector y2 = FloatVector.fromArray(S, small, y2o + p);
      a02 = x0.fma(y2, a02);
      a12 = x1.fma(y2, a12);
      FloatVector y3 = FloatVector.fromArray(S, small, y3o + p);
      a03 = x0.fma(y3, a03);
      a13 = x1.fma(y3, a13);
    }
    a00.intoArray(lanesBuf, 0 * L);
    a01.intoArray(lanesBuf, 1 * L);
    a02.intoArray(lanesBuf, 2 * L);
    a03.intoArray(lanesBuf, 3 * L);
    a10.intoArray(lanesBuf, 4 * L);
    a11.intoArray(lanesBuf, 5 * L);
    a12.intoArray(lanesBuf, 6 * L);
    a13.intoArray(lanesBuf, 7 * L);
    put(c, cOff + (r + 0) * cBig + (s + 0) * cSmall, alpha, beta,
        finish(lanesBuf, 0 * L, big, x0o, small, y0o, kv, k));
    put(c, cOff + (r + 0) * cBig + (s + 1) * cSmall, alpha, beta,
        finish(lanesBuf, 1 * L, big, x0o, small, y1o, kv, k));
    put(c, cOff + (r + 0) * cBig + (s + 2) * cSmall, alpha, beta,
        finish(lanesBuf, 2 * L, big, x0o, small, y2o, kv, k));
    put(c, cOff + (r + 0) * cBig + (s + 3) * cSmall, alpha, beta,
        finish(lanesBuf, 3 * L, big, x0o, small, y3o, kv, k));
    put(c, cOff + (r + 1) * cBig + (s + 0) * cSmall, alpha, beta,
        finish(lanesBuf, 4 * L, big, x1o, small, y0o, kv, k));
    put(c, cOff + (r + 1) * cBig + (s + 1) * cSmall, alpha, beta,
        finish(lanesBuf, 5 * L, big, x1o, small, y1o, kv, k));
    put(c, cOff + (r + 1) * cBig + (s + 2) * cSmall, alpha, beta,
        finish(lanesBuf, 6 * L, big, x1o, small, y2o, kv, k));
    put(c, cOff + (r + 1) * cBig + (s + 3) * cSmall, alpha, beta,
        finish(lanesBuf, 7 * L, big, x1o, small, y3o, kv, k));
  }

  private static void dot2x1(int r, int s, int kv, int k, float[] big, int bigOff, int ldBig, float[] small,
      int smallOff, int ldSmall, float alpha, float beta, float[] c, int cOff, int cBig, int cSmall,
      float[] lanesBuf) {
    int x0o = bigOff + (r + 0) * ldBig;
    int x1o = bigOff + (r + 1) * ldBig;
    int y0o = smallOff + (s + 0) * ldSmall;
    FloatVector a00 = FloatVector.zero(S);
    FloatVector a10 = FloatVector.zero(S);
    for (int p = 0; p < kv; p += L) {
      FloatVector x0 = FloatVector.fromArray(S, big, x0o + p);
      FloatVector x1 = FloatVector.fromArray(S, big, x1o + p);
      FloatVector y0 = FloatVector.fromArray(S, small, y0o + p);
      a00 = x0.fma(y0, a00);
      a10 = x1.fma(y0, a10);
    }
    a00.intoArray(lanesBuf, 0 * L);
    a10.intoArray(lanesBuf, 1 * L);
    put(c, cOff + (r + 0) * cBig + (s + 0) * cSmall, alpha, beta,
        finish(lanesBuf, 0 * L, big, x0o, small, y0o, kv, k));
    put(c, cOff + (r + 1) * cBig + (s + 0) * cSmall, alpha, beta,
        finish(lanesBuf, 1 * L, big, x1o, small, y0o, kv, k));
  }

  private static void dot1x4(int r, int s, int kv, int k, float[] big, int bigOff, int ldBig, float[] small,
      int smallOff, int ldSmall, float alpha, float beta, float[] c, int cOff, int cBig, int cSmall,
      float[] lanesBuf) {
    int x0o = bigOff + (r + 0) * ldBig;
    int y0o = smallOff + (s + 0) * ldSmall;
    int y1o = smallOff + (s + 1) * ldSmall;
    int y2o = smallOff + (s + 2) * ldSmall;
    int y3o = smallOff + (s + 3) * ldSmall;
    FloatVector a00 = FloatVector.zero(S);
    FloatVector a01 = FloatVector.zero(S);
    FloatVector a02 = FloatVector.zero(S);
    FloatVector a03 = FloatVector.zero(S);
    for (int p = 0; p < kv; p += L) {
      FloatVector x0 = FloatVector.fromArray(S, big, x0o + p);
      FloatVector y0 = FloatVector.fromArray(S, small, y0o + p);
      a00 = x0.fma(y0, a00);
      FloatVector y1 = FloatVector.fromArray(S, small, y1o + p);
      a01 = x0.fma(y1, a01);
      FloatVector y2 = FloatVector.fromArray(S, small, y2o + p);
      a02 = x0.fma(y2, a02);
      FloatVector y3 = FloatVector.fromArray(S, small, y3o + p);
      a03 = x0.fma(y3, a03);
    }
    a00.intoArray(lanesBuf, 0 * L);
    a01.intoArray(lanesBuf, 1 * L);
    a02.intoArray(lanesBuf, 2 * L);
    a03.intoArray(lanesBuf, 3 * L);
    put(c, cOff + (r + 0) * cBig + (s + 0) * cSmall, alpha, beta,
        finish(lanesBuf, 0 * L, big, x0o, small, y0o, kv, k));
    put(c, cOff + (r + 0) * cBig + (s + 1) * cSmall, alpha, beta,
        finish(lanesBuf, 1 * L, big, x0o, small, y1o, kv, k));
    put(c, cOff + (r + 0) * cBig + (s + 2) * cSmall, alpha, beta,
        finish(lanesBuf, 2 * L, big, x0o, small, y2o, kv, k));
    put(c, cOff + (r + 0) * cBig + (s + 3) * cSmall, alpha, beta,
        finish(lanesBuf, 3 * L, big, x0o, small, y3o, kv, k));
  }

  private static void dot1x1(int r, int s, int kv, int k, float[] big, int bigOff, int ldBig, float[] small,
      int smallOff, int ldSmall, float alpha, float beta, float[] c, int cOff, int cBig, int cSmall,
      float[] lanesBuf) {
    int x0o = bigOff + (r + 0) * ldBig;
    int y0o = smallOff + (s + 0) * ldSmall;
    FloatVector a00 = FloatVector.zero(S);
    for (int p = 0; p < kv; p += L) {
      FloatVector x0 = FloatVector.fromArray(S, big, x0o + p);
      FloatVector y0 = FloatVector.fromArray(S, small, y0o + p);
      a00 = x0.fma(y0, a00);
    }
    a00.intoArray(lanesBuf, 0 * L);
    put(c, cOff + (r + 0) * cBig + (s + 0) * cSmall, alpha, beta,
        finish(lanesBuf, 0 * L, big, x0o, small, y0o, kv, k));
  }

  /** Sums one accumulator's lanes in lane order, then chains the k mod L leftover steps on in p order. */
  private static float finish(float[] lanesBuf, int at, float[] big, int bo, float[] small, int so, int kv, int k) {
    float sum = lanesBuf[at];
    for (int l = 1; l < L; l++) {
      sum += lanesBuf[at + l];
    }
    for (int p = kv; p < k; p++) {
      sum = Math.fma(big[bo + p], small[so + p], sum);
    }
    return sum;
  }

  /** C = alpha·sum + beta·C with the rounding of the packed kernels' update; C unread when beta is 0. */
  private static void put(float[] c, int ci, float alpha, float beta, float sum) {
    c[ci] = beta == 0f ? alpha * sum : alpha * sum + beta * c[ci];
  }

  @Override
  public void expand(float[] small, int smallOff, int sStride, int pStride, int smalls, int kc, float[] aw) {
    for (int s = 0; s < smalls; s++) {
      int src = smallOff + s * sStride;
      int dst = s * kc * L;
      for (int p = 0; p < kc; p++) {
        FloatVector.broadcast(S, small[src + p * pStride]).intoArray(aw, dst + p * L);
      }
    }
  }

  @Override
  public void outer(int smalls, int strips, int kc, float[] aw, float[] block, float[] acc, int ldAcc) {
    for (int st = 0; st < strips; st++) {
      int bo = st * kc * 2 * L;
      int j = st * 2 * L;
      int s = 0;
      for (; s + 5 <= smalls; s += 5) {
        outer5(s, j, kc, aw, block, bo, acc, ldAcc);
      }
      for (; s + 4 <= smalls; s += 4) {
        outer4(s, j, kc, aw, block, bo, acc, ldAcc);
      }
      for (; s < smalls; s++) {
        outer1(s, j, kc, aw, block, bo, acc, ldAcc);
      }
    }
  }

  // Indices are linear in p with constant scales (2L, L), as in the packed micro-kernels.
  private static void outer4(int s, int j, int kc, float[] aw, float[] block, int bo, float[] acc, int ldAcc) {
    int c0o = (s + 0) * ldAcc + j;
    int w0o = (s + 0) * kc * L;
    FloatVector c00 = FloatVector.fromArray(S, acc, c0o + 0 * L);
    FloatVector c01 = FloatVector.fromArray(S, acc, c0o + 1 * L);
    int c1o = (s + 1) * ldAcc + j;
    int w1o = (s + 1) * kc * L;
    FloatVector c10 = FloatVector.fromArray(S, acc, c1o + 0 * L);
    FloatVector c11 = FloatVector.fromArray(S, acc, c1o + 1 * L);
    int c2o = (s + 2) * ldAcc + j;
    int w2o = (s + 2) * kc * L;
    FloatVector c20 = FloatVector.fromArray(S, acc, c2o + 0 * L);
    FloatVector c21 = FloatVector.fromArray(S, acc, c2o + 1 * L);
    int c3o = (s + 3) * ldAcc + j;
    int w3o = (s + 3) * kc * L;
    FloatVector c30 = FloatVector.fromArray(S, acc, c3o + 0 * L);
    FloatVector c31 = FloatVector.fromArray(S, acc, c3o + 1 * L);
    for (int p = 0; p < kc; p++) {
      int bi = bo + p * (2 * L);
      FloatVector x0 = FloatVector.fromArray(S, block, bi + 0 * L);
      FloatVector x1 = FloatVector.fromArray(S, block, bi + 1 * L);
      FloatVector w0 = FloatVector.fromArray(S, aw, w0o + p * L);
      c00 = w0.fma(x0, c00);
      c01 = w0.fma(x1, c01);
      FloatVector w1 = FloatVector.fromArray(S, aw, w1o + p * L);
      c10 = w1.fma(x0, c10);
      c11 = w1.fma(x1, c11);
      FloatVector w2 = FloatVector.fromArray(S, aw, w2o + p * L);
      c20 = w2.fma(x0, c20);
      c21 = w2.fma(x1, c21);
      FloatVector w3 = FloatVector.fromArray(S, aw, w3o + p * L);
      c30 = w3.fma(x0, c30);
      c31 = w3.fma(x1, c31);
    }
    c00.intoArray(acc, c0o + 0 * L);
    c01.intoArray(acc, c0o + 1 * L);
    c10.intoArray(acc, c1o + 0 * L);
    c11.intoArray(acc, c1o + 1 * L);
    c20.intoArray(acc, c2o + 0 * L);
    c21.intoArray(acc, c2o + 1 * L);
    c30.intoArray(acc, c3o + 0 * L);
    c31.intoArray(acc, c3o + 1 * L);
  }

  // Indices are linear in p with constant scales (2L, L), as in the packed micro-kernels.
  private static void outer1(int s, int j, int kc, float[] aw, float[] block, int bo, float[] acc, int ldAcc) {
    int c0o = (s + 0) * ldAcc + j;
    int w0o = (s + 0) * kc * L;
    FloatVector c00 = FloatVector.fromArray(S, acc, c0o + 0 * L);
    FloatVector c01 = FloatVector.fromArray(S, acc, c0o + 1 * L);
    for (int p = 0; p < kc; p++) {
      int bi = bo + p * (2 * L);
      FloatVector x0 = FloatVector.fromArray(S, block, bi + 0 * L);
      FloatVector x1 = FloatVector.fromArray(S, block, bi + 1 * L);
      FloatVector w0 = FloatVector.fromArray(S, aw, w0o + p * L);
      c00 = w0.fma(x0, c00);
      c01 = w0.fma(x1, c01);
    }
    c00.intoArray(acc, c0o + 0 * L);
    c01.intoArray(acc, c0o + 1 * L);
  }

  private static void dot2x5(int r, int s, int kv, int k, float[] big, int bigOff, int ldBig, float[] small,
      int smallOff, int ldSmall, float alpha, float beta, float[] c, int cOff, int cBig, int cSmall,
      float[] lanesBuf) {
    int x0o = bigOff + (r + 0) * ldBig;
    int x1o = bigOff + (r + 1) * ldBig;
    int y0o = smallOff + (s + 0) * ldSmall;
    int y1o = smallOff + (s + 1) * ldSmall;
    int y2o = smallOff + (s + 2) * ldSmall;
    int y3o = smallOff + (s + 3) * ldSmall;
    int y4o = smallOff + (s + 4) * ldSmall;
    FloatVector a00 = FloatVector.zero(S);
    FloatVector a01 = FloatVector.zero(S);
    FloatVector a02 = FloatVector.zero(S);
    FloatVector a03 = FloatVector.zero(S);
    FloatVector a04 = FloatVector.zero(S);
    FloatVector a10 = FloatVector.zero(S);
    FloatVector a11 = FloatVector.zero(S);
    FloatVector a12 = FloatVector.zero(S);
    FloatVector a13 = FloatVector.zero(S);
    FloatVector a14 = FloatVector.zero(S);
    for (int p = 0; p < kv; p += L) {
      FloatVector x0 = FloatVector.fromArray(S, big, x0o + p);
      FloatVector x1 = FloatVector.fromArray(S, big, x1o + p);
      FloatVector y0 = FloatVector.fromArray(S, small, y0o + p);
      a00 = x0.fma(y0, a00);
      a10 = x1.fma(y0, a10);
      FloatVector y1 = FloatVector.fromArray(S, small, y1o + p);
      a01 = x0.fma(y1, a01);
      a11 = x1.fma(y1, a11);
      FloatVector y2 = FloatVector.fromArray(S, small, y2o + p);
      a02 = x0.fma(y2, a02);
      a12 = x1.fma(y2, a12);
      FloatVector y3 = FloatVector.fromArray(S, small, y3o + p);
      a03 = x0.fma(y3, a03);
      a13 = x1.fma(y3, a13);
      FloatVector y4 = FloatVector.fromArray(S, small, y4o + p);
      a04 = x0.fma(y4, a04);
      a14 = x1.fma(y4, a14);
    }
    a00.intoArray(lanesBuf, 0 * L);
    a01.intoArray(lanesBuf, 1 * L);
    a02.intoArray(lanesBuf, 2 * L);
    a03.intoArray(lanesBuf, 3 * L);
    a04.intoArray(lanesBuf, 4 * L);
    a10.intoArray(lanesBuf, 5 * L);
    a11.intoArray(lanesBuf, 6 * L);
    a12.intoArray(lanesBuf, 7 * L);
    a13.intoArray(lanesBuf, 8 * L);
    a14.intoArray(lanesBuf, 9 * L);
    put(c, cOff + (r + 0) * cBig + (s + 0) * cSmall, alpha, beta,
        finish(lanesBuf, 0 * L, big, x0o, small, y0o, kv, k));
    put(c, cOff + (r + 0) * cBig + (s + 1) * cSmall, alpha, beta,
        finish(lanesBuf, 1 * L, big, x0o, small, y1o, kv, k));
    put(c, cOff + (r + 0) * cBig + (s + 2) * cSmall, alpha, beta,
        finish(lanesBuf, 2 * L, big, x0o, small, y2o, kv, k));
    put(c, cOff + (r + 0) * cBig + (s + 3) * cSmall, alpha, beta,
        finish(lanesBuf, 3 * L, big, x0o, small, y3o, kv, k));
    put(c, cOff + (r + 0) * cBig + (s + 4) * cSmall, alpha, beta,
        finish(lanesBuf, 4 * L, big, x0o, small, y4o, kv, k));
    put(c, cOff + (r + 1) * cBig + (s + 0) * cSmall, alpha, beta,
        finish(lanesBuf, 5 * L, big, x1o, small, y0o, kv, k));
    put(c, cOff + (r + 1) * cBig + (s + 1) * cSmall, alpha, beta,
        finish(lanesBuf, 6 * L, big, x1o, small, y1o, kv, k));
    put(c, cOff + (r + 1) * cBig + (s + 2) * cSmall, alpha, beta,
        finish(lanesBuf, 7 * L, big, x1o, small, y2o, kv, k));
    put(c, cOff + (r + 1) * cBig + (s + 3) * cSmall, alpha, beta,
        finish(lanesBuf, 8 * L, big, x1o, small, y3o, kv, k));
    put(c, cOff + (r + 1) * cBig + (s + 4) * cSmall, alpha, beta,
        finish(lanesBuf, 9 * L, big, x1o, small, y4o, kv, k));
  }

  private static void dot1x5(int r, int s, int kv, int k, float[] big, int bigOff, int ldBig, float[] small,
      int smallOff, int ldSmall, float alpha, float beta, float[] c, int cOff, int cBig, int cSmall,
      float[] lanesBuf) {
    int x0o = bigOff + (r + 0) * ldBig;
    int y0o = smallOff + (s + 0) * ldSmall;
    int y1o = smallOff + (s + 1) * ldSmall;
    int y2o = smallOff + (s + 2) * ldSmall;
    int y3o = smallOff + (s + 3) * ldSmall;
    int y4o = smallOff + (s + 4) * ldSmall;
    FloatVector a00 = FloatVector.zero(S);
    FloatVector a01 = FloatVector.zero(S);
    FloatVector a02 = FloatVector.zero(S);
    FloatVector a03 = FloatVector.zero(S);
    FloatVector a04 = FloatVector.zero(S);
    for (int p = 0; p < kv; p += L) {
      FloatVector x0 = FloatVector.fromArray(S, big, x0o + p);
      FloatVector y0 = FloatVector.fromArray(S, small, y0o + p);
      a00 = x0.fma(y0, a00);
      FloatVector y1 = FloatVector.fromArray(S, small, y1o + p);
      a01 = x0.fma(y1, a01);
      FloatVector y2 = FloatVector.fromArray(S, small, y2o + p);
      a02 = x0.fma(y2, a02);
      FloatVector y3 = FloatVector.fromArray(S, small, y3o + p);
      a03 = x0.fma(y3, a03);
      FloatVector y4 = FloatVector.fromArray(S, small, y4o + p);
      a04 = x0.fma(y4, a04);
    }
    a00.intoArray(lanesBuf, 0 * L);
    a01.intoArray(lanesBuf, 1 * L);
    a02.intoArray(lanesBuf, 2 * L);
    a03.intoArray(lanesBuf, 3 * L);
    a04.intoArray(lanesBuf, 4 * L);
    put(c, cOff + (r + 0) * cBig + (s + 0) * cSmall, alpha, beta,
        finish(lanesBuf, 0 * L, big, x0o, small, y0o, kv, k));
    put(c, cOff + (r + 0) * cBig + (s + 1) * cSmall, alpha, beta,
        finish(lanesBuf, 1 * L, big, x0o, small, y1o, kv, k));
    put(c, cOff + (r + 0) * cBig + (s + 2) * cSmall, alpha, beta,
        finish(lanesBuf, 2 * L, big, x0o, small, y2o, kv, k));
    put(c, cOff + (r + 0) * cBig + (s + 3) * cSmall, alpha, beta,
        finish(lanesBuf, 3 * L, big, x0o, small, y3o, kv, k));
    put(c, cOff + (r + 0) * cBig + (s + 4) * cSmall, alpha, beta,
        finish(lanesBuf, 4 * L, big, x0o, small, y4o, kv, k));
  }

  private static void outer5(int s, int j, int kc, float[] aw, float[] block, int bo, float[] acc, int ldAcc) {
    int c0o = (s + 0) * ldAcc + j;
    int w0o = (s + 0) * kc * L;
    FloatVector c00 = FloatVector.fromArray(S, acc, c0o + 0 * L);
    FloatVector c01 = FloatVector.fromArray(S, acc, c0o + 1 * L);
    int c1o = (s + 1) * ldAcc + j;
    int w1o = (s + 1) * kc * L;
    FloatVector c10 = FloatVector.fromArray(S, acc, c1o + 0 * L);
    FloatVector c11 = FloatVector.fromArray(S, acc, c1o + 1 * L);
    int c2o = (s + 2) * ldAcc + j;
    int w2o = (s + 2) * kc * L;
    FloatVector c20 = FloatVector.fromArray(S, acc, c2o + 0 * L);
    FloatVector c21 = FloatVector.fromArray(S, acc, c2o + 1 * L);
    int c3o = (s + 3) * ldAcc + j;
    int w3o = (s + 3) * kc * L;
    FloatVector c30 = FloatVector.fromArray(S, acc, c3o + 0 * L);
    FloatVector c31 = FloatVector.fromArray(S, acc, c3o + 1 * L);
    int c4o = (s + 4) * ldAcc + j;
    int w4o = (s + 4) * kc * L;
    FloatVector c40 = FloatVector.fromArray(S, acc, c4o + 0 * L);
    FloatVector c41 = FloatVector.fromArray(S, acc, c4o + 1 * L);
    for (int p = 0; p < kc; p++) {
      int bi = bo + p * (2 * L);
      FloatVector x0 = FloatVector.fromArray(S, block, bi + 0 * L);
      FloatVector x1 = FloatVector.fromArray(S, block, bi + 1 * L);
      FloatVector w0 = FloatVector.fromArray(S, aw, w0o + p * L);
      c00 = w0.fma(x0, c00);
      c01 = w0.fma(x1, c01);
      FloatVector w1 = FloatVector.fromArray(S, aw, w1o + p * L);
      c10 = w1.fma(x0, c10);
      c11 = w1.fma(x1, c11);
      FloatVector w2 = FloatVector.fromArray(S, aw, w2o + p * L);
      c20 = w2.fma(x0, c20);
      c21 = w2.fma(x1, c21);
      FloatVector w3 = FloatVector.fromArray(S, aw, w3o + p * L);
      c30 = w3.fma(x0, c30);
      c31 = w3.fma(x1, c31);
      FloatVector w4 = FloatVector.fromArray(S, aw, w4o + p * L);
      c40 = w4.fma(x0, c40);
      c41 = w4.fma(x1, c41);
    }
    c00.intoArray(acc, c0o + 0 * L);
    c01.intoArray(acc, c0o + 1 * L);
    c10.intoArray(acc, c1o + 0 * L);
    c11.intoArray(acc, c1o + 1 * L);
    c20.intoArray(acc, c2o + 0 * L);
    c21.intoArray(acc, c2o + 1 * L);
    c30.intoArray(acc, c3o + 0 * L);
    c31.intoArray(acc, c3o + 1 * L);
    c40.intoArray(acc, c4o + 0 * L);
    c41.intoArray(acc, c4o + 1 * L);
  }
}
