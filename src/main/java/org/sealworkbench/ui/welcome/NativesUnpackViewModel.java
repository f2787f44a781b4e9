package org.sealworkbench.ui.welcome;

import java.nio.file.Path;
import java.util.Locale;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The first start's "unpacking the engine" dialog: DJL copies PyTorch's CPU libraries (432 MB) out of the
 * bundled jar into the user's cache, once, when the engine first starts. DJL cannot report progress or be
 * cancelled, so a poller measures the bytes written (off the FX thread) and hands them to {@link #update};
 * the engine probe's end calls {@link #finish}. The user can hide the dialog; the unpacking goes on.
 */
public final class NativesUnpackViewModel {
    private final long totalBytes;
    private final Path target;
    private final DoubleProperty progress = new SimpleDoubleProperty(this, "progress", -1);
    private final StringProperty message = new SimpleStringProperty(this, "message", "");
    private final BooleanProperty finished = new SimpleBooleanProperty(this, "finished", false);
    private final StringProperty outcome = new SimpleStringProperty(this, "outcome", "");

    public NativesUnpackViewModel(long totalBytes, Path target) {
        this.totalBytes = totalBytes;
        this.target = target;
        message.set("Starting…");
    }

    public String heading() {
        return "Preparing the model engine (first start only)";
    }

    public String explanation() {
        return "PyTorch's CPU libraries are being unpacked from the installation into " + target.getParent()
                + " (" + mb(totalBytes) + "). This happens once; later starts skip it. Nothing is downloaded."
                + " You can hide this window and keep working: only generating and fine-tuning wait for it.";
    }

    /** 0..1, or -1 while the size is unknown. */
    public ReadOnlyDoubleProperty progressProperty() { return progress; }

    public ReadOnlyStringProperty messageProperty() { return message; }

    public ReadOnlyBooleanProperty finishedProperty() { return finished; }

    /** After {@link #finish}: the engine's description, or why it failed. */
    public ReadOnlyStringProperty outcomeProperty() { return outcome; }

    /** A measurement from the poller (on the FX thread). */
    public void update(long bytesWritten) {
        if (finished.get()) return;
        if (totalBytes <= 0) {
            progress.set(-1);
            message.set(mb(bytesWritten) + " unpacked");
            return;
        }
        double f = Math.min(1.0, Math.max(0.0, (double) bytesWritten / totalBytes));
        progress.set(f);
        message.set(String.format(Locale.ROOT, "%s of %s unpacked (%d %%)", mb(bytesWritten), mb(totalBytes), Math.round(f * 100)));
    }

    /** The engine has started (or failed to): {@code engineText} is what the status bar now says. */
    public void finish(boolean ok, String engineText) {
        if (finished.get()) return;
        if (ok) {
            progress.set(1);
            message.set("Done: " + engineText);
        } else {
            message.set("The engine could not start: " + engineText);
        }
        outcome.set(engineText);
        finished.set(true);
    }

    static String mb(long bytes) {
        return Math.round(bytes / 1_000_000.0) + " MB";
    }
}
