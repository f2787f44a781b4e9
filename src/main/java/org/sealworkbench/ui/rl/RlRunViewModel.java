package org.sealworkbench.ui.rl;

import org.sealworkbench.util.Counts;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;
import org.sealworkbench.jobs.RlJob;
import org.sealworkbench.jobs.RlRequest;
import org.sealworkbench.jobs.rl.RlBackend;
import org.sealworkbench.seal.RestEm;
import org.sealworkbench.ui.Background;
import org.sealworkbench.ui.JobRunner;
import org.sealworkbench.ui.JobTask;

/**
 * An RL run in the window: the form, the rewards table filled as the job reports each unit (pushed to the FX thread,
 * never read back from the store there), and the run's state machine:
 * <pre>
 * IDLE/DONE/STOPPED/PAUSED/FAILED --start--> RUNNING --pause--> PAUSING --unit in flight done--> PAUSED
 * RUNNING/PAUSING --stop--> STOPPING --> STOPPED;   PAUSED/STOPPED/FAILED (with a job row) --resume--> RUNNING
 * RUNNING --finished--> DONE;  RUNNING --error--> FAILED
 * </pre>
 * A pause lets the unit in flight finish; a stop cancels it (what it had done is lost, everything finished is stored).
 * Resume runs the stopped job again from its row ({@code Jobs.resume}): finished units are found, not redone, and
 * report their stored rewards again. Methods are called on the FX thread.
 */
public final class RlRunViewModel {
    public enum State { IDLE, RUNNING, PAUSING, PAUSED, STOPPING, STOPPED, DONE, FAILED }

    private final RlBackend backend;
    private final JobRunner runner;
    private final Background reads;
    private final BiConsumer<String, Throwable> errors;
    private final RlFormViewModel form = new RlFormViewModel();
    private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(this, "state", State.IDLE);
    private final ObjectProperty<Long> jobId = new SimpleObjectProperty<>(this, "jobId");
    private final StringProperty status = new SimpleStringProperty(this, "status",
            "Set the form and Start (Ctrl+Enter); rewards appear here per passage as they are computed.");
    private final DoubleProperty progress = new SimpleDoubleProperty(this, "progress", 0);
    private final ObservableList<RewardRow> rows = FXCollections.observableArrayList();
    private final ObservableList<RlBackend.StoppedRl> stoppedJobs = FXCollections.observableArrayList();
    private final ObjectProperty<RewardRow> selected = new SimpleObjectProperty<>(this, "selected");
    private final Map<String, Integer> rowIndex = new HashMap<>();
    private final BooleanBinding canStart, canPause, canResume, canStop;
    private volatile boolean pauseRequested;
    private int generation; // events of an older task are ignored
    private Task<RlJob.Report> task;
    private RlJob.Report lastReport;
    private Runnable onFinished = () -> {};

    public RlRunViewModel(RlBackend backend, JobRunner runner, Background reads, BiConsumer<String, Throwable> errors) {
        this.backend = backend;
        this.runner = runner;
        this.reads = reads;
        this.errors = errors;
        canStart = Bindings.createBooleanBinding(() -> idle() && form.errorProperty().get().isEmpty(), state, form.errorProperty());
        canPause = state.isEqualTo(State.RUNNING);
        canResume = Bindings.createBooleanBinding(() -> jobId.get() != null
                && (state.get() == State.PAUSED || state.get() == State.STOPPED || state.get() == State.FAILED), state, jobId);
        canStop = Bindings.createBooleanBinding(() -> state.get() == State.RUNNING || state.get() == State.PAUSING, state);
        form.workspaceProperty().addListener((o, a, ws) -> {
            if (idle()) { // another workspace: the last one's rows and job are not this one's
                rows.clear();
                rowIndex.clear();
                jobId.set(null);
                state.set(State.IDLE);
            }
            refreshWorkspace();
        });
    }

    public RlFormViewModel form() { return form; }
    public ReadOnlyObjectProperty<State> stateProperty() { return state.getReadOnlyProperty(); }
    /** The run's row in the jobs table (what resume takes); null before a run started. */
    public ObjectProperty<Long> jobIdProperty() { return jobId; }
    public StringProperty statusProperty() { return status; }
    /** Done fraction, -1 when unknown. */
    public DoubleProperty progressProperty() { return progress; }
    /** One row per (round, passage), in the order the job reached them. */
    public ObservableList<RewardRow> rows() { return rows; }
    /** Stopped RL jobs of the workspace, newest first (to resume one after a restart). */
    public ObservableList<RlBackend.StoppedRl> stoppedJobs() { return stoppedJobs; }
    public ObjectProperty<RewardRow> selectedProperty() { return selected; }
    public BooleanBinding canStartProperty() { return canStart; }
    public BooleanBinding canPauseProperty() { return canPause; }
    public BooleanBinding canResumeProperty() { return canResume; }
    public BooleanBinding canStopProperty() { return canStop; }
    /**
     * Runs on the FX thread when a run ends, done, paused, stopped or failed: each stored self-edits and runs (the main
     * window re-reads its library's counts, which stayed at their old values after an RL run).
     */
    public void onFinished(Runnable r) {
        onFinished = r == null ? () -> {} : r;
    }

    /** The last finished run's report, null before one finished. */
    public RlJob.Report lastReport() { return lastReport; }

    private boolean idle() {
        State s = state.get();
        return s == State.IDLE || s == State.DONE || s == State.STOPPED || s == State.PAUSED || s == State.FAILED;
    }

    /** Reads the workspace's passage sets and stopped RL jobs in the background. */
    public void refreshWorkspace() {
        Path ws = form.workspaceProperty().get();
        if (ws == null) {
            form.passageSets().clear();
            stoppedJobs.clear();
            return;
        }
        reads.run("RL: passage sets of " + ws, () -> new Lists(backend.passageSets(ws), backend.stopped(ws)), l -> {
            if (!ws.equals(form.workspaceProperty().get())) return;
            if (!form.passageSets().equals(l.sets())) {
                // an editable combo over this list clears its value when the list is replaced, and the binding clears
                // the form's field with it (seen after every run: the sets chosen were gone, Start refused): keep them
                String validationSet = form.validationSetProperty().get(), rlSet = form.rlSetProperty().get();
                form.passageSets().setAll(l.sets());
                form.validationSetProperty().set(validationSet);
                form.rlSetProperty().set(rlSet);
            }
            form.suggestSplit().ifPresent(chosen -> {
                if (state.get() == State.IDLE) status.set("The form took the workspace's files: " + chosen
                        + " (change them in the form). Set the rest and Start (Ctrl+Enter).");
            });
            stoppedJobs.setAll(l.stopped());
            if (jobId.get() == null && idle() && !l.stopped().isEmpty()) {
                jobId.set(l.stopped().get(0).jobId());
                if (state.get() == State.IDLE) {
                    state.set(State.STOPPED);
                    status.set("A stopped RL run can be resumed: " + l.stopped().get(0).label());
                }
            }
        }, e -> errors.accept("Could not read the workspace's passage sets", e));
    }

    private record Lists(List<String> sets, List<RlBackend.StoppedRl> stopped) {}

    /** Starts a new run from the form (the settings file is read on the job's thread). */
    public Task<RlJob.Report> start() {
        if (!canStart.get()) return null;
        rows.clear();
        rowIndex.clear();
        jobId.set(null);
        return launch("ReST-EM", (watch, p, c) -> backend.run(form.request(), watch, p, c));
    }

    /** Resumes the stopped run (the one this view ran, or the newest stopped one found in the workspace). */
    public Task<RlJob.Report> resume() {
        if (!canResume.get()) return null;
        Path ws = form.workspaceProperty().get();
        long id = jobId.get();
        return launch("ReST-EM (resumed job " + id + ")", (watch, p, c) -> backend.resume(ws, id, watch, p, c));
    }

    /** Finish the unit in flight, then stop; the job stays resumable. */
    public void pause() {
        if (!canPause.get()) return;
        pauseRequested = true;
        state.set(State.PAUSING);
        status.set("Pausing after the unit in flight…");
    }

    /** Cancel now (the unit in flight is dropped; everything finished is stored). */
    public void stop() {
        if (!canStop.get() || task == null) return;
        state.set(State.STOPPING);
        status.set("Stopping…");
        task.cancel();
    }

    @FunctionalInterface
    private interface Work {
        RlJob.Report run(RlJob.Watch watch, org.sealworkbench.util.Progress p, org.sealworkbench.util.CancelToken c);
    }

    private Task<RlJob.Report> launch(String title, Work work) {
        int gen = ++generation;
        pauseRequested = false;
        RlJob.Watch watch = new FxWatch(gen);
        JobTask<RlJob.Report> t = new JobTask<>(title, (p, c) -> work.run(watch, p, c));
        task = t;
        state.set(State.RUNNING);
        status.set("Starting…");
        progress.set(-1);
        t.messageProperty().addListener((o, a, m) -> {
            if (gen == generation && m != null && !m.isBlank() && state.get() == State.RUNNING) status.set(m);
        });
        t.progressProperty().addListener((o, a, v) -> {
            if (gen == generation) progress.set(v.doubleValue());
        });
        t.setOnSucceeded(e -> {
            if (gen != generation) return;
            lastReport = t.getValue();
            state.set(State.DONE);
            progress.set(1);
            status.set(summary(lastReport, t.noteProperty().get()));   // the job keeps its last note (the message moved on)
            refreshWorkspace();
            onFinished.run();
        });
        t.setOnCancelled(e -> {
            if (gen != generation) return;
            boolean paused = state.get() == State.PAUSING && pauseRequested;
            state.set(paused ? State.PAUSED : State.STOPPED);
            status.set(paused ? "Paused after the unit in flight: Resume (Ctrl+Shift+R) goes on from there."
                    : "Stopped: everything finished is stored; Resume (Ctrl+Shift+R) goes on from there.");
            onFinished.run();
        });
        t.setOnFailed(e -> {
            if (gen != generation) return;
            state.set(State.FAILED);
            Throwable ex = t.getException();
            status.set("Failed: " + (ex == null ? "unknown error" : ex.getMessage()));
            onFinished.run();
            errors.accept("ReST-EM failed", ex);
        });
        runner.submit(t, true);
        return t;
    }

    /** {@link #summary(RlJob.Report)}, and the run's note (e.g. smaller batches to fit memory), if it had one. */
    static String summary(RlJob.Report r, String note) {
        return note == null ? summary(r) : summary(r) + " (note: " + note + ")";
    }

    static String summary(RlJob.Report r) {
        if (r == null || r.rounds().isEmpty()) return "Done.";
        RestEm.Round last = r.rounds().get(r.rounds().size() - 1);
        StringBuilder s = new StringBuilder("Done: ").append(Counts.of(r.rounds().size(), "round"));
        if (!last.passages().isEmpty() && !Double.isNaN(last.meanReward())) {
            s.append(String.format(Locale.ROOT, "; round %d: mean reward %s, mean best %s, baseline %s", last.round(),
                    RewardRow.percent(last.meanReward()), RewardRow.percent(last.meanBestReward()),
                    RewardRow.percent(last.meanBaseline())));
        }
        return s.append("; model ").append(last.modelDir().getFileName()).toString();
    }

    // ---- events from the job's thread, applied on the FX thread ------------------------------------------

    private final class FxWatch implements RlJob.Watch {
        private final int gen;

        FxWatch(int gen) {
            this.gen = gen;
        }

        private void fx(Runnable r) {
            Platform.runLater(() -> {
                if (gen == generation) r.run();
            });
        }

        @Override
        public boolean pauseRequested() {
            return pauseRequested && gen == generation;
        }

        @Override
        public void jobStarted(long id) {
            fx(() -> jobId.set(id));
        }

        @Override
        public void selfEdits(int round, long passageId, String title, int index, int of, List<Long> ids, List<String> texts) {
            List<Long> idsCopy = List.copyOf(ids);
            List<String> textsCopy = List.copyOf(texts);
            fx(() -> put(RewardRow.of(round, passageId, title, index, of, idsCopy, textsCopy)));
        }

        @Override
        public void baseline(int round, long passageId, double accuracy) {
            fx(() -> update(round, passageId, r -> r.withBaseline(accuracy)));
        }

        @Override
        public void reward(int round, long passageId, int index, long selfEditId, double reward) {
            fx(() -> update(round, passageId, r -> r.withReward(index, reward)));
        }

        @Override
        public void best(int round, long passageId, int index, boolean kept) {
            fx(() -> update(round, passageId, r -> r.withBest(index, kept)));
        }
    }

    private static String key(int round, long passageId) {
        return round + "/" + passageId;
    }

    /** Adds a passage's row, or (a resumed run reaching it again) replaces it, keeping what was already known. */
    void put(RewardRow row) {
        Integer i = rowIndex.get(key(row.round(), row.passageId()));
        if (i == null) {
            rowIndex.put(key(row.round(), row.passageId()), rows.size());
            rows.add(row);
        } else if (!rows.get(i).selfEditIds().equals(row.selfEditIds())) {
            rows.set(i, row);
        }
    }

    void update(int round, long passageId, java.util.function.UnaryOperator<RewardRow> change) {
        Integer i = rowIndex.get(key(round, passageId));
        if (i == null) return;
        RewardRow before = rows.get(i);
        RewardRow after = change.apply(before);
        rows.set(i, after);
        if (selected.get() == before) selected.set(after);
    }
}
