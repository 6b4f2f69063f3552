/**
 * File formats: NumPy {@code .npy} arrays and headerless numeric CSV matrices, read into
 * {@link dev.xent.io.NumericArray} with errors that name the file, row and column.
 */
package dev.xent.io;
