package dev.vectorgrad;

import dev.vectorgrad.ndarray.Args;
import dev.vectorgrad.ndarray.Shapes;

/**
 * A seeded random generator whose output is the same on every machine and JDK: SplitMix64
 * (Steele, Lea and Flood, "Fast splittable pseudorandom number generators", OOPSLA 2014), whose
 * whole state is one 64-bit counter advanced by the golden-ratio increment {@code 0x9E3779B97F4A7C15}
 * and mixed by the Stafford variant-13 finaliser.
 *
 * <ul>
 *   <li>uniform floats: the top 24 bits (float32) or 53 bits (float64) scaled into {@code [0, 1)},
 *       then {@code min + u·(max - min)};</li>
 *   <li>normals: Box-Muller on two uniform doubles, with {@link StrictMath} so every platform
 *       computes the same bits;</li>
 *   <li>uniform integers: {@code floor(min + u·(max - min))} in {@code [min, max)}.</li>
 * </ul>
 * Not thread-safe: give each thread its own.
 */
public final class Rng {
    private long state;

    private Rng(long seed) {
        this.state = seed;
    }

    /** A generator whose sequence is fixed by {@code seed}. */
    public static Rng seeded(long seed) {
        return new Rng(seed);
    }

    /** The next 64 random bits. */
    public long nextLong() {
        long z = (state += 0x9E3779B97F4A7C15L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Uniform in {@code [0, 1)} with 53 random bits. */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Uniform in {@code [0, 1)} with 24 random bits. */
    public float nextFloat() {
        return (nextLong() >>> 40) * 0x1.0p-24f;
    }

    /** Uniform integer in {@code [0, bound)}, without modulo bias (Lemire's multiply-shift with rejection). */
    public int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("nextInt: bound must be positive, got " + bound);
        }
        while (true) {
            long r = nextLong() >>> 32;
            long m = r * bound;
            long low = m & 0xFFFFFFFFL;
            if (low >= (0x1_0000_0000L % bound)) {
                return (int) (m >>> 32);
            }
        }
    }

    /** A standard normal sample (Box-Muller). */
    public double nextGaussian() {
        double u1 = 1.0 - nextDouble(); // in (0, 1], so log is finite
        double u2 = nextDouble();
        return StrictMath.sqrt(-2.0 * StrictMath.log(u1)) * StrictMath.cos(2.0 * Math.PI * u2);
    }

    /** A random permutation of {@code 0..n-1} (Fisher-Yates). */
    public int[] permutation(int n) {
        if (n < 0 || n > Shapes.MAX_SIZE) {
            throw new IllegalArgumentException("permutation: n must be in [0, " + Shapes.MAX_SIZE + "], got " + n);
        }
        int[] p = new int[n];
        for (int i = 0; i < n; i++) p[i] = i;
        for (int i = n - 1; i > 0; i--) {
            int j = nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    /** Normal samples of a float dtype. */
    public NDArray normal(DType dtype, double mean, double std, int... shape) {
        int n = Shapes.size(Shapes.checkShape("normal", shape));
        Args.nonNull(dtype, "dtype");
        if (dtype == DType.FLOAT64) {
            double[] d = new double[n];
            for (int i = 0; i < n; i++) d[i] = mean + std * nextGaussian();
            return NDArray.of(d, shape);
        }
        if (dtype != DType.FLOAT32) {
            throw new IllegalArgumentException("normal: dtype must be float32 or float64, got " + dtype);
        }
        float[] f = new float[n];
        for (int i = 0; i < n; i++) f[i] = (float) (mean + std * nextGaussian());
        return NDArray.of(f, shape);
    }

    /** Uniform samples in {@code [min, max)}; integer dtypes give integers (TensorFlow's minval/maxval). */
    public NDArray uniform(DType dtype, double min, double max, int... shape) {
        int n = Shapes.size(Shapes.checkShape("uniform", shape));
        Args.nonNull(dtype, "dtype");
        if (!(max >= min)) {
            throw new IllegalArgumentException("uniform: max must be >= min, got min=" + min + " max=" + max);
        }
        return switch (dtype) {
            case FLOAT32 -> {
                float[] f = new float[n];
                for (int i = 0; i < n; i++) f[i] = (float) (min + nextFloat() * (max - min));
                yield NDArray.of(f, shape);
            }
            case FLOAT64 -> {
                double[] d = new double[n];
                for (int i = 0; i < n; i++) d[i] = min + nextDouble() * (max - min);
                yield NDArray.of(d, shape);
            }
            case INT32 -> {
                int[] v = new int[n];
                for (int i = 0; i < n; i++) v[i] = (int) Math.floor(min + nextDouble() * (max - min));
                yield NDArray.of(v, shape);
            }
            case INT64 -> {
                long[] v = new long[n];
                for (int i = 0; i < n; i++) v[i] = (long) Math.floor(min + nextDouble() * (max - min));
                yield NDArray.of(v, shape);
            }
            case BOOL, STRING, COMPLEX64, COMPLEX128 ->
                    throw new IllegalArgumentException("uniform: dtype " + dtype + " is not supported");
        };
    }
}
