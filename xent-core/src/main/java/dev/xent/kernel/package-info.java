/**
 * {@link dev.xent.kernel.Kernels}: the validating facade that delegates to the active provider (scalar or Vector
 * API) and splits work across threads deterministically.
 */
package dev.xent.kernel;
