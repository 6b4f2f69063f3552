package dev.xent.io.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvFileTest {
  @TempDir Path dir;

  private Path write(String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.write(p, text.getBytes(StandardCharsets.UTF_8));
    return p;
  }

  @Test
  void quotedFieldsKeepEmbeddedCommasQuotesAndNewlines() throws IOException {
    Path p = write("q.csv", "name,size,label\n\"Smith, J\",1.5,a\n\"two\nlines\",2,b\n\"say \"\"hi\"\"\",3,a\n");
    CsvTable t = CsvTable.read(p);
    assertThat(t.header()).containsExactly("name", "size", "label");
    assertThat(t.size()).isEqualTo(3);
    assertThat(t.rows().get(0)[0]).isEqualTo("Smith, J");
    assertThat(t.rows().get(1)[0]).isEqualTo("two\nlines");
    assertThat(t.rows().get(2)[0]).isEqualTo("say \"hi\"");
    // The third data row starts on line 5 because the second spans lines 3 and 4.
    assertThat(t.lines()).containsExactly(2L, 3L, 5L);
  }

  @Test
  void byteOrderMarkIsNotPartOfTheFirstColumnName() throws IOException {
    Path p = write("bom.csv", "\uFEFFx,y\n1,a\n2,b\n");
    CsvTable t = CsvTable.read(p);
    assertThat(t.header().get(0)).isEqualTo("x");
    assertThat(t.delimiter()).isEqualTo(',');
  }

  @Test
  void semicolonAndTabAreDetected() throws IOException {
    CsvTable semi = CsvTable.read(write("s.csv", "a;b;c\n1,5;2;x\n3,5;4;y\n"));
    assertThat(semi.delimiter()).isEqualTo(';');
    assertThat(semi.rows().get(0)).containsExactly("1,5", "2", "x");
    CsvTable tab = CsvTable.read(write("t.tsv", "a\tb\n\"1,2\"\tx\n3\ty\n"));
    assertThat(tab.delimiter()).isEqualTo('\t');
    assertThat(tab.rows().get(0)).containsExactly("1,2", "x");
  }

  @Test
  void delimiterInsideQuotesDoesNotCount() {
    // Only the comma is outside quotes on every line, and equally often.
    assertThat(DelimiterDetector.detect("a,b\n\"x;y;z\",1\n\"p;q;r\",2\n", true)).isEqualTo(',');
    assertThat(DelimiterDetector.detect("a\n1\n", true)).isEqualTo(',');
  }

  @Test
  void gzippedFileIsRead() throws IOException {
    Path p = dir.resolve("g.csv.gz");
    try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(p))) {
      out.write("a;b\n1;x\n2;y\n".getBytes(StandardCharsets.UTF_8));
    }
    CsvTable t = CsvTable.read(p);
    assertThat(t.delimiter()).isEqualTo(';');
    assertThat(t.rows().get(1)).containsExactly("2", "y");
  }

  @Test
  void raggedRowIsAnErrorNamingFileAndLine() throws IOException {
    Path p = write("r.csv", "a,b,c\n1,2,3\n4,5\n");
    assertThatThrownBy(() -> CsvTable.read(p))
        .isInstanceOf(CsvDataException.class)
        .hasMessageContaining("r.csv, line 3")
        .hasMessageContaining("2 fields but the header has 3");
  }

  @Test
  void emptyAndHeaderOnlyFilesAreErrors() throws IOException {
    assertThatThrownBy(() -> CsvTable.read(write("e.csv", ""))).hasMessageContaining("empty");
    assertThatThrownBy(() -> CsvTable.read(write("h.csv", "a,b\n"))).hasMessageContaining("no data rows");
  }

  @Test
  void duplicateColumnNameIsAnError() throws IOException {
    assertThatThrownBy(() -> CsvTable.read(write("d.csv", "a,a\n1,2\n")))
        .hasMessageContaining("column 'a'")
        .hasMessageContaining("twice");
  }

  @Test
  void missingMarkersAreCaseInsensitive() {
    for (String m : new String[] {"", "  ", "NA", "na", "N/A", "null", "NULL", "?", "NaN", "nan", null}) {
      assertThat(MissingValues.isMissing(m)).as(String.valueOf(m)).isTrue();
    }
    for (String v : new String[] {"0", "none", "-", "NAN1", "n"}) {
      assertThat(MissingValues.isMissing(v)).as(v).isFalse();
    }
  }
}
