package org.sealworkbench.ui.continual;

import java.nio.file.Path;
import java.util.List;
import java.util.function.BiConsumer;
import javafx.beans.Observable;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.concurrent.Worker;
import org.sealworkbench.jobs.ContinualJob;
import org.sealworkbench.jobs.ContinualRequest;
import org.sealworkbench.jobs.continual.ContinualService;
import org.sealworkbench.jobs.workspace.ModelItem;
import org.sealworkbench.seal.Continual;
import org.sealworkbench.seal.Presets;
import org.sealworkbench.ui.Background;
import org.sealworkbench.ui.JobRunner;
import org.sealworkbench.ui.JobTask;

/**
 * The Continual self-edits window's state (RL &gt; Continual self-edits…): the form of {@code ./seal continual}
 * (passages in the sequence, repeats, where the self-edits come from, which passages, preset and grader), the job as it
 * runs (progress, status, Cancel), and its result, the step x passage accuracy matrices, for the heatmap and the table.
 * Numbers are held as typed and a bad one is named in {@link #errorProperty()}. No JavaFX controls here: unit-tested
 * without a screen. Call on the FX thread.
 */
public final class ContinualViewModel {
    /** What the Passages-from choice says for the whole workspace. */
    public static final String WHOLE_WORKSPACE = "the whole workspace";
    public static final List<String> GRADERS = List.of("contains", "exact_match", "f1@0.5");

    private final JobRunner runner;
    private final Background reads;
    private final BiConsumer<String, Throwable> errors;

    private final ObjectProperty<Path> workspace = new SimpleObjectProperty<>();
    private final ObjectProperty<ModelItem> model = new SimpleObjectProperty<>();
    private final ObservableList<String> presets = FXCollections.observableArrayList(Presets.names());
    private final StringProperty preset = new SimpleStringProperty(Presets.SEAL_TINY_CPU);
    private final ObservableList<String> graders = FXCollections.observableArrayList(GRADERS);
    private final StringProperty grader = new SimpleStringProperty("contains");
    private final StringProperty passages = new SimpleStringProperty("8");
    private final StringProperty repeats = new SimpleStringProperty("1");
    private final ObservableList<String> sources = FXCollections.observableArrayList("base-self-edits", "passage-only");
    private final StringProperty source = new SimpleStringProperty("base-self-edits");
    private final ObservableList<String> files = FXCollections.observableArrayList(WHOLE_WORKSPACE);
    private final StringProperty file = new SimpleStringProperty(WHOLE_WORKSPACE);
    private final IntegerProperty available = new SimpleIntegerProperty(-1);   // passages in the chosen file; -1: not read yet

    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper valid = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final DoubleProperty progress = new SimpleDoubleProperty(0);
    private final ReadOnlyObjectWrapper<Continual.Result> result = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
    private final ObservableList<String> matrixChoices = FXCollections.observableArrayList();
    private final IntegerProperty shownMatrix = new SimpleIntegerProperty(-1);   // -1: the mean; else a repeat, 0-based
    private JobTask<ContinualJob.Report> task;
    private Runnable onFinished = () -> {};
    private int passagesValue, repeatsValue;
    /** The workspace whose passage files were last read (the first read of one may start from its validation file). */
    private Path filesReadFor;

    public ContinualViewModel(JobRunner runner, Background reads, BiConsumer<String, Throwable> errors) {
        this.runner = runner;
        this.reads = reads;
        this.errors = errors;
        result.addListener((o, a, r) -> {
            shownMatrix.set(-1);
            if (r == null) {
                matrixChoices.clear();
                return;
            }
            matrixChoices.setAll(org.sealworkbench.ui.charts.ContinualCharts.matrixChoices(r));
        });
        for (Observable o : List.of(workspace, model, preset, grader, passages, repeats, source, file, available, running)) {
            o.addListener(x -> recompute());
        }
        preset.addListener((o, a, b) -> grader.set(defaultGrader(b)));
        workspace.addListener((o, a, b) -> refresh());
        file.addListener((o, a, b) -> readAvailable());
        recompute();
    }

    /** The preset's grader where it is one of the string graders offered, else contains (the reference preset's is the LLM judge). */
    static String defaultGrader(String preset) {
        String g = Presets.byName(preset).eval().grader();
        return GRADERS.contains(g) ? g : "contains";
    }

    /** Reads the choices (self-edit sources, passage files) and the passage count from the workspace, off the FX thread. */
    public void refresh() {
        Path ws = workspace.get();
        if (ws == null) return;
        reads.run("Reading the workspace for continual self-edits", () -> {
            ContinualService s = new ContinualService(ws);
            return new Object[] {s.sources(), s.passageFiles()};
        }, r -> {
            @SuppressWarnings("unchecked") List<String> src = (List<String>) r[0];
            @SuppressWarnings("unchecked") List<String> fs = (List<String>) r[1];
            String keepSource = source.get(), keepFile = file.get();
            // Replaced only when they changed: a combo box over a list that is emptied and filled again with its value
            // in it kept the value but showed it blank (the window's From read blank over "110 passages", as the window's
            // first read and its workspace's read both ran).
            if (!sources.equals(src)) sources.setAll(src);
            source.set(src.contains(keepSource) ? keepSource : src.get(0));
            List<String> allFiles = new java.util.ArrayList<>(List.of(WHOLE_WORKSPACE));
            allFiles.addAll(fs);
            if (!files.equals(allFiles)) files.setAll(allFiles);
            // The first look at a workspace whose files name a validation set starts from it (on the demo the whole
            // workspace starts with hand-written passages seal-tiny never learnt: every step scored 0); later reads keep
            // the person's choice.
            boolean first = !ws.equals(filesReadFor);
            filesReadFor = ws;
            String start = first && (keepFile == null || keepFile.equals(WHOLE_WORKSPACE))
                    ? org.sealworkbench.ui.PassageSets.validationFile(fs).orElse(WHOLE_WORKSPACE) : keepFile;
            file.set(files.contains(start) ? start : WHOLE_WORKSPACE);
            readAvailable();
        }, e -> errors.accept("Reading the workspace", e));
    }

    private void readAvailable() {
        Path ws = workspace.get();
        if (ws == null) return;
        String f = fileLabel();
        reads.run("Counting passages", () -> new ContinualService(ws).passagesIn(f), available::set,
                e -> errors.accept("Reading the workspace", e));
    }

    /** The chosen file's source label, or {@link ContinualService#ALL_PASSAGES}. */
    private String fileLabel() {
        String f = file.get();
        return f == null || f.equals(WHOLE_WORKSPACE) ? ContinualService.ALL_PASSAGES : f;
    }

    private void recompute() {
        try {
            if (workspace.get() == null) throw new IllegalArgumentException("open a workspace first");
            if (model.get() == null) throw new IllegalArgumentException("choose a model first (Self-edits > Models…, Ctrl+M)");
            passagesValue = org.sealworkbench.ui.FormNumbers.wholeField("passages", passages.get());
            if (passagesValue < 2) throw new IllegalArgumentException("passages: a sequence needs at least 2 (SEAL: 8)");
            repeatsValue = org.sealworkbench.ui.FormNumbers.wholeField("repeats", repeats.get());
            if (repeatsValue < 1) throw new IllegalArgumentException("repeats: at least 1");
            if (available.get() >= 0 && passagesValue > available.get()) {
                throw new IllegalArgumentException("passages: " + passagesValue + " asked, " + available.get() + " in "
                        + (fileLabel().isEmpty() ? "the workspace" : fileLabel()));
            }
            Continual.checkSource(source.get());
            error.set("");
            valid.set(!running.get());
        } catch (IllegalArgumentException e) {
            error.set(e.getMessage());
            valid.set(false);
        }
    }

    /** The request Start runs: {@code ./seal continual}'s for the form's values. Valid only while {@link #validProperty()}. */
    public ContinualRequest request() {
        return new ContinualService(workspace.get()).request(model.get().dir(), preset.get(), grader.get(), passagesValue, repeatsValue,
                source.get(), fileLabel());
    }

    /** Starts the sequence as a job (progress and Cancel in the jobs area and here); the result fills the heatmap. */
    public void start() {
        if (!valid.get()) return;
        ContinualRequest request = request();
        result.set(null);
        summary.set("");
        JobTask<ContinualJob.Report> t = new JobTask<>("Continual self-edits: " + request.passages() + " passages x "
                + request.repeats(), (p, c) -> new ContinualService(request.workspace()).run(request, p, c));
        task = t;
        status.set("Starting…");
        t.follow(running, progress, status, s -> {
            task = null;
            onFinished.run();   // self-edits sampled and runs stored, even by a cancelled or failed sequence
            switch (s) {
                case SUCCEEDED -> {
                    ContinualJob.Report r = t.getValue();
                    result.set(r.result());
                    progress.set(1);
                    summary.set(r.result().text());
                    status.set(String.format(java.util.Locale.ROOT, "Done in %.1f s: %d steps trained, %d found stored; settings %s [%s]",
                            r.seconds(), r.trainedSteps(), r.reusedSteps(), r.settingsPreset(), r.result().settingsDigest()));
                }
                case CANCELLED -> status.set("Cancelled: the steps that finished are stored; Start again resumes from them.");
                default -> {
                    // refused as the request stands (a training sequence longer than the model's context): said so, not "failed"
                    if (t.getException() instanceof org.sealworkbench.util.Refusal r) {
                        status.set("Refused: " + r.summary());
                        errors.accept("Continual self-edits refused", r);
                    } else {
                        status.set("Failed: " + t.getException().getMessage());
                        errors.accept("Continual self-edits failed", t.getException());
                    }
                }
            }
        });
        runner.submit(t, true);
    }

    /** Writes the last result's matrices to {@code file}, as {@code ./seal continual --csv} or {@code --json} does, off the FX thread. */
    public void export(Path file, boolean json) {
        Continual.Result r = result.get();
        if (r == null || file == null) return;
        reads.run("Exporting the matrices", () -> {
            org.sealworkbench.util.TextFiles.writeAtomically(file, json ? r.json() : r.csv());
            return file;
        }, f -> status.set("Exported the matrices to " + f), e -> errors.accept("Export failed: " + file, e));
    }

    /** Told on the FX thread whenever a sequence ends (done, cancelled or failed), e.g. to re-read the library. */
    public void onFinished(Runnable r) {
        onFinished = r == null ? () -> {} : r;
    }

    /** Stops the job at its next check; finished steps stay stored. */
    public void cancel() {
        if (task != null) task.cancel();
    }

    public ObjectProperty<Path> workspaceProperty() { return workspace; }
    public ObjectProperty<ModelItem> modelProperty() { return model; }
    public ObservableList<String> presets() { return presets; }
    public StringProperty presetProperty() { return preset; }
    public ObservableList<String> graders() { return graders; }
    public StringProperty graderProperty() { return grader; }
    public StringProperty passagesProperty() { return passages; }
    public StringProperty repeatsProperty() { return repeats; }
    /** Where each passage's self-edit comes from ({@code ./seal continual --self-edits}). */
    public ObservableList<String> sources() { return sources; }
    public StringProperty sourceProperty() { return source; }
    /** {@link #WHOLE_WORKSPACE} and the files the passages were imported from. */
    public ObservableList<String> files() { return files; }
    public StringProperty fileProperty() { return file; }
    /** Passages in the chosen file (or workspace); -1 until read. */
    public IntegerProperty availableProperty() { return available; }
    public ReadOnlyStringProperty errorProperty() { return error.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty validProperty() { return valid.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty runningProperty() { return running.getReadOnlyProperty(); }
    public ReadOnlyStringProperty statusProperty() { return status.getReadOnlyProperty(); }
    public DoubleProperty progressProperty() { return progress; }
    /** The last finished sequence's matrices (null before one finishes, and while one runs). */
    public ReadOnlyObjectProperty<Continual.Result> resultProperty() { return result.getReadOnlyProperty(); }
    /** What the heatmap can show: the mean (first), then each repeat when there are several. */
    public ObservableList<String> matrixChoices() { return matrixChoices; }
    /** Which the heatmap shows: -1 the mean, else a repeat (0-based); back to the mean with each new result. */
    public IntegerProperty shownMatrixProperty() { return shownMatrix; }
    /** The matrices as text (each repeat's, the mean, newest / retention / forgetting per step), as {@code ./seal continual} prints. */
    public ReadOnlyStringProperty summaryProperty() { return summary.getReadOnlyProperty(); }
}
