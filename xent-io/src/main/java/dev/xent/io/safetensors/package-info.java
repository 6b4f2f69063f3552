/** The Hugging Face safetensors format: a JSON header and one raw little-endian buffer of tensors. */
package dev.xent.io.safetensors;
