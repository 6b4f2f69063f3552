package dev.xent.kernel;

import static org.assertj.core.api.Assertions.assertThat;

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
    for (int threads : new int[] {1, 2}) {
      for (int cols : new int[] {KernelThreadingTest.COLS, 10, 5}) {
        Kernels.setThreads(threads);
        KernelThreadingTest.Inputs in = new KernelThreadingTest.Inputs(cols);
        // Windows of 20 rounds until the JIT has settled: one that allocates nothing must come within the budget.
        assertThat(AllocationWindows.lastWindow(20, in::runAll))
            .as("bytes allocated by 20 rounds of the sparse, dense and sgemm calls, %d classes, %d threads",
                in.cols, threads)
            .isZero();
      }
    }
  }
}
