package dev.xent.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.xent.data.UserInputException;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Fixtures come from src/test/python/make_npy_fixtures.py (numpy); values there are closed forms. */
class NpyTest {
  @TempDir Path tmp;

  static Path fixture(String name) {
    try {
      return Path.of(NpyTest.class.getResource("npy/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** (r * 4 + c) / 4 - 1 for a 3 x 4 grid, as the generator writes it. */
  static double[] grid() {
    double[] g = new double[12];
    for (int i = 0; i < 12; i++) {
      g[i] = i / 4.0 - 1.0;
    }
    return g;
  }

  @ParameterizedTest
  @CsvSource({
      "f4_3x4.npy, float32", "f8_3x4.npy, float64", "f8_3x4_big_endian.npy, float64",
      "f4_3x4_big_endian.npy, float32", "f8_3x4_v2.npy, float64", "f8_3x4_v3.npy, float64"})
  void readsFloatGridsInEveryVersionAndByteOrder(String file, String dtype) throws IOException {
    NumericArray a = Npy.read(fixture(file));

    assertThat(a.shape()).containsExactly(3, 4);
    assertThat(a.dtype()).isEqualTo(dtype);
    assertThat(a.isFloat32()).isEqualTo(dtype.equals("float32"));
    assertThat(a.data()).containsExactly(grid());
    assertThat(a.asMatrix().get(2, 3)).isEqualTo(1.75);
  }

  @Test
  void float32ValuesAreTheFloatNotTheDecimal() throws IOException {
    assertThat(Npy.read(fixture("f4_tenth.npy")).data()).containsExactly((double) 0.1f);
  }

  @ParameterizedTest
  @CsvSource({"i4_ids.npy, int32", "i8_ids.npy, int64", "i4_ids_big_endian.npy, int32"})
  void readsIntegerIds(String file, String dtype) throws IOException {
    NumericArray a = Npy.read(fixture(file));

    assertThat(a.dtype()).isEqualTo(dtype);
    assertThat(a.shape()).containsExactly(5);
    assertThat(a.asClassIds(file)).containsExactly(0, 1, 2, 3, 4);
    assertThat(a.asMatrix().shape()).isEqualTo("[5, 1]");
  }

  @Test
  void readsIntExtremesUint8AndBool() throws IOException {
    assertThat(Npy.read(fixture("i4_extremes.npy")).data())
        .containsExactly(Integer.MIN_VALUE, Integer.MAX_VALUE, -100);
    NumericArray u = Npy.read(fixture("u1_2x3.npy"));
    assertThat(u.dtype()).isEqualTo("uint8");
    assertThat(u.data()).containsExactly(0, 127, 255, 1, 2, 3);
    NumericArray b = Npy.read(fixture("bool_4.npy"));
    assertThat(b.dtype()).isEqualTo("bool");
    assertThat(b.data()).containsExactly(1, 0, 0, 1);
  }

  @Test
  void columnOfIdsIsAcceptedAsClassIds() throws IOException {
    NumericArray a = Npy.read(fixture("i8_column.npy"));

    assertThat(a.shape()).containsExactly(3, 1);
    assertThat(a.asClassIds("i8_column.npy")).containsExactly(2, 0, 1);
  }

  @Test
  void emptyRowsAreAValidArray() throws IOException {
    NumericArray a = Npy.read(fixture("f4_0x3.npy"));

    assertThat(a.shape()).containsExactly(0, 3);
    assertThat(a.data()).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "fortran_3x4.npy | Fortran",
      "c8_complex.npy | dtype '<c8' is not supported",
      "i2_short.npy | dtype '<i2' is not supported",
      "3d.npy | 3-D array",
      "structured.npy | structured arrays",
      "object.npy | object array",
      "truncated.npy | truncated: its header promises shape (3, 4) of float64 (96 bytes of data) but only 88",
      "not_npy.npy | is not a .npy file"})
  void rejectsWithAMessageNamingTheFileAndTheProblem(String file, String problem) {
    Path p = fixture(file);

    assertThatThrownBy(() -> Npy.read(p)).isInstanceOf(UserInputException.class)
        .hasMessageContaining(p.toString()).hasMessageContaining(problem);
  }

  @Test
  void missingFileIsAUserErrorNamingThePath() {
    Path p = tmp.resolve("nope.npy");

    assertThatThrownBy(() -> Npy.read(p)).isInstanceOf(UserInputException.class)
        .hasMessage("file not found: " + p);
  }

  @ParameterizedTest
  @ValueSource(strings = {"float32", "float64", "int32", "int64", "uint8", "bool"})
  void writerRoundTripsEveryDtype(String dtype) throws IOException {
    double[] values = switch (dtype) {
      case "float32" -> new double[] {0.1f, -2.5f, Float.MAX_VALUE, Double.NaN, Double.NEGATIVE_INFINITY, 0};
      case "float64" -> new double[] {0.1, -2.5, Double.MAX_VALUE, Double.NaN, Double.POSITIVE_INFINITY, -0.0};
      case "int32" -> new double[] {Integer.MIN_VALUE, Integer.MAX_VALUE, -100, 0, 1, 2};
      case "int64" -> new double[] {-(1L << 53), 1L << 53, -100, 0, 1, 2};
      case "uint8" -> new double[] {0, 255, 1, 2, 3, 4};
      default -> new double[] {1, 0, 0, 1, 1, 0};
    };
    NumericArray a = new NumericArray(values, new int[] {2, 3}, dtype);
    Path p = tmp.resolve(dtype + ".npy");

    Npy.write(p, a);
    NumericArray back = Npy.read(p);

    assertThat(back).isEqualTo(a);
    // numpy aligns the data start to 64 bytes; so do we.
    assertThat((Files.size(p) - values.length * (long) itemSize(dtype)) % 64).isZero();
    try (var dir = Files.list(tmp)) {
      assertThat(dir).containsExactly(p); // no temporary file left behind
    }
  }

  @Test
  void writesOneDimensionalShapeAsNumpyDoes() throws IOException {
    Path p = tmp.resolve("ids.npy");

    Npy.write(p, new NumericArray(new double[] {3, 1}, new int[] {2}, "int64"));

    String head = new String(Files.readAllBytes(p), 10, 60, java.nio.charset.StandardCharsets.ISO_8859_1);
    assertThat(head).startsWith("{'descr': '<i8', 'fortran_order': False, 'shape': (2,), }");
    assertThat(Npy.read(p).shape()).containsExactly(2);
  }

  @Test
  void writtenFileHasTheUsualPermissionsNotOwnerOnly() throws IOException {
    Assumptions.assumeTrue(tmp.getFileSystem().supportedFileAttributeViews().contains("posix"));
    Path plain = Files.createFile(tmp.resolve("plain")); // default permissions: 0666 less this process's umask
    Path p = tmp.resolve("w.npy");

    Npy.write(p, new NumericArray(new double[] {1}, new int[] {1}, "float32"));

    assertThat(Files.getPosixFilePermissions(p)).isEqualTo(Files.getPosixFilePermissions(plain));
  }

  @Test
  void writerRefusesAFractionInAnIntegerArrayAndLeavesNoFile() {
    Path p = tmp.resolve("bad.npy");
    NumericArray a = new NumericArray(new double[] {1, 2.5}, new int[] {2}, "int32");

    assertThatThrownBy(() -> Npy.write(p, a)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(p + ": value 2.5").hasMessageContaining("index 1");
    assertThat(tmp.toFile().list()).isEmpty();
  }

  private static int itemSize(String dtype) {
    return switch (dtype) {
      case "float64", "int64" -> 8;
      case "float32", "int32" -> 4;
      default -> 1;
    };
  }
}
