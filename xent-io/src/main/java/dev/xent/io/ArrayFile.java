package dev.xent.io;

import dev.xent.data.UserInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Reads a numeric array from a file, choosing the format by extension: {@code .npy}, or {@code .csv}/{@code .txt}. */
public final class ArrayFile {
  private ArrayFile() {}

  /**
   * Reads {@code file} as NumPy ({@code .npy}) or numeric CSV ({@code .csv}, {@code .txt}).
   *
   * @throws UserInputException for a missing file, an unknown extension, or content the format reader rejects
   * @throws IOException if reading fails
   */
  public static NumericArray read(Path file) throws IOException {
    String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (Files.isDirectory(file)) {
      throw new UserInputException(file, file + " is a directory; give a .npy or .csv file");
    }
    if (name.endsWith(".npy")) {
      return Npy.read(file);
    }
    if (name.endsWith(".csv") || name.endsWith(".txt")) {
      return CsvMatrixReader.read(file);
    }
    throw new UserInputException(file, file + ": unknown file type; use .npy (NumPy) or .csv/.txt (comma-separated "
        + "numbers, one row per sample)");
  }
}
