package dev.xent.io.safetensors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.xent.io.DataFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetensorsTest {
  @TempDir Path dir;

  private static final Path NAME = Path.of("x.safetensors");

  /** A file with the given header text (unpadded) and a buffer of {@code bufferBytes} zero bytes. */
  private static byte[] file(String header, int bufferBytes) {
    byte[] h = header.getBytes(StandardCharsets.UTF_8);
    return ByteBuffer.allocate(8 + h.length + bufferBytes).order(ByteOrder.LITTLE_ENDIAN)
        .putLong(h.length).put(h).array();
  }

  private static Safetensors parse(String header, int bufferBytes) {
    return Safetensors.parse(NAME, file(header, bufferBytes));
  }

  @Test
  void writesTheReferenceLayoutByteForByte() {
    Map<String, Tensor> t = new TreeMap<>();
    t.put("b", Tensor.ofFloats(new float[] {1f, -2f}, 2));
    t.put("a", Tensor.ofFloats(new float[] {0.5f}, 1, 1));
    byte[] bytes = new Safetensors(new TreeMap<>(t), Map.of("format", "pt")).toBytes();
    String json = "{\"__metadata__\":{\"format\":\"pt\"},"
        + "\"a\":{\"dtype\":\"F32\",\"shape\":[1,1],\"data_offsets\":[0,4]},"
        + "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}";
    int padded = (json.length() + 7) / 8 * 8; // the reference pads with spaces to 8-byte alignment
    ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    assertThat(b.getLong()).isEqualTo(padded);
    String header = new String(bytes, 8, padded, StandardCharsets.UTF_8);
    assertThat(header).isEqualTo(json + " ".repeat(padded - json.length()));
    b.position(8 + padded);
    assertThat(b.getFloat()).isEqualTo(0.5f);
    assertThat(b.getFloat()).isEqualTo(1f);
    assertThat(b.getFloat()).isEqualTo(-2f);
    assertThat(b.hasRemaining()).isFalse();
  }

  @Test
  void roundTripThroughAFile() {
    Map<String, Tensor> t = new TreeMap<>();
    t.put("layers.0.weight", Tensor.ofFloats(new float[] {1f, 2f, 3f, 4f, 5f, 6f}, 3, 2));
    t.put("layers.0.bias", Tensor.ofFloats(new float[] {Float.MIN_VALUE, -0f, Float.MAX_VALUE}, 3));
    t.put("empty", Tensor.ofFloats(new float[0], 0, 5));
    Safetensors s = new Safetensors(new TreeMap<>(t), Map.of("k", "v", "ü", "ß"));
    Path f = dir.resolve("m.safetensors");
    s.write(f);
    Safetensors back = Safetensors.read(f);
    assertThat(back.tensors()).isEqualTo(s.tensors());
    assertThat(back.metadata()).containsExactlyInAnyOrderEntriesOf(Map.of("k", "v", "ü", "ß"));
    assertThat(back.tensor("layers.0.weight").shape()).containsExactly(3, 2);
    assertThat(back.tensor("layers.0.bias").toFloats()).containsExactly(Float.MIN_VALUE, -0f, Float.MAX_VALUE);
    assertThatThrownBy(() -> back.tensor("nope")).hasMessageContaining("layers.0.bias");
  }

  @Test
  void readsTheFixtureWrittenByPyTorch() throws IOException {
    // written by src/test/python/safetensors_interop.py write ...: buffer order differs from name order,
    // header unpadded, mixed dtypes.
    byte[] bytes;
    try (InputStream in = getClass().getResourceAsStream("torch_written.safetensors")) {
      bytes = in.readAllBytes();
    }
    Safetensors s = Safetensors.parse(Path.of("torch_written.safetensors"), bytes);
    assertThat(s.tensors().keySet()).containsExactly("bias", "half", "ids", "scalar", "weight");
    assertThat(s.metadata()).containsEntry("format", "pt");
    Tensor w = s.tensor("weight");
    assertThat(w.dtype()).isEqualTo(Dtype.F32);
    assertThat(w.shape()).containsExactly(2, 3);
    assertThat(w.toFloats()).containsExactly(0f, 0.5f, 1f, 1.5f, 2f, 2.5f);
    Tensor b = s.tensor("bias");
    assertThat(b.dtype()).isEqualTo(Dtype.F64);
    assertThat(b.toDoubles()).containsExactly(-1.25, 3.0e-8, 1.0e10);
    assertThat(b.toFloats()).containsExactly(-1.25f, 3.0e-8f, 1.0e10f);
    Tensor h = s.tensor("half");
    assertThat(h.dtype()).isEqualTo(Dtype.F16);
    // 65504 is the largest half, 2^-24 the smallest subnormal: both exact
    assertThat(h.toFloats()).containsExactly(1f, -2.5f, 65504f, 0x1p-24f);
    assertThat(s.tensor("ids").toDoubles()).containsExactly(0, -1, 1099511627776.0, 7);
    assertThat(s.tensor("scalar").shape()).isEmpty();
    assertThat(s.tensor("scalar").toFloats()).containsExactly(42f);
  }

  @Test
  void rejectsFileShorterThanTheLengthField() {
    assertThatThrownBy(() -> Safetensors.parse(NAME, new byte[5]))
        .isInstanceOf(DataFormatException.class).hasMessageContaining("x.safetensors").hasMessageContaining("too short");
  }

  @Test
  void rejectsHeaderLengthBeyondTheFile() {
    byte[] b = file("{}", 0);
    ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putLong(0, 1000);
    assertThatThrownBy(() -> Safetensors.parse(NAME, b))
        .isInstanceOf(DataFormatException.class).hasMessageContaining("header length 1000 goes beyond the end");
    ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putLong(0, -1);
    assertThatThrownBy(() -> Safetensors.parse(NAME, b)).hasMessageContaining("18446744073709551615 exceeds");
  }

  @Test
  void rejectsInvalidJson() {
    assertThatThrownBy(() -> parse("{\"a\": {\"dtype\": \"F32\",", 0))
        .isInstanceOf(DataFormatException.class).hasMessageContaining("invalid JSON header");
    assertThatThrownBy(() -> parse("[1,2]", 0)).hasMessageContaining("does not start with '{'");
    assertThatThrownBy(() -> parse("{\"a\":1,\"a\":2}", 0)).hasMessageContaining("invalid JSON header");
  }

  @Test
  void rejectsInvalidUtf8() {
    byte[] b = file("{\"?\":1}", 0);
    b[10] = (byte) 0xFF;
    assertThatThrownBy(() -> Safetensors.parse(NAME, b)).hasMessageContaining("not valid UTF-8");
  }

  @Test
  void rejectsOffsetsBeyondTheBuffer() {
    assertThatThrownBy(() -> parse("{\"a\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[0,16]}}", 8))
        .isInstanceOf(DataFormatException.class)
        .hasMessageContaining("tensor 'a' has data_offsets [0, 16] beyond the 8-byte data buffer");
  }

  @Test
  void rejectsOverlappingOffsets() {
    String h = "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
        + "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}";
    assertThatThrownBy(() -> parse(h, 12))
        .isInstanceOf(DataFormatException.class)
        .hasMessageContaining("tensor 'b' has data_offsets [4, 12] but the previous tensor ends at 8");
  }

  @Test
  void rejectsGapsAndTrailingBytes() {
    String gap = "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}";
    assertThatThrownBy(() -> parse(gap, 8)).hasMessageContaining("previous tensor ends at 0");
    String ok = "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}";
    assertThatThrownBy(() -> parse(ok, 6)).hasMessageContaining("cover 4 bytes but the data buffer holds 6");
  }

  @Test
  void rejectsShapeThatDisagreesWithTheOffsets() {
    String h = "{\"a\":{\"dtype\":\"F64\",\"shape\":[2,3],\"data_offsets\":[0,24]}}";
    assertThatThrownBy(() -> parse(h, 24))
        .isInstanceOf(DataFormatException.class)
        .hasMessageContaining("shape [2, 3] of F64 needs 48 bytes but data_offsets [0, 24] span 24");
    String neg = "{\"a\":{\"dtype\":\"F64\",\"shape\":[-1],\"data_offsets\":[0,0]}}";
    assertThatThrownBy(() -> parse(neg, 0)).hasMessageContaining("non-negative integers");
    String backwards = "{\"a\":{\"dtype\":\"F64\",\"shape\":[0],\"data_offsets\":[8,0]}}";
    assertThatThrownBy(() -> parse(backwards, 8)).hasMessageContaining("end before they begin");
  }

  @Test
  void rejectsUnknownDtypeAndMissingFields() {
    assertThatThrownBy(() -> parse("{\"a\":{\"dtype\":\"F128\",\"shape\":[1],\"data_offsets\":[0,16]}}", 16))
        .isInstanceOf(DataFormatException.class).hasMessageContaining("unknown dtype 'F128'").hasMessageContaining("F32");
    assertThatThrownBy(() -> parse("{\"a\":{\"shape\":[1],\"data_offsets\":[0,4]}}", 4)).hasMessageContaining("no dtype");
    assertThatThrownBy(() -> parse("{\"a\":{\"dtype\":\"F32\",\"shape\":[1]}}", 4)).hasMessageContaining("data_offsets must be");
    assertThatThrownBy(() -> parse("{\"__metadata__\":{\"k\":1}}", 0)).hasMessageContaining("is not a string");
  }

  @Test
  void missingFile() {
    assertThatThrownBy(() -> Safetensors.read(dir.resolve("none.safetensors")))
        .isInstanceOf(DataFormatException.class).hasMessageContaining("file not found");
  }

  @Test
  void writerOverwritesAnOlderFileCompletely() throws IOException {
    Path f = dir.resolve("w.safetensors");
    Files.write(f, new byte[10_000]);
    Safetensors s = new Safetensors(new TreeMap<>(Map.of("x", Tensor.ofFloats(new float[] {3f}, 1))), Map.of());
    s.write(f);
    assertThat(Safetensors.read(f).tensor("x").toFloats()).containsExactly(3f);
  }
}
