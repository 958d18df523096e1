package dev.vectorgrad.nn.callbacks;

import dev.vectorgrad.ndarray.Args;
import java.util.Locale;
import java.util.Map;

/**
 * Keras's {@code ReduceLROnPlateau}: when {@code monitor} has not improved (by more than {@code minDelta}, Keras's
 * 1e-4) for {@code patience} epochs, multiplies the learning rate by {@code factor}, never below {@code minLr}, then
 * waits {@code cooldown} epochs before counting again. Logs the learning rate in use during the epoch as
 * {@code learning_rate}, as Keras does.
 */
public class ReduceLROnPlateau extends Callback {
    private static final System.Logger LOG = System.getLogger(ReduceLROnPlateau.class.getName());

    private final String monitor;
    private final double factor;
    private final int patience;
    private final double minDelta;
    private final int cooldown;
    private final double minLr;
    private final boolean higherIsBetter;
    private int wait;
    private int cooldownCounter;
    private double best;

    /** Keras's defaults: {@code val_loss}, factor 0.1, patience 10. */
    public ReduceLROnPlateau() {
        this("val_loss", 0.1, 10);
    }

    /** Keras's other defaults: minDelta 1e-4, cooldown 0, minLr 0. */
    public ReduceLROnPlateau(String monitor, double factor, int patience) {
        this(monitor, factor, patience, 1e-4, 0, 0.0);
    }

    /** Every option. @throws IllegalArgumentException if {@code factor >= 1} (Keras's message) */
    public ReduceLROnPlateau(String monitor, double factor, int patience, double minDelta, int cooldown, double minLr) {
        if (!(factor < 1.0)) {
            throw new IllegalArgumentException("ReduceLROnPlateau does not support a factor >= 1.0. Received factor=" + factor);
        }
        if (!(factor > 0) || patience < 0 || cooldown < 0 || !(minDelta >= 0) || !(minLr >= 0) || monitor == null) {
            throw new IllegalArgumentException("ReduceLROnPlateau: need factor > 0, patience, cooldown, minDelta, minLr >= 0"
                    + " and a monitor; got factor=" + factor + " patience=" + patience + " minDelta=" + minDelta + " cooldown="
                    + cooldown + " minLr=" + minLr + " monitor=" + monitor);
        }
        this.monitor = monitor;
        this.factor = factor;
        this.patience = patience;
        this.minDelta = minDelta;
        this.cooldown = cooldown;
        this.minLr = minLr;
        this.higherIsBetter = Monitor.higherIsBetter(monitor);
    }

    @Override
    public void onTrainBegin(Map<String, Double> logs) {
        Args.nonNull(logs, "logs");
        wait = 0;
        cooldownCounter = 0;
        best = higherIsBetter ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        Args.nonNull(logs, "logs");
        double lr = attachedModel().optimizer().learningRate();
        logs.put("learning_rate", lr);
        Double current = logs.get(monitor);
        if (current == null) {
            LOG.log(System.Logger.Level.WARNING, Monitor.missing("Learning rate reduction", monitor, logs));
            return;
        }
        if (cooldownCounter > 0) {
            cooldownCounter--;
            wait = 0;
        }
        if (higherIsBetter ? current > best + minDelta : current < best - minDelta) {
            best = current;
            wait = 0;
        } else if (cooldownCounter == 0) {
            wait++;
            if (wait >= patience && lr > (float) minLr) {
                double next = Math.max(lr * factor, minLr);
                attachedModel().optimizer().setLearningRate(next);
                attachedModel().note(String.format(Locale.ROOT, "Epoch %d: ReduceLROnPlateau reducing learning rate to %s.", epoch + 1,
                        next));
                cooldownCounter = cooldown;
                wait = 0;
            }
        }
    }
}
