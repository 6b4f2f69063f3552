package dev.xent.kernel;

import java.util.SplittableRandom;

/**
 * A manual measuring tool (not a unit test, never run by surefire): GFLOP/s of {@link Kernels#sgemm} on the
 * skinny products of softmax regression on Fashion-MNIST and of the MLP's 10-wide output layer.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp xent-core/target/classes:xent-core/target/test-classes \
 *     dev.xent.kernel.SkinnyGemmRun [threads] [seconds per shape]
 * </pre>
 */
public final class SkinnyGemmRun {
  private SkinnyGemmRun() {}

  public static void main(String[] args) {
    int threads = args.length > 0 ? Integer.parseInt(args[0]) : 1;
    double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 2;
    Kernels.setThreads(threads);
    System.out.printf("provider=%s bits=%d threads=%d%n", Kernels.providerName(), Kernels.vectorBitSize(), threads);
    int rows = 60000;
    int feats = 784;
    int classes = 10;
    int batch = 128;
    int hidden = 128;
    SplittableRandom rnd = new SplittableRandom(1);
    float[] x = fill(rnd, rows * feats); // [rows, feats]
    float[] w = fill(rnd, classes * feats); // [classes, feats]
    float[] z = new float[rows * classes]; // [rows, classes]
    float[] g = fill(rnd, rows * classes); // [rows, classes]
    float[] gw = new float[classes * feats]; // [classes, feats]
    float[] h = fill(rnd, batch * hidden); // [batch, hidden]
    float[] w3 = fill(rnd, classes * hidden); // [classes, hidden]
    float[] y = new float[batch * classes]; // [batch, classes]
    float[] dy = fill(rnd, batch * classes); // [batch, classes]
    float[] dw3 = new float[classes * hidden]; // [classes, hidden]
    // Reading X once with vector adds: the memory bound the skinny products should approach.
    float[] sink = new float[1];
    time("stream: sum of X (GB/s as GFLOP/s x4)", seconds, (double) rows * feats, () -> sink[0] += sum(x));
    // Logits X·Wᵀ (n = 10), gradient Gᵀ·X (m = 10), MLP output X·W3ᵀ and dW3 = dYᵀ·X.
    time("logits X[60000,784]·Wᵀ (transB, n=10)", seconds, 2.0 * rows * feats * classes,
        () -> Kernels.sgemm(false, true, rows, classes, feats, 1f, x, 0, feats, w, 0, feats, 0f, z, 0, classes));
    // A packed-path product for scale: the MLP's first layer at batch 128 (~55-70 GFLOP/s on a quiet machine).
    float[] y1 = new float[batch * 256];
    time("packed ref X[128,784]·W1[256,784]ᵀ", seconds, 2.0 * batch * feats * 256,
        () -> Kernels.sgemm(false, true, batch, 256, feats, 1f, x, 0, feats, x, 0, feats, 0f, y1, 0, 256));
    time("logits in cache X[300,784]·Wᵀ (n=10)", seconds, 2.0 * 300 * feats * classes,
        () -> Kernels.sgemm(false, true, 300, classes, feats, 1f, x, 0, feats, w, 0, feats, 0f, z, 0, classes));
    time("grad in cache Gᵀ·X (m=10, k=300)", seconds, 2.0 * 300 * feats * classes,
        () -> Kernels.sgemm(true, false, classes, feats, 300, 1f, g, 0, classes, x, 0, feats, 0f, gw, 0, feats));
    time("logits W·Xᵀ (transB, m=10)", seconds, 2.0 * rows * feats * classes,
        () -> Kernels.sgemm(false, true, classes, rows, feats, 1f, w, 0, feats, x, 0, feats, 0f, z, 0, rows));
    time("grad Gᵀ·X (transA, m=10, k=60000)", seconds, 2.0 * rows * feats * classes,
        () -> Kernels.sgemm(true, false, classes, feats, rows, 1f, g, 0, classes, x, 0, feats, 0f, gw, 0, feats));
    time("mlp out H[128,128]·W3ᵀ (transB, n=10)", seconds, 2.0 * batch * hidden * classes,
        () -> Kernels.sgemm(false, true, batch, classes, hidden, 1f, h, 0, hidden, w3, 0, hidden, 1f, y, 0, classes));
    time("mlp dW3 = dYᵀ·H (transA, m=10, k=128)", seconds, 2.0 * batch * hidden * classes,
        () -> Kernels.sgemm(true, false, classes, hidden, batch, 1f, dy, 0, classes, h, 0, hidden, 1f, dw3, 0,
            hidden));
    Kernels.setThreads(1);
  }

  private static void time(String name, double seconds, double flops, Runnable call) {
    for (int i = 0; i < 3; i++) {
      long end = System.nanoTime() + (long) (seconds * 0.3e9);
      while (System.nanoTime() < end) {
        call.run();
      }
    }
    java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
    long cpuStart = mx.getCurrentThreadCpuTime();
    long start = System.nanoTime();
    long end = start + (long) (seconds * 1e9);
    int calls = 0;
    long now;
    do {
      call.run();
      calls++;
      now = System.nanoTime();
    } while (now < end);
    double perCall = (now - start) / 1e9 / calls;
    double cpuPerCall = (mx.getCurrentThreadCpuTime() - cpuStart) / 1e9 / calls;
    // CPU time of the calling thread: on a shared machine, the time it actually ran (single-threaded runs only).
    System.out.printf("%-42s %9.3f ms/call %7.2f GFLOP/s (caller CPU %.3f ms/call, %.2f GFLOP/s)%n", name,
        perCall * 1e3, flops / perCall / 1e9, cpuPerCall * 1e3, flops / cpuPerCall / 1e9);
  }

  private static float sum(float[] x) {
    jdk.incubator.vector.VectorSpecies<Float> sp = jdk.incubator.vector.FloatVector.SPECIES_256;
    jdk.incubator.vector.FloatVector acc0 = jdk.incubator.vector.FloatVector.zero(sp);
    jdk.incubator.vector.FloatVector acc1 = jdk.incubator.vector.FloatVector.zero(sp);
    int i = 0;
    for (; i + 16 <= x.length; i += 16) {
      acc0 = acc0.add(jdk.incubator.vector.FloatVector.fromArray(sp, x, i));
      acc1 = acc1.add(jdk.incubator.vector.FloatVector.fromArray(sp, x, i + 8));
    }
    return acc0.add(acc1).reduceLanes(jdk.incubator.vector.VectorOperators.ADD);
  }

  private static float[] fill(SplittableRandom rnd, int size) {
    float[] v = new float[size];
    for (int i = 0; i < size; i++) {
      v[i] = (float) (rnd.nextDouble() * 2 - 1);
    }
    return v;
  }
}
