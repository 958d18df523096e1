/**
 * Keras 3's learning-rate schedules: an optimizer built on one asks it for the rate at every step.
 */
package dev.vectorgrad.nn.optimizers.schedules;
