package dev.vectorgrad.autodiff;

import dev.vectorgrad.DType;
import dev.vectorgrad.NDArray;
import dev.vectorgrad.ndarray.Shapes;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What a tape says when it is misused: TensorFlow's wording for life-cycle errors and warnings, and the longer
 * explanation of a null target. Kept apart so the tape itself reads as the mechanism it is.
 */
final class TapeMessages {
    private static final System.Logger LOG = System.getLogger("dev.vectorgrad.autodiff");
    private static final int MAX_WARNINGS = 5; // TF logs its dtype warning at most 5 times
    private static final AtomicInteger DTYPE_WARNINGS = new AtomicInteger();
    private static final AtomicInteger INSIDE_WARNINGS = new AtomicInteger();

    /** TF's RuntimeError for a second use of a non-persistent tape, with the Java way out. */
    static final String ONE_SHOT = "A non-persistent GradientTape can only be used to compute one set of gradients "
            + "(or jacobians); create it with GradientTape.builder().persistent(true).build() to compute more";

    /** TF's warning, once per process: a persistent tape records its own backward pass when asked inside. */
    static void warnGradientInside() {
        if (INSIDE_WARNINGS.getAndIncrement() == 0) {
            LOG.log(System.Logger.Level.WARNING, "Calling GradientTape.gradient on a persistent tape inside its "
                    + "context is significantly less efficient than calling it outside the context (it causes "
                    + "the gradient ops to be recorded on the tape, leading to increased CPU and memory usage). "
                    + "Only call GradientTape.gradient inside the context if you actually want to trace the "
                    + "gradient in order to compute higher order derivatives.");
        }
    }

    /** How a source is named in messages: a variable by name, an array by dtype and shape. */
    static String describe(NDArray s, int index, int count) {
        String what = s instanceof Variable v ? "variable '" + v.name() + "'"
                : "a " + s.dtype() + " array of shape " + Shapes.format(s.shape());
        return count == 1 ? "the source (" + what + ")" : "source " + index + " (" + what + ")";
    }

    /**
     * The message for a null target: when the last gradient call on this thread returned null for a
     * source this tape never watched, that is almost certainly where the null came from (TF's seed:
     * a nested tape differentiating w.r.t. a plain constant that neither tape watched).
     */
    static String nullTargetMessage(String what, String arg, List<? extends NDArray> sources) {
        StringBuilder m = new StringBuilder(what).append(": ").append(arg).append(" is null.");
        List<TapeStack.NullGradient> last = TapeStack.current().lastNulls;
        TapeStack.NullGradient match = null;
        for (TapeStack.NullGradient n : last) {
            if (!n.unwatched()) {
                continue;
            }
            NDArray s = n.source().get();
            boolean same = false;
            if (sources != null) {
                for (NDArray src : sources) {
                    same |= src != null && src == s;
                }
            }
            if (match == null || same) {
                match = n;
            }
            if (same) {
                break;
            }
        }
        if (match != null) {
            m.append(" It is probably the null gradient that the previous gradient() call returned for ")
                    .append(match.description())
                    .append(", because that tape did not watch it: a tape gives null for a source it does not track. ")
                    .append("Watch the source on every tape that differentiates with respect to it (for nested "
                            + "tapes, call watch(a) on the inner AND the outer tape right after opening them), or "
                            + "make it a trainable Variable, which tapes watch automatically.");
        } else {
            m.append(" A gradient is null when its source has no recorded path to the target "
                    + "(UnconnectedGradients.NONE); pass UnconnectedGradients.ZERO to get zeros instead.");
        }
        return m.toString();
    }

    /** TF's dtype warning (at most {@code MAX_WARNINGS} times per process): int and bool sources get null. */
    static void warnDtype(String what, DType t) {
        if (DTYPE_WARNINGS.getAndIncrement() < MAX_WARNINGS) {
            LOG.log(System.Logger.Level.WARNING, "The dtype of the " + what + " must be floating (e.g. float32), got "
                    + t + "; its gradient is null");
        }
    }

    private TapeMessages() {}
}
