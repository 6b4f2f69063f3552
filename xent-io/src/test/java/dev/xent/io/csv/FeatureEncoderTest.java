package dev.xent.io.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeatureEncoderTest {
  @TempDir Path dir;

  private CsvTable table(String text) throws IOException {
    Path p = dir.resolve("d.csv");
    Files.writeString(p, text);
    return CsvTable.read(p);
  }

  @Test
  void statisticsComeFromTheTrainingRowsOnly() throws IOException {
    CsvTable t = table("x,c,label\n1,red,a\n3,blue,b\n100,green,a\n");
    FeatureSchema s = SchemaInference.infer(t, CsvOptions.DEFAULTS);
    // Train on rows 0 and 1 only: mean 2, population std 1; 'green' is not a training category.
    FeatureEncoder e = FeatureEncoder.fit(t, s, new int[] {0, 1});
    NumericEncoder x = (NumericEncoder) e.columns().get(0);
    assertThat(x.mean()).isEqualTo(2.0);
    assertThat(x.std()).isEqualTo(1.0);
    CategoricalEncoder c = (CategoricalEncoder) e.columns().get(1);
    assertThat(c.categories()).containsExactly("blue", "red");
    assertThat(e.featureNames()).containsExactly("x", "c=blue", "c=red", "c=<unknown>");

    float[] out = new float[4];
    e.encode(t.rows().get(2), e.bind(t.header(), t.path()), out, 0, t.path(), 4);
    // (100 - 2) / 1 = 98, and green falls in the unknown slot.
    assertThat(out).containsExactly(98f, 0f, 0f, 1f);
  }

  @Test
  void missingValuesAreImputedAndFlagged() throws IOException {
    CsvTable t = table("x,c,b,label\n1,red,yes,a\nNA,red,?,b\n4,,no,a\n,blue,yes,b\n");
    FeatureSchema s = SchemaInference.infer(t, CsvOptions.DEFAULTS);
    FeatureEncoder e = FeatureEncoder.fit(t, s, new int[] {0, 1, 2, 3});
    assertThat(e.featureNames())
        .containsExactly("x", "x_missing", "c=blue", "c=red", "c=<unknown>", "c_missing", "b", "b_missing");
    int[] bound = e.bind(t.header(), t.path());
    float[] row = new float[e.width()];
    e.encode(t.rows().get(1), bound, row, 0, t.path(), 3);
    // x missing -> mean (0 after standardising) + flag; c red; b missing -> most frequent (yes) + flag.
    assertThat(row).containsExactly(0f, 1f, 0f, 1f, 0f, 0f, 1f, 1f);
    e.encode(t.rows().get(2), bound, row, 0, t.path(), 4);
    // x = 4 with mean 2.5 and std 1.5 -> 1; c missing -> most frequent 'red' + flag; b no -> 0.
    assertThat(row[0]).isCloseTo(1f, within(1e-6f));
    assertThat(row).containsSequence(0f, 0f, 1f, 0f, 1f, 0f, 0f);
  }

  @Test
  void datesBecomeThreeStandardisedParts() throws IOException {
    CsvTable t = table("d,label\n2024-01-01,a\n2024/01/03,b\n05.01.2024,a\n");
    FeatureSchema s = SchemaInference.infer(t, CsvOptions.DEFAULTS);
    assertThat(s.column("d").type()).isEqualTo(ColumnType.DATE);
    FeatureEncoder e = FeatureEncoder.fit(t, s, new int[] {0, 1, 2});
    DateEncoder d = (DateEncoder) e.columns().get(0);
    long jan3 = LocalDate.of(2024, 1, 3).toEpochDay();
    assertThat(d.mean()[0]).isEqualTo(jan3);
    assertThat(d.mean()[1]).isEqualTo(1.0);
    // Mon 1, Wed 3, Fri 5: mean 3.
    assertThat(d.mean()[2]).isEqualTo(3.0);
    float[] row = new float[3];
    e.encode(t.rows().get(1), e.bind(t.header(), t.path()), row, 0, t.path(), 3);
    assertThat(row).containsExactly(0f, 0f, 0f);
  }

  @Test
  void constantColumnEncodesToZeroNotNaN() throws IOException {
    CsvTable t = table("x,label\n5,a\n5,b\n");
    FeatureEncoder e = FeatureEncoder.fit(t, SchemaInference.infer(t, CsvOptions.DEFAULTS), new int[] {0, 1});
    float[] row = new float[1];
    e.encode(t.rows().get(0), e.bind(t.header(), t.path()), row, 0, t.path(), 2);
    assertThat(row[0]).isEqualTo(0f);
  }

  @Test
  void nonNumberAtEncodeTimeNamesFileLineColumn() throws IOException {
    CsvTable t = table("x,label\n1,a\n2,b\n");
    FeatureEncoder e = FeatureEncoder.fit(t, SchemaInference.infer(t, CsvOptions.DEFAULTS), new int[] {0, 1});
    float[] row = new float[1];
    assertThatThrownBy(() -> e.encode(new String[] {"abc", "a"}, new int[] {0}, row, 0, Path.of("new.csv"), 7))
        .isInstanceOf(CsvDataException.class)
        .hasMessageStartingWith("new.csv, line 7, column 'x': 'abc' is not a number");
  }

  @Test
  void missingColumnAtPredictTimeIsNamed() throws IOException {
    CsvTable t = table("x,y,label\n1,2,a\n2,3,b\n");
    FeatureEncoder e = FeatureEncoder.fit(t, SchemaInference.infer(t, CsvOptions.DEFAULTS), new int[] {0, 1});
    assertThatThrownBy(() -> e.bind(List.of("y", "label"), Path.of("p.csv")))
        .hasMessageContaining("column 'x'")
        .hasMessageContaining("trained with this column");
    // Reordered columns bind by name.
    assertThat(e.bind(List.of("label", "y", "x"), Path.of("p.csv"))).containsExactly(2, 1);
  }

  @Test
  void preprocessingRoundTripsThroughJson() throws IOException {
    CsvTable t = table("x,c,b,d,label\n1,red,yes,2024-01-01,a\nNA,blue,no,2024-02-01,b\n3,red,,2024-03-01,a\n4,blue,no,,b\n");
    CsvDataset ds = CsvDataset.prepare(t, CsvOptions.DEFAULTS.withSplit(0.0, 1));
    String json = ds.preprocessing().toJson();
    assertThat(json).contains("\"kind\" : \"numeric\"").contains("\"kind\" : \"date\"");
    CsvPreprocessing back = CsvPreprocessing.fromJson(json);
    assertThat(back).isEqualTo(ds.preprocessing());
    EncodedRows again = CsvDataset.encodeAll(t, back);
    assertThat(again.features()).containsExactly(ds.train().features());
  }
}
