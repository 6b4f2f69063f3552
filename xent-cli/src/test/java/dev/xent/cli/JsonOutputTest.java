package dev.xent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonOutputTest {
  private static String print(Object value) {
    StringWriter w = new StringWriter();
    JsonOutput.print(new PrintWriter(w), value);
    return w.toString().strip();
  }

  @Test
  void treeNodesWriteNonFiniteAsStrings() {
    ObjectNode o = JsonOutput.object();
    o.set("a", JsonOutput.number(Double.NaN));
    o.set("b", JsonOutput.number(Double.POSITIVE_INFINITY));
    o.set("c", JsonOutput.number(Float.NEGATIVE_INFINITY));
    o.set("d", JsonOutput.array(new double[] {1.5, Double.NaN}, false));
    o.set("e", JsonOutput.matrix(new double[] {1, 2, 3, Double.NEGATIVE_INFINITY}, 2, 2, false));

    assertThat(print(o)).isEqualTo(
        "{\"a\":\"nan\",\"b\":\"inf\",\"c\":\"-inf\",\"d\":[1.5,\"nan\"],\"e\":[[1.0,2.0],[3.0,\"-inf\"]]}");
  }

  @Test
  void plainJavaValuesWriteNonFiniteAsStrings() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("boxed", Double.NaN);
    m.put("float", Float.POSITIVE_INFINITY);
    m.put("array", new double[] {0.25, Double.NEGATIVE_INFINITY});
    m.put("record", new Point(Double.NaN, 2));

    assertThat(print(m)).isEqualTo(
        "{\"boxed\":\"nan\",\"float\":\"inf\",\"array\":[0.25,\"-inf\"],\"record\":{\"x\":\"nan\",\"y\":2.0}}");
  }

  @Test
  void float32ValuesUseFloatsShortestDigits() {
    double f32 = (float) 1.1769392;

    assertThat(print(JsonOutput.number((float) f32))).isEqualTo("1.1769392");
    assertThat(print(JsonOutput.number(f32))).isEqualTo(Double.toString(f32));
    assertThat(print(JsonOutput.array(new double[] {f32}, true))).isEqualTo("[1.1769392]");
  }

  record Point(double x, double y) {}
}
