package dev.xent.io;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/**
 * Writes unsigned-byte IDX files (the MNIST format read by {@link IdxReader}), plain or gzip-compressed.
 * Used to export small datasets in the MNIST layout and to build test fixtures.
 */
public final class IdxWriter {
  private IdxWriter() {}

  /**
   * Writes an IDX file of unsigned bytes.
   *
   * @param file the target; gzip-compressed when its name ends in {@code .gz}
   * @param dims the dimensions, e.g. {@code [n, 28, 28]} for images or {@code [n]} for labels
   * @param data row-major values over {@code dims}, one unsigned byte each
   */
  public static void write(Path file, int[] dims, byte[] data) {
    long count = 1;
    for (int d : dims) {
      count *= d;
    }
    if (dims.length == 0 || dims.length > 255 || count != data.length) {
      throw new IllegalArgumentException("IDX dims of " + dims.length + " dimensions / " + count
          + " values do not match " + data.length + " data bytes");
    }
    try (OutputStream raw = new BufferedOutputStream(Files.newOutputStream(file));
        OutputStream body = file.getFileName().toString().endsWith(".gz") ? new GZIPOutputStream(raw) : raw;
        DataOutputStream out = new DataOutputStream(body)) {
      // magic: two zero bytes, the type (0x08 = unsigned byte) and the number of dimensions
      out.writeInt(0x0800 | dims.length);
      for (int d : dims) {
        out.writeInt(d); // DataOutputStream writes big-endian, as IDX requires
      }
      out.write(data);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }
}
