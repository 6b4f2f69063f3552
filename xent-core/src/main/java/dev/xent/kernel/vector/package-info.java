/**
 * The JDK Vector API kernels: the only code compiled against {@code jdk.incubator.vector}, loaded reflectively
 * by {@link dev.xent.kernel.Kernels} only when the module is present.
 */
package dev.xent.kernel.vector;
