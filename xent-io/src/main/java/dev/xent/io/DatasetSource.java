package dev.xent.io;

import java.io.IOException;
import java.nio.file.Path;

/**
 * One way of reading a dataset from a path: an IDX directory, a {@code .npy} features file, a CSV file.
 * {@link DatasetSources#resolve(Path)} picks the first source that accepts a path; a new format plugs in by
 * adding a source there.
 */
public interface DatasetSource {
  /** Which split of a dataset that has several (IDX directories) to read; sources with one ignore it. */
  enum Split {
    /** The training split. */
    TRAIN,
    /** The held-out test split. */
    TEST
  }

  /**
   * What to read.
   *
   * @param data the path the user gave
   * @param target the target: a file for {@code .npy} features, a column name for CSV, null when absent
   * @param split the split to read where the source has several
   * @param targetRequired whether the caller needs targets (train, evaluate) or not (predict)
   */
  record Request(Path data, String target, Split split, boolean targetRequired) {}

  /** The format's short name as written in model configs: {@code "idx"}, {@code "npy"}, {@code "csv"}. */
  String format();

  /** Whether this source reads {@code data} (by its type or name; without reading it). */
  boolean accepts(Path data);

  /**
   * Reads the data.
   *
   * @throws dev.xent.data.UserInputException when the data cannot be used, naming the file and the fix
   * @throws IOException when reading fails
   */
  LabeledFeatures load(Request request) throws IOException;
}
