package dev.xent.kernel.vector;

import dev.xent.kernel.RowPanels;
import java.lang.invoke.MethodHandles;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link PanelKernel} on the Vector API, for matrices in the {@link RowPanels} layout. The species is this class's
 * {@code static final S}, as in {@link SimdSkinny} (a hidden copy per other width, see {@link SpeciesCopies}).
 *
 * <p>{@link #logits} blocks 2 rows x 4 classes (then 4 rows x 2 classes): 8 accumulators, 2 + 4 loads per 8
 * fused multiply-adds, 14 of the 16 AVX2 registers (C2 loads all of a step's operands before its first
 * multiply-add; the first, 5-class tiles needed 17 and kept two accumulators on the stack, which halved the
 * gradient's speed). Each accumulator is one chain over the row's vectors in column order, carried through a
 * scratch buffer from one chunk of {@link #CHUNK} panels to the next; its lanes are then summed in lane order and
 * the bias added, so an element's bits do not depend on the tile it falls in. {@link #gradient} blocks 4 classes x
 * 2 vectors of a panel (then 2, then 1 class), the accumulators loaded from the gradient, carried over the block's
 * rows in row order and stored back: 2 + 4 loads per 8 fused multiply-adds, in 14 registers.
 *
 * <p>No lambdas or nested classes here: the class is copied as a hidden class.
 */
final class SimdPanels implements PanelKernel {
  private static final VectorSpecies<Float> S = SpeciesCopies.speciesOf(MethodHandles.lookup());
  private static final int L = S.length();
  private static final int W = RowPanels.WIDTH;
  /** Vectors per panel row: 2 at 256 bits, 4 at 128, 1 at 512. */
  private static final int VPP = W / L;
  private static final int PANEL = RowPanels.ROWS * W;
  private static final int GT = RowPanels.ROWS;
  /**
   * Panels per chunk of {@link #logits}: 8 panels of a block (32 KiB) are read front to back while 4 classes' 8
   * panels of W (2 KiB) stay in L1. Unchunked, a row pair reads across all 49 panels of a Fashion-MNIST block, 4 KiB
   * apart, which the hardware prefetcher does not follow (with the first, unchunked kernel the logits of 60,000
   * rows took 72-113 ms from memory against 29-34 ms from cache, one thread). Softmax regression evaluations on
   * Fashion-MNIST (60,000 x 784, 10 classes), median of 35 at 1 / 2 threads, W in rows: 4 panels 99 / 53 ms,
   * 8 panels 81 / 44, 25 panels 89 / 48; W in class groups: 4 panels 92 / 49, 8 panels 68 / 40.
   */
  static final int CHUNK = 8;

  SimdPanels() {}

  @Override
  public void logits(float[] x, int xOff, int rows, int dp, float[] w, float[] bias, int c, float[] z, int zOff,
      float[] acc) {
    int panels = dp / W;
    int k = 0;
    while (k < c) {
      int classes = RowPanels.classGroup(c - k);
      for (int q0 = 0; q0 < panels; q0 += CHUNK) {
        int q1 = Math.min(panels, q0 + CHUNK);
        boolean first = q0 == 0;
        int r = 0;
        if (classes == 4) {
          for (; r + 2 <= rows; r += 2) {
            logits2x4(r, k, q0, q1, first, x, xOff, dp, w, acc);
          }
        } else if (classes == 2) {
          for (; r + 4 <= rows; r += 4) {
            logits4x2(r, k, q0, q1, first, x, xOff, dp, w, acc);
          }
        }
        for (; r < rows; r++) {
          for (int i = 0; i < classes; i++) {
            logits1x1(r, k, i, classes, q0, q1, first, x, xOff, dp, w, acc);
          }
        }
      }
      for (int r = 0; r < rows; r++) {
        for (int i = 0; i < classes; i++) {
          z[zOff + r * c + k + i] = sumLanes(acc, (r * 4 + i) * L) + bias[k + i];
        }
      }
      k += classes;
    }
  }

  /**
   * Rows r, r + 1 x classes k..k+3 over panels [q0, q1): each accumulator's chain goes on from where the last chunk
   * left it in {@code acc} (slot (row·4 + class)·L), from zero at the first.
   */
  private static void logits2x4(int r, int k, int q0, int q1, boolean first, float[] x, int xOff, int dp,
      float[] w, float[] acc) {
    int x0o = xOff + r * W;
    int x1o = x0o + W;
    int wo = k * dp;
    int s0 = r * 4 * L;
    int s1 = s0 + 4 * L;
    FloatVector a00 = start(first, acc, s0 + 0 * L);
    FloatVector a01 = start(first, acc, s0 + 1 * L);
    FloatVector a02 = start(first, acc, s0 + 2 * L);
    FloatVector a03 = start(first, acc, s0 + 3 * L);
    FloatVector a10 = start(first, acc, s1 + 0 * L);
    FloatVector a11 = start(first, acc, s1 + 1 * L);
    FloatVector a12 = start(first, acc, s1 + 2 * L);
    FloatVector a13 = start(first, acc, s1 + 3 * L);
    for (int q = q0; q < q1; q++) {
      int xq = q * PANEL;
      int wq = wo + q * (4 * W);
      for (int v = 0; v < VPP; v++) {
        int o = v * L;
        FloatVector x0 = FloatVector.fromArray(S, x, x0o + xq + o);
        FloatVector x1 = FloatVector.fromArray(S, x, x1o + xq + o);
        FloatVector y0 = FloatVector.fromArray(S, w, wq + 0 * W + o);
        a00 = x0.fma(y0, a00);
        a10 = x1.fma(y0, a10);
        FloatVector y1 = FloatVector.fromArray(S, w, wq + 1 * W + o);
        a01 = x0.fma(y1, a01);
        a11 = x1.fma(y1, a11);
        FloatVector y2 = FloatVector.fromArray(S, w, wq + 2 * W + o);
        a02 = x0.fma(y2, a02);
        a12 = x1.fma(y2, a12);
        FloatVector y3 = FloatVector.fromArray(S, w, wq + 3 * W + o);
        a03 = x0.fma(y3, a03);
        a13 = x1.fma(y3, a13);
      }
    }
    a00.intoArray(acc, s0 + 0 * L);
    a01.intoArray(acc, s0 + 1 * L);
    a02.intoArray(acc, s0 + 2 * L);
    a03.intoArray(acc, s0 + 3 * L);
    a10.intoArray(acc, s1 + 0 * L);
    a11.intoArray(acc, s1 + 1 * L);
    a12.intoArray(acc, s1 + 2 * L);
    a13.intoArray(acc, s1 + 3 * L);
  }

  /** Rows r..r+3 x classes k, k + 1 over panels [q0, q1): the per-element operations of {@link #logits2x4}. */
  private static void logits4x2(int r, int k, int q0, int q1, boolean first, float[] x, int xOff, int dp,
      float[] w, float[] acc) {
    int x0o = xOff + r * W;
    int x1o = x0o + W;
    int x2o = x1o + W;
    int x3o = x2o + W;
    int wo = k * dp;
    int s0 = r * 4 * L;
    int s1 = s0 + 4 * L;
    int s2 = s1 + 4 * L;
    int s3 = s2 + 4 * L;
    FloatVector a00 = start(first, acc, s0);
    FloatVector a01 = start(first, acc, s0 + L);
    FloatVector a10 = start(first, acc, s1);
    FloatVector a11 = start(first, acc, s1 + L);
    FloatVector a20 = start(first, acc, s2);
    FloatVector a21 = start(first, acc, s2 + L);
    FloatVector a30 = start(first, acc, s3);
    FloatVector a31 = start(first, acc, s3 + L);
    for (int q = q0; q < q1; q++) {
      int xq = q * PANEL;
      int wq = wo + q * (2 * W);
      for (int v = 0; v < VPP; v++) {
        int o = v * L;
        FloatVector y0 = FloatVector.fromArray(S, w, wq + o);
        FloatVector y1 = FloatVector.fromArray(S, w, wq + W + o);
        FloatVector x0 = FloatVector.fromArray(S, x, x0o + xq + o);
        a00 = x0.fma(y0, a00);
        a01 = x0.fma(y1, a01);
        FloatVector x1 = FloatVector.fromArray(S, x, x1o + xq + o);
        a10 = x1.fma(y0, a10);
        a11 = x1.fma(y1, a11);
        FloatVector x2 = FloatVector.fromArray(S, x, x2o + xq + o);
        a20 = x2.fma(y0, a20);
        a21 = x2.fma(y1, a21);
        FloatVector x3 = FloatVector.fromArray(S, x, x3o + xq + o);
        a30 = x3.fma(y0, a30);
        a31 = x3.fma(y1, a31);
      }
    }
    a00.intoArray(acc, s0);
    a01.intoArray(acc, s0 + L);
    a10.intoArray(acc, s1);
    a11.intoArray(acc, s1 + L);
    a20.intoArray(acc, s2);
    a21.intoArray(acc, s2 + L);
    a30.intoArray(acc, s3);
    a31.intoArray(acc, s3 + L);
  }

  /** Row r x class k + i over panels [q0, q1): the per-element operations of {@link #logits2x4}. */
  private static void logits1x1(int r, int k, int i, int group, int q0, int q1, boolean first, float[] x,
      int xOff, int dp, float[] w, float[] acc) {
    int x0o = xOff + r * W;
    int w0o = k * dp + i * W;
    int s0 = (r * 4 + i) * L;
    FloatVector a00 = start(first, acc, s0);
    for (int q = q0; q < q1; q++) {
      int xq = q * PANEL;
      int wq = q * (group * W);
      for (int v = 0; v < VPP; v++) {
        int o = v * L;
        a00 = FloatVector.fromArray(S, x, x0o + xq + o).fma(FloatVector.fromArray(S, w, w0o + wq + o), a00);
      }
    }
    a00.intoArray(acc, s0);
  }

  /** An accumulator's value before a chunk: zero before the first, else where the last chunk left it. */
  private static FloatVector start(boolean first, float[] acc, int at) {
    return first ? FloatVector.zero(S) : FloatVector.fromArray(S, acc, at);
  }

  /** The L lanes at {@code at}, summed in lane order. */
  private static float sumLanes(float[] lanes, int at) {
    float s = lanes[at];
    for (int i = 1; i < L; i++) {
      s += lanes[at + i];
    }
    return s;
  }

  @Override
  public void gradient(float[] x, int xOff, int rows, int dp, float[] gt, int c, float[] gw, int gwOff) {
    int panels = dp / W;
    for (int q = 0; q < panels; q++) {
      int v = 0;
      for (; v + 2 <= VPP; v += 2) {
        int k = 0;
        for (; k + 4 <= c; k += 4) {
          gradient4x2(q, v * L, k, rows, x, xOff, dp, gt, gw, gwOff);
        }
        for (; k + 2 <= c; k += 2) {
          gradient2x2(q, v * L, k, rows, x, xOff, dp, gt, gw, gwOff);
        }
        for (; k < c; k++) {
          gradient1x1(q, v * L, k, rows, x, xOff, dp, gt, gw, gwOff);
          gradient1x1(q, (v + 1) * L, k, rows, x, xOff, dp, gt, gw, gwOff);
        }
      }
      for (; v < VPP; v++) {
        for (int k = 0; k < c; k++) {
          gradient1x1(q, v * L, k, rows, x, xOff, dp, gt, gw, gwOff);
        }
      }
    }
  }

  private static void gradient4x2(int q, int o, int k, int rows, float[] x, int xOff, int dp, float[] gt,
      float[] gw, int gwOff) {
    int xb = xOff + q * PANEL + o;
    int c0o = gwOff + (k + 0) * dp + q * W + o;
    int c1o = gwOff + (k + 1) * dp + q * W + o;
    int c2o = gwOff + (k + 2) * dp + q * W + o;
    int c3o = gwOff + (k + 3) * dp + q * W + o;
    int g0o = (k + 0) * GT;
    int g1o = (k + 1) * GT;
    int g2o = (k + 2) * GT;
    int g3o = (k + 3) * GT;
    FloatVector c00 = FloatVector.fromArray(S, gw, c0o);
    FloatVector c01 = FloatVector.fromArray(S, gw, c0o + L);
    FloatVector c10 = FloatVector.fromArray(S, gw, c1o);
    FloatVector c11 = FloatVector.fromArray(S, gw, c1o + L);
    FloatVector c20 = FloatVector.fromArray(S, gw, c2o);
    FloatVector c21 = FloatVector.fromArray(S, gw, c2o + L);
    FloatVector c30 = FloatVector.fromArray(S, gw, c3o);
    FloatVector c31 = FloatVector.fromArray(S, gw, c3o + L);
    for (int r = 0; r < rows; r++) {
      int xi = xb + r * W;
      FloatVector x0 = FloatVector.fromArray(S, x, xi);
      FloatVector x1 = FloatVector.fromArray(S, x, xi + L);
      FloatVector g0 = FloatVector.broadcast(S, gt[g0o + r]);
      c00 = g0.fma(x0, c00);
      c01 = g0.fma(x1, c01);
      FloatVector g1 = FloatVector.broadcast(S, gt[g1o + r]);
      c10 = g1.fma(x0, c10);
      c11 = g1.fma(x1, c11);
      FloatVector g2 = FloatVector.broadcast(S, gt[g2o + r]);
      c20 = g2.fma(x0, c20);
      c21 = g2.fma(x1, c21);
      FloatVector g3 = FloatVector.broadcast(S, gt[g3o + r]);
      c30 = g3.fma(x0, c30);
      c31 = g3.fma(x1, c31);
    }
    c00.intoArray(gw, c0o);
    c01.intoArray(gw, c0o + L);
    c10.intoArray(gw, c1o);
    c11.intoArray(gw, c1o + L);
    c20.intoArray(gw, c2o);
    c21.intoArray(gw, c2o + L);
    c30.intoArray(gw, c3o);
    c31.intoArray(gw, c3o + L);
  }

  private static void gradient2x2(int q, int o, int k, int rows, float[] x, int xOff, int dp, float[] gt,
      float[] gw, int gwOff) {
    int xb = xOff + q * PANEL + o;
    int c0o = gwOff + (k + 0) * dp + q * W + o;
    int c1o = gwOff + (k + 1) * dp + q * W + o;
    int g0o = (k + 0) * GT;
    int g1o = (k + 1) * GT;
    FloatVector c00 = FloatVector.fromArray(S, gw, c0o);
    FloatVector c01 = FloatVector.fromArray(S, gw, c0o + L);
    FloatVector c10 = FloatVector.fromArray(S, gw, c1o);
    FloatVector c11 = FloatVector.fromArray(S, gw, c1o + L);
    for (int r = 0; r < rows; r++) {
      int xi = xb + r * W;
      FloatVector x0 = FloatVector.fromArray(S, x, xi);
      FloatVector x1 = FloatVector.fromArray(S, x, xi + L);
      FloatVector g0 = FloatVector.broadcast(S, gt[g0o + r]);
      c00 = g0.fma(x0, c00);
      c01 = g0.fma(x1, c01);
      FloatVector g1 = FloatVector.broadcast(S, gt[g1o + r]);
      c10 = g1.fma(x0, c10);
      c11 = g1.fma(x1, c11);
    }
    c00.intoArray(gw, c0o);
    c01.intoArray(gw, c0o + L);
    c10.intoArray(gw, c1o);
    c11.intoArray(gw, c1o + L);
  }

  private static void gradient1x1(int q, int o, int k, int rows, float[] x, int xOff, int dp, float[] gt,
      float[] gw, int gwOff) {
    int xb = xOff + q * PANEL + o;
    int c0o = gwOff + k * dp + q * W + o;
    int g0o = k * GT;
    FloatVector c00 = FloatVector.fromArray(S, gw, c0o);
    for (int r = 0; r < rows; r++) {
      c00 = FloatVector.broadcast(S, gt[g0o + r]).fma(FloatVector.fromArray(S, x, xb + r * W), c00);
    }
    c00.intoArray(gw, c0o);
  }
}
