package dev.xent.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.management.ThreadMXBean;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Steady-state calls of {@code FusedSoftmaxCrossEntropy.sparse/dense} (the gradient in its own array and, for
 * sparse labels, in place, in one JVM) and {@link Kernels#sgemm} allocate nothing on the calling thread, on one
 * thread and split over two. Runs in its own JVM (a surefire execution of its own): other tests force several vector widths, which
 * leaves the JIT unable to keep vectors unboxed.
 */
class KernelAllocationTest {
  @AfterEach
  void restoreOneThread() {
    Kernels.setThreads(1);
  }

  @Test
  void steadyStateCallsAllocateNothing() {
    ThreadMXBean mx = (ThreadMXBean) ManagementFactory.getThreadMXBean();
    for (int threads : new int[] {1, 2}) {
      for (int cols : new int[] {KernelThreadingTest.COLS, 10, 5}) {
        steadyStateAllocatesNothing(mx, threads, new KernelThreadingTest.Inputs(cols));
      }
    }
  }

  private static void steadyStateAllocatesNothing(ThreadMXBean mx, int threads, KernelThreadingTest.Inputs in) {
    {
      Kernels.setThreads(threads);
      // Warm up until the JIT has settled: a window of calls that allocates nothing must come within the budget.
      long lastWindow = Long.MAX_VALUE;
      for (int attempt = 0; attempt < 200 && lastWindow != 0; attempt++) {
        long before = mx.getCurrentThreadAllocatedBytes();
        for (int rep = 0; rep < 20; rep++) {
          in.runAll();
        }
        lastWindow = mx.getCurrentThreadAllocatedBytes() - before;
      }
      assertThat(lastWindow).as("bytes allocated by 20 rounds of the sparse, dense and sgemm calls, %d classes, %d threads",
          in.cols, threads)
          .isZero();
    }
  }

}
