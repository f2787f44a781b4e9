package org.sealworkbench.ui;

import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * Which engine, device and natives the workbench computes with, for the status bar. Starting the engine
 * loads PyTorch's natives (a second or two), so the probe runs on its own daemon thread, never on the FX
 * thread, and not on the job runner, where it would hold up opening the workspace.
 */
public final class EngineStatusViewModel {
    private final StringProperty text = new SimpleStringProperty(this, "text", "engine: starting…");
    private final StringProperty detail = new SimpleStringProperty(this, "detail", "");

    /** Short form for the status bar, e.g. "PyTorch 2.7.1 on cpu(), 2 threads". */
    public ReadOnlyStringProperty textProperty() { return text; }

    /** The full description (with where the natives were loaded from), or the error. */
    public ReadOnlyStringProperty detailProperty() { return detail; }

    /** Asks {@code describer} (e.g. Devices::describe) in the background; results land on the FX thread. */
    public Thread probe(Supplier<String> describer) {
        Thread t = new Thread(() -> {
            String full;
            boolean ok;
            try {
                full = describer.get();
                ok = true;
            } catch (RuntimeException | LinkageError e) {
                full = e.getMessage() == null ? e.toString() : e.getMessage();
                ok = false;
            }
            String shown = ok ? shortForm(full) : "engine unavailable";
            String tip = full;
            Platform.runLater(() -> {
                text.set(shown);
                detail.set(tip);
            });
        }, "seal-engine-probe");
        t.setDaemon(true);
        t.start();
        return t;
    }

    /**
     * Drops the natives path and the remarks in parentheses, DJL's version and those after the device ("2 threads (1 for
     * a model under 50M parameters)"), which the tooltip shows: the status bar's job messages need the width.
     */
    static String shortForm(String description) {
        int cut = description.indexOf(", natives ");
        String s = cut < 0 ? description : description.substring(0, cut);
        return s.replaceAll(" \\([^)]*\\)", "");
    }
}
