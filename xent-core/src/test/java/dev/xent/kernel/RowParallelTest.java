package dev.xent.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RowParallelTest {
  @Test
  void everyRowRunsExactlyOnceInContiguousChunks() {
    for (int threads = 1; threads <= 4; threads++) {
      try (RowParallel pool = new RowParallel(threads)) {
        for (int n : new int[] {0, 1, 5, 16, 17, 100, 1001}) {
          for (int minChunk : new int[] {1, 3, 64}) {
            int[] seen = new int[n];
            AtomicInteger calls = new AtomicInteger();
            pool.forRange(n, minChunk, (from, to) -> {
              calls.incrementAndGet();
              for (int r = from; r < to; r++) {
                seen[r]++;
              }
            });
            for (int r = 0; r < n; r++) {
              assertThat(seen[r]).as("threads=%d n=%d row %d", threads, n, r).isEqualTo(1);
            }
            int expectedParts = threads == 1 ? 1
                : Math.min(threads * RowParallel.CHUNKS_PER_THREAD, Math.max(1, n / minChunk));
            assertThat(calls.get()).as("threads=%d n=%d minChunk=%d", threads, n, minChunk).isEqualTo(expectedParts);
          }
        }
      }
    }
  }

  @Test
  void whileOneThreadIsHeldUpTheOthersTakeTheRemainingChunks() {
    try (RowParallel pool = new RowParallel(2)) {
      int chunks = 2 * RowParallel.CHUNKS_PER_THREAD;
      ConcurrentHashMap<Integer, Thread> ranBy = new ConcurrentHashMap<>();
      pool.forRange(chunks, 1, (from, to) -> {
        ranBy.put(from, Thread.currentThread());
        if (from == 0) {
          try {
            Thread.sleep(500); // far longer than waking the other thread and running every other chunk
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }
      });
      assertThat(ranBy).hasSize(chunks);
      Thread slow = ranBy.get(0);
      assertThat(ranBy.values().stream().filter(t -> t == slow).count()).isEqualTo(1);
    }
  }

  @Test
  void aWorkersExceptionReachesTheCallerAndThePoolKeepsWorking() {
    try (RowParallel pool = new RowParallel(3)) {
      assertThatThrownBy(() -> pool.forRange(30, 1, (from, to) -> {
        if (from > 0) {
          throw new IllegalArgumentException("bad row " + from);
        }
      })).isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("bad row ");
      int[] sum = new int[1];
      int[] perChunk = new int[30];
      pool.forRange(30, 1, (from, to) -> perChunk[from] = to - from);
      for (int v : perChunk) {
        sum[0] += v;
      }
      assertThat(sum[0]).isEqualTo(30);
    }
  }

  @Test
  void nestedCallsRunInlineWithoutDeadlock() {
    assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
      try (RowParallel pool = new RowParallel(2)) {
        int[][] grid = new int[8][8];
        pool.forRange(8, 1, (from, to) -> {
          for (int r = from; r < to; r++) {
            int row = r;
            pool.forRange(8, 1, (f2, t2) -> {
              for (int c = f2; c < t2; c++) {
                grid[row][c] = row * 8 + c;
              }
            });
          }
        });
        for (int r = 0; r < 8; r++) {
          for (int c = 0; c < 8; c++) {
            assertThat(grid[r][c]).isEqualTo(r * 8 + c);
          }
        }
      }
    });
  }

  @Test
  void concurrentCallersEachGetTheirOwnResult() throws InterruptedException {
    try (RowParallel pool = new RowParallel(2)) {
      long[] totals = new long[2];
      Thread[] callers = new Thread[2];
      for (int k = 0; k < 2; k++) {
        int id = k;
        callers[k] = new Thread(() -> {
          for (int rep = 0; rep < 200; rep++) {
            AtomicLong sum = new AtomicLong();
            pool.forRange(1000, 1, (from, to) -> {
              long s = 0;
              for (int r = from; r < to; r++) {
                s += r + id;
              }
              sum.addAndGet(s);
            });
            totals[id] += sum.get();
          }
        });
        callers[k].start();
      }
      for (Thread t : callers) {
        t.join();
      }
      assertThat(totals[0]).isEqualTo(200L * 999 * 1000 / 2);
      assertThat(totals[1]).isEqualTo(200L * (999 * 1000 / 2 + 1000));
    }
  }
}
