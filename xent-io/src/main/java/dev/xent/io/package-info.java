/** File formats: IDX (MNIST), safetensors, model directories and dataset sources. */
package dev.xent.io;
