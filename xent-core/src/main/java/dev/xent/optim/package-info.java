/**
 * Optimizers that subtract {@code lr·update} from parameters (SGD with momentum/Nesterov, Adam, AdamW), each
 * configured by one validated record holding its defaults; learning-rate schedules; and full-batch L-BFGS.
 */
package dev.xent.optim;
