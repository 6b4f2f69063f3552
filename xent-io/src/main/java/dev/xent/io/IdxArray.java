package dev.xent.io;

import java.util.Arrays;

/**
 * The content of one IDX file of unsigned bytes: its dimensions and its values.
 *
 * @param dims the dimensions in file order, e.g. {@code [60000, 28, 28]} for images, {@code [60000]} for labels
 * @param data the values, row-major over {@code dims}, each an unsigned byte (read with {@code & 0xFF})
 */
public record IdxArray(int[] dims, byte[] data) {
  public IdxArray {
    dims = dims.clone();
  }

  /** The first dimension: the number of items (images or labels). */
  public int count() {
    return dims[0];
  }

  /** The number of values per item: the product of every dimension after the first (1 for labels). */
  public int itemSize() {
    int size = 1;
    for (int i = 1; i < dims.length; i++) {
      size = Math.multiplyExact(size, dims[i]);
    }
    return size;
  }

  @Override
  public int[] dims() {
    return dims.clone();
  }

  @Override
  public String toString() {
    return "IdxArray" + Arrays.toString(dims);
  }
}
