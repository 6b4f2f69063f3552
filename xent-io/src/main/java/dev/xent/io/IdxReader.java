package dev.xent.io;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads IDX files, the format of MNIST and Fashion-MNIST, plain or gzip-compressed.
 *
 * <p>An IDX file is a 4-byte magic number {@code 0x00 0x00 type ndims}, then {@code ndims} big-endian 32-bit
 * dimensions, then the values. Only the unsigned-byte type ({@code 0x08}) is supported, which is what every
 * MNIST-family file uses: magic {@code 0x00000801} for labels and {@code 0x00000803} for images. Compression is
 * detected from the gzip magic bytes {@code 1f 8b}, not from the file name.
 *
 * <p>Every error is a {@link DataFormatException} that names the file and the fix.
 */
public final class IdxReader {
  /** Magic number of a 1-D unsigned-byte IDX file (labels). */
  public static final int MAGIC_LABELS = 0x00000801;
  /** Magic number of a 3-D unsigned-byte IDX file (images). */
  public static final int MAGIC_IMAGES = 0x00000803;

  private static final int TYPE_UNSIGNED_BYTE = 0x08;
  // IDX allows up to 255 dimensions; anything above 4 is not an image or label file and most likely garbage.
  private static final int MAX_DIMS = 4;
  private static final String REDOWNLOAD =
      "Download the file again (e.g. from the Fashion-MNIST or MNIST site) or reinstall the dataset package";

  private IdxReader() {}

  /** Reads an IDX labels file: magic {@code 0x00000801}, one dimension. */
  public static IdxArray readLabels(Path file) {
    return read(file, MAGIC_LABELS);
  }

  /** Reads an IDX images file: magic {@code 0x00000803}, three dimensions. */
  public static IdxArray readImages(Path file) {
    return read(file, MAGIC_IMAGES);
  }

  /**
   * Reads an IDX file and checks its magic number.
   *
   * @param file the file, plain or gzip-compressed
   * @param expectedMagic {@link #MAGIC_LABELS}, {@link #MAGIC_IMAGES}, or 0 to accept any unsigned-byte file
   */
  public static IdxArray read(Path file, int expectedMagic) {
    try (InputStream in = open(file)) {
      return parse(file, in, expectedMagic);
    } catch (NoSuchFileException e) {
      throw new DataFormatException(file, "file not found", "Check the path");
    } catch (ZipException e) {
      throw new DataFormatException(file, "corrupt gzip data (" + e.getMessage() + ")", REDOWNLOAD);
    } catch (EOFException e) {
      throw new DataFormatException(file, "the gzip stream ends early (truncated download?)", REDOWNLOAD);
    } catch (IOException e) {
      throw new UncheckedIOException(file + ": " + e.getMessage(), e);
    }
  }

  private static InputStream open(Path file) throws IOException {
    InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
    raw.mark(2);
    int b0 = raw.read();
    int b1 = raw.read();
    raw.reset();
    if (b0 == 0x1f && b1 == 0x8b) {
      return new BufferedInputStream(new GZIPInputStream(raw, 1 << 16), 1 << 16);
    }
    return raw;
  }

  private static IdxArray parse(Path file, InputStream in, int expectedMagic) throws IOException {
    byte[] head = in.readNBytes(4);
    if (head.length < 4) {
      throw new DataFormatException(file, "file too short for an IDX header (" + head.length + " bytes)", REDOWNLOAD);
    }
    int magic = bigEndian(head, 0);
    int type = head[2] & 0xFF;
    int ndims = head[3] & 0xFF;
    if (head[0] != 0 || head[1] != 0 || ndims == 0 || ndims > MAX_DIMS) {
      throw new DataFormatException(file, String.format("bad magic number 0x%08x: not an IDX file", magic),
          "Expected an MNIST-style IDX file (magic 0x00000801 for labels, 0x00000803 for images)");
    }
    if (type != TYPE_UNSIGNED_BYTE) {
      throw new DataFormatException(file, String.format("IDX value type 0x%02x is not supported", type),
          "Only unsigned-byte IDX files (type 0x08, as in MNIST and Fashion-MNIST) can be read");
    }
    if (expectedMagic != 0 && magic != expectedMagic) {
      throw new DataFormatException(file, String.format("magic number 0x%08x, expected 0x%08x (%s)", magic,
          expectedMagic, expectedMagic == MAGIC_LABELS ? "a labels file" : "an images file"),
          "Check that the images and labels files are not swapped");
    }
    byte[] dimBytes = in.readNBytes(4 * ndims);
    if (dimBytes.length < 4 * ndims) {
      throw new DataFormatException(file, "file ends inside the IDX header", REDOWNLOAD);
    }
    int[] dims = new int[ndims];
    long count = 1;
    for (int i = 0; i < ndims; i++) {
      dims[i] = bigEndian(dimBytes, 4 * i);
      if (dims[i] < 0) {
        throw new DataFormatException(file, "negative dimension " + dims[i] + " in the IDX header", REDOWNLOAD);
      }
      count *= dims[i];
      if (count > Integer.MAX_VALUE - 8) {
        throw new DataFormatException(file, "IDX dimensions describe more than 2^31 values", REDOWNLOAD);
      }
    }
    byte[] data = in.readNBytes((int) count);
    if (data.length < count) {
      throw new DataFormatException(file, "truncated: the header promises " + count + " values ("
          + dimsText(dims) + ") but the file holds only " + data.length, REDOWNLOAD);
    }
    if (in.read() != -1) {
      throw new DataFormatException(file, "the header dimensions " + dimsText(dims) + " account for " + count
          + " values but the file holds more", "The file is corrupt or not an IDX file; " + REDOWNLOAD);
    }
    return new IdxArray(dims, data);
  }

  private static String dimsText(int[] dims) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < dims.length; i++) {
      sb.append(i == 0 ? "" : " x ").append(dims[i]);
    }
    return sb.toString();
  }

  private static int bigEndian(byte[] b, int off) {
    return ((b[off] & 0xFF) << 24) | ((b[off + 1] & 0xFF) << 16) | ((b[off + 2] & 0xFF) << 8) | (b[off + 3] & 0xFF);
  }
}
