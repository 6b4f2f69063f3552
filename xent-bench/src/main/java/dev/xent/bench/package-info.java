/** Benchmarks: the loss-kernel timing harness behind {@code xent bench loss}, and JMH benchmarks. */
package dev.xent.bench;
