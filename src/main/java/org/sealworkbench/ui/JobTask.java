package org.sealworkbench.ui;

import org.sealworkbench.util.CancelledException;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.concurrent.Task;
import org.sealworkbench.util.CancelToken;
import org.sealworkbench.util.Progress;

/**
 * Runs a job (anything taking a {@link Progress} and a {@link CancelToken}) as a JavaFX
 * {@link Task}: the job's progress feeds the task's progress and message, and cancelling the task flips
 * the token. Cancelling never interrupts the thread (an interrupt would close file channels and SQLite
 * handles under the job); the job stops at its next check and only then does the task turn CANCELLED,
 * so "cancelled" means the job really stopped and rolled back.
 */
public class JobTask<T> extends Task<T> {

    /** The work itself; runs on a background thread. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Progress progress, CancelToken cancel) throws Exception;
    }

    private final Work<T> work;
    private final CancelToken token = new CancelToken();
    private final AtomicBoolean started = new AtomicBoolean();
    private final ReadOnlyStringWrapper note = new ReadOnlyStringWrapper(this, "note");

    public JobTask(String title, Work<T> work) {
        this.work = work;
        updateTitle(title);
    }

    public CancelToken token() {
        return token;
    }

    /**
     * The job's last note ({@link Progress#NOTE}, without the prefix; null until one comes): something the person should
     * know about how the job runs (e.g. a smaller adapter batch to fit memory). It passes through the message like any
     * progress, where the next message replaces it; this keeps it. Set on the FX thread.
     */
    public ReadOnlyStringProperty noteProperty() {
        return note.getReadOnlyProperty();
    }

    /**
     * Calls {@code then} with the task's end state (SUCCEEDED, FAILED or CANCELLED) once it reaches one, on the FX thread
     * (where the task's state changes): the one place a view model learns that its job ended.
     */
    public void whenEnded(java.util.function.Consumer<javafx.concurrent.Worker.State> then) {
        stateProperty().addListener((o, a, s) -> {
            if (s == State.SUCCEEDED || s == State.FAILED || s == State.CANCELLED) then.accept(s);
        });
    }

    /**
     * Shows this job in a window's own state while it runs, and hears its end: {@code running} turns true,
     * {@code progress} follows the job's and {@code status} takes each progress message while it runs; when it ends,
     * {@code progress} keeps its last value, {@code running} turns false, then {@code then} hears the end state
     * ({@link #whenEnded}). What the Few-shot, RL round and Continual windows' view models share; call on the FX thread
     * before the job is submitted.
     */
    public void follow(javafx.beans.property.BooleanProperty running, javafx.beans.property.DoubleProperty progress,
            javafx.beans.property.StringProperty status, java.util.function.Consumer<javafx.concurrent.Worker.State> then) {
        running.set(true);
        progress.bind(progressProperty());
        messageProperty().addListener((o, a, m) -> {
            if (m != null && !m.isBlank() && running.get()) status.set(m);
        });
        whenEnded(s -> {
            progress.unbind();
            running.set(false);
            then.accept(s);
        });
    }

    @Override
    protected T call() throws Exception {
        started.set(true);
        try {
            token.throwIfCancelled();
            return work.run(this::report, token);
        } catch (CancelledException e) {
            super.cancel(false);
            return null;
        }
    }

    private void report(long done, long total, String message) {
        double fraction = Progress.fraction(done, total);
        if (fraction < 0) updateProgress(-1, 1);
        else updateProgress(fraction, 1.0);
        if (message != null) updateMessage(message);
        if (Progress.isNote(message)) {
            String text = Progress.noteText(message);
            if (Platform.isFxApplicationThread()) note.set(text);
            else Platform.runLater(() -> note.set(text));
        }
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        token.cancel();
        if (isDone()) return false;
        if (!started.get()) return super.cancel(false);
        return true; // call() finishes the cancellation once the job has stopped
    }
}
