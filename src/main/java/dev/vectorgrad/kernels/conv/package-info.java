/**
 * Convolution and pooling kernels on channels-last arrays ({@code [batch, height, width, channels]},
 * kernels {@code [kh, kw, in, out]} as Keras lays them out): arrays, offsets and a
 * {@link dev.vectorgrad.kernels.conv.ConvGeometry} in, results out.
 *
 * <h2>Reading order</h2>
 * <ol>
 *   <li>{@link dev.vectorgrad.kernels.conv.ConvGeometry}: where each window lands, TensorFlow's SAME and
 *       VALID arithmetic.</li>
 *   <li>{@link dev.vectorgrad.kernels.conv.Im2col}, then {@link dev.vectorgrad.kernels.conv.Conv2dKernel}:
 *       a convolution is one GEMM once the windows are unrolled into rows; its scalar twin is the
 *       seven-loop definition.</li>
 *   <li>{@link dev.vectorgrad.kernels.conv.Conv2dBackpropInputKernel} and
 *       {@link dev.vectorgrad.kernels.conv.Conv2dBackpropFilterKernel}: the two gradients are GEMMs with a
 *       transposed operand (absorbed by GEMM's strides) around col2im and im2col.</li>
 *   <li>The {@code implicit} methods of those three and {@link dev.vectorgrad.kernels.matmul.GemmBlocks}: from
 *       four channels and a moderate size the same products run as implicit GEMM, the windows copied
 *       straight into GEMM's packed panels ({@code Im2col.packRows}, {@code packColumns}) and the input
 *       gradient's rows added back ({@code Im2col.addRow}) block by block, so no unrolled matrix is written
 *       and nothing is packed twice.</li>
 *   <li>{@link dev.vectorgrad.kernels.conv.Conv2dDirect}: at stride 1 (the common 3x3 SAME layer) the forward
 *       and the filter gradient skip even that: the padded image's rows already are GEMM's A rows, read in
 *       place by the micro-kernel, one product per kernel row.</li>
 *   <li>{@link dev.vectorgrad.kernels.conv.MaxPool2dKernel}, {@link dev.vectorgrad.kernels.conv.AvgPool2dKernel}
 *       and {@link dev.vectorgrad.kernels.conv.DepthwiseConv2dKernel}: no reduction over channels, so the
 *       vector lanes run along the channels, one load per window tap; masks route max pooling's gradient.</li>
 * </ol>
 *
 * <h2>Promises</h2>
 * Pooling and depthwise convolution are bit-identical to their scalar twins at every width (same
 * operations in the same order per lane). The GEMM-based convolutions agree with their twins within
 * {@code c·terms·ulp·Σ|products|}. The tests check every kernel against an independent float64 oracle over
 * random shapes, strides, dilations and paddings, at 512, 256 and 128 bits and with SIMD off.
 */
package dev.vectorgrad.kernels.conv;
