package dev.vectorgrad.nn.callbacks;

import dev.vectorgrad.nn.Model;
import java.util.Map;

/**
 * Keras's {@code Callback}: hooks {@code Model.fit} calls around training, each epoch and each batch. Override the
 * ones you need; the defaults do nothing. Epochs and batches are numbered from 0, as Keras numbers them (the progress
 * display shows epochs from 1). {@code logs} hold the values logged so far ({@code loss}, metrics, and at epoch end
 * the {@code val_} values); a callback may add entries at epoch end (as {@link ReduceLROnPlateau} adds
 * {@code learning_rate}), which then appear in the display and the {@code History}.
 */
public abstract class Callback {
    private Model model;

    /** For subclasses. */
    protected Callback() {}

    /** Called by {@code fit} before training, with the model being trained. */
    public void setModel(Model model) {
        this.model = model;
    }

    /** The model being trained (null before {@code fit} hands it over). */
    public Model model() {
        return model;
    }

    /**
     * The model, for the built-in callbacks' hooks: a hook called by hand before {@code fit} has handed the model over
     * has nothing to act on, which is life-cycle misuse (IllegalStateException), not a NullPointerException.
     */
    final Model attachedModel() {
        if (model == null) {
            throw new IllegalStateException(getClass().getSimpleName() + ": no model yet; Model.fit attaches one "
                    + "(or call setModel first)");
        }
        return model;
    }

    /** Before the first epoch. */
    public void onTrainBegin(Map<String, Double> logs) {}

    /** After the last epoch, or after training was stopped. */
    public void onTrainEnd(Map<String, Double> logs) {}

    /** At the start of epoch {@code epoch} (0-based). */
    public void onEpochBegin(int epoch, Map<String, Double> logs) {}

    /** At the end of epoch {@code epoch} (0-based), with the epoch's training and validation values. */
    public void onEpochEnd(int epoch, Map<String, Double> logs) {}

    /** After training batch {@code batch} (0-based within the epoch), with the epoch's running values. */
    public void onTrainBatchEnd(int batch, Map<String, Double> logs) {}
}
