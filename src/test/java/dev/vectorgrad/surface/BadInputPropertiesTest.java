package dev.vectorgrad.surface;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vectorgrad.NDArray;
import dev.vectorgrad.surface.HostileValues.Value;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Issue 12: the whole public surface against hostile arguments. Every public constructor and method of the exported
 * packages ({@link PublicSurface}, found by reflection, so members added later join by themselves) is called with
 * nulls, empty, scalar and huge shapes, negative and overflowing sizes, wrong dtypes, out-of-range axes and indices
 * ({@link HostileValues}), and may only end in a documented way:
 * <ul>
 *   <li>a result, or {@code IllegalArgumentException} with a non-blank message (the user's mistake);</li>
 *   <li>{@code IllegalStateException} (life-cycle misuse, e.g. a used one-shot tape, an uncompiled model);</li>
 *   <li>{@code ArithmeticException} whose message says "by zero" (integer division by zero);</li>
 *   <li>{@code IOException} (or {@code UncheckedIOException}) from a member that declares {@code IOException};</li>
 * </ul>
 * within {@link #TIME_LIMIT_MS} per call. NullPointerException, IndexOutOfBounds, NegativeArraySize, ClassCast,
 * OutOfMemoryError and everything else fail the test, which names the member, the receiver and every argument.
 *
 * <p>Two passes: a sweep that makes one argument (or the receiver) hostile at a time with ordinary values elsewhere,
 * so each failure has one cause; and a jqwik property that draws a member and a hostile value for every argument at
 * once.
 */
class BadInputPropertiesTest {
    /** Per call; generous because CI machines are shared. A legitimate call here takes microseconds. */
    static final long TIME_LIMIT_MS = 10_000;

    private static Path scratch;
    private static HostileValues values;
    private static List<Executable> members;

    @BeforeContainer
    static void discover() throws IOException {
        scratch = Files.createTempDirectory("vectorgrad-bad-input");
        values = new HostileValues(scratch);
        members = new ArrayList<>();
        for (Class<?> c : PublicSurface.classes()) {
            members.addAll(PublicSurface.members(c));
        }
    }

    @AfterContainer
    static void cleanUp() throws IOException {
        try (Stream<Path> files = Files.walk(scratch)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** One call: the member, a receiver (null for static members and constructors) and the arguments. */
    record Call(Executable member, Value receiver, List<Value> args) {
        @Override
        public String toString() {
            String a = args.stream().map(Value::label).collect(Collectors.joining(", "));
            return PublicSurface.signature(member) + (receiver == null ? "" : " on " + receiver.label())
                    + " with (" + a + ")";
        }
    }

    // ------------------------------------------------------------------------------------------
    // The sweep: one hostile value at a time
    // ------------------------------------------------------------------------------------------

    @net.jqwik.api.Example
    void everyMemberSurvivesEachHostileArgumentAlone() {
        List<String> failures = new ArrayList<>();
        List<String> noReceiver = new ArrayList<>();
        int cases = 0;
        for (Executable m : members) {
            List<Value> receivers = receivers(m);
            if (receivers != null && receivers.isEmpty()) {
                noReceiver.add(PublicSurface.signature(m));
                continue;
            }
            List<List<Value>> params = parameterValues(m);
            List<Value> baseline = params.stream().map(l -> l.get(0)).toList();
            Value r0 = receivers == null ? null : receivers.get(0);
            List<Call> calls = new ArrayList<>();
            calls.add(new Call(m, r0, baseline));
            if (receivers != null) {
                for (Value r : receivers.subList(1, receivers.size())) {
                    calls.add(new Call(m, r, baseline));
                }
            }
            for (int p = 0; p < params.size(); p++) {
                for (Value v : params.get(p).subList(1, params.get(p).size())) {
                    List<Value> args = new ArrayList<>(baseline);
                    args.set(p, v);
                    calls.add(new Call(m, r0, args));
                }
            }
            for (Call c : calls) {
                cases++;
                String verdict = run(c);
                if (verdict != null) {
                    failures.add(verdict);
                }
            }
        }
        System.out.println("BadInputPropertiesTest sweep: " + members.size() + " public members of "
                + PublicSurface.classes().size() + " classes, " + cases + " calls; members without a receiver to call "
                + "them on (constructors and static members still tried): " + noReceiver);
        assertThat(members).as("public members found by reflection").hasSizeGreaterThan(100);
        assertThat(failures).as(failures.size() + " calls ended in an undocumented way:\n"
                + String.join("\n", failures.subList(0, Math.min(200, failures.size())))).isEmpty();
    }

    // ------------------------------------------------------------------------------------------
    // The property: hostile values everywhere at once
    // ------------------------------------------------------------------------------------------

    @Property(tries = 3000)
    void everyMemberSurvivesHostileArgumentsTogether(@ForAll("calls") Call call) {
        String verdict = run(call);
        assertThat(verdict).as("undocumented outcome").isNull();
    }

    @Provide
    Arbitrary<Call> calls() {
        return Arbitraries.of(members.stream().filter(m -> receivers(m) == null || !receivers(m).isEmpty()).toList())
                .flatMap(m -> {
                    List<Value> rs = receivers(m);
                    Arbitrary<Value> receiver = rs == null ? Arbitraries.just(null) : Arbitraries.of(rs);
                    List<Arbitrary<Value>> args = parameterValues(m).stream().map(Arbitraries::of).toList();
                    Arbitrary<List<Value>> all = args.isEmpty() ? Arbitraries.just(List.of())
                            : net.jqwik.api.Combinators.combine(args).as(l -> l);
                    return net.jqwik.api.Combinators.combine(receiver, all).as((r, a) -> new Call(m, r, a));
                });
    }

    // ------------------------------------------------------------------------------------------
    // Running one call and judging its outcome
    // ------------------------------------------------------------------------------------------

    /** Receivers for an instance method (null for static members and constructors). */
    private static List<Value> receivers(Executable m) {
        if (m instanceof Constructor<?> || Modifier.isStatic(m.getModifiers())) {
            return null;
        }
        Class<?> c = m.getDeclaringClass();
        if (c == NDArray.class) {
            return HostileValues.arrays().stream().filter(v -> !v.label().equals("null")).toList();
        }
        return values.instancesOf(c);
    }

    private static List<List<Value>> parameterValues(Executable m) {
        return Arrays.stream(m.getParameterTypes()).map(values::forType).toList();
    }

    /** Null when the call ended in a documented way, else what went wrong. */
    static String run(Call c) {
        Throwable[] thrown = new Throwable[1];
        Thread t = new Thread(() -> {
            try {
                Object receiver = c.receiver() == null ? null : c.receiver().make().get();
                Object[] args = c.args().stream().map(v -> v.make().get()).toArray();
                if (c.member() instanceof Constructor<?> k) {
                    k.newInstance(args);
                } else {
                    ((Method) c.member()).invoke(receiver, args);
                }
            } catch (InvocationTargetException e) {
                thrown[0] = e.getCause();
            } catch (Throwable e) {
                thrown[0] = new AssertionError("the test could not make the call: " + e, e);
            }
        }, "bad-input-call");
        t.setDaemon(true); // a call that hangs is reported and abandoned
        t.start();
        try {
            t.join(TIME_LIMIT_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        if (t.isAlive()) {
            return c + ": still running after " + TIME_LIMIT_MS + " ms";
        }
        return judge(c, thrown[0]);
    }

    private static String judge(Call c, Throwable e) {
        if (e == null || e instanceof IllegalStateException) {
            return null;
        }
        if (e instanceof IllegalArgumentException) {
            return e.getMessage() != null && !e.getMessage().isBlank() ? null
                    : c + ": IllegalArgumentException without a message" + where(e);
        }
        if (e instanceof ArithmeticException && e.getMessage() != null && e.getMessage().contains("by zero")) {
            return null;
        }
        if ((e instanceof IOException || e instanceof UncheckedIOException)
                && Arrays.asList(c.member().getExceptionTypes()).contains(IOException.class)) {
            return null;
        }
        return c + ": " + e.getClass().getSimpleName() + ": " + e.getMessage() + where(e);
    }

    /** The innermost library frame: where to look. */
    private static String where(Throwable e) {
        for (StackTraceElement f : e.getStackTrace()) {
            if (f.getClassName().startsWith("dev.vectorgrad.") && !f.getClassName().startsWith("dev.vectorgrad.surface.")) {
                return "\n        at " + f;
            }
        }
        return e.getStackTrace().length > 0 ? "\n        at " + e.getStackTrace()[0] : "";
    }
}
