/**
 * CSV datasets: reading (delimiter detection, quoting, BOM, missing markers), column type inference, the fitted
 * feature and target encoders that turn rows into model inputs, and streaming encoded batches.
 */
package dev.xent.io.csv;
