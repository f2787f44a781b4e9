package org.sealworkbench.ui;

import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;

/**
 * The "Adapter batch" and "Workers" rows of the forms that run many inner loops (ReST-EM, fine-tune & evaluate): their
 * labels and tooltips.
 */
public final class AdapterBatchField {
    private AdapterBatchField() {}

    /**
     * Puts the default in {@code field}'s prompt and one tooltip on it and on the returned label. {@code which} says
     * which inner loops go together, e.g. "passages x repeats of a condition"; {@code sameRuns} what stays the same.
     */
    public static Label label(TextField field, int defaultBatch, String which, String sameRuns) {
        return labelled(field, "Adapter batch", defaultBatch + " (the default)", "Inner loops" + (which.isEmpty() ? "" : " (" + which + ")")
                + " trained together as one batch, one LoRA adapter each on one frozen model; 1 = one at a time. " + sameRuns
                + " either way. Each adapter costs memory (about 8 MB on seal-tiny, far more on a larger model); batches that would "
                + "not fit in 60 % of free memory are made smaller (see Workers).");
    }

    /** Puts "automatic" in {@code field}'s prompt and one tooltip on it and on the returned "Workers" label. */
    public static Label workers(TextField field) {
        return labelled(field, "Workers", "automatic", "Batches computed side by side, each on a worker thread with a replica of "
                + "the model (the same weights, its own adapters), so memory per batch times this. Empty: SEAL_WORKERS if set, else "
                + "one per core the model's own PyTorch threads leave free (2 for seal-tiny on 2 cores, 1 for a 0.5B model, 1 on a "
                + "GPU). Which worker computes a batch changes nothing stored.");
    }

    private static Label labelled(TextField field, String name, String prompt, String help) {
        field.setPromptText(prompt);
        Tooltip tip = new Tooltip(help);
        tip.setWrapText(true);
        tip.setMaxWidth(420);
        field.setTooltip(tip);
        Label label = new Label(name);
        label.setTooltip(tip);
        return label;
    }
}
