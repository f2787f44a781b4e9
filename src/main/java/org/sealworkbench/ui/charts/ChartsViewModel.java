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
import org.sealworkbench.jobs.charts.ChartsData.ConditionBar;
import org.sealworkbench.jobs.charts.ChartsData.LossCurve;
import org.sealworkbench.jobs.charts.ChartsData.LossPoint;
import org.sealworkbench.jobs.charts.ChartsData.PairedBar;
import org.sealworkbench.jobs.charts.ChartsData.RunRow;
import org.sealworkbench.ui.JobRunner;
import org.sealworkbench.ui.JobTask;

/**
 * State of the charts view: the data read from the workspace, the runs whose loss curves are shown, the EMA smoothing
 * and the log scale. Reads and exports run on the {@link JobRunner}; call everything else on the FX thread.
 */
public final class ChartsViewModel {
    /** The charts' names, as exports name their files. */
    public enum Chart { CONDITIONS, PAIRED, LOSS }

    public static final String EMPTY = "No runs in this workspace yet. Run `./seal eval --workspace DIR` (SEAL's conditions) "
            + "or `./seal rl` on it, then press Refresh (F5).";
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

    public ChartsViewModel(ChartsBackend backend, JobRunner runner) {
        this.backend = backend;
        this.runner = runner;
    }

    public ReadOnlyObjectProperty<ChartsData> dataProperty() { return data.getReadOnlyProperty(); }
    public ObservableList<LossCurve> rawCurves() { return rawCurves; }
    public ReadOnlyStringProperty statusProperty() { return status.getReadOnlyProperty(); }
    /** The last read or export that failed (the view shows it in a dialog); null when none. */
    public ReadOnlyObjectProperty<Throwable> failureProperty() { return failure.getReadOnlyProperty(); }
    /** TensorBoard's smoothing weight in [0, 0.99]. */
    public DoubleProperty smoothingProperty() { return smoothing; }
    public BooleanProperty logScaleProperty() { return logScale; }

    /** Reads everything again, then the loss curves of the first runs that stored training steps. */
    public Task<ChartsData> refresh() {
        JobTask<ChartsData> task = new JobTask<>("Reading charts", backend::read);
        task.setOnSucceeded(e -> {
            ChartsData d = task.getValue();
            data.set(d);
            status.set(d.isEmpty() ? EMPTY : d.conditions().size() + " condition rows, " + runsWithLoss().size()
                    + " runs with a loss curve, " + d.runs().size() + " run rows");
            List<Long> first = runsWithLoss().stream().limit(DEFAULT_CURVES).map(RunRow::runId).toList();
            showLoss(first);
        });
        task.setOnFailed(e -> fail("Cannot read the charts", task.getException()));
        status.set("Reading the workspace...");
        return runner.submit(task);
    }

    /** Runs that stored a loss curve, one per run (the runs table has one row per run and grader). */
    public List<RunRow> runsWithLoss() {
        List<RunRow> out = new ArrayList<>();
        long last = -1;
        for (RunRow r : data.get().runs()) {
            if (r.lossSteps() > 0 && r.runId() != last) out.add(r);
            last = r.runId();
        }
        return out;
    }

    /** Loads these runs' loss curves (replacing the shown ones). */
    public Task<List<LossCurve>> showLoss(List<Long> runIds) {
        List<Long> ids = List.copyOf(runIds);
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
            out.add(new LossCurve(c.runId(), c.label(), pts));
        }
        return out;
    }

    public JFreeChart chart(Chart which) {
        return switch (which) {
            case CONDITIONS -> ChartFactory.conditions(data.get().conditions());
            case PAIRED -> ChartFactory.paired(data.get().paired());
            case LOSS -> ChartFactory.loss(smoothedCurves(), logScale.get());
        };
    }

    /** What the chart shows when it has nothing, or null when it has data. */
    public String emptyText(Chart which) {
        ChartsData d = data.get();
        return switch (which) {
            case CONDITIONS -> d.conditions().isEmpty() ? "No graded answers yet: run `./seal eval --workspace DIR` to fill SEAL's table." : null;
            case PAIRED -> d.paired().isEmpty() ? "No paired differences: evaluate 'passage-only' and another condition on the same passages." : null;
            case LOSS -> rawCurves.isEmpty() ? "No loss curves: pick runs with training steps on the left (runs from `seal eval` or `seal rl`)." : null;
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
                        sb.append(String.join(",", "" + c.runId(), q(c.label()), "" + c.points().get(j).step(),
                                n(c.points().get(j).loss()), n(sm.get(i).points().get(j).loss()), n(smoothing.get()))).append('\n');
                    }
                }
            }
        }
        return sb.toString();
    }

    /**
     * Writes the chart as {@code base.png}, {@code base.svg} and its data as {@code base.csv}, off the FX thread (the
     * chart is built here, on the FX thread, from the current state).
     */
    public Task<List<Path>> export(Chart which, Path base, int width, int height) {
        JFreeChart chart = chart(which);
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
        return runner.submit(task);
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
