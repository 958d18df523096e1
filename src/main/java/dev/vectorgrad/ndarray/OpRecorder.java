package dev.vectorgrad.ndarray;

import dev.vectorgrad.NDArray;

/**
 * The hook through which an autodiff layer sees ops: ndarray owns this interface, autodiff
 * implements it, so no arrow points upward. Installed per thread through {@link OpHook}.
 */
public interface OpRecorder {
    /**
     * Called after {@code op} produced {@code output} from {@code inputs} on this thread.
     *
     * @param attrs op attributes as documented on {@link Op}, or null
     */
    void record(Op op, NDArray output, NDArray[] inputs, Object attrs);
}
