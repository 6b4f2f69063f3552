package dev.xent.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.xent.data.UserInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetSourcesTest {
  @TempDir Path dir;

  private Path npy(String name, double[] data, int... shape) throws IOException {
    Path p = dir.resolve(name);
    Npy.write(p, new NumericArray(data, shape, "float32"));
    return p;
  }

  private static DatasetSource.Request train(Path data, String target) {
    return new DatasetSource.Request(data, target, DatasetSource.Split.TRAIN, true);
  }

  @Test
  void npyFeaturesWithClassIds() throws IOException {
    Path x = npy("x.npy", new double[] {1, 2, 3, 4, 5, 6}, 3, 2);
    Path y = npy("y.npy", new double[] {0, 2, 1}, 3);
    DatasetSource s = DatasetSources.resolve(x);
    assertThat(s.format()).isEqualTo("npy");
    LabeledFeatures d = s.load(train(x, y.toString()));
    assertThat(d.rows()).isEqualTo(3);
    assertThat(d.cols()).isEqualTo(2);
    assertThat(d.features()).containsExactly(1, 2, 3, 4, 5, 6);
    assertThat(d.labels()).containsExactly(0, 2, 1);
    assertThat(d.classNames()).containsExactly("0", "1", "2");
  }

  @Test
  void npyFeaturesWithProbabilityRows() throws IOException {
    Path x = npy("x.npy", new double[] {1, 2, 3, 4}, 2, 2);
    Path y = npy("y.npy", new double[] {0.25, 0.75, 1, 0}, 2, 2);
    LabeledFeatures d = DatasetSources.resolve(x).load(train(x, y.toString()));
    assertThat(d.labels()).isNull();
    assertThat(d.softTargets()).containsExactly(0.25f, 0.75f, 1f, 0f);
    assertThat(d.classes()).isEqualTo(2);
    Path bad = npy("bad.npy", new double[] {0.5, 0.6, 1, 0}, 2, 2);
    assertThatThrownBy(() -> DatasetSources.resolve(x).load(train(x, bad.toString())))
        .isInstanceOf(UserInputException.class).hasMessageContaining("bad.npy: row 0 sums to 1.1");
  }

  @Test
  void npyErrors() throws IOException {
    Path x = npy("x.npy", new double[] {1, 2, 3, 4}, 2, 2);
    DatasetSource s = DatasetSources.resolve(x);
    assertThatThrownBy(() -> s.load(train(x, null))).hasMessageContaining("--target LABELS.npy");
    Path y3 = npy("y3.npy", new double[] {0, 1, 1}, 3);
    assertThatThrownBy(() -> s.load(train(x, y3.toString())))
        .hasMessageContaining("y3.npy holds 3 targets but").hasMessageContaining("x.npy holds 2 samples");
    Path frac = npy("frac.npy", new double[] {0.5, 1}, 2);
    assertThatThrownBy(() -> s.load(train(x, frac.toString()))).hasMessageContaining("not an integer class id");
    Path flat = npy("flat.npy", new double[] {1, 2}, 2);
    assertThatThrownBy(() -> s.load(train(flat, frac.toString()))).hasMessageContaining("2-D array");
    Path nan = npy("nan.npy", new double[] {1, Double.NaN, 3, 4}, 2, 2);
    assertThatThrownBy(() -> s.load(train(nan, frac.toString()))).hasMessageContaining("row 0, column 1 holds NaN");
    LabeledFeatures unlabeled = s.load(new DatasetSource.Request(x, null, DatasetSource.Split.TEST, false));
    assertThat(unlabeled.hasTargets()).isFalse();
  }

  @Test
  void csvIsReadWithInferredSchema() throws IOException {
    Path csv = dir.resolve("data.csv");
    Files.writeString(csv, "a,colour,label\n1,red,x\n3,blue,y\n5,red,x\n7,blue,y\n");
    DatasetSource s = DatasetSources.resolve(csv);
    assertThat(s.format()).isEqualTo("csv");
    LabeledFeatures f = s.load(train(csv, "label"));
    assertThat(f.classNames()).containsExactly("x", "y");
    assertThat(f.labels()).containsExactly(0, 1, 0, 1);
    // a standardised (mean 4, std sqrt(5)), then colour one-hot over [blue, red] plus the unknown slot.
    assertThat(f.featureNames()).containsExactly("a", "colour=blue", "colour=red", "colour=<unknown>");
    assertThat(f.features()[0]).isCloseTo((float) (-3 / Math.sqrt(5)), org.assertj.core.api.Assertions.within(1e-6f));
  }

  @Test
  void unknownAndMissingPaths() throws IOException {
    assertThatThrownBy(() -> DatasetSources.resolve(dir.resolve("nope")))
        .isInstanceOf(UserInputException.class).hasMessageContaining("no such file or directory");
    assertThatThrownBy(() -> DatasetSources.resolve(dir)).hasMessageContaining("not an IDX dataset directory");
    Path png = dir.resolve("x.png");
    Files.write(png, new byte[3]);
    assertThatThrownBy(() -> DatasetSources.resolve(png)).hasMessageContaining("unknown data format");
  }

  @Test
  void idxDirectoryWithTargetIsAnError() throws IOException {
    IdxWriter.write(dir.resolve("train-images-idx3-ubyte"), new int[] {1, 1, 1}, new byte[] {7});
    IdxWriter.write(dir.resolve("train-labels-idx1-ubyte"), new int[] {1}, new byte[] {9});
    DatasetSource s = DatasetSources.resolve(dir);
    assertThat(s.format()).isEqualTo("idx");
    assertThat(s.load(train(dir, null)).labels()).containsExactly(9);
    assertThatThrownBy(() -> s.load(train(dir, "y.npy"))).hasMessageContaining("drop --target");
  }
}
