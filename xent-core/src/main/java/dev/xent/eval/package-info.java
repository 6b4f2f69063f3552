/**
 * Evaluation as pure functions over predictions: accuracy, top-k accuracy, log loss, confusion matrix,
 * per-class precision/recall/F1 with macro and weighted averages, and calibration (expected calibration error
 * with reliability bins).
 */
package dev.xent.eval;
