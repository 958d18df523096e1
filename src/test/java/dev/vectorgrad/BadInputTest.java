package dev.vectorgrad;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** Every user mistake is an IllegalArgumentException naming the op and the offending shapes or values. */
class BadInputTest {
    private final NDArray m23 = NDArray.zeros(DType.FLOAT32, 2, 3);

    private static void fails(ThrowingCallable call, String message) {
        assertThatThrownBy(call).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
    }

    @Test
    void broadcastMismatchNamesTheOpAndBothShapes() {
        fails(() -> m23.add(NDArray.zeros(DType.FLOAT32, 4)), "add: shapes (2, 3) and (4,) cannot broadcast");
        fails(() -> m23.mul(NDArray.zeros(DType.FLOAT32, 3, 2)), "mul: shapes (2, 3) and (3, 2) cannot broadcast");
        fails(() -> m23.broadcastTo(4, 3), "broadcastTo: shape (2, 3) cannot broadcast to (4, 3)");
        fails(() -> NDArray.where(m23.gt(0.0), m23, NDArray.zeros(DType.FLOAT32, 5)), "where: shapes (2, 3) and (5,) cannot broadcast");
    }

    @Test
    void matmulInnerDimensions() {
        fails(() -> m23.matmul(m23), "matmul: shapes (2, 3) and (2, 3) are incompatible: inner dimensions 3 and 2 differ");
        fails(() -> NDArray.of(1f).matmul(m23), "matmul: operands must have rank >= 1");
    }

    @Test
    void reshapeSizeAndAxisAndIndex() {
        fails(() -> m23.reshape(4, 2), "reshape: cannot reshape array of size 6 into shape (4, 2)");
        fails(() -> m23.reshape(-1, -1), "can only specify one unknown dimension");
        fails(() -> m23.sum(false, 2), "sum: axis 2 is out of range for an array of rank 2");
        fails(() -> m23.softmax(-3), "softmax: axis -3 is out of range");
        fails(() -> m23.get(2), "get: index 2 is out of bounds for axis 0 with size 2");
        fails(() -> m23.getFloat(0, 3), "getFloat: index 3 is out of bounds for axis 1 with size 3");
        fails(() -> m23.getFloat(0), "getFloat: expected 2 indices for shape (2, 3), got 1");
        fails(() -> m23.squeeze(0), "squeeze: axis 0 of shape (2, 3) has size 2, not 1");
        fails(() -> m23.transpose(0, 0), "transpose: [0, 0] is not a permutation of 2 axes");
        fails(() -> m23.slice(1, 0, 3, 0), "slice: step cannot be zero");
        fails(() -> NDArray.zeros(DType.FLOAT32, 0).max(), "max: zero-size array");
    }

    @Test
    void dataLengthVersusShapeAndRaggedRows() {
        fails(() -> NDArray.of(new float[] {1, 2, 3}, 2, 2), "of: 3 values cannot fill shape (2, 2)");
        fails(() -> NDArray.of(new float[][] {{1, 2}, {3}}), "of: ragged rows: row 0 has 2 values, row 1 has 1");
        fails(() -> NDArray.zeros(DType.FLOAT32, 2, -1), "zeros: negative dimension in shape (2, -1)");
        fails(() -> NDArray.of((float[]) null), "of: values is null");
        fails(() -> m23.add((NDArray) null), "add: other is null");
    }

    @Test
    void opsOnUnsupportedDtypes() {
        NDArray flags = NDArray.of(new boolean[] {true, false});
        fails(flags::sqrt, "sqrt: not supported for dtype bool");
        fails(() -> flags.add(flags), "add: not supported for dtype bool");
        fails(() -> NDArray.where(m23, m23, m23), "where: condition must be bool, got float32");
        fails(() -> NDArray.of(new int[] {2}).pow(NDArray.of(new int[] {-1})), "pow: integers to negative integer powers");
        fails(() -> NDArray.of(new int[] {1, 2}).argMax(1), "argMax: axis 1 is out of range");
        fails(() -> m23.item(), "item: only one-element arrays");
    }
}
