/**
 * The in-memory data model: {@link dev.xent.data.Matrix}, {@link dev.xent.data.Dataset} (features and targets
 * for training), {@link dev.xent.data.LabelEncoding} (frozen class-name order) and
 * {@link dev.xent.data.Standardizer} (per-feature normalisation).
 */
package dev.xent.data;
