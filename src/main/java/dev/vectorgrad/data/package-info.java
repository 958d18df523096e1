/**
 * Input pipelines in the spirit of {@code tf.data}: {@link dev.vectorgrad.data.Dataset} over in-memory arrays or a
 * numeric CSV file, with seeded per-pass shuffling, batching and repetition.
 */
package dev.vectorgrad.data;
