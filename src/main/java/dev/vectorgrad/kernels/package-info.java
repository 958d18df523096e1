/**
 * The SIMD kernels: arrays, offsets and counts in, results out; no NDArray, no allocation in the
 * hot path. This is vectorgrad's public low-level API (call it as you would Lucene's VectorUtil)
 * and the place to learn how a Vector API kernel is written.
 *
 * <h2>Reading order</h2>
 * <ol>
 *   <li>{@link dev.vectorgrad.kernels.Simd}: the species, chosen once; the switches
 *       {@code -Dvectorgrad.simd=false} and {@code -Dvectorgrad.vectorBits=128|256|512}.</li>
 *   <li>{@code elementwise.AddKernel}: the shape of every kernel file — the scalar twin first (the
 *       specification, and the tail), the SIMD body up to {@code loopBound}, and {@code run} choosing
 *       between them; broadcast variants load a stride-0 operand once. AddKernel and the other mechanical
 *       kernels (binary, comparison, simple unary) are generated from one template per shape and one op table,
 *       {@code codegen/ops.table}, as the JDK generates its Vector API classes; {@code docs/OPS.md} lists every
 *       elementwise op with its kernel, scalar twin, gradient rule, tests and benchmark.</li>
 *   <li>{@code reduce.DotKernel}, then {@code reduce.SumKernel}: independent accumulators to hide
 *       the latency of each vector add, and what that does to rounding.</li>
 *   <li>{@code elementwise.ExpKernel} and {@code elementwise.TanhKernel}: transcendentals, with the
 *       accuracy promised in ulps and tested over a dense sweep.</li>
 *   <li>{@code matmul.GemmMicroKernel}, {@code matmul.GemmPacking}, then {@code matmul.Gemm}: BLIS's
 *       five loops around packed panels and a register-blocked micro-kernel.</li>
 * </ol>
 *
 * <h2>Promises</h2>
 * IEEE operations (add, mul, max, comparisons, ...) are bit-identical to their scalar twin at every
 * width. Transcendentals and reductions state their error bound in each class's Javadoc; the tests
 * under {@code src/test/java/dev/vectorgrad/kernels} check every promise at 512, 256 and 128 bits and
 * with SIMD off.
 */
package dev.vectorgrad.kernels;
