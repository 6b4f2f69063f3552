/** JMH microbenchmarks of the kernels (run with org.openjdk.jmh.Main). */
package dev.xent.bench.jmh;
