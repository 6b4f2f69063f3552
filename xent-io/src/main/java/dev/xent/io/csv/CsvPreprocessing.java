package dev.xent.io.csv;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * Everything fitted on a training CSV that a model needs to read new CSV files the same way: the schema as
 * inferred, the feature encoder and the target encoding. Stored as JSON next to the model (see
 * {@link #toJson()}); evaluation and prediction load it and apply exactly the same transform.
 *
 * @param schema the columns of the training file with types and roles
 * @param features the fitted feature encoder
 * @param target the target encoding (classes in id order)
 */
public record CsvPreprocessing(FeatureSchema schema, FeatureEncoder features, TargetEncoding target) {
  /** The file name used for this JSON inside a model directory. */
  public static final String FILE_NAME = "preprocessing.json";

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  /** This preprocessing as indented JSON. */
  public String toJson() {
    try {
      return JSON.writeValueAsString(this);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write preprocessing as JSON", e);
    }
  }

  /** Reads preprocessing written by {@link #toJson()}. */
  public static CsvPreprocessing fromJson(String json) {
    try {
      return JSON.readValue(json, CsvPreprocessing.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not a valid " + FILE_NAME + ": " + e.getOriginalMessage(), e);
    }
  }
}
