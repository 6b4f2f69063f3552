package dev.xent.kernel;

import com.sun.management.ThreadMXBean;
import java.lang.management.ManagementFactory;

/** Steady-state allocation on the calling thread, measured in windows of calls until the JIT has settled. */
public final class AllocationWindows {
  private static final ThreadMXBean MX = (ThreadMXBean) ManagementFactory.getThreadMXBean();

  private AllocationWindows() {}

  /**
   * Bytes the calling thread allocated in the last window of {@code callsPerWindow} runs of {@code call}: windows
   * repeat until one allocates nothing, at most 200 of them. Vector API kernels box their vectors until C2 has
   * compiled them, so the early windows allocate even where the steady state does not.
   */
  public static long lastWindow(int callsPerWindow, Runnable call) {
    long lastWindow = Long.MAX_VALUE;
    for (int attempt = 0; attempt < 200 && lastWindow != 0; attempt++) {
      long before = MX.getCurrentThreadAllocatedBytes();
      for (int rep = 0; rep < callsPerWindow; rep++) {
        call.run();
      }
      lastWindow = MX.getCurrentThreadAllocatedBytes() - before;
    }
    return lastWindow;
  }
}
