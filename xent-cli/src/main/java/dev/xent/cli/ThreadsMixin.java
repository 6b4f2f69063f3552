package dev.xent.cli;

import dev.xent.kernel.Kernels;
import picocli.CommandLine.Option;

/** {@code --threads T}: how many threads the kernels use; default all available processors. */
public final class ThreadsMixin {
  @Option(names = "--threads", paramLabel = "T",
      description = "Threads for the kernels (default: all available processors).")
  Integer threads;

  /** The thread count asked for, or the number of available processors. */
  public int threads() {
    int t = threads != null ? threads : Runtime.getRuntime().availableProcessors();
    if (t < 1) {
      throw new IllegalArgumentException("--threads must be >= 1, got " + t);
    }
    return t;
  }

  /** Sets the kernels' thread count and returns it. */
  public int apply() {
    int t = threads();
    Kernels.setThreads(t);
    return t;
  }
}
