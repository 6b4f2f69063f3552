/** The Vector API kernels (the only package that imports {@code jdk.incubator.vector}). */
package dev.xent.kernel.vector;
