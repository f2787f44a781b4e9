package org.sealworkbench.ui.charts;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;
import org.jfree.chart.JFreeChart;
import org.sealworkbench.jobs.charts.ChartsBackend;
import org.sealworkbench.jobs.charts.ChartsData;
import javafx.beans.property.SimpleObjectProperty;
import org.sealworkbench.jobs.charts.ChartsData.ConditionBar;
import org.sealworkbench.jobs.charts.ChartsData.ContinualSequence;
import org.sealworkbench.jobs.charts.ChartsData.DiversityRound;
import org.sealworkbench.jobs.charts.ChartsData.FewShotRow;
import org.sealworkbench.jobs.charts.ChartsData.GainPoint;
import org.sealworkbench.jobs.charts.ChartsData.GainSeries;
import org.sealworkbench.jobs.charts.ChartsData.RewardPoint;
import org.sealworkbench.jobs.charts.ChartsData.RlRound;
import org.sealworkbench.jobs.charts.ChartsData.Validation;
import org.sealworkbench.jobs.charts.ChartsData.LossCurve;
import org.sealworkbench.jobs.charts.ChartsData.LossPoint;
import org.sealworkbench.jobs.charts.ChartsData.PairedBar;
import org.sealworkbench.jobs.charts.ChartsData.RunId;
import org.sealworkbench.jobs.charts.ChartsData.RunRow;
import org.sealworkbench.ui.JobRunner;
import org.sealworkbench.ui.JobTask;
import org.sealworkbench.util.Counts;

/**
 * State of the charts view: the data read from the workspace, the runs whose loss curves are shown, the EMA smoothing
 * and the log scale. Reads and exports run on the {@link JobRunner}; call everything else on the FX thread.
 */
public final class ChartsViewModel {
    /** The charts' names, as exports name their files. */
    public enum Chart { CONDITIONS, PAIRED, LOSS, RL, REWARDS, GAIN, DIVERSITY, FORMATS, LEARNABILITY, CONTINUAL, CONTINUAL_CURVES, FEW_SHOT }

    public static final String EMPTY = "No runs in this workspace yet: Self-edits > Fine-tune & evaluate… (Ctrl+Shift+F), RL > Run "
            + "ReST-EM… (Ctrl+R) or RL > Few-shot (ARC)… (Ctrl+Shift+A) in the workbench, or `./seal eval` / `./seal rl` / "
            + "`./seal arc` with --workspace DIR, then Refresh (F5).";
    /** What the few-shot tab says when no few-shot run with a known solution is stored. */
    public static final String FEW_SHOT_EMPTY = "No few-shot (ARC) runs with a known solution yet. RL > Few-shot (ARC)… "
            + "(Ctrl+Shift+A) in the workbench, or `./seal arc --tasks FILE --workspace DIR` (add --baseline for the run without "
            + "test-time training), stores each (task, self-edit) pair it runs; the share of pairs solved per condition is drawn "
            + "here, as `./seal report` prints it (Refresh, F5, after a command-line run).";
    /** What the loss tab says when no run stored training steps. */
    public static final String LOSS_NONE_STORED = "No run stored training steps yet. Self-edits > Fine-tune & evaluate… "
            + "(Ctrl+Shift+F), RL > Run ReST-EM… (Ctrl+R) or RL > Few-shot (ARC)… (Ctrl+Shift+A) in the workbench, or "
            + "`./seal eval` / `./seal rl` / `./seal arc` with --workspace DIR, store each run's loss per optimiser step; then "
            + "Refresh (F5) and pick runs here.";
    /** What the loss tab says when runs with steps are stored but none is shown. */
    public static final String LOSS_PICK = "No loss curve shown: pick runs on the left (inner-loop runs by number, few-shot "
            + "(ARC) runs as A1, A2, … as History lists them; Ctrl/Shift-click for several), then Show selected or Enter.";
    /** How many runs' loss curves are shown before the user picks. */
    static final int DEFAULT_CURVES = 4;

    private final ChartsBackend backend;
    private final JobRunner runner;
    private final ReadOnlyObjectWrapper<ChartsData> data = new ReadOnlyObjectWrapper<>(ChartsData.empty());
    private final ObservableList<LossCurve> rawCurves = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("Reading the workspace...");
    private final ReadOnlyObjectWrapper<Throwable> failure = new ReadOnlyObjectWrapper<>();
    private final DoubleProperty smoothing = new SimpleDoubleProperty(0.6);
    private final BooleanProperty logScale = new SimpleBooleanProperty(false);
    private final ObjectProperty<String> gainSeries = new SimpleObjectProperty<>();
    private final BooleanProperty dark = new SimpleBooleanProperty(false);
    private final ObjectProperty<String> continualSequence = new SimpleObjectProperty<>();
    private final javafx.beans.property.IntegerProperty continualMatrix = new javafx.beans.property.SimpleIntegerProperty(-1);
    private final ObservableList<String> continualMatrixChoices = FXCollections.observableArrayList();
    private final ObjectProperty<String> fewShotTaskSet = new SimpleObjectProperty<>();
    private final ObservableList<String> fewShotTaskSets = FXCollections.observableArrayList();
    private java.util.function.LongConsumer onOpenPassage = id -> {};
    private final javafx.beans.property.StringProperty lossFilter = new javafx.beans.property.SimpleStringProperty("");
    private final ObservableList<RunRow> lossPickerRows = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper lossPickerEmpty = new ReadOnlyStringWrapper(LOSS_NONE_STORED);
    /** The workspace is read-only (the window binds it): nothing is computed or stored, and the empty texts say so. */
    private final BooleanProperty readOnly = new SimpleBooleanProperty(this, "readOnly", false);
    /** What 'Compute perplexities' says while the workspace is read-only. */
    public static final String PERPLEXITIES_OFF = "Off: the workspace is open read-only, and the perplexities are stored in it."
            + " To compute them, work on a copy of its folder.";

    public ChartsViewModel(ChartsBackend backend, JobRunner runner) {
        this.backend = backend;
        this.runner = runner;
        continualSequence.addListener((o, a, b) -> {
            continualMatrix.set(-1);
            continualMatrixChoicesFor();
        });
        data.addListener((o, a, b) -> filterLossPicker());
        lossFilter.addListener((o, a, b) -> filterLossPicker());
        readOnly.addListener((o, a, b) -> filterLossPicker());
    }

    public BooleanProperty readOnlyProperty() { return readOnly; }

    /**
     * An empty chart's text in a read-only workspace: its first words (what is missing) and why nothing can be made here,
     * instead of the ways to make it ("Fine-tune & evaluate…", `./seal eval`), which a read-only workspace refuses.
     */
    static String readOnlyEmpty(String message) {
        int cut = message.length();
        for (char c : new char[] {':', '.'}) {
            int i = message.indexOf(c);
            if (i > 0 && i < cut) cut = i;
        }
        return message.substring(0, cut).replace(" yet", "") + ": the workspace is open read-only, so nothing can be run or"
                + " stored in it (to run some, work on a copy of its folder).";
    }

    /** {@code message} as this workspace can act on it (see {@link #readOnlyEmpty}). */
    private String said(String message) {
        return readOnly.get() && message != null ? readOnlyEmpty(message) : message;
    }

    /** The loss tab's filter: words that a run's id ("run 12", "run A3"), condition, passage or task, kind or grader must all contain (any case). */
    public javafx.beans.property.StringProperty lossFilterProperty() { return lossFilter; }

    /** The runs with a loss curve that {@link #lossFilterProperty} lets through, for the loss tab's picker. */
    public ObservableList<RunRow> lossPickerRows() { return lossPickerRows; }

    /**
     * The picker's line for a run: its id as History shows it, its passage (a few-shot run's task), condition and steps:
     * "run 12 · Owls · passage only (10 steps)", "run A3 · task 66e6c45b · config: aug b · … (96 steps)".
     */
    public static String lossPickerText(RunRow r) {
        String where = r.passage() == null || r.passage().isBlank() ? "" : (r.fewShot() ? "task " : "") + r.passage() + " · ";
        return "run " + r.id() + " · " + where + r.condition() + " (" + r.lossSteps() + " step" + (r.lossSteps() == 1 ? "" : "s") + ")";
    }

    /** What the loss tab's run picker says when it lists no run: none stored with steps, or none matching the filter. */
    public ReadOnlyStringProperty lossPickerEmptyProperty() { return lossPickerEmpty.getReadOnlyProperty(); }

    private void filterLossPicker() {
        List<RunRow> keep = new ArrayList<>();
        Prepared p = prepared();
        List<RunRow> all = p.runsWithLoss();
        lossPickerEmpty.set(all.isEmpty() ? said(LOSS_NONE_STORED) : "No run with a loss curve matches \""
                + (lossFilter.get() == null ? "" : lossFilter.get().strip()) + "\": clear the filter to see all " + all.size() + ".");
        String[] words = org.sealworkbench.ui.PassageRow.queryWords(lossFilter.get());
        for (int i = 0; i < all.size(); i++) {
            if (org.sealworkbench.ui.PassageRow.allWordsIn(words, p.lossHaystacks().get(i))) keep.add(all.get(i));
        }
        lossPickerRows.setAll(keep);
    }

    /** The picker's searched text of a run with a loss curve: its line, kind, grader and model, lower-cased. */
    static String lossHaystack(RunRow r) {
        return (lossPickerText(r) + " " + r.kind() + " " + r.grader() + " " + r.model()).toLowerCase(Locale.ROOT);
    }

    /**
     * What the view works out from the data before showing it, worked out on the reading thread with the data (a large
     * workspace has 85,000 runs: the FX thread spent seconds on it after every read, and a quarter of a second on each
     * keystroke in the loss picker's filter): the runs with a loss curve, their picker texts to search, and per column of
     * the Runs tab the texts to measure for its width.
     */
    record Prepared(ChartsData data, List<RunRow> runsWithLoss, List<String> lossHaystacks, List<List<String>> columnSamples) {
        static Prepared of(ChartsData d) {
            return of(d, null);
        }

        /** {@link #of(ChartsData)}, taking what {@code before} worked out when its runs are the very same rows (a read that
         * found no run changed: ChartsService.sharedRuns). */
        static Prepared of(ChartsData d, Prepared before) {
            if (before != null && before.data().runs() == d.runs()) {
                return new Prepared(d, before.runsWithLoss(), before.lossHaystacks(), before.columnSamples());
            }
            List<RunRow> withLoss = new ArrayList<>();
            java.util.Set<RunId> seen = new java.util.HashSet<>();
            for (RunRow r : d.runs()) {
                if (r.lossSteps() > 0 && seen.add(r.id())) withLoss.add(r);
            }
            List<String> hay = new ArrayList<>(withLoss.size());
            for (RunRow r : withLoss) hay.add(lossHaystack(r));
            List<List<String>> samples = new ArrayList<>();
            for (RunsColumn c : RUNS_COLUMNS) {
                List<String> texts = new ArrayList<>(d.runs().size());
                for (RunRow r : d.runs()) texts.add(c.value().apply(r));
                samples.add(widestCandidates(texts, WIDTH_SAMPLES));
            }
            return new Prepared(d, List.copyOf(withLoss), List.copyOf(hay), List.copyOf(samples));
        }
    }

    /** How many of a Runs column's longest distinct texts are measured for its width. */
    static final int WIDTH_SAMPLES = 32;

    /**
     * The longest distinct texts of a column (by characters, the first of equals kept), at most {@code k}: where its
     * widest text in pixels is, without measuring every one of tens of thousands of rows on the FX thread. All of them when
     * there are no more than {@code k}.
     */
    public static List<String> widestCandidates(List<String> texts, int k) {
        java.util.PriorityQueue<String> longest = new java.util.PriorityQueue<>(java.util.Comparator.comparingInt(String::length));
        java.util.Set<String> kept = new java.util.HashSet<>();
        for (String t : texts) {
            if (t == null || kept.contains(t)) continue;
            if (longest.size() < k) {
                longest.add(t);
                kept.add(t);
            } else if (t.length() > longest.peek().length()) {
                kept.remove(longest.poll());
                longest.add(t);
                kept.add(t);
            }
        }
        List<String> out = new ArrayList<>(longest);
        out.sort(java.util.Comparator.comparingInt(String::length).reversed());
        return out;
    }

    private Prepared prepared = Prepared.of(ChartsData.empty());

    /** The prepared form of the shown data (computed here, on the FX thread, only when the data was set otherwise). */
    private Prepared prepared() {
        if (prepared.data() != data.get()) prepared = Prepared.of(data.get());
        return prepared;
    }

    /** Per Runs column, its texts to measure for the column's width ({@link #widestCandidates}). */
    public List<String> runsColumnSamples(int column) {
        return prepared().columnSamples().get(column);
    }

    public ReadOnlyObjectProperty<ChartsData> dataProperty() { return data.getReadOnlyProperty(); }
    public ObservableList<LossCurve> rawCurves() { return rawCurves; }
    public ReadOnlyStringProperty statusProperty() { return status.getReadOnlyProperty(); }
    /** The last read or export that failed (the view shows it in a dialog); null when none. */
    public ReadOnlyObjectProperty<Throwable> failureProperty() { return failure.getReadOnlyProperty(); }
    /** TensorBoard's smoothing weight in [0, 0.99]. */
    public DoubleProperty smoothingProperty() { return smoothing; }
    public BooleanProperty logScaleProperty() { return logScale; }
    /** The per-passage gain chart's condition: a {@link GainSeries#label()} of the data's gains (null: none). */
    public ObjectProperty<String> gainSeriesProperty() { return gainSeries; }
    /** Whether the charts are drawn for the dark theme (the view binds it to {@code ui.Theme}). */
    public BooleanProperty darkProperty() { return dark; }

    /** The continual tab's sequence: a {@link ContinualSequence#label()} of the data's sequences (null: none). */
    public ObjectProperty<String> continualSequenceProperty() { return continualSequence; }
    /** Which matrix of that sequence the heatmap shows: -1 the mean over its repeats, else a repeat (0-based). */
    public javafx.beans.property.IntegerProperty continualMatrixProperty() { return continualMatrix; }
    /** What the heatmap can show for the chosen sequence: the mean, then each repeat when there are several. */
    public ObservableList<String> continualMatrixChoices() { return continualMatrixChoices; }

    /** The few-shot tab's task set (a {@link FewShotRow#taskSet()} of the data's rows; null: none stored). */
    public ObjectProperty<String> fewShotTaskSetProperty() { return fewShotTaskSet; }
    /** The task sets with few-shot rows, in the order of their first stored run (the few-shot tab's picker). */
    public ObservableList<String> fewShotTaskSets() { return fewShotTaskSets; }

    /** The few-shot rows of the chosen task set, in table order (empty when none is chosen). */
    public List<FewShotRow> shownFewShot() {
        return fewShotTaskSet.get() == null ? List.of() : FewShotCharts.of(data.get().fewShot(), fewShotTaskSet.get());
    }

    /**
     * The lines under the few-shot chart, one per bar of the chosen task set: condition, model and settings digest, then
     * pairs, tasks, pairs solved with their share and interval, and tasks solved; null when there is none.
     */
    public String fewShotCaption() {
        List<FewShotRow> rows = shownFewShot();
        if (rows.isEmpty()) return null;
        List<String> lines = new ArrayList<>();
        for (FewShotRow r : rows) lines.add(r.condition() + " (" + r.group() + "): " + FewShotCharts.caption(r));
        return String.join("\n", lines);
    }

    /** Keeps the chosen task set when it is still there, else picks the newest (the last to appear in the table). */
    private void chooseFewShot(ChartsData d) {
        List<String> sets = FewShotCharts.taskSets(d.fewShot());
        fewShotTaskSets.setAll(sets);
        if (!sets.contains(fewShotTaskSet.get())) fewShotTaskSet.set(sets.isEmpty() ? null : sets.get(sets.size() - 1));
    }

    /** The labels of the stored continual sequences, newest experiment last. */
    public List<String> continualLabels() {
        return data.get().continual().stream().map(ContinualSequence::label).toList();
    }

    /** The chosen continual sequence, or null. */
    public ContinualSequence shownContinual() {
        for (ContinualSequence c : data.get().continual()) if (c.label().equals(continualSequence.get())) return c;
        return null;
    }

    /** The heatmap's matrix, clamped to the chosen sequence's repeats (-1: the mean). */
    int shownContinualMatrix() {
        ContinualSequence c = shownContinual();
        return c == null ? -1 : Math.max(-1, Math.min(continualMatrix.get(), c.result().matrices().size() - 1));
    }

    /**
     * One line under the continual charts: for the chosen sequence, the last step's accuracy on its own passage, the
     * retention of the earlier ones and their forgetting, in points; null when none is chosen.
     */
    public String continualSummary() {
        ContinualSequence c = shownContinual();
        if (c == null) return null;
        var r = c.result();
        int last = r.newest().length - 1;
        return String.format(Locale.ROOT, "After the last step (%d): newest passage %s, earlier ones %s (forgetting %s points), "
                + "%s. Passage ids in the order adapted: %s", last + 1, ChartFactory.percent(r.newest()[last]),
                last == 0 ? "-" : ChartFactory.percent(r.retention()[last]),
                last == 0 ? "-" : ChartFactory.signedPoints(r.forgetting()[last]),
                r.matrices().size() == 1 ? "one repeat" : "mean over " + r.matrices().size() + " repeats", r.passages());
    }

    private void chooseContinual(ChartsData d) {
        List<String> labels = d.continual().stream().map(ContinualSequence::label).toList();
        if (!labels.contains(continualSequence.get())) continualSequence.set(labels.isEmpty() ? null : labels.get(labels.size() - 1));
        continualMatrixChoicesFor();
    }

    private void continualMatrixChoicesFor() {
        ContinualSequence c = shownContinual();
        List<String> choices = c == null ? List.of() : ContinualCharts.matrixChoices(c.result());
        continualMatrixChoices.setAll(choices);
        if (continualMatrix.get() >= choices.size() - 1) continualMatrix.set(-1);
    }

    /** What opening a passage from a chart does (the workbench selects it in the library). */
    public void setOnOpenPassage(java.util.function.LongConsumer action) {
        onOpenPassage = action == null ? id -> {} : action;
    }

    /** The labels of the conditions the per-passage gain chart can show. */
    public List<String> gainLabels() {
        return data.get().gains().stream().map(GainSeries::label).toList();
    }

    /** The shown per-passage gain series, or null. */
    public GainSeries shownGain() {
        for (GainSeries g : data.get().gains()) if (g.label().equals(gainSeries.get())) return g;
        return null;
    }

    /** Opens the passage of the gain chart's {@code item}-th point (a click on it); false when there is no such point. */
    public boolean openGainPoint(int item) {
        GainSeries g = shownGain();
        if (g == null || item < 0 || item >= g.points().size()) return false;
        long id = g.points().get(item).passageId();
        status.set("Opening passage " + id + " (" + g.points().get(item).title() + ")");
        onOpenPassage.accept(id);
        return true;
    }

    /** Reads everything again, then the loss curves of the first runs that stored training steps. */
    public Task<?> refresh() {
        JobTask<?>[] self = new JobTask<?>[1];
        Prepared before = prepared;
        JobTask<Prepared> task = new JobTask<>("Reading charts", (p, c) -> Prepared.of(backend.read(p, c,
                first -> javafx.application.Platform.runLater(() -> showFirst(self[0], first))), before));
        self[0] = task;
        reading = task;
        task.setOnSucceeded(e -> {
            everRead = true;
            firstOnly = false;
            prepared = task.getValue();
            ChartsData d = prepared.data();
            if (!d.gains().stream().map(GainSeries::label).toList().contains(gainSeries.get())) {
                gainSeries.set(d.gains().isEmpty() ? null : defaultGain(d.gains()).label());
            }
            chooseFewShot(d);   // before the data: the view redraws on the data's change
            data.set(d);
            chooseContinual(d);
            status.set(d.isEmpty() ? said(EMPTY) : Counts.of(d.conditions().size(), "condition row", "condition rows") + ", "
                    + Counts.of(runsWithLoss().size(), "run with a loss curve", "runs with a loss curve") + ", "
                    + Counts.of(d.runs().size(), "run row", "run rows")
                    + (d.continual().isEmpty() ? "" : ", " + Counts.of(d.continual().size(), "continual sequence", "continual sequences"))
                    + (d.fewShot().isEmpty() ? "" : ", " + Counts.of(d.fewShot().size(), "row of the few-shot (ARC) table",
                            "rows of the few-shot (ARC) table")));
            List<RunId> first = runsWithLoss().stream().limit(DEFAULT_CURVES).map(RunRow::id).toList();
            showLoss(first);
        });
        task.setOnFailed(e -> {
            everRead = true;   // the view draws its empty texts again on a failure
            fail("Cannot read the charts", task.getException());
        });
        status.set("Reading the workspace...");
        return runner.submit(task);
    }

    /** Scores the self-edits' perplexities as a job (progress and cancel in the jobs area), then reads everything again. */
    public Task<String> computePerplexities() {
        if (readOnly.get()) {
            fail("Cannot compute the perplexities", new IllegalStateException(PERPLEXITIES_OFF));
            return null;
        }
        JobTask<String> task = new JobTask<>("Computing perplexities", backend::computePerplexities);
        task.setOnSucceeded(e -> {
            status.set(task.getValue());
            refresh();
        });
        task.setOnFailed(e -> fail("Cannot compute the perplexities", task.getException()));
        status.set("Computing perplexities...");
        return runner.submit(task, true);
    }

    /**
     * Runs that stored a loss curve, one per run (the runs table has one row per inner-loop run and grader): the
     * inner-loop runs, then the few-shot (ARC) runs (their test-time training's loss).
     */
    public List<RunRow> runsWithLoss() {
        return prepared().runsWithLoss();
    }

    /** Loads these runs' loss curves (replacing the shown ones): inner-loop runs ("12") and few-shot runs ("A3"). */
    public Task<List<LossCurve>> showLoss(List<RunId> runIds) {
        List<RunId> ids = List.copyOf(runIds);
        JobTask<List<LossCurve>> task = new JobTask<>("Reading loss curves", (p, c) -> backend.lossCurves(ids, c));
        task.setOnSucceeded(e -> rawCurves.setAll(task.getValue()));
        task.setOnFailed(e -> fail("Cannot read the loss curves", task.getException()));
        return runner.submit(task);
    }

    /** The shown curves smoothed with the current weight. */
    public List<LossCurve> smoothedCurves() {
        List<LossCurve> out = new ArrayList<>();
        for (LossCurve c : rawCurves) {
            double[] ys = c.points().stream().mapToDouble(LossPoint::loss).toArray();
            double[] sm = Ema.smooth(ys, smoothing.get());
            List<LossPoint> pts = new ArrayList<>();
            for (int i = 0; i < ys.length; i++) pts.add(new LossPoint(c.points().get(i).step(), sm[i]));
            out.add(new LossCurve(c.run(), c.label(), pts));
        }
        return out;
    }

    /** The gain chart's first condition: the last SEAL round's row if any (RL's result), else the first row. */
    static GainSeries defaultGain(List<GainSeries> gains) {
        GainSeries pick = gains.get(0);
        for (GainSeries g : gains) if (g.condition().startsWith("SEAL round ")) pick = g;
        return pick;
    }

    /** The chart as shown: in the current theme's colours. */
    public JFreeChart chart(Chart which) {
        if (which == Chart.CONTINUAL && shownContinual() != null) {   // the heatmap has a dark scale of its own
            return ChartFactory.themed(ContinualCharts.heatmap(shownContinual().result(), shownContinualMatrix(), dark.get()), dark.get());
        }
        return ChartFactory.themed(lightChart(which), dark.get());
    }

    /** The chart in light colours, as exports write it (a figure for a paper or slide, whatever the window's theme). */
    public JFreeChart lightChart(Chart which) {
        ChartsData d = data.get();
        return switch (which) {
            case CONDITIONS -> ChartFactory.conditions(d.conditions());
            case PAIRED -> ChartFactory.paired(d.paired(), ChartFactory.conditionOrder(d.conditions()));
            case LOSS -> ChartFactory.loss(smoothedCurves(), logScale.get());
            case RL -> ChartFactory.rl(d.rlRounds(), d.validation());
            case REWARDS -> ChartFactory.rewards(d.rewards(), d.rlRounds());
            case GAIN -> ChartFactory.gain(shownGain());
            case DIVERSITY -> ChartFactory.diversity(d.diversity());
            case FORMATS -> ChartFactory.formats(d.diversity());
            case LEARNABILITY -> ChartFactory.learnability(d.learnability());
            case CONTINUAL -> shownContinual() == null ? blank()
                    : ContinualCharts.heatmap(shownContinual().result(), shownContinualMatrix(), false);
            case CONTINUAL_CURVES -> shownContinual() == null ? blank()
                    : ContinualCharts.curves(shownContinual().result());
            case FEW_SHOT -> FewShotCharts.chart(fewShotTaskSet.get(), d.fewShot());
        };
    }

    /** An empty XY chart (the view hides it and shows the empty text instead). */
    private static JFreeChart blank() {
        return ChartFactory.styled(new JFreeChart("No continual sequence stored", ChartFactory.TITLE,
                new org.jfree.chart.plot.XYPlot(new org.jfree.data.xy.XYSeriesCollection(), new org.jfree.chart.axis.NumberAxis(),
                        new org.jfree.chart.axis.NumberAxis(), new org.jfree.chart.renderer.xy.XYLineAndShapeRenderer()), false));
    }

    /** The latest read (refresh) of the charts. */
    private JobTask<?> reading;
    /** The data shown is the first read's first part (its conditions only, from the backend's read); the rest is being read. */
    private boolean firstOnly;

    /**
     * Shows the first part of the first read (the Conditions tab's data) while the rest is read: on a large workspace the
     * runs' rows and the RL charts take another second or two. Not on a later read (the charts show the last read's data
     * meanwhile), nor one of a read since replaced.
     */
    private void showFirst(JobTask<?> task, ChartsData first) {
        if (everRead || task != reading || first.isEmpty()) return;
        firstOnly = true;
        prepared = Prepared.of(first);
        data.set(first);
        status.set(Counts.of(first.conditions().size(), "condition row", "condition rows") + "; reading the runs and the rest…");
    }

    /** What every chart says until the first read of the workspace ends. */
    public static final String READING = "Reading the workspace…";
    /** A read ended (with data or failed): until then the charts say they are reading, not what an empty workspace lacks. */
    private boolean everRead;

    /**
     * What the chart shows when it has nothing, or null when it has data; {@link #READING} until the first read ends (on
     * a large workspace it takes seconds, during which the charts said "No graded answers yet").
     */
    public String emptyText(Chart which) {
        if (!everRead && !(firstOnly && (which == Chart.CONDITIONS || which == Chart.PAIRED))) return READING;
        String text = emptyTextWritable(which);
        return text == null || text.equals(LOSS_PICK) ? text : said(text);
    }

    private String emptyTextWritable(Chart which) {
        ChartsData d = data.get();
        return switch (which) {
            case CONDITIONS -> d.conditions().isEmpty() ? (d.continual().isEmpty() && d.fewShot().isEmpty() ? "No graded answers yet: "
                    : "No rows of SEAL's table yet (the " + (d.continual().isEmpty() ? "few-shot ARC runs stored are drawn in the "
                    + "Few-shot tab" : "continual sequences stored are drawn in the Continual tab") + "): ") + "Self-edits > Fine-tune & "
                    + "evaluate… (Ctrl+Shift+F) in the workbench, or `./seal eval --workspace DIR`, fills SEAL's table." : null;
            case PAIRED -> d.paired().isEmpty() ? "No paired differences: evaluate 'passage-only' and another condition on the same passages." : null;
            case LOSS -> !rawCurves.isEmpty() ? null : runsWithLoss().isEmpty() ? LOSS_NONE_STORED : LOSS_PICK;
            case RL -> d.rlRounds().stream().allMatch(r -> Double.isNaN(r.meanReward()))
                    ? "No RL rewards yet: run ReST-EM rounds (RL > Run ReST-EM…, Ctrl+R, in the workbench, or `./seal rl --workspace "
                    + "DIR`), then Refresh (F5). Evaluate each round's model under the condition seal-round:N (Fine-tune & evaluate, "
                    + "or `./seal eval --condition seal-round:N`) to see its validation accuracy." : null;
            case REWARDS -> d.rewards().isEmpty() ? "No rewards yet: ReST-EM (RL > Run ReST-EM…, or `./seal rl --workspace DIR`) stores one per self-edit and round." : null;
            case GAIN -> shownGain() == null ? "No per-passage gain: evaluate 'no-adaptation' and another condition on the same "
                    + "passages (Fine-tune & evaluate with \"Also answer closed-book before adapting\", or `./seal eval --workspace DIR "
                    + "--condition no-adaptation,passage-only`), or run ReST-EM." : null;
            case DIVERSITY, FORMATS -> d.diversity().isEmpty() ? "No RL self-edits yet: ReST-EM (RL > Run ReST-EM…, or `./seal rl "
                    + "--workspace DIR`) samples k self-edits per passage each round; their diversity and formats are drawn here." : null;
            case LEARNABILITY -> d.learnability().stream().noneMatch(p -> Double.isFinite(p.reward()))
                    ? "No perplexities yet: press 'Compute perplexities' (or run `./seal perplexity --workspace DIR`) to score every "
                    + "self-edit a run adapted on under the model fine-tuned on it." : null;
            case CONTINUAL, CONTINUAL_CURVES -> shownContinual() == null ? "No continual sequences yet. RL > Continual self-edits… "
                    + "(Ctrl+Shift+K) in the workbench, or `./seal continual --workspace DIR`, adapts passages one after another and "
                    + "answers every earlier passage's questions after each step; its step x passage accuracy matrix (forgetting) is "
                    + "drawn here (Refresh, F5, after a command-line run)." : null;
            case FEW_SHOT -> shownFewShot().isEmpty() ? FEW_SHOT_EMPTY : null;
        };
    }

    /** The data behind a chart as CSV (full precision, fractions as stored). */
    public String csv(Chart which) {
        StringBuilder sb = new StringBuilder();
        switch (which) {
            case CONDITIONS -> {
                sb.append("condition,grader,settings_digest,macro_accuracy,ci_low,ci_high,micro_accuracy,passages,questions\n");
                for (ConditionBar b : data.get().conditions()) {
                    sb.append(String.join(",", q(b.condition()), q(b.grader()), q(b.settingsDigest()), n(b.macroAccuracy()),
                            n(b.ciLow()), n(b.ciHigh()), n(b.microAccuracy()), "" + b.passages(), "" + b.questions())).append('\n');
                }
            }
            case PAIRED -> {
                sb.append("condition,baseline,grader,settings_digest,mean_difference,ci_low,ci_high,passages\n");
                for (PairedBar d : data.get().paired()) {
                    sb.append(String.join(",", q(d.condition()), q(d.baseline()), q(d.grader()), q(d.settingsDigest()),
                            n(d.mean()), n(d.ciLow()), n(d.ciHigh()), "" + d.passages())).append('\n');
                }
            }
            case LOSS -> {
                sb.append("run,label,step,loss,smoothed_loss,smoothing\n");
                List<LossCurve> sm = smoothedCurves();
                for (int i = 0; i < rawCurves.size(); i++) {
                    LossCurve c = rawCurves.get(i);
                    for (int j = 0; j < c.points().size(); j++) {
                        sb.append(String.join(",", "" + c.run(), q(c.label()), "" + c.points().get(j).step(),
                                n(c.points().get(j).loss()), n(sm.get(i).points().get(j).loss()), n(smoothing.get()))).append('\n');
                    }
                }
            }
            case RL -> {
                sb.append("series,round,model_in,model_out,status,condition,grader,settings_digest,value,ci_low,ci_high,passages,self_edits\n");
                for (RlRound r : data.get().rlRounds()) {
                    for (String series : List.of("mean_reward", "best_of_k_reward")) {
                        double v = series.equals("mean_reward") ? r.meanReward() : r.meanBestReward();
                        sb.append(String.join(",", series, "" + r.round(), q(r.modelIn()), q(r.modelOut()), q(r.status()), "", "", "",
                                n(v), "", "", "" + r.passages(), "" + r.selfEdits())).append('\n');
                    }
                }
                for (Validation v : data.get().validation()) {
                    sb.append(String.join(",", "validation_accuracy", "" + v.round(), "", q(v.model()), "", q(v.condition()),
                            q(v.grader()), q(v.settingsDigest()), n(v.macroAccuracy()), n(v.ciLow()), n(v.ciHigh()),
                            "" + v.passages(), "")).append('\n');
                }
            }
            case REWARDS -> {
                sb.append("round,passage_id,self_edit_id,reward,best_of_passage\n");
                for (RewardPoint r : data.get().rewards()) {
                    sb.append(String.join(",", "" + r.round(), "" + r.passageId(), "" + r.selfEditId(), n(r.reward()), "" + r.best()))
                            .append('\n');
                }
            }
            case GAIN -> {
                sb.append("condition,baseline,grader,settings_digest,passage_id,title,accuracy_before,accuracy_after,gain\n");
                GainSeries g = shownGain();
                if (g != null) {
                    for (GainPoint p : g.points()) {
                        sb.append(String.join(",", q(g.condition()), q(g.baseline()), q(g.grader()), q(g.settingsDigest()),
                                "" + p.passageId(), q(p.title()), n(p.before()), n(p.after()), n(p.after() - p.before()))).append('\n');
                    }
                }
            }
            case LEARNABILITY -> {
                sb.append("self_edit_id,passage_id,author,model,mean_token_loss,tokens,reward\n");
                for (ChartsData.LearnPoint p : data.get().learnability()) {
                    sb.append(String.join(",", "" + p.selfEditId(), "" + p.passageId(), q(p.author()), q(p.model()),
                            n(p.meanTokenLoss()), "" + p.tokens(), n(p.reward()))).append('\n');
                }
            }
            case FEW_SHOT -> {
                sb.append("task_set,model,settings_digest,condition,tasks,pairs,solved,share,ci_low,ci_high,tasks_solved\n");
                for (FewShotRow r : shownFewShot()) {
                    sb.append(String.join(",", q(r.taskSet()), q(r.model()), q(r.settingsDigest()), q(r.condition()),
                            "" + r.tasks(), "" + r.pairs(), "" + r.solved(), n(r.share()), n(r.ciLow()), n(r.ciHigh()),
                            "" + r.tasksSolved())).append('\n');
                }
            }
            case CONTINUAL, CONTINUAL_CURVES -> {
                ContinualSequence c = shownContinual();
                if (c != null) sb.append(c.result().csv());
                else sb.append("repeat,step,passage,passage_id,accuracy\n");
            }
            case DIVERSITY, FORMATS -> {
                sb.append("round,self_edits,distinct_1,distinct_2,mean_words,share_qa_pairs,share_numbered_list,share_prose\n");
                for (DiversityRound d : data.get().diversity()) {
                    sb.append(String.join(",", "" + d.round(), "" + d.selfEdits(), n(d.distinct1()), n(d.distinct2()),
                            n(d.meanWords()), n(d.qaShare()), n(d.listShare()), n(d.proseShare()))).append('\n');
                }
            }
        }
        return sb.toString();
    }

    /**
     * A column of the Runs tab: its title, the text of a run's cell, its preferred width, and whether it is fixed: the
     * short texts (id, kind, grader, score, time, status, start, steps) keep the width of their widest value (the view
     * caps it); model, passage, condition and settings digest share the rest of the table's width and give way, whole in
     * a tooltip.
     */
    public record RunsColumn(String title, java.util.function.Function<RunRow, String> value, double width, boolean fixed,
                             java.util.Comparator<RunRow> order) {
        /** A column that sorts by its text. */
        public RunsColumn(String title, java.util.function.Function<RunRow, String> value, double width, boolean fixed) {
            this(title, value, width, fixed, java.util.Comparator.comparing(value, java.util.Comparator.nullsFirst(
                    java.util.Comparator.<String>naturalOrder())));
        }
    }

    private static final java.time.format.DateTimeFormatter STARTED =
            java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT).withZone(java.time.ZoneOffset.UTC);

    /**
     * The Runs tab's columns, as {@code ./seal runs} prints them: the id (12, A3), kind, model, passage (a few-shot run's
     * task), condition, settings digest, grader, score (a few-shot run's "1/1 solved"), time, status, start (UTC, to the
     * minute) and the training steps stored. The score is the accuracy in percent ({@link ChartFactory#score}); the id,
     * score, time and steps sort by what they are (12 after 9, 9.0 % before 16.7 %), the texts by their text.
     */
    public static final List<RunsColumn> RUNS_COLUMNS = List.of(
            new RunsColumn("run", r -> r.id().toString(), 48, true, java.util.Comparator.comparing(RunRow::id)),
            new RunsColumn("kind", RunRow::shortKind, 90, true),
            new RunsColumn("model", RunRow::model, 90, false),
            new RunsColumn("passage/task", r -> r.passage() == null ? "" : r.passage(), 130, false),
            new RunsColumn("condition", RunRow::condition, 190, false),
            new RunsColumn("settings", RunRow::settingsDigest, 80, false),   // a digest: the condition needs the room more
            new RunsColumn("grader", RunRow::grader, 80, true),
            new RunsColumn("score", ChartFactory::score, 64, true, ChartFactory.BY_SCORE),
            new RunsColumn("time", r -> Double.isNaN(r.durationSeconds()) ? "-"
                    : org.sealworkbench.util.Decimals.fixed(r.durationSeconds(), 1) + " s", 64, true, java.util.Comparator.comparingDouble(
                    (RunRow r) -> Double.isNaN(r.durationSeconds()) ? Double.NEGATIVE_INFINITY : r.durationSeconds())),
            new RunsColumn("status", RunRow::status, 64, true),
            new RunsColumn("started (UTC)", r -> r.started() == null ? "-"
                    : STARTED.format(r.started()), 140, true),
            new RunsColumn("steps", r -> Integer.toString(r.lossSteps()), 56, true, java.util.Comparator.comparingInt(RunRow::lossSteps)));

    /** These runs as the Runs tab shows them, tab-separated with a header line (what Ctrl+C copies, for a spreadsheet). */
    public static String runsTsv(List<RunRow> rows) {
        StringBuilder sb = new StringBuilder(String.join("\t", RUNS_COLUMNS.stream().map(RunsColumn::title).toList())).append('\n');
        for (RunRow r : rows) {
            sb.append(String.join("\t", RUNS_COLUMNS.stream().map(c -> tsvCell(c.value().apply(r))).toList())).append('\n');
        }
        return sb.toString();
    }

    private static String tsvCell(String s) {
        return s == null ? "" : s.replace('\t', ' ').replace('\n', ' ');
    }

    /**
     * What Copy data puts on the clipboard for a chart: its data as CSV, as Export writes it beside the PNG; the status
     * says what was copied. Null (and the status says so) when the chart has no data.
     */
    public String copyData(Chart which, String title) {
        String csv = csv(which);
        long rows = csv.lines().count() - 1;
        if (rows <= 0) {
            status.set("Nothing to copy: the " + title + " chart has no data yet.");
            return null;
        }
        status.set("Copied the " + title + " chart's data (" + rows + " row" + (rows == 1 ? "" : "s") + " of CSV) to the clipboard.");
        return csv;
    }

    /** What Copy puts on the clipboard for these runs of the Runs tab (all of them when none is selected); the status says so. */
    public String copyRuns(List<RunRow> selected) {
        List<RunRow> rows = selected.isEmpty() ? data.get().runs() : selected;
        status.set(rows.isEmpty() ? "Nothing to copy: no runs stored yet." : "Copied " + rows.size() + " run row"
                + (rows.size() == 1 ? "" : "s") + (selected.isEmpty() ? " (all)" : "") + " to the clipboard, tab-separated with a header line.");
        return rows.isEmpty() ? null : runsTsv(rows);
    }

    /**
     * Writes the chart as {@code base.png}, {@code base.svg} and its data as {@code base.csv}, off the FX thread (the
     * chart is built here, on the FX thread, from the current state). A chart without data writes nothing: null, and the
     * status says why ({@link #canExport}).
     */
    public Task<List<Path>> export(Chart which, Path base, int width, int height) {
        if (!canExport(which)) return null;   // an empty chart and a header-only CSV were written as if they were a figure
        JFreeChart chart = lightChart(which);
        String csv = csv(which);
        JobTask<List<Path>> task = new JobTask<>("Exporting " + base.getFileName(), (p, c) -> {
            Path png = sibling(base, ".png"), svg = sibling(base, ".svg"), csvFile = sibling(base, ".csv");
            ChartExport.png(chart, png, width, height);
            ChartExport.svg(chart, svg, width, height);
            ChartExport.csv(csv, csvFile);
            return List.of(png, svg, csvFile);
        });
        task.setOnSucceeded(e -> status.set("Exported " + String.join(", ", task.getValue().stream().map(Path::toString).toList())));
        task.setOnFailed(e -> fail("Cannot export " + base, task.getException()));
        return runner.submit(task, true);
    }

    /**
     * Whether this chart has data to export; when not, the status says so ("Nothing to export: " and the chart's empty
     * state). The view asks before its file dialog.
     */
    public boolean canExport(Chart which) {
        String empty = emptyText(which);
        if (empty != null) status.set("Nothing to export: " + Character.toLowerCase(empty.charAt(0)) + empty.substring(1));
        return empty == null;
    }

    static Path sibling(Path base, String ext) {
        String name = base.getFileName().toString().replaceFirst("\\.(png|svg|csv)$", "");
        return base.resolveSibling(name + ext);
    }

    private void fail(String what, Throwable t) {
        status.set(what + ": " + (t == null ? "unknown error" : t.getMessage()));
        failure.set(t);
    }

    private static String n(double x) {
        return Double.isNaN(x) ? "" : Double.toString(x);
    }

    private static String q(String s) {
        if (s == null) return "";
        return s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

}
