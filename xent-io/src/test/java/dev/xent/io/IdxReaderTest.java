package dev.xent.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTest {
  @TempDir Path dir;

  /** Hand-built bytes, independent of IdxWriter: 2 images of 2x3 pixels. */
  private static byte[] images2x2x3() {
    return new byte[] {
      0, 0, 8, 3, // magic 0x00000803
      0, 0, 0, 2, 0, 0, 0, 2, 0, 0, 0, 3, // dims 2, 2, 3 big-endian
      0, 1, 2, 3, 4, 5, // image 0
      (byte) 250, (byte) 251, (byte) 252, (byte) 253, (byte) 254, (byte) 255 // image 1
    };
  }

  @Test
  void readsHandBuiltImagesFile() throws IOException {
    Path f = dir.resolve("img");
    Files.write(f, images2x2x3());
    IdxArray a = IdxReader.readImages(f);
    assertThat(a.dims()).containsExactly(2, 2, 3);
    assertThat(a.count()).isEqualTo(2);
    assertThat(a.itemSize()).isEqualTo(6);
    assertThat(a.data()[0]).isEqualTo((byte) 0);
    assertThat(a.data()[11] & 0xFF).isEqualTo(255);
  }

  @Test
  void gzipIsDetectedByMagicBytesNotName() throws IOException {
    ByteArrayOutputStream bos = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(bos)) {
      gz.write(images2x2x3());
    }
    Path f = dir.resolve("images-without-gz-suffix");
    Files.write(f, bos.toByteArray());
    IdxArray a = IdxReader.readImages(f);
    assertThat(a.dims()).containsExactly(2, 2, 3);
    assertThat(a.data()[7] & 0xFF).isEqualTo(251);
  }

  @Test
  void writerRoundTripsPlainAndGzip() {
    byte[] labels = {3, 1, 4, 1, 5, 9, 2, 6};
    for (String name : new String[] {"l", "l.gz"}) {
      Path f = dir.resolve(name);
      IdxWriter.write(f, new int[] {8}, labels);
      IdxArray a = IdxReader.readLabels(f);
      assertThat(a.dims()).containsExactly(8);
      assertThat(a.data()).containsExactly(labels);
    }
  }

  @Test
  void truncatedFileNamesFileAndCounts() throws IOException {
    Path f = dir.resolve("trunc");
    Files.write(f, Arrays.copyOf(images2x2x3(), 20));
    assertThatThrownBy(() -> IdxReader.readImages(f))
        .isInstanceOf(DataFormatException.class)
        .hasMessageContaining(f.toString())
        .hasMessageContaining("truncated")
        .hasMessageContaining("12 values")
        .hasMessageContaining("only 4")
        .hasMessageContaining("Download the file again");
  }

  @Test
  void truncatedGzipStream() throws IOException {
    ByteArrayOutputStream bos = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(bos)) {
      gz.write(new byte[4000]);
    }
    byte[] full = bos.toByteArray();
    Path f = dir.resolve("trunc.gz");
    Files.write(f, Arrays.copyOf(full, full.length / 2));
    assertThatThrownBy(() -> IdxReader.read(f, 0))
        .isInstanceOf(DataFormatException.class)
        .hasMessageContaining(f.toString());
  }

  @Test
  void headerCutShort() throws IOException {
    Path f = dir.resolve("short");
    Files.write(f, Arrays.copyOf(images2x2x3(), 9));
    assertThatThrownBy(() -> IdxReader.readImages(f)).hasMessageContaining("ends inside the IDX header");
    Files.write(f, new byte[] {0, 0});
    assertThatThrownBy(() -> IdxReader.readImages(f)).hasMessageContaining("too short");
  }

  @Test
  void extraBytesDisagreeWithDims() throws IOException {
    Path f = dir.resolve("long");
    byte[] b = Arrays.copyOf(images2x2x3(), images2x2x3().length + 3);
    Files.write(f, b);
    assertThatThrownBy(() -> IdxReader.readImages(f))
        .isInstanceOf(DataFormatException.class)
        .hasMessageContaining("2 x 2 x 3")
        .hasMessageContaining("holds more");
  }

  @Test
  void badMagic() throws IOException {
    Path f = dir.resolve("png");
    Files.write(f, new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0, 0, 0});
    assertThatThrownBy(() -> IdxReader.readImages(f))
        .isInstanceOf(DataFormatException.class)
        .hasMessageContaining("bad magic number 0x89504e47")
        .hasMessageContaining("0x00000803");
  }

  @Test
  void labelsFileWhereImagesExpected() throws IOException {
    Path f = dir.resolve("labels");
    IdxWriter.write(f, new int[] {3}, new byte[] {1, 2, 3});
    assertThatThrownBy(() -> IdxReader.readImages(f))
        .hasMessageContaining("magic number 0x00000801, expected 0x00000803")
        .hasMessageContaining("swapped");
  }

  @Test
  void unsupportedValueType() throws IOException {
    Path f = dir.resolve("floats");
    Files.write(f, new byte[] {0, 0, 0x0D, 1, 0, 0, 0, 1, 0, 0, 0, 0});
    assertThatThrownBy(() -> IdxReader.read(f, 0)).hasMessageContaining("type 0x0d is not supported");
  }

  @Test
  void missingFile() {
    Path f = dir.resolve("nope");
    assertThatThrownBy(() -> IdxReader.readLabels(f))
        .isInstanceOf(DataFormatException.class)
        .hasMessageContaining("file not found");
  }
}
