package dev.xent.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Splits a range of rows into contiguous chunks and runs them on a fixed set of threads; the calling thread
 * runs one share itself. Chunk boundaries depend on n and the thread count only, never on timing.
 */
public final class RowParallel implements AutoCloseable {
  /** Work over rows [from, to). */
  @FunctionalInterface
  public interface RangeBody {
    void run(int from, int to);
  }

  private final int threads;
  private final ExecutorService pool;

  RowParallel(int threads) {
    this.threads = threads;
    this.pool = threads == 1 ? null : Executors.newFixedThreadPool(threads - 1, r -> {
      Thread t = new Thread(r, "xent-kernel");
      t.setDaemon(true);
      return t;
    });
  }

  int threads() {
    return threads;
  }

  void forRange(int n, int minChunk, RangeBody body) {
    int parts = Math.min(threads, Math.max(1, n / Math.max(1, minChunk)));
    if (parts <= 1) {
      body.run(0, n);
      return;
    }
    List<Future<?>> futures = new ArrayList<>(parts - 1);
    for (int p = 1; p < parts; p++) {
      int from = (int) ((long) n * p / parts);
      int to = (int) ((long) n * (p + 1) / parts);
      futures.add(pool.submit(() -> body.run(from, to)));
    }
    body.run(0, (int) ((long) n / parts));
    for (Future<?> f : futures) {
      try {
        f.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      } catch (ExecutionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof RuntimeException re) {
          throw re;
        }
        if (cause instanceof Error err) {
          throw err;
        }
        throw new IllegalStateException(cause);
      }
    }
  }

  @Override
  public void close() {
    if (pool != null) {
      pool.shutdown();
    }
  }
}
