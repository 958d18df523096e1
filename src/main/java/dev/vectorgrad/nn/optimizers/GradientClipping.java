package dev.vectorgrad.nn.optimizers;

import dev.vectorgrad.DType;
import dev.vectorgrad.NDArray;
import java.util.ArrayList;
import java.util.List;

/**
 * Keras 3's {@code _clip_gradients}, in the gradients' dtype: at most one of clipnorm (each gradient scaled to L2
 * norm at most {@code c}: {@code g·c / max(‖g‖, c)}), global clipnorm (all scaled by
 * {@code c·min(1/‖all‖, 1/c)}, NaN when the norm is not finite) and clipvalue ({@code min(max(g, −v), v)}).
 * Norms sum squares with the library's {@code sum}, whose order differs from TensorFlow's, so clipped values agree
 * with Keras to the rounding of that sum.
 */
final class GradientClipping {

    static List<NDArray> clip(List<NDArray> grads, double clipNorm, double globalClipNorm, double clipValue) {
        if (clipNorm > 0) {
            List<NDArray> out = new ArrayList<>(grads.size());
            for (NDArray g : grads) {
                NDArray l2norm = g.square().sum().sqrt();
                out.add(g.mul(clipNorm).div(l2norm.maximum(clipNorm)));
            }
            return out;
        }
        if (globalClipNorm > 0) {
            double sumOfSquares = 0;
            DType t = grads.get(0).dtype();
            for (NDArray g : grads) {
                double s = g.square().sum().item();
                sumOfSquares = t == DType.FLOAT32 ? (float) ((float) sumOfSquares + (float) s) : sumOfSquares + s;
            }
            double scale;
            if (t == DType.FLOAT32) {
                float norm = (float) Math.sqrt((float) sumOfSquares);
                float c = (float) globalClipNorm;
                scale = c * Math.min(1f / norm, (float) (1.0 / globalClipNorm)) + (norm - norm);
            } else {
                double norm = Math.sqrt(sumOfSquares);
                scale = globalClipNorm * Math.min(1.0 / norm, 1.0 / globalClipNorm) + (norm - norm);
            }
            List<NDArray> out = new ArrayList<>(grads.size());
            for (NDArray g : grads) {
                out.add(g.mul(scale));
            }
            return out;
        }
        if (clipValue > 0) {
            List<NDArray> out = new ArrayList<>(grads.size());
            for (NDArray g : grads) {
                out.add(g.minimum(clipValue).maximum(-clipValue));
            }
            return out;
        }
        return grads;
    }

    private GradientClipping() {}
}
