/**
 * The trained model in memory: {@link dev.xent.model.Classifier} = network + label encoding + input
 * standardisation + provenance, with plain getters for what a model file stores.
 */
package dev.xent.model;
