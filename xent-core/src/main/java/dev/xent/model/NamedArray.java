package dev.xent.model;

/**
 * One stored parameter array: its file name ({@code layers.0.weight}), shape and float32 values (row-major).
 *
 * @param name the tensor name in the model file
 * @param shape e.g. {@code [out, in]} for a dense weight, {@code [out]} for its bias
 * @param values the values, row-major; live (the model's own array)
 */
public record NamedArray(String name, int[] shape, float[] values) {}
