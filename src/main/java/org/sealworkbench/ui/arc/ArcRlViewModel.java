package org.sealworkbench.ui.arc;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import java.util.function.Function;
import javafx.application.Platform;
import javafx.beans.Observable;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.concurrent.Worker;
import org.sealworkbench.jobs.ArcJob;
import org.sealworkbench.jobs.ArcRlJob;
import org.sealworkbench.jobs.ArcRlRequest;
import org.sealworkbench.jobs.ArcSteps;
import org.sealworkbench.jobs.charts.ChartsData.LossPoint;
import org.sealworkbench.jobs.rl.RlService;
import org.sealworkbench.seal.RlSettings;
import org.sealworkbench.seal.arc.ArcRestEm;
import org.sealworkbench.seal.arc.ArcSettings;
import org.sealworkbench.seal.arc.ArcTtt;
import org.sealworkbench.seal.arc.TttConfig;
import org.sealworkbench.ui.Background;
import org.sealworkbench.ui.FormNumbers;
import org.sealworkbench.ui.JobRunner;
import org.sealworkbench.ui.JobTask;
import org.sealworkbench.util.CancelToken;
import org.sealworkbench.util.Progress;

/**
 * The Few-shot (ARC) window's RL round (its "RL round…", Ctrl+R): one ReST-EM round of SEAL's few-shot setting, the job
 * `./seal arc-rl` runs ({@link ArcRlJob}, the same request {@link ArcRlRequest}), with the command's main settings as a
 * form (defaults: the command's). The round runs as a job of the window's {@link JobRunner} with progress by phase
 * (loading, sampling, inner loops, SFT, saving) and Cancel; a stopped round is offered for resuming as History &gt; Jobs
 * and `seal resume` offer it ({@link RlService#stoppedArcRounds}), and resumed in its own job row. As the round runs: each
 * task's sampled configs, then each one's reward (trained and solved) as its inner loop ends, the rewarded count, the
 * SFT's loss; at the end the saved model and what to do next. A refusal (a prompt too long for the generator's context,
 * tasks without solutions) or a round that solved nothing is said in full ({@link #outcomeProperty}) and a refusal also
 * goes to the error callback (a dialog). No JavaFX controls here: unit-tested without a screen. Call on the FX thread.
 */
public final class ArcRlViewModel {
    /** Where a round is. */
    public enum Phase {
        IDLE("Not started"), LOADING("Loading the generator"), SAMPLING("Sampling self-edits"),
        INNER_LOOPS("Inner loops (test-time training)"), SFT("SFT of the generator"), SAVING("Saving the model"),
        DONE("Done"), NOTHING_SOLVED("Done: nothing solved"), CANCELLED("Stopped"), REFUSED("Refused"), FAILED("Failed");

        private final String label;

        Phase(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** How the window reaches the round's work: the real one is {@link #REAL}; a test gives a scripted one. */
    public interface Backend {
        ArcRlJob.Report run(ArcRlRequest request, ArcSteps steps, Progress progress, CancelToken cancel);

        ArcRlJob.Report resume(Path workspace, long jobId, ArcSteps steps, Progress progress, CancelToken cancel);

        /** The workspace's stopped rounds worth resuming, newest first. */
        List<Stopped> stopped(Path workspace);

        /** The context, in tokens, of the model in {@code dir}. */
        int contextTokens(Path dir);
    }

    /** {@link ArcRlJob} and {@link RlService#stoppedArcRounds}: what `./seal arc-rl`, History and `seal resume` use. */
    public static final Backend REAL = new Backend() {
        @Override
        public ArcRlJob.Report run(ArcRlRequest request, ArcSteps steps, Progress progress, CancelToken cancel) {
            return ArcRlJob.run(request, progress, cancel, steps);
        }

        @Override
        public ArcRlJob.Report resume(Path workspace, long jobId, ArcSteps steps, Progress progress, CancelToken cancel) {
            return ArcRlJob.resume(workspace, jobId, progress, cancel, steps);
        }

        @Override
        public List<Stopped> stopped(Path workspace) {
            return RlService.stoppedArcRounds(workspace).stream().map(j -> new Stopped(j.jobId(), j.status(), j.message()))
                    .toList();
        }

        @Override
        public int contextTokens(Path dir) {
            return ArcRlJob.contextTokens(dir);
        }
    };

    /** A stopped round's job: its id, status and last message. */
    public record Stopped(long jobId, String status, String message) {
    }

    /** Below this context SEAL's self-edit prompt does not fit (the smallest bundled task's is about 700 tokens). */
    static final int CONTEXT_NEEDED = 1024;

    /** What the round needs of a generator, for the notices and the refusal. */
    public static final String WHICH_MODEL = "Choose a generator whose context holds SEAL's self-edit prompt (about 700 "
            + "tokens for the smallest bundled task, far more for most): 2048 tokens or more, e.g. SEAL's own "
            + "Llama-3.2-1B-Instruct (128K), imported into the workspace (Self-edits > Models…, Ctrl+M) or chosen as a "
            + "folder with Choose…. The bundled seal-tiny (512 tokens) cannot run a round.";

    /** One (task, self-edit) of the round: its config when sampled, then its inner loop's outcome and reward. */
    public static final class PairRow {
        private final String task;
        private final int index;
        private final TttConfig config;
        private final StringProperty trained = new SimpleStringProperty("…");
        private final StringProperty solved = new SimpleStringProperty("…");
        private final StringProperty reward = new SimpleStringProperty("…");
        private boolean done;

        PairRow(String task, int index, TttConfig config) {
            this.task = task;
            this.index = index;
            this.config = config;
        }

        public String task() { return task; }
        /** The self-edit's number among its task's samples, from 1. */
        public int number() { return index + 1; }
        public String config() { return config == null ? "?" : config.shortForm(); }
        public TttConfig configValue() { return config; }
        /** "…" until its inner loop ends; then "yes" or "no: why". */
        public StringProperty trainedProperty() { return trained; }
        /** "…", then "✓ yes", "✗ no" or "? no solution". */
        public StringProperty solvedProperty() { return solved; }
        /** "…", then "1" or "0". */
        public StringProperty rewardProperty() { return reward; }
        public boolean done() { return done; }

        void set(boolean wasTrained, String notTrained, Boolean wasSolved) {
            done = true;
            trained.set(wasTrained ? "yes" : "no: " + notTrained);
            solved.set(wasSolved == null ? "? no solution" : wasSolved ? "✓ yes" : "✗ no");
            reward.set(wasTrained && Boolean.TRUE.equals(wasSolved) ? "1" : "0");
        }
    }

    /** One task of the round: its sampling, and how many of its self-edits ran and were rewarded. */
    public static final class TaskSummary {
        private final String task;
        private final StringProperty sampled = new SimpleStringProperty("sampling…");
        private final StringProperty rewarded = new SimpleStringProperty("");
        private final StringProperty notConfigs = new SimpleStringProperty("");

        TaskSummary(String task) {
            this.task = task;
        }

        public String task() { return task; }
        /** "sampling…", then "K of D draws". */
        public StringProperty sampledProperty() { return sampled; }
        /** Why its draws that were not configs are not ({@link #notConfigs(int, List)}); "" when every draw was one. */
        public StringProperty notConfigsProperty() { return notConfigs; }
        /** "" before any inner loop; then "r of n run". */
        public StringProperty rewardedProperty() { return rewarded; }
    }

    private final JobRunner runner;
    private final Background reads;
    private final BiConsumer<String, Throwable> errors;
    private final Executor fx;
    private final Backend backend;
    private final ObservableList<String> sources;
    private final Function<String, Path> pathOf;

    // the form (defaults: `./seal arc-rl`'s)
    private final ObjectProperty<Path> generator = new SimpleObjectProperty<>();
    private final ReadOnlyObjectWrapper<Path> chosenGenerator = new ReadOnlyObjectWrapper<>();
    private final StringProperty source = new SimpleStringProperty(ArcViewModel.TRAINING);
    private final StringProperty onlyTasks = new SimpleStringProperty("");
    private final StringProperty k = new SimpleStringProperty("15");
    private final StringProperty selfEditTokens = new SimpleStringProperty(
            String.valueOf(ArcSettings.preset("tiny-cpu").selfEditMaxTokens()));
    private final StringProperty preset = new SimpleStringProperty("tiny-cpu");
    private final StringProperty sftEpochs = new SimpleStringProperty(String.valueOf(ArcRestEm.reference().epochs()));
    private final StringProperty sftLearningRate = new SimpleStringProperty("5e-5");
    private final StringProperty sftBatch = new SimpleStringProperty(String.valueOf(ArcRestEm.reference().effectiveBatch()));
    private final StringProperty workers = new SimpleStringProperty("0");
    private final ObjectProperty<Path> workspace = new SimpleObjectProperty<>();
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper generatorNote = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper sourcePath = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper canStart = new ReadOnlyBooleanWrapper(false);
    private ArcRlRequest request;

    // the run
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyObjectWrapper<Phase> phase = new ReadOnlyObjectWrapper<>(Phase.IDLE);
    private final ReadOnlyStringWrapper phaseText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final DoubleProperty progress = new SimpleDoubleProperty(0);
    private final ObservableList<PairRow> pairs = FXCollections.observableArrayList();
    private final ObservableList<TaskSummary> perTask = FXCollections.observableArrayList();
    /** Every task's draws that were not configs, one line a task ("" when none): what the window shows under the tasks. */
    private final ReadOnlyStringWrapper notConfigs = new ReadOnlyStringWrapper("");
    /** The last round ended without one (task, self-edit) pair: none of its draws was a config. */
    private final ReadOnlyBooleanWrapper endedWithoutPairs = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyIntegerWrapper rewardedCount = new ReadOnlyIntegerWrapper(0);
    private final ReadOnlyIntegerWrapper loopsDone = new ReadOnlyIntegerWrapper(0);
    private final ObservableList<LossPoint> sftLoss = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper sftTitle = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper sftNote = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper outcome = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<Path> savedModel = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Stopped> resumable = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper canResume = new ReadOnlyBooleanWrapper(false);
    /** Why nothing may be stored in the workspace (read-only; the Few-shot window binds it); null: it may be written. */
    private final javafx.beans.property.StringProperty offReason = new javafx.beans.property.SimpleStringProperty(this, "offReason");
    private final ConcurrentLinkedQueue<Runnable> pending = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private JobTask<ArcRlJob.Report> task;
    private int tasksSampled;
    private Runnable onFinished = () -> { };

    /**
     * {@code sources} and {@code pathOf}: the Few-shot window's task sources and the file or folder of each (one list for
     * both); {@code fx}: hands the job's steps to the FX thread ({@code Platform::runLater}).
     */
    public ArcRlViewModel(JobRunner runner, Background reads, BiConsumer<String, Throwable> errors, Executor fx,
            Backend backend, ObservableList<String> sources, Function<String, Path> pathOf) {
        this.runner = runner;
        this.reads = reads;
        this.errors = errors;
        this.fx = fx;
        this.backend = backend;
        this.sources = sources;
        this.pathOf = pathOf;
        for (Observable o : List.of(generator, source, onlyTasks, k, selfEditTokens, preset, sftEpochs, sftLearningRate,
                sftBatch, workers, workspace, running, offReason)) {
            o.addListener(x -> recompute());
        }
        generator.addListener((o, a, b) -> checkGenerator());
        source.addListener((o, a, b) -> sourcePath.set(b == null || b.equals(ArcViewModel.TRAINING)
                || b.equals(ArcViewModel.EVALUATION) ? "" : String.valueOf(pathOf.apply(b).toAbsolutePath())));
        workspace.addListener((o, a, b) -> refreshStopped());
        recompute();
    }

    /** As the other constructor, with {@code Platform::runLater} and the real backend. */
    public ArcRlViewModel(JobRunner runner, Background reads, BiConsumer<String, Throwable> errors,
            ObservableList<String> sources, Function<String, Path> pathOf) {
        this(runner, reads, errors, Platform::runLater, REAL, sources, pathOf);
    }

    /** Called after a round ended (its runs, record and model are in the workspace): the main window's lists refresh. */
    public void onFinished(Runnable r) {
        onFinished = r == null ? () -> { } : r;
    }

    // ---- the form ----

    private void recompute() {
        String why = "";
        ArcRlRequest q = null;
        try {
            if (workspace.get() == null) {
                throw new IllegalArgumentException("Open a workspace first (File > Open workspace…): the round's runs, "
                        + "record and model are stored there");
            }
            if (generator.get() == null) throw new IllegalArgumentException("Choose a generator model");
            if (source.get() == null) throw new IllegalArgumentException("Choose the training tasks");
            int kv = FormNumbers.wholeField("K (self-edits per task)", k.get());
            if (kv < 1) throw new IllegalArgumentException("K (self-edits per task): 1 or more");
            int tokens = FormNumbers.wholeField("self-edit tokens", selfEditTokens.get());
            int epochs = FormNumbers.wholeField("SFT epochs", sftEpochs.get());
            double lr = FormNumbers.numberField("SFT learning rate", sftLearningRate.get());
            int batch = FormNumbers.wholeField("SFT batch", sftBatch.get());
            int w = FormNumbers.wholeField("workers", workers.get());
            if (tokens < 1) throw new IllegalArgumentException("self-edit tokens: 1 or more");
            if (epochs < 1) throw new IllegalArgumentException("SFT epochs: 1 or more");
            if (!(lr > 0) || !Double.isFinite(lr)) throw new IllegalArgumentException("SFT learning rate: more than 0");
            if (batch < 1) throw new IllegalArgumentException("SFT batch: 1 or more");
            if (w < 0) throw new IllegalArgumentException("workers: 0 (automatic) or more");
            List<String> ids = Arrays.stream(onlyTasks.get() == null ? new String[0] : onlyTasks.get().split("[,\\s]+"))
                    .map(String::strip).filter(s -> !s.isEmpty()).toList();
            // SEAL's value goes as 0 ("SEAL's"), as the command's defaults do: the job row stores the very request
            // `./seal arc-rl` stores for these settings (the round's digest is the same either way)
            RlSettings.Sft seal = ArcRestEm.reference();
            int presetTokens = ArcSettings.preset(preset.get()).selfEditMaxTokens();
            q = new ArcRlRequest(workspace.get(), generator.get(), pathOf.apply(source.get()), null, ids, 0, preset.get(),
                    0, kv, false, 0, w, epochs == seal.epochs() ? 0 : epochs, lr == seal.learningRate() ? 0 : lr,
                    batch == seal.effectiveBatch() ? 0 : batch, tokens == presetTokens ? 0 : tokens);
        } catch (IllegalArgumentException e) {
            why = e.getMessage();
        }
        request = q;
        problem.set(why);
        boolean writable = offReason.get() == null;   // a read-only workspace: off, its reason on the buttons
        canStart.set(q != null && !running.get() && writable);
        canResume.set(resumable.get() != null && !running.get() && workspace.get() != null && writable);
    }

    /**
     * The generator chosen for the round (Choose…): used from now on, and remembered by the app across restarts
     * ({@link #chosenGeneratorProperty}); the Few-shot window's model no longer replaces it.
     */
    public void chooseGenerator(Path dir) {
        if (dir == null) return;
        chosenGenerator.set(dir);
        generator.set(dir);
    }

    /**
     * The generator remembered from an earlier session, chosen again when its folder is still there (a folder since
     * deleted or moved is forgotten: the round follows the Few-shot window's model, as before any choice). Returns
     * whether it was chosen.
     */
    public boolean restoreGenerator(Path dir) {
        if (dir == null || !java.nio.file.Files.isDirectory(dir)) return false;
        chooseGenerator(dir);
        return true;
    }

    /**
     * How the source list's closed face names a source in the narrow form: an opened file or folder by its own name
     * ("tiny_challenges.json"; its whole path is {@link #sourcePathProperty}, shown under it), a bundled set as it is.
     */
    public static String shortSourceName(String source) {
        if (source == null || !source.startsWith(ArcViewModel.OPENED)) return source;
        Path p = Path.of(source.substring(ArcViewModel.OPENED.length()));
        return p.getFileName() == null ? p.toString() : p.getFileName().toString();
    }

    /** Reads the generator's context off the FX thread and says, before any work, when SEAL's prompt cannot fit in it. */
    private void checkGenerator() {
        Path g = generator.get();
        generatorNote.set("");
        if (g == null) return;
        reads.run("Reading the generator's config", () -> backend.contextTokens(g), ctx -> {
            if (!g.equals(generator.get())) return;
            generatorNote.set(ctx < CONTEXT_NEEDED ? String.format(Locale.ROOT, "%s has a context of %d tokens: SEAL's "
                    + "self-edit prompt does not fit, so the round will be refused before any work. Choose a generator "
                    + "with 2048 tokens or more, e.g. SEAL's Llama-3.2-1B-Instruct (Choose…, or Self-edits > Models…).",
                    g.getFileName(), ctx) : String.format(Locale.ROOT, "%s: a context of %d tokens.", g.getFileName(), ctx));
        }, e -> {
            if (g.equals(generator.get())) {
                generatorNote.set(g + " holds no model the round can read: " + e.getMessage() + ". " + WHICH_MODEL);
            }
        });
    }

    /** Reads the workspace's stopped rounds off the FX thread (the newest is offered for resuming). */
    public void refreshStopped() {
        Path ws = workspace.get();
        if (ws == null) {
            resumable.set(null);
            recompute();
            return;
        }
        reads.run("Reading the stopped few-shot rounds", () -> backend.stopped(ws), list -> {
            if (!ws.equals(workspace.get())) return;
            resumable.set(list.isEmpty() ? null : list.get(0));
            recompute();
        }, e -> errors.accept("Could not read the jobs of " + ws, e));
    }

    /** The request Start makes: as `./seal arc-rl` with the form's values; null while the form is not valid. */
    public ArcRlRequest request() {
        return request;
    }

    // ---- the run ----

    /** Starts the round (Ctrl+Enter); a round of the same settings already stored is read back, not run again. */
    public void start() {
        if (!canStart.get()) return;
        ArcRlRequest q = request;
        // the source as the form names it ("SEAL training set", not its 60-letter file): the jobs area and the main
        // window's status line show this title
        launch("Few-shot RL round: " + shortSourceName(source.get()) + ", K " + q.k(),
                (steps, p, c) -> backend.run(q, steps, p, c));
    }

    /** Resumes the stopped round offered ({@link #resumableProperty}) in its own job row (Ctrl+Shift+U). */
    public void resume() {
        if (!canResume.get()) return;
        Stopped s = resumable.get();
        Path ws = workspace.get();
        launch("Few-shot RL round: resuming job " + s.jobId(), (steps, p, c) -> backend.resume(ws, s.jobId(), steps, p, c));
    }

    /** Stops the round at its next check; what finished (inner loops, the round's record) is stored for resuming. */
    public void cancel() {
        if (task != null) task.cancel();
    }

    private interface Work {
        ArcRlJob.Report run(ArcSteps steps, Progress progress, CancelToken cancel);
    }

    private void launch(String title, Work work) {
        pairs.clear();
        perTask.clear();
        notConfigs.set("");
        endedWithoutPairs.set(false);
        sftLoss.clear();
        sftTitle.set("");
        sftNote.set("");
        rewardedCount.set(0);
        loopsDone.set(0);
        tasksSampled = 0;
        savedModel.set(null);
        outcome.set("");
        ArcSteps steps = steps();
        JobTask<ArcRlJob.Report> t = new JobTask<>(title, (p, c) -> {
            ArcRlJob.Report r = work.run(steps, p, c);
            p.update(1, 1, ArcRlJob.summary(r));   // what the main window's status line says it ended with
            return r;
        });
        task = t;
        setPhase(Phase.LOADING, "Loading the generator and reading the tasks…");
        status.set("");
        t.follow(running, progress, status, s -> {
            drain();
            task = null;
            status.set("");   // the outcome says how it ended; the last step's message would read as news
            if (s == Worker.State.SUCCEEDED && t.getValue() != null) {
                ended(t.getValue());
            } else if (s == Worker.State.CANCELLED || t.token().isCancelled()) {
                setPhase(Phase.CANCELLED, "Stopped");
                outcome.set("Stopped. Every finished inner loop is stored (and the round's rewards, once they were all "
                        + "in): Resume (Ctrl+Shift+U) picks it up by lookup, as History > Jobs and `seal resume` do.");
            } else {
                failed(t.getException());
            }
            refreshStopped();
            onFinished.run();
        });
        runner.submit(t, true);
    }

    private void ended(ArcRlJob.Report r) {
        // the report is the round's account: its pairs replace the rows the steps built (a round read back has no steps)
        pairs.setAll(r.pairs().stream().map(p -> {
            PairRow row = new PairRow(p.task(), p.index(), p.config());
            row.set(p.trained(), p.notTrained(), p.solved());
            return row;
        }).toList());
        List<TaskSummary> summaries = new ArrayList<>();
        for (ArcRestEm.TaskRewards tr : r.perTask()) {
            TaskSummary ts = perTask.stream().filter(x -> x.task().equals(tr.task())).findFirst()
                    .orElseGet(() -> new TaskSummary(tr.task()));
            if (ts.sampledProperty().get().startsWith("sampling")) ts.sampledProperty().set(tr.pairs() + " self-edits");
            ts.rewardedProperty().set(tr.rewarded() + " of " + tr.pairs() + " rewarded");
            summaries.add(ts);
        }
        for (TaskSummary ts : perTask) {
            if (summaries.stream().noneMatch(x -> x.task().equals(ts.task()))) {
                ts.rewardedProperty().set("none sampled");
                summaries.add(ts);
            }
        }
        // a round read back told no steps: its record's sampling says how each task's draws went, and why those that were
        // not configs are not (a task none of whose draws was a config has no pair, so it is added here)
        for (ArcJob.Sampling s : r.sampling()) {
            TaskSummary ts = summaries.stream().filter(x -> x.task().equals(s.task())).findFirst().orElseGet(() -> {
                TaskSummary added = new TaskSummary(s.task());
                added.rewardedProperty().set("none sampled");
                summaries.add(added);
                return added;
            });
            if (!ts.sampledProperty().get().contains(" draws")) {   // not told by the steps: "sampling…" or "N self-edits"
                showSampling(ts, s.kept(), s.draws(), s.problems());
            }
        }
        perTask.setAll(summaries);
        notConfigs.set(allNotConfigs());
        endedWithoutPairs.set(r.pairs().isEmpty());
        rewardedCount.set(r.rewarded());
        loopsDone.set(r.pairs().size());
        progress.set(1);
        String readBack = r.stored() ? String.format(Locale.ROOT, "Round %d was already run with these settings: read "
                + "back from the workspace, nothing computed. ", r.round()) : "";
        String counts = String.format(Locale.ROOT, "%d of %d (task, self-edit) pairs rewarded; %d of %d tasks with a solved "
                        + "self-edit.", r.rewarded(), r.pairs().size(), r.perTask().stream().filter(x -> x.rewarded() > 0).count(),
                r.perTask().size());
        if (r.modelOutId() == null) {
            setPhase(Phase.NOTHING_SOLVED, "Round " + r.round() + ": nothing solved, no model saved");
            outcome.set(readBack + "Round " + r.round() + " solved nothing: " + counts + " No self-edit solved its task, so "
                    + "there is nothing to fine-tune the generator on and no model was saved. Sample more self-edits (K), "
                    + "train more texts (preset reference), or start from a generator that writes better configs.");
            return;
        }
        savedModel.set(r.modelDir());
        if (sftLoss.isEmpty()) {
            if (!r.sftLoss().isEmpty()) {
                sftLoss.setAll(r.sftLoss());
                LossPoint last = r.sftLoss().get(r.sftLoss().size() - 1);
                sftTitle.set(String.format(Locale.ROOT, "SFT: %d steps · last loss %.4f (read back from the workspace)",
                        r.sftLoss().size(), last.loss()));
            } else if (r.stored()) {
                sftNote.set("SFT loss not stored for this round: it was read back from the workspace, and rounds run "
                        + "before the workbench kept their SFT's steps have none. A round run now shows its loss here as "
                        + "it trains, and keeps it.");
            }
        }
        RlSettings.Sft s = r.sft();
        setPhase(Phase.DONE, "Round " + r.round() + " done: model " + r.modelDir().getFileName());
        Path ws = workspace.get();
        String where = ws != null && r.modelDir().startsWith(ws) ? ws.relativize(r.modelDir()).toString()
                : r.modelDir().toString();
        outcome.set(String.format(Locale.ROOT, "%sRound %d: %s The generator was fine-tuned on %d rewarded self-edits "
                        + "(LoRA r %d, lr %s, %d epochs, batch %d, cosine)%s and saved as %s in the workspace (model id %d, "
                        + "parent %d).%n%nNext: evaluate it. Choose %s as the model (Self-edits > Models…, Ctrl+M) and Run "
                        + "the SEAL evaluation set in this Few-shot window, or sample its self-edits on held-out tasks: "
                        + "./seal arc --workspace WS --model WS/%s --tasks EVAL_challenges.json --self-edits %d "
                        + "--self-edit-tokens %s (WS: %s)", readBack, r.round(), counts, r.sftExamples(), s.loraRank(),
                fmt(s.learningRate()), s.epochs(), s.effectiveBatch(), r.leftOut().isEmpty() ? ""
                        : "; left out of the SFT: " + String.join("; ", r.leftOut()), where, r.modelOutId(),
                r.modelInId(), r.modelDir().getFileName(), where, request == null ? 15 : request.k(), selfEditTokens.get(),
                ws));
    }

    private void failed(Throwable e) {
        if (e instanceof ArcRlJob.PromptsTooLong p) {
            setPhase(Phase.REFUSED, "Refused before the round ran");
            String text = refusal(p);
            outcome.set("The round was refused: " + text);
            errors.accept("The few-shot RL round was refused", new IllegalArgumentException(text, e));
            return;
        }
        String msg = e == null || e.getMessage() == null ? String.valueOf(e) : e.getMessage();
        boolean refusal = e instanceof IllegalArgumentException;
        String advice = msg.contains("leaves no room") ? " " + WHICH_MODEL
                : msg.contains("without a solution") ? " Choose a task set with its solutions (the SEAL training set has "
                + "them), or Open… a challenges file whose solutions file sits beside it."
                : "";
        setPhase(refusal ? Phase.REFUSED : Phase.FAILED, refusal ? "Refused before the round ran" : "Failed");
        String sentence = msg.endsWith(".") || msg.endsWith(")") && advice.isEmpty() ? msg : msg + ".";
        outcome.set((refusal ? "The round was refused: " : "The round failed: ") + sentence + advice);
        errors.accept(refusal ? "The few-shot RL round was refused" : "The few-shot RL round failed",
                advice.isEmpty() ? e : new IllegalArgumentException(msg + "\n\n" + advice.strip(), e));
    }

    /**
     * A prompt refusal to read at a glance: one summary line (how many of the tasks' prompts leave no room in the
     * model's context, the longest), which model would do, then the tasks one a line, longest first.
     */
    static String refusal(ArcRlJob.PromptsTooLong p) {
        int n = p.promptTokens().size();
        StringBuilder sb = new StringBuilder(p.summary());
        sb.append("\n\n").append(WHICH_MODEL).append(" Or leave those tasks out (Only tasks).\n\n")
                .append(n == 1 ? "The task and its prompt's length:" : "The tasks and their prompts' lengths, longest first:");
        p.promptTokens().entrySet().stream()
                .sorted(java.util.Map.Entry.<String, Integer>comparingByValue().reversed())
                .forEach(x -> sb.append(String.format(Locale.ROOT, "%n  task %s: %d tokens", x.getKey(), x.getValue())));
        return sb.toString();
    }

    /**
     * A task's draws that were not configs, by why, the commonest first: "3 of 5 draws were not configs: 2 not one JSON object
     * (stopped: the new-token limit (150 tokens) is reached); 1 no \"training\" object"; "" when there were none.
     */
    static String notConfigs(int draws, List<String> problems) {
        if (problems.isEmpty()) return "";
        java.util.Map<String, Integer> byWhy = new java.util.LinkedHashMap<>();
        for (String p : problems) byWhy.merge(p, 1, Integer::sum);
        StringBuilder sb = new StringBuilder().append(problems.size()).append(" of ").append(draws).append(draws == 1 ? " draw" : " draws")
                .append(problems.size() == 1 ? " was not a config: " : " were not configs: ");
        List<java.util.Map.Entry<String, Integer>> order = new ArrayList<>(byWhy.entrySet());
        order.sort(java.util.Map.Entry.<String, Integer>comparingByValue().reversed());   // stable: first seen first among equals
        for (int i = 0; i < order.size(); i++) {
            if (i > 0) sb.append("; ");
            sb.append(order.get(i).getValue()).append(' ').append(order.get(i).getKey());
        }
        return sb.toString();
    }

    /** A task's sampling as told: "K of D draws", and why its draws that were not configs are not. */
    private static void showSampling(TaskSummary t, int kept, int draws, List<String> problems) {
        t.sampledProperty().set(kept + " of " + draws + " draws");
        t.notConfigsProperty().set(notConfigs(draws, problems));
    }

    /** Every task's draws that were not configs, a line a task ("Task aa: 20 of 20 draws were not configs: ..."). */
    private String allNotConfigs() {
        StringBuilder all = new StringBuilder();
        for (TaskSummary t : perTask) {
            if (t.notConfigsProperty().get().isEmpty()) continue;
            if (all.length() > 0) all.append('\n');
            all.append("Task ").append(t.task()).append(": ").append(t.notConfigsProperty().get());
        }
        return all.toString();
    }

    private void setPhase(Phase p, String text) {
        phase.set(p);
        phaseText.set(text);
    }

    private static String fmt(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e6 ? String.valueOf((long) d) : String.valueOf(d);
    }

    /** For the job's thread: queues what the round tells, handed to the FX thread one batch at a time. */
    ArcSteps steps() {
        return new ArcSteps() {
            @Override
            public void sampling(String taskName, int wanted) {
                enqueue(() -> {
                    tasksSampled++;
                    perTask.add(new TaskSummary(taskName));
                    setPhase(Phase.SAMPLING, String.format(Locale.ROOT, "Sampling self-edits: task %d (%s), %d wanted",
                            tasksSampled, taskName, wanted));
                });
            }

            @Override
            public void sampled(String taskName, List<TttConfig> kept, int draws, List<String> problems) {
                enqueue(() -> {
                    for (int i = 0; i < kept.size(); i++) pairs.add(new PairRow(taskName, i, kept.get(i)));
                    perTask.stream().filter(x -> x.task().equals(taskName)).forEach(x -> showSampling(x, kept.size(), draws, problems));
                    notConfigs.set(allNotConfigs());
                });
            }

            @Override
            public void step(String taskName, TttConfig config, long step, long totalSteps, double loss) {
                enqueue(() -> {
                    if (phase.get() != Phase.INNER_LOOPS) innerLoopsText();
                });
            }

            @Override
            public void result(ArcTtt.Result r) {
                enqueue(() -> {
                    PairRow row = pairs.stream().filter(x -> !x.done() && x.task().equals(r.task())
                            && Objects.equals(x.configValue(), r.config())).findFirst().orElse(null);
                    if (row == null) {
                        row = new PairRow(r.task(), (int) pairs.stream().filter(x -> x.task().equals(r.task())).count(),
                                r.config());
                        pairs.add(row);
                    }
                    row.set(r.trained(), r.notTrained(), r.solved());
                    loopsDone.set(loopsDone.get() + 1);
                    if ("1".equals(row.rewardProperty().get())) rewardedCount.set(rewardedCount.get() + 1);
                    int run = 0, rewarded = 0;
                    for (PairRow p : pairs) {
                        if (p.task().equals(r.task()) && p.done()) {
                            run++;
                            if ("1".equals(p.rewardProperty().get())) rewarded++;
                        }
                    }
                    String text = rewarded + " of " + run + " rewarded";
                    perTask.stream().filter(x -> x.task().equals(r.task())).forEach(x -> x.rewardedProperty().set(text));
                    innerLoopsText();
                });
            }

            @Override
            public void sftStep(long step, long totalSteps, double loss) {
                enqueue(() -> {
                    sftLoss.add(new LossPoint((int) step, loss));
                    sftTitle.set(String.format(Locale.ROOT, "SFT: step %d of %d · loss %.4f", step, totalSteps, loss));
                    setPhase(Phase.SFT, String.format(Locale.ROOT, "SFT of the generator on %d rewarded self-edits: step "
                            + "%d of %d", rewardedCount.get(), step, totalSteps));
                });
            }

            @Override
            public void saving(Path dir) {
                enqueue(() -> setPhase(Phase.SAVING, "Saving the merged model as " + dir.getFileName() + "…"));
            }
        };
    }

    private void innerLoopsText() {
        setPhase(Phase.INNER_LOOPS, String.format(Locale.ROOT, "Inner loops: %d of %d done · %d rewarded",
                loopsDone.get(), pairs.size(), rewardedCount.get()));
    }

    private void enqueue(Runnable r) {
        pending.add(r);
        if (scheduled.compareAndSet(false, true)) fx.execute(this::drain);
    }

    private void drain() {
        scheduled.set(false);
        Runnable r;
        while ((r = pending.poll()) != null) r.run();
    }

    /** The generator the round samples from and fine-tunes (default: the Few-shot window's model, else seal-tiny). */
    public ObjectProperty<Path> generatorProperty() { return generator; }
    /** The generator chosen with {@link #chooseGenerator} (null: none; the round follows the Few-shot window's model). */
    public ReadOnlyObjectProperty<Path> chosenGeneratorProperty() { return chosenGenerator.getReadOnlyProperty(); }
    /** The training tasks: one of the Few-shot window's sources (default: SEAL's training set, with solutions). */
    public StringProperty sourceProperty() { return source; }
    public ObservableList<String> sources() { return sources; }
    /** The chosen source's whole path when it is an opened file or folder ("" for the bundled sets). */
    public ReadOnlyStringProperty sourcePathProperty() { return sourcePath.getReadOnlyProperty(); }
    /** Only these task ids (comma- or space-separated; empty: every task of the source), as `--task`. */
    public StringProperty onlyTasksProperty() { return onlyTasks; }
    /** Self-edits sampled per task (`--k`, SEAL's 15). */
    public StringProperty kProperty() { return k; }
    /** New tokens a sampled self-edit may take (`--self-edit-tokens`, SEAL's 128). */
    public StringProperty selfEditTokensProperty() { return selfEditTokens; }
    /** The inner loop's fixed recipe (`--preset`, tiny-cpu). */
    public StringProperty presetProperty() { return preset; }
    public StringProperty sftEpochsProperty() { return sftEpochs; }
    public StringProperty sftLearningRateProperty() { return sftLearningRate; }
    public StringProperty sftBatchProperty() { return sftBatch; }
    /** Inner loops side by side (`--workers`, 0: automatic). */
    public StringProperty workersProperty() { return workers; }
    public ObjectProperty<Path> workspaceProperty() { return workspace; }
    /** Why Start is off ("" when the form is a request). */
    public ReadOnlyStringProperty problemProperty() { return problem.getReadOnlyProperty(); }
    /** What the generator's context means for the round ("" until read). */
    public ReadOnlyStringProperty generatorNoteProperty() { return generatorNote.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty canStartProperty() { return canStart.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty canResumeProperty() { return canResume.getReadOnlyProperty(); }
    /** Why Start and Resume are off although the form is fine (a read-only workspace); null while it may be written. */
    public javafx.beans.property.StringProperty offReasonProperty() { return offReason; }
    /** The newest stopped round of the workspace (null: none). */
    public ReadOnlyObjectProperty<Stopped> resumableProperty() { return resumable.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty runningProperty() { return running.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<Phase> phaseProperty() { return phase.getReadOnlyProperty(); }
    /** The phase in words with its counts (e.g. "Inner loops: 12 of 45 done · 3 rewarded"). */
    public ReadOnlyStringProperty phaseTextProperty() { return phaseText.getReadOnlyProperty(); }
    /** The job's last progress message. */
    public ReadOnlyStringProperty statusProperty() { return status.getReadOnlyProperty(); }
    public DoubleProperty progressProperty() { return progress; }
    /** Every (task, self-edit) of the round: sampled configs first, each filled in with its reward as its loop ends. */
    public ObservableList<PairRow> pairs() { return pairs; }
    public ObservableList<TaskSummary> perTask() { return perTask; }
    /**
     * Every sampled task's draws that were not configs and why, one line a task in sampling order ("Task aa: 2 of 3 draws
     * were not configs: 2 not one JSON object (stopped: the new-token limit (150 tokens) is reached)"); "" when none was.
     */
    public ReadOnlyStringProperty notConfigsProperty() { return notConfigs.getReadOnlyProperty(); }
    /** Whether the last round ended without one (task, self-edit) pair (its pairs table then says why it is empty). */
    public ReadOnlyBooleanProperty endedWithoutPairsProperty() { return endedWithoutPairs.getReadOnlyProperty(); }
    public ReadOnlyIntegerProperty rewardedCountProperty() { return rewardedCount.getReadOnlyProperty(); }
    public ReadOnlyIntegerProperty loopsDoneProperty() { return loopsDone.getReadOnlyProperty(); }
    /** The SFT's loss by step, as it trains. */
    public ObservableList<LossPoint> sftLoss() { return sftLoss; }
    public ReadOnlyStringProperty sftTitleProperty() { return sftTitle.getReadOnlyProperty(); }
    /** Why the SFT's loss cannot be shown ("" when it can, or before the end): a round read back without its steps. */
    public ReadOnlyStringProperty sftNoteProperty() { return sftNote.getReadOnlyProperty(); }
    /** How the round ended, in full, with what to do next ("" before the end). */
    public ReadOnlyStringProperty outcomeProperty() { return outcome.getReadOnlyProperty(); }
    /** The round's saved model (null: none yet, or nothing rewarded). */
    public ReadOnlyObjectProperty<Path> savedModelProperty() { return savedModel.getReadOnlyProperty(); }
}
