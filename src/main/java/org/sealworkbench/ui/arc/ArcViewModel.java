package org.sealworkbench.ui.arc;

import org.sealworkbench.util.Counts;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParser;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import javafx.application.Platform;
import javafx.beans.Observable;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
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
import org.sealworkbench.data.arc.ArcExample;
import org.sealworkbench.data.arc.ArcTask;
import org.sealworkbench.jobs.ArcJob;
import org.sealworkbench.jobs.ArcRequest;
import org.sealworkbench.jobs.charts.ChartsData.LossPoint;
import org.sealworkbench.jobs.workspace.StoreWorkspaceService;
import org.sealworkbench.seal.arc.ArcTtt;
import org.sealworkbench.seal.arc.TttConfig;
import org.sealworkbench.ui.Background;
import org.sealworkbench.ui.JobRunner;
import org.sealworkbench.ui.JobTask;
import org.sealworkbench.ui.SampleSeeder;

/**
 * The Few-shot (ARC) window's state: SEAL's second setting. The task source and its tasks (read off the FX thread by
 * {@link ArcJob#readTasks}), the selected task, the self-edit as a form and as SEAL's JSON kept in sync both ways, the
 * preset and max training texts, Run (selected task or all) as a job with progress and Cancel, the running inner loop's
 * loss, and the results as they arrive. No JavaFX controls here: unit-tested without a screen. Call on the FX thread.
 */
public final class ArcViewModel {
    public static final String EVALUATION = "SEAL evaluation set";
    public static final String TRAINING = "SEAL training set";
    /** How an opened file or folder is listed among the sources: this, then its name (its path when names clash). */
    public static final String OPENED = "Opened: ";
    public static final List<String> PRESETS = List.of("tiny-cpu", "reference");

    /** One task of the list: its name, size, and (after runs) a solved mark. */
    public static final class TaskRow {
        private final ArcTask task;
        private final StringProperty mark = new SimpleStringProperty("");
        private int runs, solved;

        TaskRow(ArcTask task) {
            this.task = task;
        }

        public ArcTask task() { return task; }
        public String name() { return task.name(); }
        public int pairs() { return task.train().size(); }
        /** Every cell of the task's grids a prompt shows: the demonstrations' inputs and outputs and the test input. */
        public int cells() {
            int n = task.test().input().height() * task.test().input().width();
            for (ArcExample e : task.train()) {
                n += e.input().height() * e.input().width() + e.output().height() * e.output().width();
            }
            return n;
        }

        /** The largest grid of the task, as "HxW" (height by width). */
        public String largest() {
            int h = 0, w = 0;
            for (ArcExample e : allExamples(task)) {
                for (var g : new org.sealworkbench.data.arc.Grid[] {e.input(), e.output()}) {
                    if (g != null && g.height() * g.width() > h * w) {
                        h = g.height();
                        w = g.width();
                    }
                }
            }
            return h + "x" + w;
        }
        /** "" before a run; then "✓ k of n" (solved by k of the n self-edit runs) or "✗ 0 of n"; "? unknown" without a solution. */
        public StringProperty markProperty() { return mark; }

        void add(ArcTtt.Result r) {
            if (r.config() == null) return;   // the baseline is not a self-edit's score
            if (r.solved() == null) {
                mark.set("? unknown");
                return;
            }
            runs++;
            if (r.solved()) solved++;
            mark.set((solved > 0 ? "✓ " : "✗ ") + solved + " of " + runs);
        }
    }

    /** One finished inner loop, for the results table. */
    public record ResultRow(ArcTtt.Result result) {
        public String task() { return result.task(); }
        public String selfEdit() { return result.config() == null ? "baseline (no training)" : result.config().shortForm(); }
        public int texts() { return result.texts(); }
        public int steps() { return result.steps(); }
        public String finalLoss() {
            return result.steps() == 0 || Double.isNaN(result.lastLoss()) ? "–" : String.format(Locale.ROOT, "%.4f", result.lastLoss());
        }
        public String readable() { return result.readable() + " / " + result.prompts(); }
        public String solved() {
            return result.solved() == null ? "? no solution" : result.solved() ? "✓ yes" : "✗ no";
        }
        public String seconds() {
            return String.format(Locale.ROOT, "%.1f", (result.trainNanos() + result.predictNanos()) / 1e9);
        }
        public String note() {
            return result.notTrained();
        }
        /** Every raw answer of the test-time prompts, numbered, as the model wrote it (grids or not); a cut one says so. */
        public String answersText() {
            return org.sealworkbench.seal.arc.ArcAnswers.numbered(result.answers(), result.endings());
        }

        /** The title over the answers: how many, how many read as grids, how many a limit cut. */
        public String answersTitle() {
            return org.sealworkbench.seal.arc.ArcAnswers.title(result.answers().size(), result.readable(), result.endings());
        }
    }

    private final JobRunner runner;
    private final Background reads;
    private final BiConsumer<String, Throwable> errors;
    private final Executor fx;

    // tasks
    private final ObservableList<String> sources = FXCollections.observableArrayList(EVALUATION, TRAINING);
    private final StringProperty source = new SimpleStringProperty();
    private final ReadOnlyObjectWrapper<Path> tasksPath = new ReadOnlyObjectWrapper<>();
    private final ObservableList<TaskRow> tasks = FXCollections.observableArrayList();
    private final ObjectProperty<TaskRow> selectedTask = new SimpleObjectProperty<>();
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper tasksMessage = new ReadOnlyStringWrapper("");
    private final List<Path> opened = new ArrayList<>();   // sources after the two bundled, in the order of `sources`

    // the self-edit
    private final BooleanProperty basic = new SimpleBooleanProperty(true);
    private final BooleanProperty size = new SimpleBooleanProperty(false);
    private final BooleanProperty chain = new SimpleBooleanProperty(false);
    private final BooleanProperty repeat = new SimpleBooleanProperty(false);
    private final ObjectProperty<TttConfig.Strategy> strategy = new SimpleObjectProperty<>(TttConfig.Strategy.OUTPUT_TOKENS);
    private final StringProperty learningRate = new SimpleStringProperty("3e-3");
    private final StringProperty epochs = new SimpleStringProperty("8");
    private final StringProperty json = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper jsonProblem = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper jsonNote = new ReadOnlyStringWrapper("");
    private final StringProperty preset = new SimpleStringProperty("tiny-cpu");
    private final StringProperty maxTexts = new SimpleStringProperty("24");
    private final BooleanProperty baseline = new SimpleBooleanProperty(false);
    private final ObjectProperty<Path> model = new SimpleObjectProperty<>();
    private final ObjectProperty<Path> workspace = new SimpleObjectProperty<>();
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper canRun = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper canRunAll = new ReadOnlyBooleanWrapper(false);
    private TttConfig config;
    private int maxTextsValue;
    private boolean syncing;

    // the run
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final DoubleProperty progress = new SimpleDoubleProperty(0);
    private final ObservableList<ResultRow> results = FXCollections.observableArrayList();
    private final ObjectProperty<ResultRow> selectedResult = new SimpleObjectProperty<>();
    private final ObservableList<LossPoint> loss = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper lossTitle = new ReadOnlyStringWrapper("No inner loop yet");
    private final ConcurrentLinkedQueue<Object> pending = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private JobTask<ArcJob.Report> task;
    private final ArcRlViewModel rl;
    /** Why nothing may be stored in the workspace (a read-only one; the main window binds it); null: it may be written. */
    private final javafx.beans.property.StringProperty offReason = new javafx.beans.property.SimpleStringProperty(this, "offReason");
    private String lossKey;
    private boolean following;   // the loss line follows lossKey's inner loop until its result arrives

    public ArcViewModel(JobRunner runner, Background reads, BiConsumer<String, Throwable> errors) {
        this(runner, reads, errors, Platform::runLater);
    }

    /** {@code fx}: hands the job's steps and results to the FX thread ({@code Platform::runLater}). */
    public ArcViewModel(JobRunner runner, Background reads, BiConsumer<String, Throwable> errors, Executor fx) {
        this.runner = runner;
        this.reads = reads;
        this.errors = errors;
        this.fx = fx;
        this.rl = new ArcRlViewModel(runner, reads, errors, fx, ArcRlViewModel.REAL, sources, this::pathOf);
        rl.workspaceProperty().bind(workspace);
        rl.offReasonProperty().bind(offReason);
        rl.generatorProperty().set(effectiveModel());
        // the round's generator follows this window's model (the main window's choice) until one is chosen for it
        model.addListener((o, was, now) -> {
            Path before = was != null ? was : StoreWorkspaceService.bundledModel();
            if (!rl.runningProperty().get() && before.equals(rl.generatorProperty().get())) {
                rl.generatorProperty().set(effectiveModel());
            }
        });
        for (Observable o : List.of(basic, size, chain, repeat, strategy, learningRate, epochs)) {
            o.addListener(x -> formChanged());
        }
        json.addListener((o, a, b) -> jsonChanged());
        for (Observable o : List.of(maxTexts, preset, running, selectedTask, model, offReason)) {
            o.addListener(x -> recompute());
        }
        tasks.addListener((javafx.collections.ListChangeListener<TaskRow>) c -> recompute());
        source.addListener((o, a, b) -> {
            if (b != null) read(pathOf(b));
        });
        workspace.addListener((o, a, b) -> reload());
        selectedTask.addListener((o, a, t) -> {
            ResultRow r = selectedResult.get();
            if (t == null || (r != null && r.task().equals(t.name()))) return;
            selectedResult.set(latestFor(t.name()));
        });
        selectedResult.addListener((o, a, r) -> {
            if (r == null) return;
            TaskRow t = selectedTask.get();
            if (t == null || !t.name().equals(r.task())) {
                tasks.stream().filter(x -> x.name().equals(r.task())).findFirst().ifPresent(selectedTask::set);
            }
        });
        formChanged();
    }

    // ---- tasks ----

    /** The bundled set's file for {@link #EVALUATION} and {@link #TRAINING}; an opened source's path otherwise. */
    Path pathOf(String sourceName) {
        Path arc = SampleSeeder.defaultSampleDir().resolve("arc");
        if (EVALUATION.equals(sourceName)) return arc.resolve("arc-agi_evaluation_challenges_filtered_1B_eval_set.json");
        if (TRAINING.equals(sourceName)) return arc.resolve("arc-agi_training_challenges_filtered_1B_training_set.json");
        int i = sources.indexOf(sourceName) - 2;
        return i >= 0 && i < opened.size() ? opened.get(i) : Path.of(sourceName);
    }

    /** Selects the bundled evaluation set (read off the FX thread) unless a source is already chosen. */
    public void start() {
        if (source.get() == null) source.set(EVALUATION);
    }

    /** Adds a file or folder (a challenges file, a single-task file, or a folder of them) as a source and reads it. */
    public void open(Path fileOrFolder) {
        if (fileOrFolder == null) return;
        String label = OPENED + fileOrFolder.getFileName();
        int at = sources.indexOf(label);
        if (at >= 2 && !opened.get(at - 2).equals(fileOrFolder)) label = OPENED + fileOrFolder;
        if (!sources.contains(label)) {
            sources.add(label);
            opened.add(fileOrFolder);
        }
        if (label.equals(source.get())) read(fileOrFolder);
        else source.set(label);
    }

    /** Reads the source's tasks on the read thread; a file that is not a task set goes to the error callback, named. */
    public void reload() {
        if (source.get() != null) read(pathOf(source.get()));
    }

    private void read(Path path) {
        loading.set(true);
        tasksMessage.set("Reading " + path.getFileName() + "…");
        Path ws = workspace.get();
        reads.run("Reading ARC tasks", () -> new Loaded(ArcJob.readTasks(path, null),
                ws == null ? null : ArcJob.storedResults(ws, path)), loaded -> {
            List<ArcTask> list = loaded.tasks();
            loading.set(false);
            tasksPath.set(path);
            if (loaded.stored() != null) {
                // with a workspace the table shows this task set's stored runs (those of this window's runs too)
                results.setAll(loaded.stored().stream().map(ResultRow::new).toList());
                selectedResult.set(null);
            }
            String keep = selectedTask.get() == null ? null : selectedTask.get().name();
            selectedTask.set(null);
            List<TaskRow> rows = list.stream().map(TaskRow::new).toList();
            for (ResultRow r : results) {
                rows.stream().filter(t -> t.name().equals(r.task())).forEach(t -> t.add(r.result()));
            }
            tasks.setAll(rows);
            tasksMessage.set(rows.isEmpty() ? path.getFileName() + " holds no ARC tasks. Pick another source, or Open… "
                    + "a challenges file, a single-task file or a folder of them (Ctrl+O)." : "");
            // Else the task with the fewest cells: the shortest texts, the likeliest to fit a small model's context (on
            // seal-tiny, 512 tokens, no training text of SEAL's first evaluation task, 358ba94e, fits; 66e6c45b's do).
            rows.stream().filter(t -> t.name().equals(keep)).findFirst()
                    .or(() -> rows.stream().min(java.util.Comparator.comparingInt(TaskRow::cells)))
                    .ifPresent(selectedTask::set);
        }, e -> {
            loading.set(false);
            if (tasks.isEmpty()) {
                tasksMessage.set("Could not read " + path.getFileName() + ". Pick the SEAL evaluation or training set, or "
                        + "Open… (Ctrl+O) a challenges file, a single-task file or a folder of them.");
            }
            errors.accept("Could not read the ARC tasks in " + path, e);
        });
    }

    /** The same inner loop: task, self-edit, steps and every answer alike (a stored run and its reuse). */
    static boolean sameRun(ArcTtt.Result a, ArcTtt.Result b) {
        return a.task().equals(b.task()) && java.util.Objects.equals(a.config(), b.config()) && a.steps() == b.steps()
                && a.answers().equals(b.answers());
    }

    /** A source's tasks, and its runs stored in the workspace (null without one). */
    private record Loaded(List<ArcTask> tasks, List<ArcTtt.Result> stored) {}

    // ---- the self-edit ----

    private void formChanged() {
        if (syncing) return;
        TttConfig c;
        try {
            double lr = org.sealworkbench.ui.FormNumbers.numberField("learning rate", learningRate.get());
            int ep = org.sealworkbench.ui.FormNumbers.wholeField("epochs", epochs.get());
            if (lr < 0 || !Double.isFinite(lr)) throw new IllegalArgumentException("learning rate: must be 0 or more");
            if (ep < 0) throw new IllegalArgumentException("epochs: must be 0 or more");
            c = TttConfig.of(basic.get(), size.get(), chain.get(), repeat.get(), strategy.get(), lr, ep);
        } catch (IllegalArgumentException e) {
            config = null;
            jsonProblem.set(e.getMessage());
            recompute();
            return;
        }
        syncing = true;
        try {
            json.set(pretty(c.toJson()));
        } finally {
            syncing = false;
        }
        config = c;
        jsonProblem.set("");
        jsonNote.set("");
        recompute();
    }

    private void jsonChanged() {
        if (syncing) return;
        TttConfig.Parsed p = TttConfig.parse(json.get() == null ? "" : json.get());
        if (p.config().isEmpty()) {
            config = null;
            jsonProblem.set("Not a self-edit: " + p.problem());
            jsonNote.set("");
            recompute();
            return;
        }
        TttConfig c = p.config().get();
        syncing = true;
        try {
            basic.set(c.basic());
            size.set(c.size());
            chain.set(c.chain());
            repeat.set(c.repeat());
            strategy.set(c.strategy());
            learningRate.set(Double.toString(c.learningRate()));
            epochs.set(Integer.toString(c.epochs()));
        } finally {
            syncing = false;
        }
        config = c;
        jsonProblem.set("");
        jsonNote.set(String.join("; ", c.remarks()));
        recompute();
    }

    static String pretty(String oneLine) {
        return new GsonBuilder().setPrettyPrinting().create().toJson(JsonParser.parseString(oneLine));
    }

    private void recompute() {
        String why = "";
        try {
            maxTextsValue = org.sealworkbench.ui.FormNumbers.wholeField("max training texts", maxTexts.get());
            if (maxTextsValue < 0) throw new IllegalArgumentException("max training texts: 0 (the preset's) or more");
        } catch (IllegalArgumentException e) {
            why = e.getMessage();
        }
        if (config == null) why = jsonProblem.get();
        // a read-only workspace: Run is off with its reason on the button (the job would refuse to store the run)
        boolean ok = why.isEmpty() && !running.get() && offReason.get() == null;
        problem.set(why);
        canRun.set(ok && selectedTask.get() != null);
        canRunAll.set(ok && !tasks.isEmpty());
    }

    /** The self-edit as the form and the JSON say; null while either is not a config. */
    public TttConfig config() {
        return config;
    }

    /** The model the run uses: the main window's chosen one, else the bundled seal-tiny. */
    public Path effectiveModel() {
        return model.get() != null ? model.get() : StoreWorkspaceService.bundledModel();
    }

    // ---- the run ----

    /** The request Run makes: the tasks (one, or all when {@code task} is null) with the self-edit, as {@code ./seal arc}. */
    public ArcRequest request(String taskName) {
        return new ArcRequest(workspace.get(), effectiveModel(), tasksPath.get(), null, taskName == null ? List.of() : List.of(taskName), 0,
                preset.get(), maxTextsValue, List.of(config.toJson()), 0, false, baseline.get(), 0, 0);
    }

    /** Runs the self-edit on the selected task (Ctrl+Enter). */
    public void runSelected() {
        if (canRun.get()) run(selectedTask.get().name());
    }

    /** Runs the self-edit on every task of the source (Ctrl+Shift+Enter). */
    public void runAll() {
        if (canRunAll.get()) run(null);
    }

    private void run(String taskName) {
        ArcRequest q = request(taskName);
        int n = taskName == null ? tasks.size() : 1;
        JobTask<ArcJob.Report> t = new JobTask<>("Few-shot (ARC): " + (taskName == null ? n + " tasks" : taskName)
                + (q.baseline() ? ", with baseline" : ""), (p, c) -> ArcJob.run(q, p, c, listener()));
        task = t;
        lossKey = null;   // a new run's first loop starts a new line, even with the last one's task and self-edit
        following = false;
        status.set("Loading the model…");
        t.follow(running, progress, status, s -> {
            drain();
            task = null;
            if (s == Worker.State.SUCCEEDED) {
                ArcJob.Report r = t.getValue();
                long solved = r.scoredSelfEdits().stream().filter(ArcTtt.Result::solved).count();
                progress.set(1);
                status.set(String.format(Locale.ROOT, "Done: %s on %s; %d of %d self-edit runs with a "
                        + "solution solved.%s", Counts.of(r.results().size(), "inner loop"), Counts.of(r.tasks(), "task"), solved,
                        r.scoredSelfEdits().size(),
                        q.workspace() == null ? " Not stored (no workspace)."
                                : r.reused() > 0 ? " " + r.reused() + " found stored in the workspace, the rest stored."
                                : " Stored in the workspace."));
            } else if (s == Worker.State.CANCELLED || t.token().isCancelled()) {
                status.set("Cancelled: the results above are those that finished.");
            } else {
                status.set("Failed: " + t.getException().getMessage());
                errors.accept("The few-shot (ARC) run failed", t.getException());
            }
        });
        runner.submit(t, true);
    }

    /** Whether there are results to export. */
    public javafx.beans.binding.BooleanBinding canExportProperty() {
        return javafx.beans.binding.Bindings.isEmpty(results).not();
    }

    /**
     * Writes the results table's runs as JSON ({@link ArcJob#resultsJson}: what `./seal arc --json` writes, attempts and
     * raw answers included) to {@code file}, as a job off the FX thread; a failure goes to the error callback, named.
     */
    public void export(Path file) {
        List<ArcTtt.Result> rows = results.stream().map(ResultRow::result).toList();
        long tasksCount = rows.stream().map(ArcTtt.Result::task).distinct().count();
        JobTask<Path> t = new JobTask<>("Exporting " + rows.size() + " few-shot results", (p, c) -> {
            org.sealworkbench.util.TextFiles.writeAtomically(file, ArcJob.resultsJson((int) tasksCount, rows));
            return file;
        });
        t.stateProperty().addListener((o, a, st) -> {
            if (st == Worker.State.SUCCEEDED) status.set("Exported " + rows.size() + " results to " + file);
            else if (st == Worker.State.FAILED) errors.accept("Could not export the results to " + file, t.getException());
        });
        runner.submit(t, true);
    }

    /** Stops the run at its next check (between steps); finished results stay in the table. */
    public void cancel() {
        if (task != null) task.cancel();
    }

    private record Step(String task, String selfEdit, long step, long total, double loss) {}

    /** For the job's thread: queues steps and results, handed to the FX thread at most one batch at a time. */
    ArcJob.Listener listener() {
        return org.sealworkbench.jobs.ArcSteps.listener(new org.sealworkbench.jobs.ArcSteps() {
            @Override
            public void step(String taskName, TttConfig c, long step, long totalSteps, double lossValue) {
                enqueue(new Step(taskName, c == null ? "baseline" : c.shortForm(), step, totalSteps, lossValue));
            }

            @Override
            public void result(ArcTtt.Result r) {
                enqueue(r);
            }
        });
    }

    private void enqueue(Object o) {
        pending.add(o);
        if (scheduled.compareAndSet(false, true)) fx.execute(this::drain);
    }

    private void drain() {
        scheduled.set(false);
        List<LossPoint> add = new ArrayList<>();
        Object o;
        while ((o = pending.poll()) != null) {
            if (o instanceof Step s) {
                String key = s.task() + " · " + s.selfEdit();
                // inner loops run side by side on workers: the line follows one until its result, then the next
                if (following && !key.equals(lossKey)) continue;
                if (!key.equals(lossKey)) {
                    add.clear();
                    loss.clear();
                    lossKey = key;
                }
                following = true;
                add.add(new LossPoint((int) s.step(), s.loss()));
                lossTitle.set(String.format(Locale.ROOT, "%s: step %d of %d · loss %.4f", key, s.step(), s.total(), s.loss()));
            } else if (o instanceof ArcTtt.Result r) {
                loss.addAll(add);
                add.clear();
                if ((r.task() + " · " + (r.config() == null ? "baseline" : r.config().shortForm())).equals(lossKey)) {
                    following = false;
                }
                // a run found stored in the workspace is already a row when the table shows the stored runs
                ResultRow row = results.stream().filter(x -> sameRun(x.result(), r)).findFirst().orElse(null);
                if (row != null) {
                    TaskRow sel = selectedTask.get();
                    if (sel == null || sel.name().equals(r.task())) selectedResult.set(row);
                    continue;
                }
                row = new ResultRow(r);
                results.add(row);
                tasks.stream().filter(t -> t.name().equals(r.task())).forEach(t -> t.add(r));
                TaskRow sel = selectedTask.get();
                if (sel == null || sel.name().equals(r.task())) selectedResult.set(row);
            }
        }
        loss.addAll(add);
    }

    private ResultRow latestFor(String taskName) {
        for (int i = results.size() - 1; i >= 0; i--) {
            if (results.get(i).task().equals(taskName)) return results.get(i);
        }
        return null;
    }

    static List<ArcExample> allExamples(ArcTask t) {
        List<ArcExample> all = new ArrayList<>(t.train());
        all.add(t.test());
        return all;
    }

    public ObservableList<String> sources() { return sources; }
    /** The RL round of this window's setting (RL round…, Ctrl+R): `./seal arc-rl` as a form and a job. */
    public ArcRlViewModel rl() { return rl; }
    /**
     * Why Run, Run all tasks and the RL round's Start and Resume are off although the form is fine: the workspace is open
     * read-only (the main window binds its tooltip text, {@code MainViewModel.readOnlyTipProperty}); null while it may be
     * written. The view shows it on the disabled buttons ({@code ui.OffReason}).
     */
    public javafx.beans.property.StringProperty offReasonProperty() { return offReason; }
    /** The chosen source's label (one of {@link #sources()}); setting it reads that source. */
    public StringProperty sourceProperty() { return source; }
    /** The file or folder the tasks were read from (null before the first read). */
    public ReadOnlyObjectProperty<Path> tasksPathProperty() { return tasksPath.getReadOnlyProperty(); }
    public ObservableList<TaskRow> tasks() { return tasks; }
    public ObjectProperty<TaskRow> selectedTaskProperty() { return selectedTask; }
    public ReadOnlyBooleanProperty loadingProperty() { return loading.getReadOnlyProperty(); }
    /** What the empty task list says (reading, or what to do next); "" when tasks are listed. */
    public ReadOnlyStringProperty tasksMessageProperty() { return tasksMessage.getReadOnlyProperty(); }
    public BooleanProperty basicProperty() { return basic; }
    public BooleanProperty sizeProperty() { return size; }
    public BooleanProperty chainProperty() { return chain; }
    public BooleanProperty repeatProperty() { return repeat; }
    public ObjectProperty<TttConfig.Strategy> strategyProperty() { return strategy; }
    public StringProperty learningRateProperty() { return learningRate; }
    public StringProperty epochsProperty() { return epochs; }
    /** The self-edit as SEAL's JSON; typing here updates the form when it reads as a config. */
    public StringProperty jsonProperty() { return json; }
    /** Why the JSON (or the form) is not a self-edit; "" when it is. */
    public ReadOnlyStringProperty jsonProblemProperty() { return jsonProblem.getReadOnlyProperty(); }
    /** What SEAL's reader remarked on a config it keeps (e.g. a missing strategy: no training); "" when nothing. */
    public ReadOnlyStringProperty jsonNoteProperty() { return jsonNote.getReadOnlyProperty(); }
    public StringProperty presetProperty() { return preset; }
    /** Training texts per self-edit (0: the preset's). */
    public StringProperty maxTextsProperty() { return maxTexts; }
    public BooleanProperty baselineProperty() { return baseline; }
    /** The main window's chosen model folder; null: the bundled seal-tiny. */
    public ObjectProperty<Path> modelProperty() { return model; }
    /** The workspace runs are stored in and read back from (the main window's); null: runs are kept in memory only. */
    public ObjectProperty<Path> workspaceProperty() { return workspace; }
    /** Why Run is off (a bad form or JSON); "" when the form is fine. */
    public ReadOnlyStringProperty problemProperty() { return problem.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty canRunProperty() { return canRun.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty canRunAllProperty() { return canRunAll.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty runningProperty() { return running.getReadOnlyProperty(); }
    public ReadOnlyStringProperty statusProperty() { return status.getReadOnlyProperty(); }
    public DoubleProperty progressProperty() { return progress; }
    /** Every finished inner loop of this window, in order. */
    public ObservableList<ResultRow> results() { return results; }
    /** The result whose attempts the task view shows (a new result of the selected task becomes it). */
    public ObjectProperty<ResultRow> selectedResultProperty() { return selectedResult; }
    /** The training loss of the inner loop running now (or the last one). */
    public ObservableList<LossPoint> loss() { return loss; }
    public ReadOnlyStringProperty lossTitleProperty() { return lossTitle.getReadOnlyProperty(); }
}
