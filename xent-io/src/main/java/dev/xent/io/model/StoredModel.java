package dev.xent.io.model;

import dev.xent.io.safetensors.Tensor;
import java.util.SortedMap;

/**
 * A model directory as read by {@link ModelStore}: its config and its weights, checked against each other.
 *
 * @param config the parsed {@code config.json}
 * @param weights the tensors of {@code model.safetensors}: {@code layers.{i}.weight} [out, in] and
 *     {@code layers.{i}.bias} [out], float32
 */
public record StoredModel(ModelConfig config, SortedMap<String, Tensor> weights) {}
