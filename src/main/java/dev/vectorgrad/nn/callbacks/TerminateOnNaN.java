package dev.vectorgrad.nn.callbacks;

import dev.vectorgrad.ndarray.Args;
import java.util.Map;

/** Keras's {@code TerminateOnNaN}: stops training as soon as a batch's running loss is NaN or infinite. */
public class TerminateOnNaN extends Callback {

    /** The callback has no options. */
    public TerminateOnNaN() {}

    @Override
    public void onTrainBatchEnd(int batch, Map<String, Double> logs) {
        Args.nonNull(logs, "logs");
        Double loss = logs.get("loss");
        if (loss != null && !Double.isFinite(loss)) {
            attachedModel().stopTraining("Batch " + batch + ": Invalid loss, terminating training");
        }
    }
}
