/** JMH benchmarks of the kernels: matrix products and the fused loss (run with org.openjdk.jmh.Main). */
package dev.xent.bench.jmh;
