package dev.vectorgrad.nn.callbacks;

import dev.vectorgrad.ndarray.Args;
import dev.vectorgrad.NDArray;
import java.util.List;
import java.util.Map;

/**
 * Keras's {@code EarlyStopping}: stops training when {@code monitor} has not improved for {@code patience} epochs
 * (an improvement must beat the best by more than {@code minDelta}); with {@code restoreBestWeights} the model gets
 * back the weights of its best epoch when training ends. Direction is Keras's {@code mode="auto"}: losses and errors
 * should fall, accuracies and AUC rise. A monitor missing from the logs is skipped with a warning, as in Keras.
 */
public class EarlyStopping extends Callback {
    private static final System.Logger LOG = System.getLogger(EarlyStopping.class.getName());

    private final String monitor;
    private final double minDelta;
    private final int patience;
    private final boolean restoreBestWeights;
    private final boolean higherIsBetter;
    private int wait;
    private int stoppedEpoch = -1;
    private int bestEpoch = -1;
    private Double best;
    private List<NDArray> bestWeights;

    /** Keras's defaults: {@code val_loss}, patience 0, no restore. */
    public EarlyStopping() {
        this("val_loss", 0, false);
    }

    /** Stops after {@code patience} epochs without improvement of {@code monitor}. */
    public EarlyStopping(String monitor, int patience, boolean restoreBestWeights) {
        this(monitor, 0.0, patience, restoreBestWeights);
    }

    /** As above, an improvement having to exceed {@code minDelta}. */
    public EarlyStopping(String monitor, double minDelta, int patience, boolean restoreBestWeights) {
        if (monitor == null || monitor.isEmpty()) {
            throw new IllegalArgumentException("EarlyStopping: monitor must name a logged value, e.g. \"val_loss\"");
        }
        if (patience < 0 || !(minDelta >= 0)) {
            throw new IllegalArgumentException("EarlyStopping: patience and minDelta must be >= 0, got " + patience + " and " + minDelta);
        }
        this.monitor = monitor;
        this.minDelta = minDelta;
        this.patience = patience;
        this.restoreBestWeights = restoreBestWeights;
        this.higherIsBetter = Monitor.higherIsBetter(monitor);
    }

    @Override
    public void onTrainBegin(Map<String, Double> logs) {
        Args.nonNull(logs, "logs");
        wait = 0;
        stoppedEpoch = -1;
        bestEpoch = -1;
        best = null;
        bestWeights = null;
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        Args.nonNull(logs, "logs");
        Double current = logs.get(monitor);
        if (current == null) {
            LOG.log(System.Logger.Level.WARNING, Monitor.missing("Early stopping", monitor, logs));
            return;
        }
        if (restoreBestWeights && bestWeights == null) {
            bestWeights = attachedModel().getWeights();
            bestEpoch = epoch;
        }
        wait++;
        if (isImprovement(current)) {
            best = current;
            bestEpoch = epoch;
            if (restoreBestWeights) {
                bestWeights = attachedModel().getWeights();
            }
            wait = 0;
            return;
        }
        if (wait >= patience && epoch > 0) {
            stoppedEpoch = epoch;
            attachedModel().stopTraining("Epoch " + (epoch + 1) + ": early stopping (" + monitor + " has not improved for " + wait
                    + " epoch" + (wait == 1 ? "" : "s") + ")");
        }
    }

    private boolean isImprovement(double current) {
        if (best == null) {
            return true;
        }
        return higherIsBetter ? current - minDelta > best : current + minDelta < best;
    }

    @Override
    public void onTrainEnd(Map<String, Double> logs) {
        Args.nonNull(logs, "logs");
        if (restoreBestWeights && bestWeights != null) {
            attachedModel().setWeights(bestWeights);
            attachedModel().note("Restoring model weights from the end of the best epoch: " + (bestEpoch + 1) + ".");
        }
    }

    /** The 0-based epoch after which training was stopped, or -1 if it ran to the end. */
    public int stoppedEpoch() {
        return stoppedEpoch;
    }

    /** The 0-based epoch with the best monitored value so far, or -1 before any. */
    public int bestEpoch() {
        return bestEpoch;
    }
}
