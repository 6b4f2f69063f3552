package dev.xent.io.csv;

import de.siegmar.fastcsv.reader.CloseableIterator;
import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * An open CSV file read row by row: UTF-8 (a byte-order mark is skipped; {@code .gz} files are gunzipped), the delimiter detected among
 * comma, semicolon and tab (see {@link DelimiterDetector}), RFC 4180 quoting (embedded delimiters, quotes and
 * newlines), blank lines skipped, the first row the header. Every row must have as many fields as the header;
 * a row that does not is an error naming its line.
 */
public final class CsvFile implements Closeable {
  /** Bytes read ahead for delimiter detection: a few lines of any reasonable file. */
  private static final int HEAD_BYTES = 64 * 1024;

  private final Path path;
  private final char delimiter;
  private final List<String> header;
  private final CsvReader<CsvRecord> reader;
  private final CloseableIterator<CsvRecord> records;

  private CsvFile(Path path, char delimiter, CsvReader<CsvRecord> reader) {
    this.path = path;
    this.delimiter = delimiter;
    this.reader = reader;
    this.records = reader.iterator();
    if (!hasNextRecord()) {
      throw new CsvDataException(path, 0, null, "the file is empty; a CSV dataset needs a header row and data rows");
    }
    this.header = readHeader(nextRecord());
  }

  /** Opens {@code path}, detects its delimiter and reads its header row. */
  public static CsvFile open(Path path) {
    char delimiter = detectDelimiter(path);
    try {
      CsvReader<CsvRecord> reader =
          CsvReader.builder()
              .fieldSeparator(delimiter)
              .detectBomHeader(true)
              .skipEmptyLines(true)
              .allowExtraFields(true)
              .allowMissingFields(true)
              .ofCsvRecord(input(path), StandardCharsets.UTF_8);
      return new CsvFile(path, delimiter, reader);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path + ": " + e.getMessage(), e);
    }
  }

  /** The file this reads. */
  public Path path() {
    return path;
  }

  /** The detected delimiter. */
  public char delimiter() {
    return delimiter;
  }

  /** The header names, in file order. */
  public List<String> header() {
    return header;
  }

  /**
   * The next data row, or null at the end of the file.
   *
   * @throws CsvDataException when the row's field count differs from the header's, or its quoting is broken
   */
  public Row next() {
    if (!hasNextRecord()) {
      return null;
    }
    CsvRecord r = nextRecord();
    if (r.getFieldCount() != header.size()) {
      throw new CsvDataException(
          path,
          r.getStartingLineNumber(),
          null,
          "the row has " + r.getFieldCount() + " fields but the header has " + header.size()
              + "; quote fields that contain the delimiter '" + printable(delimiter) + "'");
    }
    return new Row(r.getStartingLineNumber(), r.getFields().toArray(new String[0]));
  }

  /**
   * One data row.
   *
   * @param line the 1-based line the row starts on
   * @param fields the fields, in header order
   */
  public record Row(long line, String[] fields) {}

  @Override
  public void close() {
    try {
      reader.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private boolean hasNextRecord() {
    try {
      return records.hasNext();
    } catch (CsvParseException e) {
      throw parseError(e);
    } catch (UncheckedIOException e) {
      throw new UncheckedIOException("cannot read " + path + ": " + e.getMessage(), e.getCause());
    }
  }

  private CsvRecord nextRecord() {
    try {
      return records.next();
    } catch (CsvParseException e) {
      throw parseError(e);
    } catch (NoSuchElementException e) {
      throw new IllegalStateException(e);
    }
  }

  private CsvDataException parseError(CsvParseException e) {
    return new CsvDataException(path, 0, null, "malformed CSV: " + e.getMessage());
  }

  private List<String> readHeader(CsvRecord r) {
    List<String> names = new ArrayList<>(r.getFieldCount());
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < r.getFieldCount(); i++) {
      String name = r.getField(i).strip();
      if (name.isEmpty()) {
        name = "column_" + (i + 1);
      }
      if (!seen.add(name)) {
        throw new CsvDataException(
            path, r.getStartingLineNumber(), name, "the header names this column twice; column names must be unique");
      }
      names.add(name);
    }
    return List.copyOf(names);
  }

  private static char detectDelimiter(Path path) {
    byte[] head;
    boolean complete;
    try (InputStream in = input(path)) {
      head = in.readNBytes(HEAD_BYTES);
      complete = in.read() < 0;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path + ": " + e.getMessage(), e);
    }
    String text = new String(head, StandardCharsets.UTF_8);
    if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
      text = text.substring(1);
    }
    return DelimiterDetector.detect(text, complete);
  }

  /** The file's bytes, gunzipped when its name ends in {@code .gz}. */
  private static InputStream input(Path path) throws IOException {
    InputStream in = Files.newInputStream(path);
    String name = path.getFileName() == null ? "" : path.getFileName().toString();
    if (name.toLowerCase(java.util.Locale.ROOT).endsWith(".gz")) {
      try {
        // 64 KiB: the inflater's input buffer; the default 512 bytes costs a native call per few rows.
        return new java.util.zip.GZIPInputStream(in, 64 * 1024);
      } catch (IOException e) {
        in.close();
        throw new UncheckedIOException(path + " ends in .gz but is not gzip data: " + e.getMessage(), e);
      }
    }
    return in;
  }

  static String printable(char c) {
    return c == '\t' ? "\\t" : String.valueOf(c);
  }
}
