package dev.vectorgrad.examples;

import dev.vectorgrad.DType;
import dev.vectorgrad.NDArray;
import dev.vectorgrad.Rng;
import dev.vectorgrad.nn.Activation;
import dev.vectorgrad.nn.Conv2D;
import dev.vectorgrad.nn.Dense;
import dev.vectorgrad.nn.Dropout;
import dev.vectorgrad.nn.Flatten;
import dev.vectorgrad.nn.Layer;
import dev.vectorgrad.nn.MaxPooling2D;
import dev.vectorgrad.nn.Padding;
import dev.vectorgrad.nn.Sequential;
import dev.vectorgrad.nn.losses.SparseCategoricalCrossentropy;
import dev.vectorgrad.nn.metrics.SparseCategoricalAccuracy;
import dev.vectorgrad.nn.optimizers.Adam;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * A convolutional network on handwritten digits, the shape of TensorFlow's "Convolutional Neural Network"
 * and Keras's "Simple MNIST convnet" tutorials: two Conv2D + MaxPooling2D blocks, Flatten, Dropout and a
 * Dense softmax head, trained with {@code compile}/{@code fit}.
 *
 * <p>Run it from the repository root once the library is installed:
 * {@code ./mvnw -q -f examples compile exec:exec -Dexample=DigitsCnn}.
 *
 * <p><b>Data.</b> MNIST cannot be downloaded here, so the images are scikit-learn's 8x8 digits
 * ({@code digits.csv.gz} in {@code src/main/resources}, as Debian's {@code python3-sklearn} 1.2.1 ships it:
 * 1,797 rows of 64 grey levels 0..16, row-major, then the digit), the UCI "Optical Recognition of Handwritten
 * Digits" test set. Pixels are scaled to [0, 1]; the rows in the order of {@code Rng.seeded(SPLIT_SEED)
 * .permutation(1797)} give 1,437 training and 360 test images (an 80/20 split).
 */
public final class DigitsCnn {
    static final long SPLIT_SEED = 0;
    static final long INIT_SEED = 0;
    static final int TRAIN_SIZE = 1437;
    static final int EPOCHS = 12;
    static final int BATCH_SIZE = 32;

    public static void main(String[] args) {
        run(EPOCHS);
    }

    /** Trains for {@code epochs} and returns the accuracy on the 360 test images. */
    static double run(int epochs) {
        NDArray[] data = loadDigits();
        int[] order = Rng.seeded(SPLIT_SEED).permutation(data[0].shape()[0]);
        NDArray x = gatherRows(data[0], order).reshape(-1, 8, 8, 1).div(16.0);
        NDArray y = gatherRows(data[1], order);
        int n = x.shape()[0];
        NDArray xTrain = x.slice(0, 0, TRAIN_SIZE, 1);
        NDArray yTrain = y.slice(0, 0, TRAIN_SIZE, 1);
        NDArray xTest = x.slice(0, TRAIN_SIZE, n, 1);
        NDArray yTest = y.slice(0, TRAIN_SIZE, n, 1);
        System.out.printf(Locale.ROOT, "%d training and %d test images of %s%n", TRAIN_SIZE, n - TRAIN_SIZE,
                java.util.Arrays.toString(new int[] {8, 8, 1}));

        Layer.resetNames();
        Layer.setSeed(INIT_SEED);
        Sequential model = new Sequential(
                Conv2D.builder(32, 3).padding(Padding.SAME).activation(Activation.RELU).inputShape(8, 8, 1).build(),
                new MaxPooling2D(2),                                      // 8x8 -> 4x4
                new Conv2D(64, 3, 1, Padding.SAME, Activation.RELU),
                new MaxPooling2D(2),                                      // 4x4 -> 2x2
                new Flatten(),
                new Dropout(0.25),
                new Dense(10, Activation.SOFTMAX));
        model.compile(new Adam(0.002), new SparseCategoricalCrossentropy(false), new SparseCategoricalAccuracy());

        long start = System.nanoTime();
        model.fit(xTrain, yTrain, epochs, BATCH_SIZE);
        double seconds = (System.nanoTime() - start) / 1e9;

        Map<String, Double> test = model.evaluate(xTest, yTest);
        double accuracy = test.get("accuracy") != null ? test.get("accuracy") : test.get("sparse_categorical_accuracy");
        System.out.printf(Locale.ROOT, "Trained %d epochs in %.1f s%n", epochs, seconds);
        System.out.printf(Locale.ROOT, "Test loss: %.4f, test accuracy: %.2f%%%n", test.get("loss"), accuracy * 100);
        NDArray firstFive = model.predict(xTest.slice(0, 0, 5, 1)).argMax(-1);
        System.out.println("Predicted: " + firstFive);
        System.out.println("   Labels: " + yTest.slice(0, 0, 5, 1));
        return accuracy;
    }

    private static NDArray gatherRows(NDArray a, int[] order) {
        int[] shape = a.shape();
        int row = shape.length == 1 ? 1 : shape[1];
        if (a.dtype() == DType.INT32) {
            int[] src = a.toIntArray();
            int[] dst = new int[src.length];
            for (int i = 0; i < order.length; i++) System.arraycopy(src, order[i] * row, dst, i * row, row);
            return NDArray.of(dst, shape);
        }
        float[] src = a.toFloatArray();
        float[] dst = new float[src.length];
        for (int i = 0; i < order.length; i++) System.arraycopy(src, order[i] * row, dst, i * row, row);
        return NDArray.of(dst, shape);
    }

    /** {pixels [1797, 64] float32, labels [1797] int32} from the gzipped CSV resource. */
    static NDArray[] loadDigits() {
        try (InputStream raw = DigitsCnn.class.getResourceAsStream("/digits.csv.gz")) {
            if (raw == null) {
                throw new IllegalStateException("digits.csv.gz is missing from the examples' resources");
            }
            BufferedReader in = new BufferedReader(new InputStreamReader(new GZIPInputStream(raw), StandardCharsets.US_ASCII));
            java.util.List<float[]> rows = new java.util.ArrayList<>();
            java.util.List<Integer> labels = new java.util.ArrayList<>();
            for (String line; (line = in.readLine()) != null; ) {
                if (line.isBlank()) continue;
                String[] f = line.split(",");
                float[] px = new float[64];
                for (int i = 0; i < 64; i++) px[i] = Float.parseFloat(f[i]);
                rows.add(px);
                labels.add((int) Float.parseFloat(f[64]));
            }
            float[] flat = new float[rows.size() * 64];
            int[] y = new int[rows.size()];
            for (int i = 0; i < rows.size(); i++) {
                System.arraycopy(rows.get(i), 0, flat, i * 64, 64);
                y[i] = labels.get(i);
            }
            return new NDArray[] {NDArray.of(flat, rows.size(), 64), NDArray.of(y)};
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private DigitsCnn() {}
}
