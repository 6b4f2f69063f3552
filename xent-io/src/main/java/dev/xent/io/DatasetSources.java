package dev.xent.io;

import dev.xent.data.UserInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The dataset sources xent knows, in the order they are tried. */
public final class DatasetSources {
  private static final List<DatasetSource> SOURCES =
      List.of(new IdxDirectorySource(), new NpyDatasetSource(), new CsvDatasetSource());

  private DatasetSources() {}

  /**
   * The source that reads {@code data}.
   *
   * @throws UserInputException when the path does not exist or no source reads it
   */
  public static DatasetSource resolve(Path data) {
    if (!Files.exists(data)) {
      throw new UserInputException(data, data + ": no such file or directory. DATA is an IDX directory "
          + "(train-images-idx3-ubyte[.gz], ...), a .npy features file with --target labels.npy, or a .csv file");
    }
    for (DatasetSource s : SOURCES) {
      if (s.accepts(data)) {
        return s;
      }
    }
    if (Files.isDirectory(data)) {
      throw new UserInputException(data, data + ": not an IDX dataset directory (no train-images-idx3-ubyte[.gz]). "
          + "An IDX directory holds train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte and "
          + "t10k-labels-idx1-ubyte, each optionally .gz");
    }
    throw new UserInputException(data, data + ": unknown data format. DATA is an IDX directory, a .npy features "
        + "file (with --target labels.npy) or a .csv file");
  }
}
