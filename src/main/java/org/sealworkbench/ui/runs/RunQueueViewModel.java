package org.sealworkbench.ui.runs;

import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.IntegerBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.concurrent.Worker;
import org.sealworkbench.jobs.runs.LiveListener;
import org.sealworkbench.jobs.runs.RunPlan;
import org.sealworkbench.jobs.runs.RunService;
import org.sealworkbench.jobs.runs.RunSettings;
import org.sealworkbench.ui.JobRunner;
import org.sealworkbench.ui.JobTask;

/**
 * The fine-tune &amp; evaluate jobs of this window, queued on the {@link JobRunner} (one after another, so they never
 * compete for the model or the log): each is a {@link JobTask} in the jobs area, with progress, ETA and Cancel. A
 * queued job that is cancelled never starts; a running one stops at its next check, keeping every run it finished
 * (see {@link RunService#run}). Call on the FX thread.
 */
public final class RunQueueViewModel {
    /** Where a queued job stands. */
    public enum Status { QUEUED, RUNNING, DONE, CANCELLED, FAILED }

    /** One queued job. */
    public static final class Entry {
        private final String title;
        private final JobTask<?> task;
        private final ObjectProperty<Status> status = new SimpleObjectProperty<>(Status.QUEUED);

        Entry(String title, JobTask<?> task) {
            this.title = title;
            this.task = task;
        }

        public String title() { return title; }
        public JobTask<?> task() { return task; }
        public ObjectProperty<Status> statusProperty() { return status; }
        public Status status() { return status.get(); }
    }

    private final JobRunner runner;
    private final ObservableList<Entry> entries = FXCollections.observableArrayList(e -> new javafx.beans.Observable[]{e.status});
    private final IntegerBinding waiting = Bindings.createIntegerBinding(
            () -> (int) entries.stream().filter(e -> e.status() == Status.QUEUED || e.status() == Status.RUNNING).count(), entries);

    private Runnable onFinished = () -> {};

    public RunQueueViewModel(JobRunner runner) {
        this.runner = runner;
    }

    /** Told on the FX thread whenever a queued job ends (done, cancelled or failed), e.g. to re-read the library. */
    public void onFinished(Runnable r) {
        onFinished = r == null ? () -> {} : r;
    }

    /**
     * Queues one job: on its turn it makes its plan (store reads, e.g. which condition a column is), builds the request
     * {@code seal eval} builds and runs it, telling {@code live} of steps and finished runs.
     */
    public Entry submit(RunService service, Path model, RunSettings settings, String title, Function<RunService, RunPlan> plan,
                        LiveListener live, Consumer<Throwable> onError) {
        return submit(service, model, settings, 0, title, plan, live, onError);
    }

    /** As above, training up to {@code adapterBatch} inner loops together (0: the default; see {@link RunService#request}). */
    public Entry submit(RunService service, Path model, RunSettings settings, int adapterBatch, String title,
                        Function<RunService, RunPlan> plan, LiveListener live, Consumer<Throwable> onError) {
        return submit(service, model, settings, adapterBatch, 0, title, plan, live, onError);
    }

    /** As above, with {@code workers} batches side by side (0: automatic). */
    public Entry submit(RunService service, Path model, RunSettings settings, int adapterBatch, int workers, String title,
                        Function<RunService, RunPlan> plan, LiveListener live, Consumer<Throwable> onError) {
        JobTask<Object> task = new JobTask<>("Fine-tune & evaluate: " + title, (progress, cancel) -> {
            cancel.throwIfCancelled();
            RunPlan p = plan.apply(service);
            return service.run(service.request(model, settings, p, adapterBatch, workers), progress, cancel, live);
        });
        Entry e = new Entry(title, task);
        task.stateProperty().addListener((o, a, s) -> {
            e.status.set(switch (s) {
                case READY, SCHEDULED -> Status.QUEUED;
                case RUNNING -> Status.RUNNING;
                case SUCCEEDED -> Status.DONE;
                case CANCELLED -> Status.CANCELLED;
                case FAILED -> Status.FAILED;
            });
            if (s == Worker.State.FAILED && onError != null) onError.accept(task.getException());
            // Even a cancelled or failed run keeps the runs it finished: whoever shows the workspace reads it again.
            if (s == Worker.State.SUCCEEDED || s == Worker.State.CANCELLED || s == Worker.State.FAILED) onFinished.run();
        });
        entries.add(e);
        runner.submit(task, true);
        return e;
    }

    public ObservableList<Entry> entries() { return entries; }

    /** Jobs queued or running. */
    public IntegerBinding waitingProperty() { return waiting; }
}
