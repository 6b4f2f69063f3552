package dev.xent.io.csv;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A whole CSV file in memory as text: the header, the rows' fields and the line each row starts on. Training
 * reads this form (schema inference and fitting look at every row); evaluation and prediction stream with
 * {@link EncodedBatches} instead.
 *
 * @param path the file read
 * @param delimiter the detected delimiter
 * @param header column names in file order
 * @param rows each row's fields, in header order
 * @param lines the 1-based line each row starts on, parallel to {@code rows}
 */
public record CsvTable(Path path, char delimiter, List<String> header, List<String[]> rows, long[] lines) {

  /** Reads all of {@code path}. */
  public static CsvTable read(Path path) {
    try (CsvFile f = CsvFile.open(path)) {
      List<String[]> rows = new ArrayList<>();
      long[] lines = new long[64];
      CsvFile.Row r;
      while ((r = f.next()) != null) {
        if (rows.size() == lines.length) {
          lines = java.util.Arrays.copyOf(lines, lines.length * 2);
        }
        lines[rows.size()] = r.line();
        rows.add(r.fields());
      }
      if (rows.isEmpty()) {
        throw new CsvDataException(path, 0, null, "the file has a header but no data rows");
      }
      return new CsvTable(path, f.delimiter(), f.header(), rows, java.util.Arrays.copyOf(lines, rows.size()));
    }
  }

  /** The number of data rows. */
  public int size() {
    return rows.size();
  }

  /** The index of column {@code name}, or an error listing the columns there are. */
  public int column(String name) {
    int i = header.indexOf(name);
    if (i < 0) {
      throw new CsvDataException(path, 0, name, "no such column; the columns are " + header);
    }
    return i;
  }
}
