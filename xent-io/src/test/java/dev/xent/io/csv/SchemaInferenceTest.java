package dev.xent.io.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchemaInferenceTest {
  @TempDir Path dir;

  /** 30 rows: numeric, categorical, boolean, date, identifier, text, empty, then the label. */
  private CsvTable mixed() throws IOException {
    StringBuilder sb = new StringBuilder("x,colour,flag,day,name,comment,blank,label\n");
    String[] colours = {"red", "green", "blue"};
    for (int i = 0; i < 30; i++) {
      sb.append(i * 0.5).append(',')
          .append(colours[i % 3]).append(',')
          .append(i % 2 == 0 ? "Yes" : "no").append(',')
          .append(String.format("2024-01-%02d", i + 1)).append(',')
          .append("person").append(i).append(',')
          .append("c").append(i % 25).append(',')
          .append(i % 5 == 0 ? "NA" : "").append(',')
          .append(i % 2 == 0 ? "cat" : "dog").append('\n');
    }
    Path p = dir.resolve("mixed.csv");
    Files.writeString(p, sb.toString());
    return CsvTable.read(p);
  }

  @Test
  void infersEachType() throws IOException {
    FeatureSchema s = SchemaInference.infer(mixed(), CsvOptions.DEFAULTS);
    assertThat(s.column("x").type()).isEqualTo(ColumnType.NUMERIC);
    assertThat(s.column("colour").type()).isEqualTo(ColumnType.CATEGORICAL);
    assertThat(s.column("colour").distinct()).isEqualTo(3);
    assertThat(s.column("flag").type()).isEqualTo(ColumnType.BOOLEAN);
    assertThat(s.column("day").type()).isEqualTo(ColumnType.DATE);
    assertThat(s.column("name").type()).isEqualTo(ColumnType.IDENTIFIER);
    assertThat(s.column("name").role()).isEqualTo(ColumnInfo.Role.LEFT_OUT);
    assertThat(s.column("comment").type()).isEqualTo(ColumnType.TEXT);
    assertThat(s.column("blank").type()).isEqualTo(ColumnType.EMPTY);
    assertThat(s.column("blank").missing()).isEqualTo(30);
    assertThat(s.column("label").role()).isEqualTo(ColumnInfo.Role.TARGET);
    assertThat(s.features()).extracting(ColumnInfo::name).containsExactly("x", "colour", "flag", "day");
    assertThat(s.summary()).contains("name").contains("one distinct value per row; left out");
  }

  @Test
  void overridesChooseFeaturesAndForceCategorical() throws IOException {
    CsvOptions o = CsvOptions.DEFAULTS.withColumns(List.of("x", "comment"), List.of("x"), List.of("comment"));
    FeatureSchema s = SchemaInference.infer(mixed(), o);
    assertThat(s.column("comment").type()).isEqualTo(ColumnType.CATEGORICAL);
    assertThat(s.column("x").role()).isEqualTo(ColumnInfo.Role.LEFT_OUT);
    assertThat(s.column("x").note()).contains("--ignore");
    assertThat(s.features()).extracting(ColumnInfo::name).containsExactly("comment");
  }

  @Test
  void unknownOverrideNameListsTheColumns() throws IOException {
    CsvTable t = mixed();
    assertThatThrownBy(() -> SchemaInference.infer(t, CsvOptions.DEFAULTS.withTarget("lable")))
        .hasMessageContaining("column 'lable'")
        .hasMessageContaining("[x, colour");
  }

  @Test
  void nonNumericValueInNumericColumnNamesFileLineAndColumn() throws IOException {
    StringBuilder sb = new StringBuilder("age,label\n");
    for (int i = 0; i < 20; i++) {
      sb.append(i == 13 ? "4O" : String.valueOf(20 + i)).append(',').append(i % 2).append('\n');
    }
    Path p = dir.resolve("typo.csv");
    Files.writeString(p, sb.toString());
    CsvTable t = CsvTable.read(p);
    assertThatThrownBy(() -> SchemaInference.infer(t, CsvOptions.DEFAULTS))
        .isInstanceOf(CsvDataException.class)
        .hasMessageContaining("typo.csv, line 15, column 'age'")
        .hasMessageContaining("'4O' is not a number")
        .satisfies(e -> {
          CsvDataException c = (CsvDataException) e;
          assertThat(c.line()).isEqualTo(15);
          assertThat(c.column()).isEqualTo("age");
        });
  }

  @Test
  void rowNumberColumnIsAnIdentifierButAnOrdinaryIntegerColumnIsNumeric() throws IOException {
    StringBuilder sb = new StringBuilder("id,count,label\n");
    for (int i = 0; i < 25; i++) {
      sb.append(i + 1).append(',').append(i * 3).append(',').append(i % 2 == 0 ? "a" : "b").append('\n');
    }
    Path p = dir.resolve("ids.csv");
    Files.writeString(p, sb.toString());
    FeatureSchema s = SchemaInference.infer(CsvTable.read(p), CsvOptions.DEFAULTS);
    assertThat(s.column("id").type()).isEqualTo(ColumnType.IDENTIFIER);
    assertThat(s.column("count").type()).isEqualTo(ColumnType.NUMERIC);
  }

  @Test
  void zeroOneColumnStaysNumeric() throws IOException {
    Path p = dir.resolve("b.csv");
    Files.writeString(p, "b,label\n0,x\n1,y\n1,x\n0,y\n");
    FeatureSchema s = SchemaInference.infer(CsvTable.read(p), CsvOptions.DEFAULTS);
    assertThat(s.column("b").type()).isEqualTo(ColumnType.NUMERIC);
  }
}
