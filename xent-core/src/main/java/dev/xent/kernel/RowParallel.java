package dev.xent.kernel;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Splits a range of rows into contiguous chunks and runs them on persistent worker threads; the calling thread
 * runs the first chunk itself. Chunk boundaries depend on n and the thread count only, never on timing, and a
 * call allocates nothing: the workers wait for the next phase (spinning briefly, then yielding, then parked) and
 * read the phase from fields of this object.
 *
 * <p>One phase runs at a time: concurrent callers queue on a lock. A call from inside a running body (on a worker
 * or on the dispatching thread) runs inline on the calling thread, so nesting cannot deadlock.
 */
public final class RowParallel implements AutoCloseable {
  /** Work over rows [from, to). */
  @FunctionalInterface
  public interface RangeBody {
    void run(int from, int to);
  }

  /**
   * How long a waiting thread spins before it starts yielding: the hand-offs of one product (pack, then rows) and of
   * back-to-back kernels come within a few microseconds of each other.
   */
  private static final long SPIN_NANOS = 20_000;

  /**
   * How long a waiting thread then yields (staying runnable, giving its core to any other thread that wants it)
   * before it parks: the serial stretches of an MLP training step (the batch gather, activations, the loss, bias
   * gradients) last up to a few hundred microseconds, and waking a parked thread costs tens of microseconds each
   * time (more in a virtual machine), against a handful of hand-offs per step. This bounds the CPU burnt idle.
   */
  private static final long YIELD_NANOS = 500_000;

  private final int threads;
  private final Worker[] workers;
  private final ReentrantLock dispatch = new ReentrantLock();
  private final AtomicInteger pending = new AtomicInteger();
  // The phase in flight, written by the dispatching thread before it hands out chunks (a volatile write).
  private RangeBody body;
  private int n;
  private int parts;
  private volatile Thread caller;
  private volatile Throwable failure;
  private volatile boolean closed;

  RowParallel(int threads) {
    this.threads = threads;
    this.workers = new Worker[threads - 1];
    for (int w = 0; w < workers.length; w++) {
      workers[w] = new Worker(w + 1);
      workers[w].start();
    }
  }

  int threads() {
    return threads;
  }

  /** Runs {@code body} over [0, n) in at most {@link #threads()} chunks of at least {@code minChunk} rows. */
  void forRange(int n, int minChunk, RangeBody body) {
    int parts = Math.min(threads, Math.max(1, n / Math.max(1, minChunk)));
    if (parts <= 1 || Thread.currentThread() instanceof Worker || dispatch.isHeldByCurrentThread()) {
      body.run(0, n);
      return;
    }
    dispatch.lock();
    try {
      if (closed) {
        body.run(0, n);
        return;
      }
      this.body = body;
      this.n = n;
      this.parts = parts;
      this.failure = null;
      this.caller = Thread.currentThread();
      pending.set(parts - 1);
      for (int p = 1; p < parts; p++) {
        workers[p - 1].begin();
      }
      Throwable own = null;
      try {
        body.run(0, chunkStart(n, parts, 1));
      } catch (Throwable t) {
        own = t;
      }
      awaitWorkers();
      this.body = null; // do not keep the caller's arrays reachable
      Throwable thrown = own != null ? own : failure;
      if (thrown instanceof RuntimeException re) {
        throw re;
      }
      if (thrown instanceof Error err) {
        throw err;
      }
      if (thrown != null) {
        throw new IllegalStateException(thrown);
      }
    } finally {
      dispatch.unlock();
    }
  }

  private static int chunkStart(int n, int parts, int p) {
    return (int) ((long) n * p / parts);
  }

  private void awaitWorkers() {
    long start = System.nanoTime();
    while (pending.get() != 0) {
      pause(start, this);
    }
  }

  /** One wait step of a thread waiting since {@code start}: spin, then yield, then park (see SPIN/YIELD_NANOS). */
  private static void pause(long start, Object blocker) {
    long waited = System.nanoTime() - start;
    if (waited < SPIN_NANOS) {
      Thread.onSpinWait();
    } else if (waited < SPIN_NANOS + YIELD_NANOS) {
      Thread.yield();
    } else {
      LockSupport.park(blocker);
    }
  }

  @Override
  public void close() {
    dispatch.lock();
    try {
      closed = true;
      for (Worker w : workers) {
        LockSupport.unpark(w);
      }
    } finally {
      dispatch.unlock();
    }
  }

  /** A persistent thread that runs chunk {@code index} of each phase it is handed. */
  private final class Worker extends Thread {
    private final int index;
    private volatile boolean go;

    Worker(int index) {
      super("xent-kernel-" + index);
      this.index = index;
      setDaemon(true);
    }

    void begin() {
      go = true;
      LockSupport.unpark(this);
    }

    @Override
    public void run() {
      while (awaitPhase()) {
        go = false;
        try {
          body.run(chunkStart(n, parts, index), chunkStart(n, parts, index + 1));
        } catch (Throwable t) {
          failure = t;
        }
        if (pending.decrementAndGet() == 0) {
          LockSupport.unpark(caller);
        }
      }
    }

    /** Waits for the next phase; false once the pool is closed. */
    private boolean awaitPhase() {
      long start = System.nanoTime();
      while (!go) {
        if (closed) {
          return false;
        }
        pause(start, this);
      }
      return true;
    }
  }
}
