package dev.vectorgrad.examples;

import dev.vectorgrad.DType;
import dev.vectorgrad.NDArray;
import dev.vectorgrad.Rng;
import dev.vectorgrad.nn.Dense;
import dev.vectorgrad.nn.LSTM;
import dev.vectorgrad.nn.Layer;
import dev.vectorgrad.nn.Sequential;
import dev.vectorgrad.nn.losses.MeanSquaredError;
import dev.vectorgrad.nn.optimizers.Adam;
import java.util.Locale;

/**
 * Forecasting the next value of a noisy sine wave with an {@code LSTM}, the shape of TensorFlow's "Time series
 * forecasting" tutorial in miniature: windows of {@link #WINDOW} past values → {@code LSTM(16)} →
 * {@code Dense(1)}, trained with {@code compile}/{@code fit} on mean squared error
 * (the last quarter of the epochs at a tenth of the learning rate).
 *
 * <p>The series is {@code sin(2πt/25) + N(0, 0.1²)}. The noise of the value to predict cannot be forecast,
 * so no model beats the noise floor {@code 0.1² = 0.01} in mean squared error; a model that has learnt the
 * wave comes close to it. The first 1,500 windows train, the next 500 (later in time) test.
 */
public final class SineForecaster {
    static final int WINDOW = 24;
    static final int EPOCHS = 12;
    static final double NOISE = 0.1;
    static final int TRAIN = 1500;
    static final int TEST = 500;

    public static void main(String[] args) {
        run(EPOCHS);
    }

    /** Trains for {@code epochs} and returns {test MSE, noise floor}. */
    static double[] run(int epochs) {
        int n = TRAIN + TEST;
        float[] series = new float[n + WINDOW];
        double[] noise = Rng.seeded(42).normal(DType.FLOAT64, 0, NOISE, series.length).toDoubleArray();
        for (int t = 0; t < series.length; t++) {
            series[t] = (float) (Math.sin(2 * Math.PI * t / 25.0) + noise[t]);
        }
        float[] x = new float[n * WINDOW];
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(series, i, x, i * WINDOW, WINDOW);
            y[i] = series[i + WINDOW];
        }
        NDArray windows = NDArray.of(x).reshape(n, WINDOW, 1);
        NDArray targets = NDArray.of(y).reshape(n, 1);

        Layer.resetNames();
        Layer.setSeed(0);
        Sequential model = new Sequential(new LSTM(16), new Dense(1));
        model.compile(new Adam(0.005), new MeanSquaredError());
        model.setVerbose(0);
        long start = System.nanoTime();
        NDArray xTrain = windows.slice(0, 0, TRAIN, 1), yTrain = targets.slice(0, 0, TRAIN, 1);
        int fine = epochs / 4;
        model.fit(xTrain, yTrain, epochs - fine, 32);
        model.compile(new Adam(0.0005), new MeanSquaredError());      // a lower rate to settle, as a schedule would
        model.fit(xTrain, yTrain, fine, 32);
        double seconds = (System.nanoTime() - start) / 1e9;

        NDArray predicted = model.predict(windows.slice(0, TRAIN, n, 1));
        double mse = predicted.sub(targets.slice(0, TRAIN, n, 1)).square().mean().toDoubleArray()[0];
        double floor = NOISE * NOISE;
        System.out.printf(Locale.ROOT, "Trained %d epochs in %.1f s%n", epochs, seconds);
        System.out.printf(Locale.ROOT, "Test MSE %.5f, noise floor %.5f (ratio %.2f)%n", mse, floor, mse / floor);
        return new double[] {mse, floor};
    }

    private SineForecaster() {}
}
