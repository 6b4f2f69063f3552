package dev.xent.io;

import dev.xent.data.UserInputException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and writes NumPy {@code .npy} files: format versions 1.0, 2.0 and 3.0; element types float32, float64,
 * int32, int64, uint8 and bool; little-endian (big-endian files are byte-swapped on reading); 1-D or 2-D arrays in
 * C order.
 *
 * <p>Rejected with a message naming the file and the problem: Fortran order, other or structured element types,
 * object arrays, more than two dimensions, and data shorter than the header promises.
 *
 * <p>The format: the magic {@code \x93NUMPY}, a major and minor version byte, the header length (2 bytes
 * little-endian in 1.0, 4 bytes in 2.0 and 3.0), then a Python dict literal such as
 * {@code {'descr': '<f4', 'fortran_order': False, 'shape': (3, 4), }} padded with spaces and a newline, then
 * the raw values.
 */
public final class Npy {
  private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
  /** numpy aligns the data start to 64 bytes; we write the same. */
  private static final int ALIGN = 64;
  /** Values are converted in chunks of this many bytes, so a large file never needs a second full-size buffer. */
  private static final int CHUNK = 1 << 20;

  private static final Pattern DESCR = Pattern.compile("['\"]descr['\"]\\s*:\\s*(?:'([^']*)'|\"([^\"]*)\"|(\\[))");
  private static final Pattern FORTRAN = Pattern.compile("['\"]fortran_order['\"]\\s*:\\s*(True|False)");
  private static final Pattern SHAPE = Pattern.compile("['\"]shape['\"]\\s*:\\s*\\(([^)]*)\\)");

  private Npy() {}

  /** What the header says about the data. */
  private record Header(String dtype, ByteOrder order, int itemSize, int[] shape, long dataOffset) {}

  /**
   * Reads a {@code .npy} file.
   *
   * @throws UserInputException if the file is missing or is not a supported array, naming the file and the problem
   * @throws IOException if reading fails
   */
  public static NumericArray read(Path file) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      Header h = readHeader(file, ch);
      long count = 1;
      for (int s : h.shape) {
        count *= s;
      }
      if (count > Integer.MAX_VALUE - 8) {
        throw new UserInputException(file, file + ": " + count + " values are more than one Java array holds");
      }
      long need = count * h.itemSize;
      long have = ch.size() - h.dataOffset;
      if (have < need) {
        throw new UserInputException(file, file + " is truncated: its header promises shape " + shapeText(h.shape)
            + " of " + h.dtype + " (" + need + " bytes of data) but only " + Math.max(0, have)
            + " bytes follow the header. Re-save it with numpy.save.");
      }
      double[] data = new double[(int) count];
      readData(ch, h, data);
      return new NumericArray(data, h.shape, h.dtype);
    } catch (NoSuchFileException e) {
      throw new UserInputException(file, "file not found: " + file, e);
    }
  }

  private static Header readHeader(Path file, FileChannel ch) throws IOException {
    ByteBuffer pre = ByteBuffer.allocate(MAGIC.length + 2).order(ByteOrder.LITTLE_ENDIAN);
    readFully(ch, pre);
    byte[] magic = new byte[MAGIC.length];
    pre.flip();
    if (pre.remaining() < pre.capacity()) {
      throw notNpy(file, "it is shorter than the 8-byte .npy preamble");
    }
    pre.get(magic);
    if (!java.util.Arrays.equals(magic, MAGIC)) {
      throw notNpy(file, "it does not start with the .npy magic \\x93NUMPY");
    }
    int major = pre.get() & 0xff;
    int minor = pre.get() & 0xff;
    if (major < 1 || major > 3) {
      throw new UserInputException(file, file + ": .npy format version " + major + "." + minor
          + " is not supported (versions 1.0, 2.0 and 3.0 are)");
    }
    int lenBytes = major == 1 ? 2 : 4;
    ByteBuffer lenBuf = ByteBuffer.allocate(lenBytes).order(ByteOrder.LITTLE_ENDIAN);
    readFully(ch, lenBuf);
    if (lenBuf.position() < lenBytes) {
      throw truncatedHeader(file);
    }
    lenBuf.flip();
    long headerLen = major == 1 ? lenBuf.getShort() & 0xffff : lenBuf.getInt() & 0xffffffffL;
    if (headerLen > ch.size()) {
      throw truncatedHeader(file);
    }
    ByteBuffer hb = ByteBuffer.allocate((int) headerLen);
    readFully(ch, hb);
    if (hb.position() < headerLen) {
      throw truncatedHeader(file);
    }
    // 1.0 and 2.0 headers are latin-1, 3.0 headers UTF-8; the dict itself is ASCII either way.
    String header = new String(hb.array(), major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
    return parseHeader(file, header, MAGIC.length + 2 + lenBytes + headerLen);
  }

  private static Header parseHeader(Path file, String header, long dataOffset) {
    Matcher d = DESCR.matcher(header);
    Matcher f = FORTRAN.matcher(header);
    Matcher s = SHAPE.matcher(header);
    if (!d.find() || !f.find() || !s.find()) {
      throw new UserInputException(file, file + ": malformed .npy header (need 'descr', 'fortran_order' and "
          + "'shape'): " + header.strip());
    }
    if (d.group(3) != null) {
      throw new UserInputException(file, file + ": structured arrays (record dtypes) are not supported; save a "
          + "plain numeric array");
    }
    String descr = d.group(1) != null ? d.group(1) : d.group(2);
    if (f.group(1).equals("True")) {
      throw new UserInputException(file, file + " is stored in Fortran (column-major) order; save it in C order "
          + "with numpy.save(path, numpy.ascontiguousarray(a))");
    }
    int[] shape = parseShape(file, s.group(1));
    if (shape.length < 1 || shape.length > 2) {
      throw new UserInputException(file, file + " holds a " + shape.length + "-D array of shape " + shapeText(shape)
          + "; only 1-D and 2-D arrays are supported (reshape it to [N] or [N, C])");
    }
    return dtype(file, descr, shape, dataOffset);
  }

  private static Header dtype(Path file, String descr, int[] shape, long dataOffset) {
    if (descr.length() < 2) {
      throw unsupported(file, descr);
    }
    char bo = descr.charAt(0);
    String code = descr.substring(1);
    ByteOrder order = switch (bo) {
      case '<', '|', '=' -> ByteOrder.LITTLE_ENDIAN; // '=' is native; numpy writes '<' or '>' explicitly
      case '>' -> ByteOrder.BIG_ENDIAN;
      default -> throw unsupported(file, descr);
    };
    String name = switch (code) {
      case "f4" -> "float32";
      case "f8" -> "float64";
      case "i4" -> "int32";
      case "i8" -> "int64";
      case "u1" -> "uint8";
      case "b1" -> "bool";
      case "O" -> throw new UserInputException(file, file + " holds an object array (dtype O), which xent does not "
          + "read (it would need Python pickle); save a numeric array, e.g. a.astype(numpy.float32)");
      default -> throw unsupported(file, descr);
    };
    return new Header(name, order, Integer.parseInt(code.substring(1)), shape, dataOffset);
  }

  private static int[] parseShape(Path file, String text) {
    List<Integer> dims = new ArrayList<>();
    for (String part : text.split(",")) {
      String p = part.strip();
      if (p.endsWith("L")) {
        p = p.substring(0, p.length() - 1); // Python 2 long literal
      }
      if (p.isEmpty()) {
        continue;
      }
      try {
        long v = Long.parseLong(p);
        if (v < 0 || v > Integer.MAX_VALUE) {
          throw new NumberFormatException();
        }
        dims.add((int) v);
      } catch (NumberFormatException e) {
        throw new UserInputException(file, file + ": malformed shape (" + text + ") in the .npy header");
      }
    }
    return dims.stream().mapToInt(Integer::intValue).toArray();
  }

  private static void readData(FileChannel ch, Header h, double[] out) throws IOException {
    ch.position(h.dataOffset);
    int item = h.itemSize;
    ByteBuffer buf = ByteBuffer.allocate(Math.max(item, CHUNK / item * item)).order(h.order);
    int i = 0;
    while (i < out.length) {
      buf.clear();
      buf.limit((int) Math.min(buf.capacity(), (long) (out.length - i) * item));
      readFully(ch, buf);
      buf.flip();
      int n = buf.remaining() / item;
      switch (h.dtype) {
        case "float32" -> { for (int k = 0; k < n; k++) out[i + k] = buf.getFloat(); }
        case "float64" -> { for (int k = 0; k < n; k++) out[i + k] = buf.getDouble(); }
        case "int32" -> { for (int k = 0; k < n; k++) out[i + k] = buf.getInt(); }
        case "int64" -> { for (int k = 0; k < n; k++) out[i + k] = buf.getLong(); }
        case "uint8" -> { for (int k = 0; k < n; k++) out[i + k] = buf.get() & 0xff; }
        case "bool" -> { for (int k = 0; k < n; k++) out[i + k] = buf.get() != 0 ? 1 : 0; }
        default -> throw new IllegalStateException("unhandled dtype " + h.dtype);
      }
      i += n;
    }
  }

  private static void readFully(FileChannel ch, ByteBuffer b) throws IOException {
    while (b.hasRemaining() && ch.read(b) >= 0) {
      // keep reading until full or end of file
    }
  }

  /**
   * Writes {@code a} as a little-endian, C-order {@code .npy} file (version 1.0, or 2.0 for a header over 64 KiB)
   * in its own dtype. The file appears complete or not at all: it is written beside the target and moved into
   * place.
   *
   * @throws IllegalArgumentException if a value cannot be stored in the array's dtype (a fraction in an integer
   *     array, a value out of the type's range)
   */
  public static void write(Path file, NumericArray a) throws IOException {
    String descr = switch (a.dtype()) {
      case "float32" -> "<f4";
      case "float64" -> "<f8";
      case "int32" -> "<i4";
      case "int64" -> "<i8";
      case "uint8" -> "|u1";
      case "bool" -> "|b1";
      default -> throw new IllegalArgumentException("unsupported dtype " + a.dtype());
    };
    int item = Integer.parseInt(descr.substring(2));
    String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + a.shapeText() + ", }";
    int major = dict.length() + 1 + 10 > 0xffff ? 2 : 1;
    int pre = MAGIC.length + 2 + (major == 1 ? 2 : 4);
    int padded = ((pre + dict.length() + 1 + ALIGN - 1) / ALIGN) * ALIGN - pre; // header incl. '\n'
    String header = dict + " ".repeat(padded - dict.length() - 1) + "\n";
    AtomicFile.write(file, ch -> {
      ByteBuffer head = ByteBuffer.allocate(pre + padded).order(ByteOrder.LITTLE_ENDIAN);
      head.put(MAGIC).put((byte) major).put((byte) 0);
      if (major == 1) {
        head.putShort((short) padded);
      } else {
        head.putInt(padded);
      }
      head.put(header.getBytes(StandardCharsets.ISO_8859_1)).flip();
      writeFully(ch, head);
      double[] data = a.data();
      ByteBuffer buf = ByteBuffer.allocate(CHUNK).order(ByteOrder.LITTLE_ENDIAN);
      for (int i = 0; i < data.length; i++) {
        if (buf.remaining() < item) {
          buf.flip();
          writeFully(ch, buf);
          buf.clear();
        }
        put(buf, a.dtype(), data[i], i, file);
      }
      buf.flip();
      writeFully(ch, buf);
    });
  }

  private static void put(ByteBuffer buf, String dtype, double v, int index, Path file) {
    switch (dtype) {
      case "float32" -> buf.putFloat((float) v);
      case "float64" -> buf.putDouble(v);
      case "int32" -> buf.putInt((int) integral(v, Integer.MIN_VALUE, Integer.MAX_VALUE, dtype, index, file));
      case "int64" -> buf.putLong(integral(v, Long.MIN_VALUE, Long.MAX_VALUE, dtype, index, file));
      case "uint8" -> buf.put((byte) integral(v, 0, 255, dtype, index, file));
      case "bool" -> buf.put((byte) integral(v, 0, 1, dtype, index, file));
      default -> throw new IllegalArgumentException("unsupported dtype " + dtype);
    }
  }

  private static long integral(double v, long min, long max, String dtype, int index, Path file) {
    if (v != Math.rint(v) || v < min || v > max) {
      throw new IllegalArgumentException(file + ": value " + v + " at index " + index + " does not fit dtype "
          + dtype + "; nothing was written");
    }
    return (long) v;
  }

  private static void writeFully(FileChannel ch, ByteBuffer b) throws IOException {
    while (b.hasRemaining()) {
      ch.write(b);
    }
  }

  private static String shapeText(int[] shape) {
    StringBuilder sb = new StringBuilder("(");
    for (int i = 0; i < shape.length; i++) {
      sb.append(i > 0 ? ", " : "").append(shape[i]);
    }
    return sb.append(shape.length == 1 ? ",)" : ")").toString();
  }

  private static UserInputException notNpy(Path file, String why) {
    return new UserInputException(file, file + " is not a .npy file: " + why + ". Save arrays with numpy.save, or "
        + "use a .csv file.");
  }

  private static UserInputException truncatedHeader(Path file) {
    return new UserInputException(file, file + " is truncated: the .npy header ends early. Re-save it with "
        + "numpy.save.");
  }

  private static UserInputException unsupported(Path file, String descr) {
    return new UserInputException(file, file + ": dtype '" + descr + "' is not supported; use float32 (<f4), "
        + "float64 (<f8), int32 (<i4), int64 (<i8), uint8 (|u1) or bool (|b1), e.g. a.astype(numpy.float32)");
  }
}
