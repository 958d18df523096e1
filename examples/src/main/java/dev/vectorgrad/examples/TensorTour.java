package dev.vectorgrad.examples;

import dev.vectorgrad.DType;
import dev.vectorgrad.NDArray;
import dev.vectorgrad.Ops;

/**
 * A tour of the seed tutorials' tensor examples, printed as TensorFlow prints them.
 *
 * <p>Run it from the repository root (the first line installs the library; once is enough):
 * <pre>
 * ./mvnw -q install -DskipTests -Dnested.skip=true
 * ./mvnw -q -f examples compile exec:exec -Dexample=TensorTour
 * </pre>
 */
public final class TensorTour {
    public static void main(String[] args) {
        System.out.println(Ops.add(NDArray.of(new int[] {1, 2}), NDArray.of(new int[] {3, 4})));
        System.out.println(Ops.square(NDArray.of(5)));
        System.out.println(Ops.reduceSum(NDArray.of(new int[] {1, 2, 3})));
        System.out.println(Ops.square(NDArray.of(2)).add(Ops.square(NDArray.of(3))));

        NDArray a = NDArray.of(new int[][] {{1, 2}, {3, 4}});
        NDArray b = Ops.add(a, NDArray.of(1));
        System.out.println(b);
        System.out.println(a.mul(b));
        System.out.println(a.pow(2L));

        System.out.println(Ops.constant(new int[] {1, 2, 3, 4, 5, 6}, 2, 3));
        System.out.println(Ops.constant(-1.0, 2, 3));
        System.out.println(Ops.ones(2, 1));
        System.out.println(Ops.zeros(2, 1));
        NDArray ints = NDArray.of(new int[] {1, 2, 3});
        System.out.println(ints);
        System.out.println(ints.cast(DType.FLOAT32).dtype());
        System.out.println(NDArray.ones(DType.FLOAT64, 3, 3).mul(3.0));
        System.out.println("hello, " + Ops.square(NDArray.of(2)).getInt());
    }

    private TensorTour() {}
}
