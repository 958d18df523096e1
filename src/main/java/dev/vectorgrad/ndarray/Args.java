package dev.vectorgrad.ndarray;

import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Modifier;
import java.security.CodeSource;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;

/**
 * Argument checks shared by every public entry point, so that a null becomes an
 * {@code IllegalArgumentException} that names the method the user called and the argument, never a bare
 * {@code NullPointerException} from deep inside.
 *
 * <p>The method name is read from the call stack, and only when the check fails: a public mirror that
 * delegates ({@code Ops.subtract(a, b)} calling {@code a.sub(b)}) then reports the method the user called
 * ({@code Ops.subtract}) and the argument of the inner method that was null, without each mirror spelling
 * out its own checks. The happy path costs one comparison with null.
 */
public final class Args {

    /**
     * {@code x}, or an {@code IllegalArgumentException} saying "{@code method: arg is null}", where
     * {@code method} is the library's outermost public method on the calling thread's stack.
     */
    public static <T> T nonNull(T x, String arg) {
        if (x == null) {
            throw new IllegalArgumentException(nullMessage(arg));
        }
        return x;
    }

    /** Checks each element of {@code xs} (itself non-null); the message gives the null element's index. */
    public static <T> T[] noNulls(T[] xs, String arg) {
        nonNull(xs, arg);
        for (int i = 0; i < xs.length; i++) {
            if (xs[i] == null) {
                throw new IllegalArgumentException(nullMessage(arg + "[" + i + "]"));
            }
        }
        return xs;
    }

    /** As {@link #noNulls(Object[], String)} for a list. */
    public static <T, L extends List<T>> L noNulls(L xs, String arg) {
        nonNull(xs, arg);
        for (int i = 0; i < xs.size(); i++) {
            if (xs.get(i) == null) {
                throw new IllegalArgumentException(nullMessage(arg + ".get(" + i + ")"));
            }
        }
        return xs;
    }

    /** The text of a null-argument error: {@code "sub: other is null"} or {@code "Ops.subtract: sub's other is null"}. */
    static String nullMessage(String arg) {
        String[] names = entryPoints();
        String inner = names[0];
        String outer = names[1];
        if (outer == null) {
            return arg + " is null";
        }
        return inner == null || inner.equals(outer) ? outer + ": " + arg + " is null"
                : outer + ": " + inner + "'s " + arg + " is null";
    }

    /** {innermost, outermost} public library methods on the stack, by display name (null where none). */
    private static String[] entryPoints() {
        CodeSource library = Args.class.getProtectionDomain().getCodeSource();
        return StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE).walk(frames -> {
            String[] out = new String[2];
            for (Iterator<StackWalker.StackFrame> it = frames.iterator(); it.hasNext(); ) {
                StackWalker.StackFrame f = it.next();
                Class<?> c = f.getDeclaringClass();
                if (c == Args.class) {
                    continue;
                }
                // the user's code (tests included) starts at the first frame from another code source
                if (!c.getName().startsWith("dev.vectorgrad.")
                        || !Objects.equals(c.getProtectionDomain().getCodeSource(), library)) {
                    break;
                }
                String name = publicName(c, f.getMethodName(), f.getMethodType().parameterArray());
                if (name != null) {
                    out[0] = out[0] == null ? name : out[0];
                    out[1] = name;
                }
            }
            return out;
        });
    }

    private static String publicName(Class<?> c, String method, Class<?>[] params) {
        if (!Modifier.isPublic(c.getModifiers()) || c.isAnonymousClass() || c.isSynthetic()) {
            return null;
        }
        try {
            Executable e = method.equals("<init>") ? c.getDeclaredConstructor(params)
                    : c.getDeclaredMethod(method, params);
            if (!Modifier.isPublic(e.getModifiers()) || e.isSynthetic()) {
                return null;
            }
            String simple = c.getSimpleName();
            if (e instanceof Constructor<?>) {
                return simple;
            }
            return simple.equals("NDArray") ? method : simple + "." + method;
        } catch (NoSuchMethodException | SecurityException ex) {
            return null;
        }
    }

    private Args() {}
}
