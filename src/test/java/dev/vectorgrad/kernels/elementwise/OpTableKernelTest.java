package dev.vectorgrad.kernels.elementwise;

import static dev.vectorgrad.kernels.elementwise.BinaryKernelsTestSupport.call;
import static dev.vectorgrad.kernels.elementwise.BinaryKernelsTestSupport.copy;
import static dev.vectorgrad.kernels.elementwise.BinaryKernelsTestSupport.randomArray;
import static dev.vectorgrad.kernels.elementwise.BinaryKernelsTestSupport.randomScalar;
import static dev.vectorgrad.kernels.elementwise.BinaryKernelsTestSupport.sameBits;
import static dev.vectorgrad.kernels.elementwise.BinaryKernelsTestSupport.show;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vectorgrad.kernels.elementwise.BinaryKernelsTestSupport.Elem;
import dev.vectorgrad.kernels.elementwise.OpTableRows.Row;
import java.lang.reflect.Array;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Every row of codegen/ops.table ({@link OpTableRows}, generated from it), so a new elementwise op is tested the
 * moment its entry is added: for a generated kernel, the scalar twin, the SIMD body and the driver of every operand
 * shape against the table's own scalar expression applied element by element, bit for bit, at odd lengths and
 * offsets, leaving the elements around the output run untouched; for every row, the entry points the dispatch
 * calls exist.
 */
class OpTableKernelTest {

    @Provide
    Arbitrary<Integer> lengths() {
        return BinaryKernelsTestSupport.lengths();
    }

    @Property(tries = 60)
    void everyGeneratedRowMatchesItsTableExpressionInEveryEntryPoint(
            @ForAll("lengths") int n, @ForAll @IntRange(max = 7) int aOff, @ForAll @IntRange(max = 7) int bOff,
            @ForAll @IntRange(max = 7) int outOff, @ForAll long seed) {
        var rng = new SplittableRandom(seed);
        for (Row row : OpTableRows.ROWS) {
            if (row.oracle() == null) continue; // hand-written: its own test holds its promise
            if (row.shape().equals("unary")) {
                checkUnary(row, n, aOff, outOff, rng);
            } else {
                for (String variant : List.of("", "BroadcastRight", "BroadcastLeft")) {
                    checkBinary(row, variant, n, aOff, bOff, outOff, rng);
                }
            }
        }
    }

    private static void checkUnary(Row row, int n, int xOff, int outOff, SplittableRandom rng) {
        Elem e = row.elem();
        Object x = randomArray(e, rng, xOff + n);
        Object before = randomArray(e, rng, outOff + n + 3); // the 3 trailing junk elements must survive
        Object expected = copy(before);
        for (int i = 0; i < n; i++) {
            Array.set(expected, outOff + i, row.oracle().apply(Array.get(x, xOff + i), null));
        }
        Class<?>[] sig = {e.arrayType, int.class, e.arrayType, int.class, int.class};
        for (String entry : List.of("scalar", "simd", "run")) {
            Object out = copy(before);
            call(row.kernel(), entry, sig, x, xOff, out, outOff, n);
            String where = row + " " + entry + " n=" + n + " offsets=" + xOff + "," + outOff;
            assertTrue(sameBits(expected, out), () -> where + ": " + show(out) + " vs table " + show(expected));
        }
    }

    private static void checkBinary(Row row, String variant, int n, int aOff, int bOff, int outOff,
                                    SplittableRandom rng) {
        Elem e = row.elem();
        boolean compare = row.shape().equals("compare");
        Object a = randomArray(e, rng, aOff + n);
        Object b = randomArray(e, rng, bOff + n);
        Object aScalar = randomScalar(e, rng);
        Object bScalar = randomScalar(e, rng);
        Object before = compare ? randomBooleans(rng, outOff + n + 3) : randomArray(e, rng, outOff + n + 3);
        Object expected = copy(before);
        for (int i = 0; i < n; i++) {
            Object ai = variant.equals("BroadcastLeft") ? aScalar : Array.get(a, aOff + i);
            Object bi = variant.equals("BroadcastRight") ? bScalar : Array.get(b, bOff + i);
            Array.set(expected, outOff + i, row.oracle().apply(ai, bi));
        }
        Class<?> outType = compare ? boolean[].class : e.arrayType;
        List<Class<?>> sig = new ArrayList<>();
        List<Object> args = new ArrayList<>();
        if (compare) {
            sig.add(Comparison.class);
            args.add(Comparison.valueOf(row.name().toUpperCase(Locale.ROOT)));
        }
        switch (variant) {
            case "" -> {
                sig.addAll(List.of(e.arrayType, int.class, e.arrayType, int.class));
                args.addAll(List.of(a, aOff, b, bOff));
            }
            case "BroadcastRight" -> {
                sig.addAll(List.of(e.arrayType, int.class, e.type));
                args.addAll(List.of(a, aOff, bScalar));
            }
            default -> {
                sig.addAll(List.of(e.type, e.arrayType, int.class));
                args.addAll(List.of(aScalar, b, bOff));
            }
        }
        sig.addAll(List.of(outType, int.class, int.class));
        for (String entry : List.of("scalar", "simd", "run")) {
            Object out = copy(before);
            List<Object> all = new ArrayList<>(args);
            all.addAll(List.of(out, outOff, n));
            call(row.kernel(), entry + variant, sig.toArray(Class<?>[]::new), all.toArray());
            String where = row + " " + entry + variant + " n=" + n + " offsets=" + aOff + "," + bOff + "," + outOff;
            assertTrue(sameBits(expected, out), () -> where + ": " + show(out) + " vs table " + show(expected));
        }
    }

    private static boolean[] randomBooleans(SplittableRandom rng, int n) {
        boolean[] v = new boolean[n];
        for (int i = 0; i < n; i++) v[i] = rng.nextBoolean();
        return v;
    }

    @Example
    void everyRowNamesTheEntryPointsItsDispatchCalls() throws NoSuchMethodException {
        for (Row row : OpTableRows.ROWS) {
            Elem e = row.elem();
            List<Method> entries = new ArrayList<>();
            if (row.shape().equals("unary")) {
                entries.add(row.kernel().getMethod("run", e.arrayType, int.class, e.arrayType, int.class, int.class));
            } else if (row.shape().equals("binary")) {
                entries.add(row.kernel().getMethod("run",
                        e.arrayType, int.class, e.arrayType, int.class, e.arrayType, int.class, int.class));
                entries.add(row.kernel().getMethod("runBroadcastRight",
                        e.arrayType, int.class, e.type, e.arrayType, int.class, int.class));
                entries.add(row.kernel().getMethod("runBroadcastLeft",
                        e.type, e.arrayType, int.class, e.arrayType, int.class, int.class));
            } else {
                entries.add(row.kernel().getMethod("run", Comparison.class,
                        e.arrayType, int.class, e.arrayType, int.class, boolean[].class, int.class, int.class));
            }
            for (Method m : entries) {
                assertThat(Modifier.isStatic(m.getModifiers())).as(row + " " + m).isTrue();
            }
        }
        assertThat(OpTableRows.ROWS).extracting(Row::name).contains("add", "tanh", "lt");
    }
}
