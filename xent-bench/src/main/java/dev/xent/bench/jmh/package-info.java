/** JMH benchmarks of the fused loss kernels. */
package dev.xent.bench.jmh;
