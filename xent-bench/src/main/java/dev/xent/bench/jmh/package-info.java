/** JMH microbenchmarks of the kernels: the fused loss and sgemm (run with org.openjdk.jmh.Main). */
package dev.xent.bench.jmh;
