package org.sealworkbench.jobs.charts;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.sealworkbench.jobs.charts.ChartsData.ConditionBar;
import org.sealworkbench.jobs.charts.ChartsData.LossCurve;
import org.sealworkbench.jobs.charts.ChartsData.LossPoint;
import org.sealworkbench.jobs.charts.ChartsData.PairedBar;
import org.sealworkbench.jobs.charts.ChartsData.RunId;
import org.sealworkbench.jobs.charts.ChartsData.RunRow;
import org.sealworkbench.seal.Conditions;
import org.sealworkbench.seal.Continual;
import org.sealworkbench.seal.Grade;
import org.sealworkbench.seal.ResultRow;
import org.sealworkbench.seal.ResultsTable;
import org.sealworkbench.seal.SealSettings;
import org.sealworkbench.seal.arc.ArcTable;
import org.sealworkbench.seal.arc.TttConfig;
import org.sealworkbench.store.ArcRunRecord;
import org.sealworkbench.store.ExperimentLog;
import org.sealworkbench.store.PassageDetail;
import org.sealworkbench.store.ModelRecord;
import org.sealworkbench.store.PassageSummary;
import org.sealworkbench.store.ResultCell;
import org.sealworkbench.store.RunRecord;
import org.sealworkbench.store.TrainingStepRecord;
import org.sealworkbench.util.CancelToken;
import org.sealworkbench.util.Progress;

/**
 * Reads what the charts view and {@code seal runs} show from a workspace's experiment log. The conditions are
 * {@link ResultsTable}'s rows unchanged (the same computation as {@code seal report}), so a chart never shows a number
 * the report does not. Read-only; every call opens the log and closes it again.
 */
public final class ChartsService implements ChartsBackend {
    /** Kinds of run: an RL round's reward inner loops (RestEm labels their conditions "RL round N: ...") or an evaluation's. */
    public static final String RL = "rl reward";
    public static final String EVALUATION = "evaluation";

    private final Path workspace;

    public ChartsService(Path workspace) {
        this.workspace = workspace;
    }

    public Path workspace() {
        return workspace;
    }

    private ExperimentLog open() {
        return ExperimentLog.openExisting(workspace);
    }

    /** The conditions table, the paired differences against passage only, every run, and the RL rounds' charts. */
    @Override
    public ChartsData read(Progress progress, CancelToken cancel) {
        return read(progress, cancel, first -> { });
    }

    /**
     * {@link #read(Progress, CancelToken)}, handing {@code first} the conditions and paired differences once the results
     * table is computed: on a large workspace they come a second or more before the rest (85,000 runs' rows, RL rounds).
     */
    @Override
    public ChartsData read(Progress progress, CancelToken cancel, java.util.function.Consumer<ChartsData> first) {
        try (ExperimentLog log = open()) {
            progress.update(0, 5, "reading the results table");
            List<Object> stamp = log.runsStamp();   // before what the runs' rows are worked out from (sharedRuns)
            // The graded answers counted per run, passage and grader (shared with the library's QA numbers and History):
            // the results table, the runs' accuracies and the RL charts' are all worked out of them, not of every answer.
            List<ResultCell> cells = ResultsTable.cells(log);
            // The charts show no run times: the table is worked out without them, before the runs are read.
            ResultsTable table = ResultsTable.ofCells(cells, null, Map.of());
            cancel.throwIfCancelled();
            List<ConditionBar> bars = conditions(table);
            List<PairedBar> paired = new ArrayList<>();
            for (ResultsTable.PairedDifference d : table.pairedComparisons()) {
                if (!d.baseline().equals(Conditions.PASSAGE_ONLY)) continue;
                paired.add(new PairedBar(d.condition(), d.baseline(), d.grader(), d.settingsDigest(), d.mean(), d.ciLow(),
                        d.ciHigh(), d.passages()));
            }
            ChartsData conditionsOnly = new ChartsData(bars, paired, List.of());
            first.accept(conditionsOnly);
            progress.update(1, 5, "reading the runs");
            // every run, read once for all the charts (each chart read them again: three reads of 85,000 runs)
            List<RunRecord> allRuns = log.runs();
            List<RunRow> runs = sharedRuns(workspace, stamp, () -> {
                List<RunRow> rows = new ArrayList<>(innerLoopRuns(log, allRuns, verdictCounts(cells), cancel));
                rows.addAll(fewShotRuns(log, cancel));
                return rows;
            });
            progress.update(2, 5, "reading the RL rounds and rewards");
            RlCharts.Result rl = RlCharts.read(log, table, allRuns, cells, cancel);
            progress.update(3, 5, "reading the continual sequences");
            List<ChartsData.ContinualSequence> continual = continual(log, cancel);
            List<ChartsData.LearnPoint> learnability = RlCharts.learnability(log, allRuns, cells, cancel);
            progress.update(4, 5, "reading the few-shot (ARC) runs");
            cancel.throwIfCancelled();
            List<ChartsData.FewShotRow> fewShot = fewShot(log);
            progress.update(5, 5, "read " + bars.size() + " conditions, " + runs.size() + " run rows, " + rl.rounds().size()
                    + " RL rounds, " + continual.size() + " continual sequences, " + fewShot.size() + " few-shot rows");
            // the same lists as the first part's (the view's charts of them are the same)
            return new ChartsData(conditionsOnly.conditions(), conditionsOnly.paired(), runs, rl.rounds(), rl.rewards(),
                    rl.validation(), rl.gains(), rl.diversity(), learnability, continual, fewShot);
        }
    }

    /** The continual sequences stored ({@link Continual#stored}), each with the name of the model it started from. */
    static List<ChartsData.ContinualSequence> continual(ExperimentLog log, CancelToken cancel) {
        Map<Long, String> names = new HashMap<>();
        for (ModelRecord m : log.models()) names.put(m.id(), m.name());
        List<ChartsData.ContinualSequence> out = new ArrayList<>();
        for (Continual.Stored s : Continual.stored(log, cancel)) {
            out.add(new ChartsData.ContinualSequence(s.result(), s.grader(), names.getOrDefault(s.modelId(), "model " + s.modelId()),
                    s.unfinishedRepeats()));
        }
        return out;
    }

    /** SEAL's few-shot ARC table ({@link ArcTable#compute}, what {@code seal report} prints), row for row, field for field. */
    public static List<ChartsData.FewShotRow> fewShot(ExperimentLog log) {
        List<ChartsData.FewShotRow> out = new ArrayList<>();
        for (ArcTable.Row r : ArcTable.compute(log)) {
            out.add(new ChartsData.FewShotRow(r.taskSet(), r.model(), r.settingsDigest(), r.condition(), r.tasks(), r.pairs(),
                    r.solved(), r.ciLow(), r.ciHigh(), r.tasksSolved()));
        }
        return out;
    }

    /** The results table's rows as bars, field for field. */
    public static List<ConditionBar> conditions(ResultsTable table) {
        List<ConditionBar> bars = new ArrayList<>();
        for (ResultRow r : table.rows()) {
            bars.add(new ConditionBar(r.condition(), r.grader(), r.settingsDigest(), r.macroAccuracy(), r.ciLow(), r.ciHigh(),
                    r.microAccuracy(), r.nPassages(), r.nQuestions()));
        }
        return bars;
    }

    /**
     * The runs table's rows last worked out, of one workspace (its folder and its log file's identity: another log put in
     * the folder is another workspace), and the runs stamp they were read at.
     */
    private record SharedRuns(List<Object> workspace, List<Object> stamp, List<RunRow> rows) {}

    private static volatile SharedRuns shared;

    /**
     * The runs table's rows ({@link #runs(ExperimentLog, CancelToken)}) of the workspace at {@code workspace}: those last
     * worked out by the Charts or the History tab when no run, grade, step or model was added nor a run changed its status
     * since, that is when they were worked out at the same {@code stamp} ({@link ExperimentLog#runsStamp}, read before
     * anything the rows are worked out from: a change meanwhile only makes the next read work them out again), else
     * {@code rows} (the caller's way of working them out, kept for the next). The two tabs read the same 85,000 rows of a
     * large workspace: the one opened second takes the first's (and holds no copy of its own). One workspace's rows are
     * kept, the latest's.
     */
    public static List<RunRow> sharedRuns(Path workspace, List<Object> stamp, java.util.function.Supplier<List<RunRow>> rows) {
        Path dir = workspace.toAbsolutePath().normalize();
        Object file;
        try {
            file = java.nio.file.Files.readAttributes(dir.resolve(ExperimentLog.DB_FILE),
                    java.nio.file.attribute.BasicFileAttributes.class).fileKey();
        } catch (java.io.IOException e) {
            file = null;
        }
        List<Object> key = java.util.Arrays.asList(dir, file);
        SharedRuns s = shared;
        if (s != null && s.workspace().equals(key) && s.stamp().equals(stamp)) return s.rows();
        List<RunRow> read = List.copyOf(rows.get());
        shared = new SharedRuns(key, stamp, read);
        return read;
    }

    /**
     * Every run of the workspace, the rows of {@code seal runs}, of the History tab and of the charts' Runs tab: the
     * inner-loop runs ({@link #innerLoopRuns}, one row per run and grader), then the few-shot runs ({@link #fewShotRuns}).
     */
    public static List<RunRow> runs(ExperimentLog log, CancelToken cancel) {
        List<RunRow> rows = new ArrayList<>(innerLoopRuns(log, cancel));
        rows.addAll(fewShotRuns(log, cancel));
        return rows;
    }

    /**
     * Every inner-loop run, one row per run and grader, its accuracy by each answer's newest verdict of the grader, counted
     * by SQLite, not read answer by answer: summed from the result cells when the library or the charts counted them at the
     * results' stamp ({@link ResultsTable#cellsIfCounted}), else counted per run and verdict ({@link
     * ExperimentLog#runVerdictCounts}, cheaper than counting the cells; {@code seal runs}). The same numbers either way
     * ({@code RunRowsEquivalenceTest}).
     */
    public static List<RunRow> innerLoopRuns(ExperimentLog log, CancelToken cancel) {
        List<ResultCell> cells = ResultsTable.cellsIfCounted(log);
        Map<Long, Map<String, int[]>> verdicts = cells != null ? verdictCounts(cells)
                : storedVerdictCounts(log.runVerdictCounts());
        return innerLoopRuns(log, log.runs(), verdicts, cancel);
    }

    /** {@link #innerLoopRuns(ExperimentLog, CancelToken)} of runs read already and their {@link #verdictCounts}. */
    static List<RunRow> innerLoopRuns(ExperimentLog log, List<RunRecord> runs, Map<Long, Map<String, int[]>> verdicts,
                                      CancelToken cancel) {
        Map<Long, String> models = modelNames(log);
        Map<Long, String> titles = new HashMap<>();
        for (PassageSummary p : log.passages()) titles.put(p.id(), p.title());
        Map<Long, Integer> steps = log.trainingStepCounts();   // one query, not every run's steps read to count them
        Map<String, String> digests = new HashMap<>();
        List<RunRow> rows = new ArrayList<>();
        for (RunRecord r : runs) {
            cancel.throwIfCancelled();
            String digest = r.settingsJson() == null ? ResultRow.NO_SETTINGS
                    : digests.computeIfAbsent(r.settingsJson(), SealSettings::digestOf);
            double seconds = r.wallSeconds();
            int stepCount = steps.getOrDefault(r.id(), 0);
            String model = models.getOrDefault(r.modelId(), "#" + r.modelId());
            String kind = r.condition().startsWith("RL round ") ? RL : EVALUATION;
            String passage = r.passageId() == null ? "several passages" : titles.getOrDefault(r.passageId(), "#" + r.passageId());
            Map<String, int[]> byGrader = verdicts.getOrDefault(r.id(), Map.of());
            if (byGrader.isEmpty()) {
                rows.add(new RunRow(r.id(), kind, model, r.condition(), digest, "-", Double.NaN, seconds, r.status(),
                        r.started(), stepCount, passage));
            }
            for (Map.Entry<String, int[]> e : byGrader.entrySet()) {
                rows.add(new RunRow(r.id(), kind, model, r.condition(), digest, e.getKey(),
                        e.getValue()[0] / (double) e.getValue()[1], seconds, r.status(), r.started(), stepCount, passage));
            }
        }
        return rows;
    }

    /**
     * Per run, per grader (by name): {correct, answers} from SQLite's counts of each run's newest verdicts ({@link
     * ExperimentLog#runVerdictCounts}), a verdict correct as {@link Grade#isCorrectVerdict} reads it.
     */
    static Map<Long, Map<String, int[]>> storedVerdictCounts(List<ExperimentLog.VerdictCount> counts) {
        Map<Long, Map<String, int[]>> out = new HashMap<>();
        long run = 0;
        Map<String, int[]> ofRun = null;
        for (ExperimentLog.VerdictCount v : counts) {
            if (ofRun == null || v.runId() != run) {   // by run
                run = v.runId();
                ofRun = out.computeIfAbsent(run, k -> new TreeMap<>());
            }
            int[] c = ofRun.computeIfAbsent(v.grader(), k -> new int[2]);
            if (Grade.isCorrectVerdict(v.verdict())) c[0] += v.answers();
            c[1] += v.answers();
        }
        return out;
    }

    /**
     * Per run, per grader (by name): {correct, answers} over the run's answers by each one's newest verdict of that grader,
     * summed over the run's cells ({@link ResultsTable#cells}: a multi-passage run has a cell per passage).
     */
    static Map<Long, Map<String, int[]>> verdictCounts(List<ResultCell> cells) {
        Map<Long, Map<String, int[]>> out = new HashMap<>();
        for (ResultCell cell : cells) {
            if (cell.runId() == null) continue;
            int[] c = out.computeIfAbsent(cell.runId(), k -> new TreeMap<>()).computeIfAbsent(cell.grader(), k -> new int[2]);
            c[0] += cell.correct();
            c[1] += cell.answers();
        }
        return out;
    }

    /**
     * The training-loss curves of these runs, in the order asked: an inner-loop run's stored steps, or a few-shot run's
     * (its test-time training on the task's demonstrations); a run without stored steps gives an empty curve. Each curve
     * is labelled by the run's id, condition and passage (its title) or task: "run 3 passage only · Owls", "run A2 config: … · task
     * 66e6c45b".
     */
    @Override
    public List<LossCurve> lossCurves(List<RunId> runIds, CancelToken cancel) {
        try (ExperimentLog log = open()) {
            Map<Long, String> models = runIds.stream().anyMatch(RunId::fewShot) ? modelNames(log) : Map.of();
            List<LossCurve> curves = new ArrayList<>();
            for (RunId id : runIds) {
                cancel.throwIfCancelled();
                List<LossPoint> points = new ArrayList<>();
                String label;
                if (id.fewShot()) {
                    ArcRunRecord r = log.arcRun(id.number()).orElseThrow(() -> new IllegalArgumentException(
                            workspace + ": no few-shot run " + id + " (number " + id.number() + " of arc_runs) in " + ExperimentLog.DB_FILE));
                    for (TrainingStepRecord s : log.arcTrainingSteps(id.number())) points.add(new LossPoint(s.step(), s.loss()));
                    label = "run " + id + " " + fewShotCondition(r, models.getOrDefault(r.modelId(), "#" + r.modelId()))
                            + " · task " + r.task();
                } else {
                    RunRecord r = log.run(id.number()).orElseThrow(() -> new IllegalArgumentException(
                            workspace + ": no run " + id + " in " + ExperimentLog.DB_FILE));
                    for (TrainingStepRecord s : log.trainingSteps(id.number())) points.add(new LossPoint(s.step(), s.loss()));
                    // the passage by its title, as the picker and the Runs tab name it (the legend said "p114")
                    String passage = r.passageId() == null ? null
                            : log.passage(r.passageId()).map(PassageDetail::title).orElse("passage " + r.passageId());
                    label = "run " + id + " " + r.condition() + (passage == null ? "" : " · " + passage);
                }
                curves.add(new LossCurve(id, label, points));
            }
            return curves;
        }
    }

    /** A few-shot run's "grader": its two attempts against the solution. */
    public static final String PASS_AT_2 = "pass@2";

    /**
     * Every few-shot (ARC) run, oldest first, one row each: kind {@link RunRow#FEW_SHOT}, its task id where an
     * inner-loop run has its passage, its self-edit as condition ({@link #fewShotCondition}), the settings' digest (as
     * {@code ArcTable} shows it), grader {@link #PASS_AT_2}, accuracy 1 solved / 0 not / NaN without a known solution,
     * training plus prediction seconds, status "done" (a few-shot run is stored when it ends), the time it started and
     * its stored training steps.
     */
    public static List<RunRow> fewShotRuns(ExperimentLog log, CancelToken cancel) {
        Map<Long, String> models = modelNames(log);
        Map<String, String> digests = new HashMap<>();
        Map<Long, Integer> steps = log.arcTrainingStepCounts();   // one query, not every run's steps read to count them
        List<RunRow> rows = new ArrayList<>();
        for (ArcRunRecord r : log.arcRuns()) {
            cancel.throwIfCancelled();
            String model = models.getOrDefault(r.modelId(), "#" + r.modelId());
            double accuracy = r.solved() == null ? Double.NaN : r.solved() ? 1 : 0;
            rows.add(new RunRow(r.id(), RunRow.FEW_SHOT, model, fewShotCondition(r, model),
                    digests.computeIfAbsent(r.settingsJson(), SealSettings::digestOf), PASS_AT_2, accuracy,
                    r.trainSeconds() + r.predictSeconds(), "done", fewShotStarted(r), steps.getOrDefault(r.id(), 0), r.task()));
        }
        return rows;
    }

    /**
     * A few-shot run's self-edit as a condition, named as {@code seal.arc.ArcTable} names its rows, with the config's
     * short form: "no test-time training" (the baseline), "config: SHORT FORM" (given by hand) or "self-edit of MODEL:
     * SHORT FORM" (sampled from the model).
     */
    public static String fewShotCondition(ArcRunRecord r, String model) {
        if (r.configJson() == null) return ArcTable.BASELINE;
        String shortForm = TttConfig.parse(r.configJson()).config().map(TttConfig::shortForm).orElse(r.configJson());
        return (r.selfEditText() != null ? "self-edit of " + model + ": " : "config: ") + shortForm;
    }

    /** A few-shot run is stored as it ends: it started its training and prediction seconds before. */
    public static java.time.Instant fewShotStarted(ArcRunRecord r) {
        return r.created() == null ? null : r.created().minusNanos(Math.round((r.trainSeconds() + r.predictSeconds()) * 1e9));
    }

    /** A model as runs name it: its name, else its path. */
    /** Every model's name ({@link #modelName}) by id. */
    static Map<Long, String> modelNames(ExperimentLog log) {
        Map<Long, String> names = new HashMap<>();
        for (ModelRecord m : log.models()) names.put(m.id(), modelName(m));
        return names;
    }

    public static String modelName(ModelRecord m) {
        return m.name() == null ? m.path() : m.name();
    }

    /** Scores the self-edits not scored yet, as a job recorded in the workspace ({@code seal perplexity}); returns its summary. */
    @Override
    public String computePerplexities(Progress progress, CancelToken cancel) {
        open().close();   // the same clear error as a read when the folder is no workspace
        org.sealworkbench.seal.Learnability.Summary s = org.sealworkbench.jobs.Jobs.run(
                new org.sealworkbench.jobs.PerplexityRequest(workspace), progress, cancel);
        return s.computed() + " self-edits scored, " + s.reused() + " already stored, " + s.skipped() + " not scored"
                + (s.problems().isEmpty() ? "" : ": " + String.join("; ", s.problems()));
    }
}
