/**
 * Reverse-mode automatic differentiation in TensorFlow's eager style: {@link dev.vectorgrad.autodiff.GradientTape}
 * records the {@link dev.vectorgrad.NDArray} ops run on its thread while it is open, and
 * {@link dev.vectorgrad.autodiff.Variable} holds mutable, named state such as a layer's weights.
 *
 * <p>Reading order: {@code Variable} (state and snapshots) → {@code GradientTape} (watching, recording,
 * the backward walk) → {@code GradientRules} (one table, one rule per op, every rule made of NDArray
 * ops so that nested tapes differentiate it again) → {@code Unbroadcast} (the one un-broadcast) →
 * {@code MatmulGrad} → {@link dev.vectorgrad.autodiff.GradientCheck} (finite differences).
 *
 * <p>How the pieces meet: each NDArray op calls the thread's {@code OpRecorder} (one ThreadLocal read,
 * null when no tape is open). Here that recorder is {@code TapeStack}, the thread's set of open tapes;
 * each tape records the op if it tracks one of its inputs, keyed by array identity in a small
 * open-addressing map, and appends a {@code Record}. {@code gradient} walks the records backwards,
 * only along paths from the sources to the targets, applying each op's rule.
 *
 * <p>Semantics follow TensorFlow 2.x (see each class for the deliberate differences): null for
 * unconnected sources unless {@link dev.vectorgrad.autodiff.UnconnectedGradients#ZERO}; non-scalar
 * targets summed; one-shot tapes unless persistent; abs'(0) = relu'(0) = 0, sqrt'(0) = +inf,
 * maximum/minimum ties to the first argument, reduction max/min ties shared equally.
 */
package dev.vectorgrad.autodiff;
