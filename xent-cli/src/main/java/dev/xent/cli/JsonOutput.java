package dev.xent.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import picocli.CommandLine.Option;

/**
 * The {@code --json} option and the one way xent writes JSON: a single object per command on stdout, with NaN
 * and ±infinity written as the strings {@code "nan"}, {@code "inf"}, {@code "-inf"} (JSON has no such numbers).
 */
public final class JsonOutput {
  @Option(names = "--json", description = "Print one JSON object on stdout instead of the readable summary.")
  boolean json;

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final ObjectMapper MAPPER = new ObjectMapper()
      .registerModule(nonFiniteAsStrings())
      .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

  /** Whether {@code --json} was given. */
  public boolean enabled() {
    return json;
  }

  /** The shared mapper: plain Java values (maps, lists, records, double[]) with non-finite numbers as strings. */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /** A new empty JSON object. */
  public static ObjectNode object() {
    return NODES.objectNode();
  }

  /** A number, or the string "nan", "inf" or "-inf". */
  public static JsonNode number(double v) {
    return Double.isFinite(v) ? NODES.numberNode(v) : NODES.textNode(nonFinite(v));
  }

  /** A number held in float32, written with float's shortest digits (1.1769392, not 1.1769392490386963). */
  public static JsonNode number(float v) {
    return Float.isFinite(v) ? NODES.numberNode(v) : NODES.textNode(nonFinite(v));
  }

  /** A JSON array of numbers; with {@code asFloat} each is written with float's shortest digits. */
  public static ArrayNode array(double[] values, boolean asFloat) {
    ArrayNode a = NODES.arrayNode(values.length);
    for (double v : values) {
      a.add(asFloat ? number((float) v) : number(v));
    }
    return a;
  }

  /** A nested JSON array of {@code rows} arrays of {@code cols} numbers from row-major {@code data}. */
  public static ArrayNode matrix(double[] data, int rows, int cols, boolean asFloat) { // data: [rows, cols]
    ArrayNode a = NODES.arrayNode(rows);
    for (int r = 0; r < rows; r++) {
      ArrayNode row = a.addArray();
      for (int c = 0; c < cols; c++) {
        double v = data[r * cols + c];
        row.add(asFloat ? number((float) v) : number(v));
      }
    }
    return a;
  }

  /** Writes {@code value} as one line of JSON. */
  public static void print(PrintWriter out, Object value) {
    try {
      out.println(MAPPER.writeValueAsString(value));
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String nonFinite(double v) {
    return Double.isNaN(v) ? "nan" : v > 0 ? "inf" : "-inf";
  }

  private static SimpleModule nonFiniteAsStrings() {
    SimpleModule m = new SimpleModule("xent-non-finite");
    JsonSerializer<Double> d = new JsonSerializer<>() {
      @Override
      public void serialize(Double v, JsonGenerator g, SerializerProvider p) throws IOException {
        writeDouble(v, g);
      }
    };
    JsonSerializer<Float> f = new JsonSerializer<>() {
      @Override
      public void serialize(Float v, JsonGenerator g, SerializerProvider p) throws IOException {
        if (Float.isFinite(v)) {
          g.writeNumber(v);
        } else {
          g.writeString(nonFinite(v));
        }
      }
    };
    m.addSerializer(Double.class, d);
    m.addSerializer(double.class, d);
    m.addSerializer(Float.class, f);
    m.addSerializer(float.class, f);
    m.addSerializer(double[].class, new JsonSerializer<>() {
      @Override
      public void serialize(double[] v, JsonGenerator g, SerializerProvider p) throws IOException {
        g.writeStartArray(v, v.length);
        for (double x : v) {
          writeDouble(x, g);
        }
        g.writeEndArray();
      }
    });
    return m;
  }

  private static void writeDouble(double v, JsonGenerator g) throws IOException {
    if (Double.isFinite(v)) {
      g.writeNumber(v);
    } else {
      g.writeString(nonFinite(v));
    }
  }
}
