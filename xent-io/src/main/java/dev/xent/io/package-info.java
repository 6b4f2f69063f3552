/**
 * File formats: NumPy {@code .npy} arrays and headerless numeric CSV matrices (read into
 * {@link dev.xent.io.NumericArray}), MNIST IDX files and directories; errors name the file, row and column.
 * Safetensors and model directories live in the sub-packages.
 */
package dev.xent.io;
