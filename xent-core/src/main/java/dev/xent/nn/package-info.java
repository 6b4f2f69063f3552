/**
 * Neural-network building blocks on flat float buffers: {@link dev.xent.nn.Layer}, {@link dev.xent.nn.Dense},
 * activations, {@link dev.xent.nn.Dropout}, {@link dev.xent.nn.Sequential}, {@link dev.xent.nn.Parameter} and
 * initialisers. Networks emit logits.
 */
package dev.xent.nn;
