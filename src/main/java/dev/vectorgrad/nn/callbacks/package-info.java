/**
 * Keras's training callbacks: hooks that {@code Model.fit} calls around each epoch and batch, to stop early, save
 * checkpoints, change the learning rate or log.
 */
package dev.vectorgrad.nn.callbacks;
