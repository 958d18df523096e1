/**
 * Keras-style models on the tape: {@link dev.vectorgrad.nn.Layer} (weights found in fields, built lazily),
 * {@link dev.vectorgrad.nn.Dense}, {@link dev.vectorgrad.nn.Sequential} and {@link dev.vectorgrad.nn.Model}
 * ({@code compile}, {@code fit}, {@code evaluate}, {@code predict}, {@code saveWeights}/{@code loadWeights}),
 * with losses in {@code nn.losses}, optimizers in {@code nn.optimizers} and metrics in {@code nn.metrics}.
 *
 * <p>A training step, as {@code Model.fit} takes it, is the same loop a user writes by hand:
 * <pre>{@code
 * try (GradientTape tape = new GradientTape()) {
 *     NDArray logits = model.call(x, true);
 *     loss = lossFn.call(y, logits);
 * }
 * List<Variable> vars = model.trainableVariables();
 * optimizer.applyGradients(tape.gradient(loss, vars), vars);
 * }</pre>
 * The forward pass is NDArray ops recorded by the tape, the backward pass is the tape's gradient rules, and the
 * update is one fused SIMD kernel per variable ({@code dev.vectorgrad.kernels.optim.SgdKernel}, ...).
 *
 * <p>Semantics follow Keras 3 (formulas, defaults, reductions, error wording) and tf.keras 2's variable names
 * ({@code dense_1/kernel:0}); each class's Javadoc lists its deliberate differences.
 */
package dev.vectorgrad.nn;
