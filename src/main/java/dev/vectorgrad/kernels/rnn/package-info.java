/**
 * Recurrent-cell kernels: the elementwise half of one recurrent step, fused into a single pass over the
 * batch. The matrix products that feed a cell ({@code x·W + h·U + b}) run as GEMMs outside; what is left,
 * four gate nonlinearities and the cell update for an LSTM, would otherwise be a dozen small arrays per step.
 * {@link dev.vectorgrad.kernels.rnn.LstmSequenceKernel} drives a whole LSTM sequence, forward and
 * backpropagation through time, around those cells and products against a recurrent kernel packed once.
 *
 * <h2>Promises</h2>
 * Each kernel has a scalar twin (the tail loop, the {@code -Dvectorgrad.simd=false} path and the tests'
 * oracle). The lanes use {@code VectorOperators.EXP} and {@code TANH}, so they agree with the twin within a
 * few ulp per gate, which the tests check at 512, 256 and 128 bits.
 */
package dev.vectorgrad.kernels.rnn;
