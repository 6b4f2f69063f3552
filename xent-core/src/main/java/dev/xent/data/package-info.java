/** The in-memory data model: {@link dev.xent.data.Matrix} and, for training, datasets and label encodings. */
package dev.xent.data;
