/**
 * The fused optimizer updates: one pass per variable reads the weight and the gradient, updates the optimizer's
 * state arrays in place and writes the new weight. Each kernel follows Keras 3's operation order, so that
 * {@code dev.vectorgrad.nn.optimizers} lands on Keras's values; each has its scalar twin.
 */
package dev.vectorgrad.kernels.optim;
