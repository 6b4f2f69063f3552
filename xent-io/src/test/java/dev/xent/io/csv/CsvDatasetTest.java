package dev.xent.io.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvDatasetTest {
  @TempDir Path dir;

  private Path write(String text) throws IOException {
    Path p = dir.resolve("data.csv");
    Files.writeString(p, text);
    return p;
  }

  @Test
  void classesAreSortedNumericallyWhenNumbers() throws IOException {
    StringBuilder sb = new StringBuilder("x,y\n");
    for (int i = 0; i < 12; i++) {
      sb.append(i).append(',').append(new int[] {10, 2, 1}[i % 3]).append('\n');
    }
    CsvDataset ds = CsvDataset.load(write(sb.toString()), CsvOptions.DEFAULTS.withSplit(0.25, 7));
    assertThat(ds.preprocessing().target().classes()).containsExactly("1", "2", "10");
    // Stratified: each of the 3 classes has 4 rows, round(0.25 * 4) = 1 to validation.
    assertThat(ds.validation().rows()).isEqualTo(3);
    assertThat(ds.train().rows()).isEqualTo(9);
    int[] perClass = new int[3];
    for (int l : ds.validation().labels()) {
      perClass[l]++;
    }
    assertThat(perClass).containsExactly(1, 1, 1);
  }

  @Test
  void splitReplaysWithTheSameSeedAndChangesWithAnother() throws IOException {
    StringBuilder sb = new StringBuilder("x,y\n");
    for (int i = 0; i < 100; i++) {
      sb.append(i * 1.5).append(',').append(i % 2 == 0 ? "a" : "b").append('\n');
    }
    Path p = write(sb.toString());
    CsvDataset a = CsvDataset.load(p, CsvOptions.DEFAULTS);
    CsvDataset b = CsvDataset.load(p, CsvOptions.DEFAULTS);
    CsvDataset c = CsvDataset.load(p, CsvOptions.DEFAULTS.withSplit(0.2, 43));
    assertThat(a.validation().lines()).containsExactly(b.validation().lines());
    assertThat(a.validation().lines()).isNotEqualTo(c.validation().lines());
    assertThat(a.validation().rows()).isEqualTo(20);
  }

  @Test
  void singleClassTargetIsAnError() throws IOException {
    assertThatThrownBy(() -> CsvDataset.load(write("x,y\n1,a\n2,a\n"), CsvOptions.DEFAULTS))
        .isInstanceOf(CsvDataException.class)
        .hasMessageContaining("column 'y'")
        .hasMessageContaining("single class [a]");
  }

  @Test
  void classWithOneExampleIsAnErrorNamingItsLine() throws IOException {
    assertThatThrownBy(() -> CsvDataset.load(write("x,y\n1,a\n2,a\n3,b\n4,b\n5,c\n"), CsvOptions.DEFAULTS))
        .hasMessageContaining("line 6, column 'y'")
        .hasMessageContaining("class 'c' has a single example");
  }

  @Test
  void missingTargetIsAnErrorNamingItsLine() throws IOException {
    assertThatThrownBy(() -> CsvDataset.load(write("x,y\n1,a\n2,NA\n3,b\n"), CsvOptions.DEFAULTS))
        .hasMessageContaining("line 3, column 'y'")
        .hasMessageContaining("target is missing");
  }

  @Test
  void softTargetsFromColumns() throws IOException {
    Path p = write("x,p_a,p_b\n1,0.25,0.75\n2,1,0\n3,0.5,0.5\n");
    CsvDataset ds = CsvDataset.load(p, CsvOptions.DEFAULTS.withTargetColumns(List.of("p_a", "p_b")).withSplit(0, 1));
    assertThat(ds.preprocessing().target().classes()).containsExactly("p_a", "p_b");
    assertThat(ds.train().soft()).containsExactly(0.25f, 0.75f, 1f, 0f, 0.5f, 0.5f);
    assertThat(ds.train().labels()).isNull();
    assertThat(ds.preprocessing().features().featureNames()).containsExactly("x");
  }

  @Test
  void softTargetsFromAnNpyFile() throws IOException {
    Path csv = write("x,c\n1,a\n2,b\n3,a\n4,b\n");
    Path npy = dir.resolve("soft.npy");
    dev.xent.io.Npy.write(npy, new dev.xent.io.NumericArray(
        new double[] {0.25, 0.75, 1, 0, 0.5, 0.5, 0, 1}, new int[] {4, 2}, "float64"));
    CsvDataset ds = CsvDataset.load(csv, CsvOptions.DEFAULTS.withSoftTargets(npy).withSplit(0, 1));
    assertThat(ds.preprocessing().target().classes()).containsExactly("0", "1");
    assertThat(ds.train().soft()).containsExactly(0.25f, 0.75f, 1f, 0f, 0.5f, 0.5f, 0f, 1f);
    // Every column is a feature: there is no target column in the CSV.
    assertThat(ds.preprocessing().features().featureNames()).containsExactly("x", "c=a", "c=b", "c=<unknown>");

    Path bad = dir.resolve("bad.npy");
    dev.xent.io.Npy.write(bad, new dev.xent.io.NumericArray(
        new double[] {0.25, 0.75, 1, 0, 0.5, 0.6, 0, 1}, new int[] {4, 2}, "float64"));
    assertThatThrownBy(() -> CsvDataset.load(csv, CsvOptions.DEFAULTS.withSoftTargets(bad).withSplit(0, 1)))
        .hasMessageContaining("bad.npy: row 2 sums to 1.1");
    Path shape = dir.resolve("shape.npy");
    dev.xent.io.Npy.write(shape, new dev.xent.io.NumericArray(new double[] {0.5, 0.5}, new int[] {1, 2}, "float64"));
    assertThatThrownBy(() -> CsvDataset.load(csv, CsvOptions.DEFAULTS.withSoftTargets(shape).withSplit(0, 1)))
        .hasMessageContaining("shape [4, classes >= 2]");
  }

  @Test
  void softRowNotSummingToOneNamesTheLine() throws IOException {
    Path p = write("x,p_a,p_b\n1,0.25,0.75\n2,0.5,0.4\n");
    assertThatThrownBy(() -> CsvDataset.load(p, CsvOptions.DEFAULTS.withTargetColumns(List.of("p_a", "p_b")).withSplit(0, 1)))
        .hasMessageContaining("data.csv, line 3")
        .hasMessageContaining("sum to 0.9");
  }

  @Test
  void streamedBatchesEqualTheInMemoryEncodingAndReportUnknownLabels() throws IOException {
    StringBuilder sb = new StringBuilder("x,c,y\n");
    for (int i = 0; i < 40; i++) {
      sb.append(i % 7).append(',').append(i % 3 == 0 ? "u" : "v").append(',').append(i % 2 == 0 ? "a" : "b").append('\n');
    }
    CsvDataset ds = CsvDataset.load(write(sb.toString()), CsvOptions.DEFAULTS);
    Path test = dir.resolve("test.csv");
    Files.writeString(test, "y,c,x\na,u,1\nb,w,2\nzebra,v,3\nb,v,4\na,u,5\n");
    EncodedRows whole = CsvDataset.encodeAll(CsvTable.read(test), ds.preprocessing());
    List<EncodedRows> batches = new ArrayList<>();
    try (EncodedBatches it = EncodedBatches.open(test, ds.preprocessing(), 2)) {
      assertThat(it.hasTarget()).isTrue();
      it.forEachRemaining(batches::add);
      assertThat(it.unknownLabelCount()).isEqualTo(1);
      assertThat(it.unknownLabels()).containsExactly("line 4: 'zebra'");
    }
    assertThat(batches).extracting(EncodedRows::rows).containsExactly(2, 2, 1);
    float[] joined = new float[whole.features().length];
    int o = 0;
    for (EncodedRows b : batches) {
      System.arraycopy(b.features(), 0, joined, o, b.features().length);
      o += b.features().length;
    }
    assertThat(joined).containsExactly(whole.features());
    assertThat(batches.get(1).labels()).containsExactly(-1, 1);
    assertThat(whole.labels()).containsExactly(0, 1, -1, 1, 0);
  }
}
