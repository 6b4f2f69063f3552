package dev.xent.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.xent.data.UserInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvMatrixReaderTest {
  @TempDir Path tmp;

  private Path csv(String content) throws IOException {
    Path p = tmp.resolve("m.csv");
    Files.writeString(p, content);
    return p;
  }

  @Test
  void readsRowsAndColumnsInOrder() throws IOException {
    NumericArray a = CsvMatrixReader.read(csv("0.05,0.95,0\n0.1,0.8,0.1\n"));

    assertThat(a.shape()).containsExactly(2, 3);
    assertThat(a.dtype()).isEqualTo("float64");
    assertThat(a.data()).containsExactly(0.05, 0.95, 0, 0.1, 0.8, 0.1);
  }

  @Test
  void acceptsScientificNotationWhitespaceCrlfAndNumpyNonFinite() throws IOException {
    NumericArray a = CsvMatrixReader.read(csv("1e-3, -2.5E+2 ,nan\r\ninf,-inf,+1\r\n"));

    assertThat(a.data()).containsExactly(1e-3, -250, Double.NaN, Double.POSITIVE_INFINITY,
        Double.NEGATIVE_INFINITY, 1);
  }

  @Test
  void noTrailingNewlineAndSeveralTrailingEmptyLinesAreFine() throws IOException {
    assertThat(CsvMatrixReader.read(csv("1,2\n3,4")).shape()).containsExactly(2, 2);
    assertThat(CsvMatrixReader.read(csv("1,2\n3,4\n\n\n")).shape()).containsExactly(2, 2);
  }

  @Test
  void byteOrderMarkIsSkipped() throws IOException {
    // Excel's "CSV UTF-8" export starts with EF BB BF; it must not become part of the first value.
    Path p = tmp.resolve("bom.csv");
    Files.write(p, new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, '0', '.', '5', ',', '1', '\r', '\n'});

    assertThat(CsvMatrixReader.read(p).data()).containsExactly(0.5, 1);
  }

  @Test
  void semicolonOrTabSeparatedFileSaysHowToConvertIt() throws IOException {
    // The first line has no comma, so it looks like a one-field header; the error must still name the separator.
    Path semi = csv("0.05;0.95;0\n0.1;0.8;0.1\n");
    assertThatThrownBy(() -> CsvMatrixReader.read(semi)).isInstanceOf(UserInputException.class)
        .hasMessageContaining("separated by ';'").hasMessageContaining("comma-separated");
    Path tab = csv("1\t2\n3\t4\n");
    assertThatThrownBy(() -> CsvMatrixReader.read(tab)).isInstanceOf(UserInputException.class)
        .hasMessageContaining("line 1: values are separated by tabs");
  }

  @Test
  void nonNumericFirstRowIsAHeader() throws IOException {
    NumericArray a = CsvMatrixReader.read(csv("cat,dog,bird\n0,1,0\n"));

    assertThat(a.shape()).containsExactly(1, 3);
    assertThat(a.data()).containsExactly(0, 1, 0);
  }

  @Test
  void singleColumnIsNByOneAndGivesClassIds() throws IOException {
    NumericArray a = CsvMatrixReader.read(csv("1\n0\n2\n"));

    assertThat(a.shape()).containsExactly(3, 1);
    assertThat(a.asClassIds("m.csv")).containsExactly(1, 0, 2);
  }

  @Test
  void badValueNamesFileLineColumnAndValue() throws IOException {
    Path p = csv("1,2,3\n4,x5,6\n");

    assertThatThrownBy(() -> CsvMatrixReader.read(p)).isInstanceOf(UserInputException.class)
        .hasMessageContaining(p + " line 2, column 2: 'x5' is not a number");
  }

  @Test
  void javaOnlyNumberSyntaxIsRejected() throws IOException {
    Path p = csv("1,2f\n");

    assertThatThrownBy(() -> CsvMatrixReader.read(p)).hasMessageContaining("line 1, column 2: '2f'");
  }

  @Test
  void firstRowMixingNumbersAndWordsIsAnErrorNotAHeader() throws IOException {
    Path p = csv("0.1,abc\n0.2,0.3\n");

    assertThatThrownBy(() -> CsvMatrixReader.read(p)).hasMessageContaining("line 1, column 2: 'abc' is not a number");
  }

  @Test
  void emptyFieldIsNamed() throws IOException {
    Path p = csv("1,2\n3,\n");

    assertThatThrownBy(() -> CsvMatrixReader.read(p)).hasMessageContaining("line 2, column 2: empty value");
  }

  @Test
  void raggedRowNamesTheLineAndBothCounts() throws IOException {
    Path p = csv("1,2,3\n4,5,6\n7,8\n");

    assertThatThrownBy(() -> CsvMatrixReader.read(p)).isInstanceOf(UserInputException.class)
        .hasMessageContaining(p + " line 3: 2 columns, but the first row has 3");
  }

  @Test
  void emptyLineBetweenRowsIsAnError() throws IOException {
    Path p = csv("1,2\n\n3,4\n");

    assertThatThrownBy(() -> CsvMatrixReader.read(p)).hasMessageContaining("line 2: empty line between rows");
  }

  @Test
  void emptyFileAndHeaderOnlyAreErrors() throws IOException {
    Path p = csv("");
    assertThatThrownBy(() -> CsvMatrixReader.read(p)).isInstanceOf(UserInputException.class)
        .hasMessageContaining("holds no rows of numbers");
    Path h = csv("a,b\n");
    assertThatThrownBy(() -> CsvMatrixReader.read(h)).hasMessageContaining("holds no rows of numbers");
  }

  @Test
  void fractionalLabelsSuggestTheCategoricalLoss() throws IOException {
    NumericArray a = CsvMatrixReader.read(csv("0.2\n1\n"));

    assertThatThrownBy(() -> a.asClassIds("labels.csv")).isInstanceOf(UserInputException.class)
        .hasMessageContaining("labels.csv: row 0 holds 0.2").hasMessageContaining("--loss categorical");
  }

  @Test
  void multiColumnLabelsSuggestTheCategoricalLoss() throws IOException {
    NumericArray a = CsvMatrixReader.read(csv("0,1\n1,0\n"));

    assertThatThrownBy(() -> a.asClassIds("y.csv")).hasMessageContaining("shape (2, 2)")
        .hasMessageContaining("--loss categorical");
  }

  @Test
  void arrayFileChoosesTheFormatByExtension() throws IOException {
    Path c = tmp.resolve("a.txt");
    Files.writeString(c, "1,2\n");
    Path n = tmp.resolve("a.npy");
    Npy.write(n, new NumericArray(new double[] {1, 2}, new int[] {1, 2}, "float32"));
    Path other = tmp.resolve("a.json");
    Files.writeString(other, "[1,2]");

    assertThat(ArrayFile.read(c).dtype()).isEqualTo("float64");
    assertThat(ArrayFile.read(n).dtype()).isEqualTo("float32");
    assertThatThrownBy(() -> ArrayFile.read(other)).isInstanceOf(UserInputException.class)
        .hasMessageContaining("unknown file type");
    assertThatThrownBy(() -> ArrayFile.read(tmp.resolve("missing.csv"))).isInstanceOf(UserInputException.class)
        .hasMessageContaining("file not found: " + tmp.resolve("missing.csv"));
  }
}
