/** The scalar reference kernels: plain loops, the source of truth in tests. */
package dev.xent.kernel.scalar;
