package dev.vectorgrad.ndarray;

/**
 * The per-thread slot for the {@link OpRecorder}. With no tape open an op pays exactly one
 * {@link ThreadLocal#get()}, which is the whole cost of autodiff when it is not used.
 */
public final class OpHook {
    private static final ThreadLocal<OpRecorder> CURRENT = new ThreadLocal<>();

    /** The recorder of the calling thread, or null when no tape is recording on it. */
    public static OpRecorder current() {
        return CURRENT.get();
    }

    /** Installs (or with null, removes) the calling thread's recorder. */
    public static void install(OpRecorder recorder) {
        if (recorder == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(recorder);
        }
    }

    private OpHook() {}
}
