package dev.vectorgrad.bench;

import dev.vectorgrad.DType;
import dev.vectorgrad.NDArray;
import dev.vectorgrad.Rng;
import dev.vectorgrad.VectorgradInfo;
import dev.vectorgrad.nn.Activation;
import dev.vectorgrad.nn.Dense;
import dev.vectorgrad.nn.Sequential;
import dev.vectorgrad.nn.losses.SparseCategoricalCrossentropy;
import dev.vectorgrad.nn.optimizers.SGD;

/**
 * Cold start: a fresh JVM does one array op and one training step of the 784-128-10 MLP, then exits.
 * Not a JMH benchmark (JMH warms up; this measures the opposite): {@code jmh/baselines/cold_start.py} times
 * the whole process, with and without the JDK 25 AOT cache, beside {@code python3 -c "import numpy ..."} and
 * the same first step in PyTorch.
 *
 * <pre>java --add-modules jdk.incubator.vector -cp jmh/target/benchmarks.jar dev.vectorgrad.bench.ColdStart</pre>
 */
public final class ColdStart {
    /**
     * Runs the first op and the first step and prints the loss, so nothing is dead code.
     *
     * @param args {@code op} to stop after the first array op, {@code info} to print only
     *     {@link VectorgradInfo#describe()} (jmh/bench.sh records it beside the results), {@code smallOps} or
     *     {@code irisSteps} to run that {@link ColdStartBenchmark} loop once and print its time as JSON; otherwise the
     *     step too
     */
    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("info")) {
            System.out.println(VectorgradInfo.describe());
            return;
        }
        if (args.length > 0 && (args[0].equals("smallOps") || args[0].equals("irisSteps"))) {
            // ColdStartBenchmark's loop outside JMH, timed as SingleShotTime times it (jmh/baselines/cold_loops.py)
            long t0 = System.nanoTime();
            ColdStartBenchmark b = new ColdStartBenchmark();
            double result = args[0].equals("smallOps") ? b.smallOps() : b.irisSteps();
            System.out.println("{\"loop_ms\": " + (System.nanoTime() - t0) / 1e6 + ", \"result\": " + result + "}");
            return;
        }
        NDArray a = Rng.seeded(42).uniform(DType.FLOAT32, -1, 1, 1000);
        double first = a.add(a).sum().item();
        if (args.length > 0 && args[0].equals("op")) {
            System.out.println(first);
            return;
        }
        Rng rng = Rng.seeded(0);
        NDArray x = rng.normal(DType.FLOAT32, 0, 1, 128, 784);
        NDArray y = rng.uniform(DType.INT32, 0, 10, 128);
        Sequential model = new Sequential(new Dense(128, Activation.RELU, 784), new Dense(10, Activation.LINEAR, 128));
        model.setVerbose(0);
        model.compile(new SGD(0.01), new SparseCategoricalCrossentropy(true));
        System.out.println(first + " " + model.trainOnBatch(x, y));
    }

    private ColdStart() {}
}
