package dev.xent.io.safetensors;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.xent.io.DataFormatException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A safetensors file in memory: named tensors and string metadata, with a reader and a writer that follow the
 * Hugging Face reference implementation.
 *
 * <p>Layout: an 8-byte little-endian unsigned header length N; N bytes of UTF-8 JSON
 * {@code {"__metadata__": {str: str}, name: {"dtype", "shape", "data_offsets": [begin, end]}, ...}}; then the
 * byte buffer, in which each tensor occupies {@code [begin, end)}. The writer emits tensors sorted by name
 * with contiguous offsets, writes {@code __metadata__} first (omitted when empty) and pads the header with
 * spaces to a multiple of 8 bytes, as the reference implementation does. The reader rejects a malformed file
 * with a {@link DataFormatException} that names the file and the problem.
 *
 * <p>PyTorch reads what this class writes with {@code safetensors.torch.load_file(path)}, or without the
 * package by parsing the header with {@code json} and the buffer with {@code torch.frombuffer}.
 *
 * @param tensors the tensors by name, sorted by name
 * @param metadata the free-form {@code __metadata__} entries
 */
public record Safetensors(SortedMap<String, Tensor> tensors, Map<String, String> metadata) {
  /** The reserved header key that holds the metadata. */
  public static final String METADATA_KEY = "__metadata__";
  // The reference implementation refuses headers above 100 MB (HeaderTooLarge) so that a corrupt length field
  // cannot make the reader allocate gigabytes; we keep the same bound.
  static final long MAX_HEADER_BYTES = 100_000_000L;
  // The reference pads the header with spaces so that the buffer starts at an 8-byte-aligned offset.
  private static final int ALIGNMENT = 8;
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  public Safetensors {
    tensors = Collections.unmodifiableSortedMap(new TreeMap<>(tensors));
    metadata = Collections.unmodifiableSortedMap(new TreeMap<>(metadata));
    for (String name : tensors.keySet()) {
      if (name.equals(METADATA_KEY)) {
        throw new IllegalArgumentException("a tensor cannot be named " + METADATA_KEY);
      }
    }
  }

  /** The tensor called {@code name}, or an error that lists the names there are. */
  public Tensor tensor(String name) {
    Tensor t = tensors.get(name);
    if (t == null) {
      throw new IllegalArgumentException("no tensor named '" + name + "'; the file has " + tensors.keySet());
    }
    return t;
  }

  /** The file's bytes: header length, padded header, buffer. */
  public byte[] toBytes() {
    byte[] header = header();
    long bufferBytes = 0;
    for (Tensor t : tensors.values()) {
      bufferBytes += t.bytes().length;
    }
    long total = 8 + header.length + bufferBytes;
    if (total > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("safetensors file of " + total + " bytes is too large to build in memory");
    }
    ByteBuffer out = ByteBuffer.allocate((int) total).order(ByteOrder.LITTLE_ENDIAN);
    out.putLong(header.length).put(header);
    for (Tensor t : tensors.values()) {
      out.put(t.bytes());
    }
    return out.array();
  }

  /**
   * Writes the file and forces it to the storage device. Not atomic on its own: write into a temporary
   * location and move it into place when a reader must never see a partial file (as {@code ModelStore} does).
   */
  public void write(Path file) {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
        StandardOpenOption.WRITE)) {
      ByteBuffer buf = ByteBuffer.wrap(toBytes());
      while (buf.hasRemaining()) {
        ch.write(buf);
      }
      ch.force(true);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  private byte[] header() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (JsonGenerator g = new JsonFactory().createGenerator(bytes)) {
      g.writeStartObject();
      if (!metadata.isEmpty()) {
        g.writeObjectFieldStart(METADATA_KEY);
        for (Map.Entry<String, String> e : metadata.entrySet()) {
          g.writeStringField(e.getKey(), e.getValue());
        }
        g.writeEndObject();
      }
      long offset = 0;
      for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
        Tensor t = e.getValue();
        g.writeObjectFieldStart(e.getKey());
        g.writeStringField("dtype", t.dtype().name());
        g.writeArrayFieldStart("shape");
        for (long d : t.shape()) {
          g.writeNumber(d);
        }
        g.writeEndArray();
        g.writeArrayFieldStart("data_offsets");
        g.writeNumber(offset);
        offset += t.bytes().length;
        g.writeNumber(offset);
        g.writeEndArray();
        g.writeEndObject();
      }
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    int pad = (ALIGNMENT - bytes.size() % ALIGNMENT) % ALIGNMENT;
    for (int i = 0; i < pad; i++) {
      bytes.write(' ');
    }
    return bytes.toByteArray();
  }

  /** Reads and validates a safetensors file. */
  public static Safetensors read(Path file) {
    byte[] all;
    try {
      all = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new DataFormatException(file, "file not found", "Check the path");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
    return parse(file, all);
  }

  /**
   * Parses the bytes of a safetensors file.
   *
   * @param file used in error messages only
   */
  public static Safetensors parse(Path file, byte[] all) {
    String fix = "The file is not a valid safetensors file; write it again (e.g. safetensors.torch.save_file)";
    if (all.length < 8) {
      throw new DataFormatException(file, "only " + all.length + " bytes, too short for the 8-byte header length",
          fix);
    }
    long n = ByteBuffer.wrap(all, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    if (n < 0 || n > MAX_HEADER_BYTES) {
      throw new DataFormatException(file, "header length " + Long.toUnsignedString(n) + " exceeds the "
          + MAX_HEADER_BYTES + "-byte limit", fix);
    }
    if (8 + n > all.length) {
      throw new DataFormatException(file, "header length " + n + " goes beyond the end of the file ("
          + all.length + " bytes); the file is truncated or not safetensors", fix);
    }
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(all, 8, (int) n)).toString();
    } catch (CharacterCodingException e) {
      throw new DataFormatException(file, "the header is not valid UTF-8", fix);
    }
    if (!text.startsWith("{")) {
      throw new DataFormatException(file, "the header does not start with '{'", fix);
    }
    JsonNode root;
    try {
      root = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new DataFormatException(file, "invalid JSON header: " + e.getOriginalMessage(), fix);
    }
    if (root == null || !root.isObject()) {
      throw new DataFormatException(file, "the JSON header is not an object", fix);
    }
    int bufferStart = (int) (8 + n);
    long bufferLength = all.length - bufferStart;
    Map<String, String> metadata = new TreeMap<>();
    List<Entry> entries = new ArrayList<>();
    for (Map.Entry<String, JsonNode> f : root.properties()) {
      if (f.getKey().equals(METADATA_KEY)) {
        readMetadata(file, f.getValue(), metadata, fix);
      } else {
        entries.add(readEntry(file, f.getKey(), f.getValue(), fix));
      }
    }
    // The reference implementation sorts by offsets and requires the tensors to tile the buffer exactly:
    // each begins where the previous ended, the first at 0 and the last at the end of the file.
    entries.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
    long expected = 0;
    for (Entry e : entries) {
      if (e.begin != expected) {
        throw new DataFormatException(file, "tensor '" + e.name + "' has data_offsets [" + e.begin + ", " + e.end
            + "] but the previous tensor ends at " + expected + " (offsets overlap or leave a gap)", fix);
      }
      if (e.end > bufferLength) {
        throw new DataFormatException(file, "tensor '" + e.name + "' has data_offsets [" + e.begin + ", " + e.end
            + "] beyond the " + bufferLength + "-byte data buffer (truncated file?)", fix);
      }
      expected = e.end;
    }
    if (expected != bufferLength) {
      throw new DataFormatException(file, "the tensors cover " + expected + " bytes but the data buffer holds "
          + bufferLength + " (trailing bytes or a wrong header length)", fix);
    }
    SortedMap<String, Tensor> tensors = new TreeMap<>();
    for (Entry e : entries) {
      byte[] bytes = new byte[(int) (e.end - e.begin)];
      System.arraycopy(all, bufferStart + (int) e.begin, bytes, 0, bytes.length);
      tensors.put(e.name, new Tensor(e.dtype, e.shape, bytes));
    }
    return new Safetensors(tensors, metadata);
  }

  private record Entry(String name, Dtype dtype, long[] shape, long begin, long end) {}

  private static void readMetadata(Path file, JsonNode node, Map<String, String> into, String fix) {
    if (!node.isObject()) {
      throw new DataFormatException(file, METADATA_KEY + " must be an object of strings", fix);
    }
    for (Map.Entry<String, JsonNode> m : node.properties()) {
      if (!m.getValue().isTextual()) {
        throw new DataFormatException(file, METADATA_KEY + " entry '" + m.getKey() + "' is not a string", fix);
      }
      into.put(m.getKey(), m.getValue().asText());
    }
  }

  private static Entry readEntry(Path file, String name, JsonNode node, String fix) {
    String where = "tensor '" + name + "'";
    if (!node.isObject()) {
      throw new DataFormatException(file, where + " is not an object with dtype, shape and data_offsets", fix);
    }
    JsonNode dt = node.get("dtype");
    if (dt == null || !dt.isTextual()) {
      throw new DataFormatException(file, where + " has no dtype string", fix);
    }
    Dtype dtype = Dtype.byName(dt.asText());
    if (dtype == null) {
      throw new DataFormatException(file, where + " has unknown dtype '" + dt.asText() + "'",
          "Supported dtypes: " + java.util.Arrays.toString(Dtype.values()));
    }
    long[] shape = longs(file, node.get("shape"), where + " shape", -1, fix);
    long[] offsets = longs(file, node.get("data_offsets"), where + " data_offsets", 2, fix);
    if (offsets[1] < offsets[0]) {
      throw new DataFormatException(file, where + " has data_offsets [" + offsets[0] + ", " + offsets[1]
          + "] that end before they begin", fix);
    }
    long numel;
    try {
      numel = Math.multiplyExact(Tensor.numel(shape), dtype.bytes());
    } catch (ArithmeticException e) {
      throw new DataFormatException(file, where + " shape " + java.util.Arrays.toString(shape) + " is too large", fix);
    }
    if (numel != offsets[1] - offsets[0]) {
      throw new DataFormatException(file, where + " shape " + java.util.Arrays.toString(shape) + " of " + dtype
          + " needs " + numel + " bytes but data_offsets [" + offsets[0] + ", " + offsets[1] + "] span "
          + (offsets[1] - offsets[0]), fix);
    }
    return new Entry(name, dtype, shape, offsets[0], offsets[1]);
  }

  private static long[] longs(Path file, JsonNode node, String what, int length, String fix) {
    if (node == null || !node.isArray() || (length >= 0 && node.size() != length)) {
      throw new DataFormatException(file, what + " must be an array" + (length >= 0 ? " of " + length : "")
          + " non-negative integers", fix);
    }
    long[] out = new long[node.size()];
    for (int i = 0; i < out.length; i++) {
      JsonNode v = node.get(i);
      if (!v.isIntegralNumber() || !v.canConvertToLong() || v.asLong() < 0) {
        throw new DataFormatException(file, what + " must hold non-negative integers, found " + v, fix);
      }
      out[i] = v.asLong();
    }
    return out;
  }
}
