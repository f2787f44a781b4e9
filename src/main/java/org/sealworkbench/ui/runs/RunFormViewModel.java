package org.sealworkbench.ui.runs;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javafx.beans.Observable;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.sealworkbench.jobs.runs.RunSettings;
import org.sealworkbench.seal.CptSettings;
import org.sealworkbench.seal.Presets;

/**
 * The Fine-tune &amp; evaluate form: what to run (one column's self-edit, every visible column, or passages under a
 * condition) and SEAL's knobs, starting from a preset. Numbers are held as the text typed, so that a bad value is
 * named in {@link #errorProperty()} instead of being lost; {@link #differencesProperty()} lists the knobs that differ
 * from the preset and {@link #digestProperty()} is the digest the runs will be stored under (computed by
 * {@link RunSettings#digest()}, the code {@code seal eval} uses). No JavaFX controls here: unit-tested without a screen.
 *
 * <p>A multi-passage condition ({@code cpt:...}, SEAL's continued pretraining) trains one adapter over the chosen passages
 * together: it has four knobs of its own ({@link #cptProperty()}; the preset's {@link Presets#cpt} values to start with,
 * {@code seal eval --cpt-epochs/--cpt-lr/--cpt-batch/--cpt-grad-accum}), takes the LoRA's shape, schedule and padding from
 * the form's, needs more than the shown passage, and is stored under its own digest ({@link CptSettings#digest}).
 */
public final class RunFormViewModel {
    /** What the run covers. */
    public enum Scope {
        COLUMN("One column's self-edit"), ALL_COLUMNS("Every visible column"), PASSAGES("Passages under a condition");

        private final String label;

        Scope(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /** Which passages, for {@link Scope#PASSAGES}. */
    public enum Passages {
        SHOWN("The shown passage"), VISIBLE("The passages the library shows (filtered)"), ALL("All passages");

        private final String label;

        Passages(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /** {@code --adapter-batch}'s default, what an empty Adapter batch field runs with. */
    public static final int DEFAULT_ADAPTER_BATCH = org.sealworkbench.seal.StoredRuns.DEFAULT_ADAPTER_BATCH;

    /** The grader's kind; F1 takes the threshold, the LLM judge its model folder. */
    public static final List<String> GRADERS = List.of("exact_match", "f1", "contains", "llm_judge");

    private final ObservableList<String> presets = FXCollections.observableArrayList(List.of("seal-tiny-cpu", "reference"));
    private final StringProperty preset = new SimpleStringProperty("seal-tiny-cpu");
    private final StringProperty rank = new SimpleStringProperty();
    private final StringProperty alpha = new SimpleStringProperty();
    private final StringProperty dropout = new SimpleStringProperty();
    private final Map<String, BooleanProperty> targets = new LinkedHashMap<>();
    private final StringProperty lr = new SimpleStringProperty();
    private final StringProperty epochs = new SimpleStringProperty();
    private final StringProperty batch = new SimpleStringProperty();
    private final StringProperty schedule = new SimpleStringProperty();
    private final StringProperty padding = new SimpleStringProperty();
    private final StringProperty repeats = new SimpleStringProperty();
    private final StringProperty grader = new SimpleStringProperty();
    private final StringProperty f1Threshold = new SimpleStringProperty("0.5");
    private final ObjectProperty<Path> judge = new SimpleObjectProperty<>();

    private final ObjectProperty<Scope> scope = new SimpleObjectProperty<>(Scope.COLUMN);
    private final ObservableList<String> columns = FXCollections.observableArrayList();
    private final ObservableList<String> columnDetails = FXCollections.observableArrayList();
    private final IntegerProperty column = new SimpleIntegerProperty(0);
    private final ObjectProperty<Passages> passages = new SimpleObjectProperty<>(Passages.SHOWN);
    private final ObservableList<String> conditions = FXCollections.observableArrayList("no-adaptation", "passage-only");
    private final StringProperty condition = new SimpleStringProperty("passage-only");
    private final BooleanProperty withBaseline = new SimpleBooleanProperty(true);
    private final StringProperty adapterBatch = new SimpleStringProperty("");
    private int adapterBatchValue;
    private final StringProperty workers = new SimpleStringProperty("");
    private int workersValue;
    private final StringProperty cptEpochs = new SimpleStringProperty();
    private final StringProperty cptLr = new SimpleStringProperty();
    private final StringProperty cptBatch = new SimpleStringProperty();
    private final StringProperty cptGradAccum = new SimpleStringProperty();
    private final ReadOnlyBooleanWrapper cpt = new ReadOnlyBooleanWrapper(false);
    private final IntegerProperty visibleCount = new SimpleIntegerProperty(0);
    private final IntegerProperty allCount = new SimpleIntegerProperty(0);
    private final javafx.beans.property.ReadOnlyIntegerWrapper cptPassages = new javafx.beans.property.ReadOnlyIntegerWrapper(0);
    private CptSettings currentCpt;

    private final ReadOnlyStringWrapper digest = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper valid = new ReadOnlyBooleanWrapper(false);
    private final ObservableList<String> differences = FXCollections.observableArrayList();
    private RunSettings current;

    public RunFormViewModel() {
        for (String p : RunSettings.PROJECTIONS) targets.put(p, new SimpleBooleanProperty(false));
        resetToPreset();
        preset.addListener((o, a, b) -> resetToPreset());
        List<Observable> deps = new ArrayList<>(List.of(rank, alpha, dropout, lr, epochs, batch, schedule, padding, repeats, grader,
                f1Threshold, judge, scope, passages, condition, column, adapterBatch, workers, cptEpochs, cptLr, cptBatch, cptGradAccum,
                visibleCount, allCount));
        deps.addAll(targets.values());
        for (Observable d : deps) d.addListener(x -> recompute());
        recompute();
    }

    /** Every knob back to the preset's value. */
    public void resetToPreset() {
        RunSettings p = RunSettings.of(preset.get());
        rank.set(Integer.toString(p.loraRank()));
        alpha.set(number(p.loraAlpha()));
        dropout.set(number(p.loraDropout()));
        targets.forEach((name, on) -> on.set(p.targets().contains(name)));
        lr.set(number(p.learningRate()));
        epochs.set(Integer.toString(p.epochs()));
        batch.set(Integer.toString(p.batchSize()));
        schedule.set(p.schedule());
        padding.set(p.padding());
        repeats.set(Integer.toString(p.repeats()));
        CptSettings c = Presets.cpt(preset.get());
        cptEpochs.set(Integer.toString(c.epochs()));
        cptLr.set(number(c.learningRate()));
        cptBatch.set(Integer.toString(c.batchSize()));
        cptGradAccum.set(Integer.toString(c.gradAccum()));
        if (p.grader().startsWith("f1@")) {
            grader.set("f1");
            f1Threshold.set(p.grader().substring(3));
        } else {
            grader.set(p.grader());
        }
        recompute();
    }

    /** The settings as typed, or empty with {@link #errorProperty()} saying which value is wrong. */
    public Optional<RunSettings> settings() {
        return Optional.ofNullable(current);
    }

    private void recompute() {
        if (rank == null || targets.isEmpty() || column == null) return; // during construction
        try {
            List<String> t = new ArrayList<>();
            targets.forEach((name, on) -> {
                if (on.get()) t.add(name);
            });
            String g = grader.get();
            if ("f1".equals(g)) g = "f1@" + parse("F1 threshold", f1Threshold.get());
            RunSettings s = new RunSettings(preset.get(), org.sealworkbench.ui.FormNumbers.wholeField("LoRA rank", rank.get()), org.sealworkbench.ui.FormNumbers.numberField("LoRA alpha", alpha.get()),
                    org.sealworkbench.ui.FormNumbers.numberField("LoRA dropout", dropout.get()), t, org.sealworkbench.ui.FormNumbers.numberField("learning rate", lr.get()), org.sealworkbench.ui.FormNumbers.wholeField("epochs", epochs.get()),
                    org.sealworkbench.ui.FormNumbers.wholeField("batch size", batch.get()), schedule.get(), padding.get(), org.sealworkbench.ui.FormNumbers.wholeField("repeats", repeats.get()), g, judge.get());
            String singleDigest = s.digest(); // builds the settings: every value is checked here
            digest.set(singleDigest);         // shown even while a later check fails (a judge not chosen yet)
            if ("llm_judge".equals(g) && judge.get() == null) throw new IllegalArgumentException("the LLM judge needs its model folder (Judge model…)");
            if (scope.get() == Scope.PASSAGES && (condition.get() == null || condition.get().isBlank())) {
                throw new IllegalArgumentException("choose a condition");
            }
            boolean isCpt = scope.get() == Scope.PASSAGES && condition.get().strip().startsWith(org.sealworkbench.seal.Evaluation.Condition.CPT);
            cpt.set(isCpt);
            List<String> diff = new ArrayList<>(s.differences());
            CptSettings c = null;
            if (isCpt) {
                org.sealworkbench.seal.Evaluation.Condition.parse(condition.get());   // names an unknown cpt: form
                if (passages.get() == Passages.SHOWN) {
                    throw new IllegalArgumentException("a CPT condition trains one adapter over several passages: choose the "
                            + "passages the library shows, or all passages");
                }
                int chosen = passages.get() == Passages.VISIBLE ? visibleCount.get() : allCount.get();
                if (chosen < 2) {
                    throw new IllegalArgumentException("a CPT condition trains one adapter over several passages; "
                            + (passages.get() == Passages.VISIBLE ? "the library shows " : "the workspace has ") + chosen);
                }
                CptSettings p = Presets.cpt(preset.get());
                // the passages trained together are part of the stored settings (CptEvaluation): at most the preset's count
                c = new CptSettings(Math.min(chosen, p.passages()), org.sealworkbench.ui.FormNumbers.wholeField("CPT epochs", cptEpochs.get()), org.sealworkbench.ui.FormNumbers.numberField("CPT learning rate", cptLr.get()),
                        org.sealworkbench.ui.FormNumbers.wholeField("CPT batch size", cptBatch.get()), org.sealworkbench.ui.FormNumbers.wholeField("CPT grad accumulation", cptGradAccum.get()), p.repeats(),
                        p.bootstrapSamples(), p.bootstrapSeed());
                if (c.epochs() != p.epochs()) diff.add("cpt_epochs");
                if (Double.compare(c.learningRate(), p.learningRate()) != 0) diff.add("cpt_lr");
                if (c.batchSize() != p.batchSize()) diff.add("cpt_batch");
                if (c.gradAccum() != p.gradAccum()) diff.add("cpt_grad_accum");
            }
            if (c != null) digest.set(c.digest(s.settings()));
            if (scope.get() == Scope.COLUMN && (column.get() < 0 || column.get() >= columns.size())) {
                throw new IllegalArgumentException("choose a column");
            }
            adapterBatchValue = parseAdapterBatch(adapterBatch.get());
            workersValue = parseWorkers(workers.get());
            current = s;
            currentCpt = c;
            cptPassages.set(c == null ? 0 : c.passages());
            differences.setAll(diff);
            error.set("");
            valid.set(true);
        } catch (IllegalArgumentException e) {
            current = null;
            currentCpt = null;
            cptPassages.set(0);
            error.set(e.getMessage());
            valid.set(false);
        }
    }

    /** Empty: 0 (the request's "the default"); else a whole number of at least 1. */
    private static int parseAdapterBatch(String text) {
        if (text == null || text.isBlank()) return 0;
        int n = org.sealworkbench.ui.FormNumbers.wholeField("adapter batch", text);
        if (n < 1) throw new IllegalArgumentException("adapter batch: " + n + " is less than 1 (1: one inner loop at a time)");
        return n;
    }

    private static int parseWorkers(String text) {
        if (text == null || text.isBlank()) return 0;
        int n = org.sealworkbench.ui.FormNumbers.wholeField("workers", text);
        if (n < 1) throw new IllegalArgumentException("workers: " + n + " is less than 1 (empty: automatic)");
        return n;
    }

    private static String parse(String what, String text) {
        org.sealworkbench.ui.FormNumbers.numberField(what, text);
        return text.strip();
    }

    private static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e6) return Long.toString((long) v);
        String s = Double.toString(v);
        return s.toLowerCase(Locale.ROOT);
    }

    /** The value the preset has for a knob, in words (for the "differs from the preset" tooltip). */
    public String presetValue(String knob) {
        RunSettings p = RunSettings.of(preset.get());
        return switch (knob) {
            case "rank" -> Integer.toString(p.loraRank());
            case "alpha" -> number(p.loraAlpha());
            case "dropout" -> number(p.loraDropout());
            case "targets" -> String.join(", ", p.targets());
            case "lr" -> number(p.learningRate());
            case "epochs" -> Integer.toString(p.epochs());
            case "batch" -> Integer.toString(p.batchSize());
            case "schedule" -> p.schedule();
            case "padding" -> p.padding();
            case "repeats" -> Integer.toString(p.repeats());
            case "grader" -> p.grader();
            case "cpt_epochs" -> Integer.toString(Presets.cpt(preset.get()).epochs());
            case "cpt_lr" -> number(Presets.cpt(preset.get()).learningRate());
            case "cpt_batch" -> Integer.toString(Presets.cpt(preset.get()).batchSize());
            case "cpt_grad_accum" -> Integer.toString(Presets.cpt(preset.get()).gradAccum());
            default -> "";
        };
    }

    public ObservableList<String> presets() { return presets; }
    public StringProperty presetProperty() { return preset; }
    public StringProperty rankProperty() { return rank; }
    public StringProperty alphaProperty() { return alpha; }
    public StringProperty dropoutProperty() { return dropout; }
    /** One flag per projection, in {@link RunSettings#PROJECTIONS}' order. */
    public Map<String, BooleanProperty> targets() { return targets; }
    public StringProperty lrProperty() { return lr; }
    public StringProperty epochsProperty() { return epochs; }
    public StringProperty batchProperty() { return batch; }
    public StringProperty scheduleProperty() { return schedule; }
    public StringProperty paddingProperty() { return padding; }
    public StringProperty repeatsProperty() { return repeats; }
    public StringProperty graderProperty() { return grader; }
    public StringProperty f1ThresholdProperty() { return f1Threshold; }
    public ObjectProperty<Path> judgeProperty() { return judge; }
    public ObjectProperty<Scope> scopeProperty() { return scope; }
    /** The visible columns as the form names them ("1: #12 · seal-tiny…", "2: Passage only"). */
    public ObservableList<String> columns() { return columns; }
    /** The visible columns' whole lines, as {@link #columns()} (which may name them shorter), for a tooltip. */
    public ObservableList<String> columnDetails() { return columnDetails; }
    public IntegerProperty columnProperty() { return column; }
    public ObjectProperty<Passages> passagesProperty() { return passages; }
    /** Conditions in {@code seal eval --condition}'s words. */
    public ObservableList<String> conditions() { return conditions; }
    public StringProperty conditionProperty() { return condition; }
    /** Also answer closed-book before training (no adaptation), the QA table's "before" column; stored once, reused. */
    public BooleanProperty withBaselineProperty() { return withBaseline; }
    /**
     * {@code seal eval --adapter-batch}: how many of a condition's inner loops (passages x repeats) train together as one
     * batch, 1 = one at a time; empty = the default ({@link #DEFAULT_ADAPTER_BATCH}). Not one of the preset's knobs:
     * the runs and their digest are the same for every value (up to float rounding); only memory and speed differ.
     */
    public StringProperty adapterBatchProperty() { return adapterBatch; }
    /** The adapter batch as typed, 0 for "the default" (what the request reads as {@link #DEFAULT_ADAPTER_BATCH}); valid while {@link #validProperty()}. */
    public int adapterBatch() { return adapterBatchValue; }
    /**
     * {@code seal eval --workers}: how many batches compute side by side, each on a worker thread with a replica of the
     * model; empty = automatic. Like the adapter batch, only memory and speed differ.
     */
    public StringProperty workersProperty() { return workers; }
    /** The workers as typed, 0 for "automatic"; valid while {@link #validProperty()}. */
    public int workers() { return workersValue; }
    /** How many passages the library shows (filtered), for a CPT condition's count; set by whoever opens the form. */
    public IntegerProperty visiblePassagesProperty() { return visibleCount; }
    /** How many passages the workspace has. */
    public IntegerProperty allPassagesProperty() { return allCount; }
    /** The passages a CPT run would train on together (0: no CPT condition, or a value is wrong). */
    public javafx.beans.property.ReadOnlyIntegerProperty cptPassagesProperty() { return cptPassages.getReadOnlyProperty(); }
    /** Whether the chosen condition is a multi-passage (CPT) one, which shows the CPT knobs. */
    public ReadOnlyBooleanProperty cptProperty() { return cpt.getReadOnlyProperty(); }
    public StringProperty cptEpochsProperty() { return cptEpochs; }
    public StringProperty cptLrProperty() { return cptLr; }
    public StringProperty cptBatchProperty() { return cptBatch; }
    public StringProperty cptGradAccumProperty() { return cptGradAccum; }

    /**
     * The CPT settings as typed, for a CPT condition; empty otherwise or while a value is wrong. Their passage count is
     * the number chosen, at most the preset's ({@code seal eval --cpt-passages}): a CPT run trains on the first that many
     * of the chosen passages, and stores that count in its settings.
     */
    public Optional<CptSettings> cptSettings() {
        return Optional.ofNullable(currentCpt);
    }

    /** The digest the runs are stored under: the CPT digest for a CPT condition ({@link CptSettings#digest}). */
    public ReadOnlyStringProperty digestProperty() { return digest.getReadOnlyProperty(); }
    public ReadOnlyStringProperty errorProperty() { return error.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty validProperty() { return valid.getReadOnlyProperty(); }
    /** Knobs (names of {@link RunSettings#KNOBS}) whose value differs from the preset's. */
    public ObservableList<String> differencesProperty() { return differences; }

    /** Re-checks after the columns list changed. */
    public void columnsChanged() {
        recompute();
    }
}
