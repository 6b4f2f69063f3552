/** Model directories: {@code config.json} plus {@code model.safetensors}, saved atomically, loaded with checks. */
package dev.xent.io.model;
