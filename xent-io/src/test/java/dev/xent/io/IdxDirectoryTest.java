package dev.xent.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxDirectoryTest {
  @TempDir Path dir;

  private void writeSplit(String prefix, String suffix, int n, int labelCount) {
    byte[] px = new byte[n * 4];
    for (int i = 0; i < px.length; i++) {
      px[i] = (byte) (i * 17);
    }
    byte[] lb = new byte[labelCount];
    for (int i = 0; i < labelCount; i++) {
      lb[i] = (byte) (i % 10);
    }
    IdxWriter.write(dir.resolve(prefix + "-images-idx3-ubyte" + suffix), new int[] {n, 2, 2}, px);
    IdxWriter.write(dir.resolve(prefix + "-labels-idx1-ubyte" + suffix), new int[] {labelCount}, lb);
  }

  @Test
  void loadsBothSplitsScaledToUnitInterval() {
    writeSplit("train", ".gz", 12, 12);
    writeSplit("t10k", "", 3, 3);
    assertThat(IdxDirectory.looksLike(dir)).isTrue();
    LabeledFeatures train = IdxDirectory.load(dir, IdxDirectory.Split.TRAIN);
    assertThat(train.rows()).isEqualTo(12);
    assertThat(train.cols()).isEqualTo(4);
    assertThat(train.labels()).startsWith(0, 1, 2).endsWith(0, 1);
    assertThat(train.classNames()).containsExactly("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
    // pixel i holds (i*17) mod 256; pixel 15 = 255 -> 1.0, pixel 1 = 17 -> 17/255
    assertThat(train.features()[15]).isEqualTo(1.0f);
    assertThat(train.features()[1]).isCloseTo(17f / 255f, within(1e-7f));
    LabeledFeatures test = IdxDirectory.load(dir, IdxDirectory.Split.TEST);
    assertThat(test.rows()).isEqualTo(3);
  }

  @Test
  void countMismatchNamesBothFiles() {
    writeSplit("train", "", 5, 4);
    assertThatThrownBy(() -> IdxDirectory.load(dir, IdxDirectory.Split.TRAIN))
        .isInstanceOf(DataFormatException.class)
        .hasMessageContaining("train-images-idx3-ubyte holds 5 images")
        .hasMessageContaining("train-labels-idx1-ubyte holds 4 labels");
  }

  @Test
  void labelOutsideTenClasses() {
    IdxWriter.write(dir.resolve("train-images-idx3-ubyte"), new int[] {2, 1, 1}, new byte[] {0, 1});
    IdxWriter.write(dir.resolve("train-labels-idx1-ubyte"), new int[] {2}, new byte[] {3, 12});
    assertThatThrownBy(() -> IdxDirectory.load(dir, IdxDirectory.Split.TRAIN))
        .hasMessageContaining("label 12 at index 1");
  }

  @Test
  void missingFilesAndDirectory() throws IOException {
    writeSplit("train", "", 2, 2);
    assertThatThrownBy(() -> IdxDirectory.load(dir, IdxDirectory.Split.TEST))
        .isInstanceOf(DataFormatException.class)
        .hasMessageContaining("no t10k-images-idx3-ubyte[.gz] file");
    Path none = dir.resolve("absent");
    assertThat(IdxDirectory.looksLike(none)).isFalse();
    assertThatThrownBy(() -> IdxDirectory.load(none, IdxDirectory.Split.TRAIN)).hasMessageContaining("not a directory");
    Files.createDirectory(dir.resolve("empty"));
    assertThat(IdxDirectory.looksLike(dir.resolve("empty"))).isFalse();
  }

  @Test
  void dottedMirrorNamesAreAccepted() {
    IdxWriter.write(dir.resolve("train-images.idx3-ubyte"), new int[] {1, 1, 1}, new byte[] {7});
    IdxWriter.write(dir.resolve("train-labels.idx1-ubyte"), new int[] {1}, new byte[] {9});
    LabeledFeatures t = IdxDirectory.load(dir, IdxDirectory.Split.TRAIN);
    assertThat(t.labels()).containsExactly(9);
  }
}
