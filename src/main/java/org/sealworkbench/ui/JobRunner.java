package org.sealworkbench.ui;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;
import javafx.concurrent.Worker;
import javafx.concurrent.WorkerStateEvent;
import org.sealworkbench.util.Refusal;

/**
 * Runs background tasks one after another on a daemon thread (they share one workspace, so running them
 * in order keeps writes from competing) and lists the ones not yet finished for the jobs area.
 */
public final class JobRunner implements AutoCloseable {
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "seal-jobs");
        t.setDaemon(true);
        return t;
    });
    // Reads (a passage, its self-edits) go on their own thread, so that they never wait behind a long job:
    // the log's reader connection serves them while a job writes.
    private final ExecutorService reads = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "seal-reads");
        t.setDaemon(true);
        return t;
    });
    // Reads that take seconds on a large workspace (the library's QA columns over every graded answer) go on a third
    // thread, so that the short reads (selecting a passage) never wait behind them either.
    private final ExecutorService slowReads = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "seal-slow-reads");
        t.setDaemon(true);
        return t;
    });
    private final ObservableList<Task<?>> active = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper lastNote = new ReadOnlyStringWrapper(this, "lastNote");
    private final ReadOnlyStringWrapper lastEnded = new ReadOnlyStringWrapper(this, "lastEnded");

    /**
     * How the last job submitted here to be announced ({@link #submit(Task, boolean)}) ended, in one line: "title: done ·
     * its last message", "title: failed: the error's message" (its first line), "title: refused: the refusal's summary"
     * ({@link Refusal#summary}) or "title: cancelled". The main window's status bar shows it, so that a job
     * started from any part of the window (the studio's generation, Fine-tune & evaluate) says it finished after it has
     * left the jobs area; a failure's whole message is in its dialog, as a note's is in the note bar.
     */
    public ReadOnlyStringProperty lastEndedProperty() {
        return lastEnded.getReadOnlyProperty();
    }

    /** The line {@link #lastEndedProperty} gives for a task that ended in {@code state}. */
    static String ended(Task<?> task, Worker.State state) {
        String title = task.getTitle() == null || task.getTitle().isBlank() ? "Job" : task.getTitle();
        return switch (state) {
            case SUCCEEDED -> title + ": done" + (task.getMessage() == null || task.getMessage().isBlank() ? "" : " · " + task.getMessage());
            case FAILED -> task.getException() instanceof Refusal r ? title + ": refused: " + r.summary()
                    : title + ": failed" + (task.getException() == null || task.getException().getMessage() == null ? ""
                    : ": " + firstLine(task.getException().getMessage()));
            default -> title + ": cancelled";
        };
    }

    private static String firstLine(String message) {
        String m = message.strip();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl).strip();
    }

    /**
     * The last note of any job submitted here, as "title: note" ({@link JobTask#noteProperty}); null until one comes or
     * after {@link #clearLastNote}. The main window shows it above its status bar, where it stays after the job has left
     * the jobs area.
     */
    public ReadOnlyStringProperty lastNoteProperty() {
        return lastNote.getReadOnlyProperty();
    }

    /** Forgets the last note (the person dismissed it); the same note coming again shows again. On the FX thread. */
    public void clearLastNote() {
        lastNote.set(null);
    }

    /** Tasks submitted and not yet succeeded, failed or cancelled; changed on the FX thread only. */
    public ObservableList<Task<?>> active() {
        return active;
    }

    /** Call on the FX thread. A job that reads for a view (a chart, a tab's data): its end is not announced. */
    public <T> Task<T> submit(Task<T> task) {
        return submit(task, false);
    }

    /**
     * Call on the FX thread. {@code announceEnd}: a job the person started (a generation, a fine-tune, loading a model),
     * whose end {@link #lastEndedProperty} tells.
     */
    public <T> Task<T> submit(Task<T> task, boolean announceEnd) {
        if (!Platform.isFxApplicationThread()) throw new IllegalStateException("submit on the FX thread");
        if (executor.isShutdown()) {
            // the window closed: a job a late event asks for (a refresh's result showing its loss curves) is not started,
            // as a late read is not (background); it ends cancelled rather than throwing into the FX thread
            task.cancel();
            return task;
        }
        active.add(task);
        if (task instanceof JobTask<?> job) {
            job.noteProperty().addListener((o, was, note) -> {
                if (note != null) lastNote.set(task.getTitle() + ": " + note);
            });
        }
        // By the state, not isDone(): Task reports SUCCEEDED on the FX thread before its FutureTask is done.
        task.addEventHandler(WorkerStateEvent.WORKER_STATE_SUCCEEDED, e -> end(task, Worker.State.SUCCEEDED, announceEnd));
        task.addEventHandler(WorkerStateEvent.WORKER_STATE_FAILED, e -> end(task, Worker.State.FAILED, announceEnd));
        task.addEventHandler(WorkerStateEvent.WORKER_STATE_CANCELLED, e -> end(task, Worker.State.CANCELLED, announceEnd));
        executor.execute(task);
        return task;
    }

    private void end(Task<?> task, Worker.State state, boolean announce) {
        active.remove(task);
        if (!announce) return;
        lastEnded.set(null);   // the same line twice (two generations alike) is still news to a listener
        lastEnded.set(ended(task, state));
    }

    /** Short reads off the FX thread, results on it; they do not show in the jobs area. */
    public Background reads() {
        return background(reads);
    }

    /**
     * Reads off the FX thread that may take seconds on a large workspace (the library's QA columns), results on the FX
     * thread; on a thread of their own, so that neither the short {@link #reads()} nor the jobs wait behind them.
     */
    public Background slowReads() {
        return background(slowReads);
    }

    private static Background background(ExecutorService thread) {
        return new Background() {
            @Override
            public <T> void run(String what, java.util.concurrent.Callable<T> work, java.util.function.Consumer<T> onSuccess,
                                java.util.function.Consumer<Throwable> onFailure) {
                if (thread.isShutdown()) return; // the window closed: a late read (a change check's reload) has nothing to show
                thread.execute(() -> {
                    try {
                        T value = work.call();
                        Platform.runLater(() -> onSuccess.accept(value));
                    } catch (Exception | Error e) {
                        Platform.runLater(() -> onFailure.accept(e));
                    }
                });
            }
        };
    }

    /**
     * Takes no more jobs, waits up to {@code millis} for those queued to run (writes a person made just before the window
     * closed), then closes as {@link #close} does.
     */
    public void closeAfterQueued(long millis) {
        executor.shutdown();
        try {
            executor.awaitTermination(millis, java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        close();
    }

    @Override
    public void close() {
        executor.shutdownNow();
        reads.shutdownNow();
        slowReads.shutdownNow();
    }

    /**
     * Closes as {@link #close} does, then waits up to {@code millis} for the work in flight to end (a read that already
     * opened a workspace is not interrupted by the close). For tests, whose temporary folders are deleted right after: a
     * read still opening the workspace there made that deletion fail now and then.
     */
    public void closeAndWait(long millis) {
        close();
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(millis);
        try {
            for (ExecutorService e : java.util.List.of(executor, reads, slowReads)) {
                e.awaitTermination(Math.max(0, deadline - System.nanoTime()), java.util.concurrent.TimeUnit.NANOSECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
