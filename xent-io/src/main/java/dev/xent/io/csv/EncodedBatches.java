package dev.xent.io.csv;

import java.io.Closeable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Streams a CSV file as encoded batches with fitted preprocessing, for evaluation and prediction of files of
 * any size: memory is bounded by one batch. A label training never saw (or a missing label) does not stop the
 * stream: its row gets class id -1 and is listed in {@link #unknownLabels()} (first {@link #MAX_LISTED}), so
 * the caller can report it.
 */
public final class EncodedBatches implements Iterator<EncodedRows>, Closeable {
  /** Unknown labels listed individually; the rest are only counted, so memory stays bounded. */
  public static final int MAX_LISTED = 20;

  private final CsvFile file;
  private final CsvPreprocessing pre;
  private final int batchSize;
  private final int[] bound;
  private final int labelCol;
  private final int[] softCols;
  private final List<String> unknown = new ArrayList<>();
  private long unknownCount;
  private CsvFile.Row pending;

  private EncodedBatches(CsvFile file, CsvPreprocessing pre, int batchSize) {
    this.file = file;
    this.pre = pre;
    this.batchSize = batchSize;
    this.bound = pre.features().bind(file.header(), file.path());
    TargetEncoding t = pre.target();
    List<String> h = file.header();
    this.labelCol = !t.soft() ? h.indexOf(t.column()) : -1;
    this.softCols = t.soft() && !t.softColumns().isEmpty() && h.containsAll(t.softColumns()) ? t.softColumns().stream().mapToInt(h::indexOf).toArray() : null;
    this.pending = file.next();
  }

  /**
   * Opens {@code path} for streaming.
   *
   * @param batchSize rows per batch (the last batch may be shorter)
   */
  public static EncodedBatches open(Path path, CsvPreprocessing pre, int batchSize) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
    }
    CsvFile f = CsvFile.open(path);
    try {
      return new EncodedBatches(f, pre, batchSize);
    } catch (RuntimeException e) {
      f.close();
      throw e;
    }
  }

  /** True when the file has the target column(s), so batches carry labels or soft targets. */
  public boolean hasTarget() {
    return labelCol >= 0 || softCols != null;
  }

  @Override
  public boolean hasNext() {
    return pending != null;
  }

  @Override
  public EncodedRows next() {
    if (pending == null) {
      throw new NoSuchElementException();
    }
    int w = pre.features().width();
    int classes = pre.target().classes().size();
    float[] x = new float[batchSize * w];
    int[] labels = labelCol >= 0 ? new int[batchSize] : null;
    float[] soft = softCols != null ? new float[batchSize * classes] : null;
    long[] lines = new long[batchSize];
    int n = 0;
    while (n < batchSize && pending != null) {
      String[] f = pending.fields();
      lines[n] = pending.line();
      pre.features().encode(f, bound, x, n * w, file.path(), lines[n]);
      if (labels != null) {
        labels[n] = MissingValues.isMissing(f[labelCol]) ? -1 : pre.target().classId(f[labelCol]);
        if (labels[n] < 0) {
          unknownCount++;
          if (unknown.size() < MAX_LISTED) {
            unknown.add("line " + lines[n] + ": '" + f[labelCol] + "'");
          }
        }
      } else if (soft != null) {
        TargetEncoding.softRow(f, softCols, pre.target().softColumns(), soft, n * classes, file.path(), lines[n]);
      }
      n++;
      pending = file.next();
    }
    if (n < batchSize) {
      x = java.util.Arrays.copyOf(x, n * w);
      labels = labels == null ? null : java.util.Arrays.copyOf(labels, n);
      soft = soft == null ? null : java.util.Arrays.copyOf(soft, n * classes);
      lines = java.util.Arrays.copyOf(lines, n);
    }
    return new EncodedRows(x, n, w, labels, soft, lines);
  }

  /** The first {@link #MAX_LISTED} rows whose label training never saw (or is missing), as "line N: 'value'". */
  public List<String> unknownLabels() {
    return List.copyOf(unknown);
  }

  /** How many rows so far had a label training never saw (or none). */
  public long unknownLabelCount() {
    return unknownCount;
  }

  @Override
  public void close() {
    file.close();
  }
}
