package org.sealworkbench.seal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.sealworkbench.store.ExperimentLog;
import org.sealworkbench.store.GradedAnswer;
import org.sealworkbench.store.ResultCell;
import org.sealworkbench.store.RunRecord;

/**
 * SEAL's results table computed from the experiment log: one row per (condition, grader, settings digest), so the
 * same condition measured under two settings (another inner-loop lr, more repeats) gives two rows, not one pooled row.
 *
 * <p>Per-passage accuracy follows the reference's aggregation: within a passage, each run's accuracy is
 * correct / answers of that run; runs of the same self-edit are averaged (the repeats), then self-edits are
 * averaged (the k completions). For the no-adaptation and passage-only conditions there is no self-edit, so it
 * is the mean over their runs. Answers stored without a run count as one run per passage. When an answer has
 * several grades by the same grader, the newest counts.
 *
 * <p>Macro accuracy = mean over passages (what SEAL reports), with a 95 % t-interval over passages:
 * mean +- t(0.975, n-1) * sd / sqrt(n), clipped to [0, 1] (accuracies cannot leave it).
 * Micro accuracy = all correct answers / all graded answers.
 */
public final class ResultsTable {
    public static final String CI_METHOD =
            "95% t-interval over passages (mean +- t(0.975, n-1) * sd / sqrt(n), clipped to [0, 1])";

    private final List<ResultRow> rows;

    ResultsTable(List<ResultRow> rows) {
        this.rows = List.copyOf(rows);
    }

    public List<ResultRow> rows() {
        return rows;
    }

    /**
     * @param experimentId only the runs of this experiment (null: everything)
     * @param grader       only this grader's grades (null: a row per grader found)
     */
    public static ResultsTable compute(ExperimentLog log, Long experimentId, String grader) {
        List<ResultCell> cells = cells(log);
        if (experimentId != null) {
            // the answers of the experiment's runs (as gradedAnswers(experimentId) reads them: no run-less answers)
            List<ResultCell> ofExperiment = new ArrayList<>();
            for (ResultCell c : cells) if (experimentId.equals(c.experimentId())) ofExperiment.add(c);
            cells = ofExperiment;
        }
        return ofCells(cells, grader, runSeconds(log.runs()));
    }

    /** The wall time of each run that has one, by run id: what {@link #compute} gives the table. */
    public static Map<Long, Double> runSeconds(List<RunRecord> runs) {
        Map<Long, Double> seconds = new HashMap<>();
        Map<String, Boolean> imported = new HashMap<>();   // runs share their snapshot's String (ExperimentLog.runs)
        for (RunRecord r : runs) {
            // An imported run's start and finish are when the import stored it, not how long SEAL's run took: unknown.
            if (r.started() != null && r.finished() != null
                    && !imported.computeIfAbsent(r.settingsJson(), RunResultsImporter::isImported)) {
                seconds.put(r.id(), r.wallSeconds());
            }
        }
        return seconds;
    }

    /** The cells last counted ({@link #cells}), of one workspace's log (its file and the file's identity). */
    private record SharedCells(List<Object> file, List<Long> stamp, List<ResultCell> cells) {}

    private static volatile SharedCells sharedCells;

    /**
     * The log's graded answers counted per run, passage, condition and grader ({@link ExperimentLog#resultCells}, a verdict
     * correct as {@link Grade#isCorrectVerdict} reads it), oldest first: those last counted when no grade, answer, run or
     * job was added or removed since ({@link ExperimentLog#resultsStamp}, read first: a change meanwhile only makes the next
     * call count again), else counted now and kept for the next. The library's QA numbers, the Charts and the History tab
     * all need them, and on a large workspace counting takes half a second or more: the first of them to ask counts, the
     * others take its cells, and one asking while another counts waits for that count. One workspace's cells are kept.
     */
    public static List<ResultCell> cells(ExperimentLog log) {
        List<Object> key = fileOf(log);
        synchronized (SharedCells.class) {
            List<Long> stamp = log.resultsStamp();
            SharedCells s = sharedCells;
            if (s != null && s.file().equals(key) && s.stamp().equals(stamp)) return s.cells();
            List<ResultCell> counted = List.copyOf(log.resultCells(Grade::isCorrectVerdict));
            sharedCells = new SharedCells(key, stamp, counted);
            return counted;
        }
    }

    /**
     * The {@link #cells} of the log when they were counted at its current results stamp (waiting for a count under way),
     * else null without counting: for a reader that can make do with less than the cells, more cheaply (the runs table's
     * verdict counts, {@code ExperimentLog.runVerdictCounts}), and takes them only when they cost nothing.
     */
    public static List<ResultCell> cellsIfCounted(ExperimentLog log) {
        List<Object> key = fileOf(log);
        synchronized (SharedCells.class) {
            SharedCells s = sharedCells;
            return s != null && s.file().equals(key) && s.stamp().equals(log.resultsStamp()) ? s.cells() : null;
        }
    }

    /** A log's file and the file's identity (another file put in its place is another workspace). */
    private static List<Object> fileOf(ExperimentLog log) {
        Path file = log.databaseFile().toAbsolutePath().normalize();
        Object identity;
        try {
            identity = java.nio.file.Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class).fileKey();
        } catch (java.io.IOException e) {
            identity = null;
        }
        return java.util.Arrays.asList(file, identity);
    }

    /** The table of a set of graded answers (ordered oldest grade first, as the log returns them), without run times. */
    public static ResultsTable of(List<GradedAnswer> graded, String grader) {
        return of(graded, grader, Map.of());
    }

    /**
     * The table of a set of graded answers (ordered oldest grade first, as the log returns them): each grader's newest
     * grade of each answer, as a cell of its own.
     *
     * @param runSeconds wall time of each inner-loop run by run id (runs missing from it count as unknown)
     */
    public static ResultsTable of(List<GradedAnswer> graded, String grader, Map<Long, Double> runSeconds) {
        List<GradedAnswer> latest = newestGrades(graded, g -> grader == null || grader.equals(g.grader()));
        List<ResultCell> cells = new ArrayList<>(latest.size());
        for (GradedAnswer g : latest) {
            cells.add(new ResultCell(g.runId(), g.passageId(), g.condition(), g.grader(), 1,
                    Grade.isCorrectVerdict(g.verdict()) ? 1 : 0, g.gradeId(), Long.toString(g.questionId()), g.selfEditId(),
                    g.experimentId(), g.settingsJson()));
        }
        return ofCells(cells, grader, runSeconds);
    }

    /**
     * The table of the answers counted in {@code cells} ({@link #cells}; oldest first: ordered by their first grade):
     * the same table, to the last bit, as {@link #of(List, String, Map)} of the graded answers they count.
     *
     * @param grader     only this grader's cells (null: a row per grader found)
     * @param runSeconds wall time of each inner-loop run by run id (runs missing from it count as unknown)
     */
    public static ResultsTable ofCells(List<ResultCell> cells, String grader, Map<Long, Double> runSeconds) {
        // A continual step answers every passage adapted so far on a model that merged the earlier steps: not one of SEAL's
        // conditions, and its accuracy is read as a step x passage matrix (Continual.stored), not a row here.
        // Group by (condition, grader, settings digest), remembering first appearance for a stable order among equals.
        Map<String, String> digestOf = new HashMap<>();   // settings JSON -> digest: many cells share one snapshot
        Map<List<String>, List<ResultCell>> groups = new LinkedHashMap<>();
        Map<List<String>, Long> firstSeen = new LinkedHashMap<>();
        ResultCell previous = null;
        List<String> key = null;
        List<ResultCell> group = null;
        for (ResultCell c : cells) {
            if (grader != null && !grader.equals(c.grader()) || Continual.isStep(c.condition())) continue;
            // Consecutive cells nearly always share their run's condition, grader and settings (the very Strings, as the
            // log shares them): the same group without working out its key again.
            if (previous == null || c.condition() != previous.condition() || c.grader() != previous.grader()
                    || c.settingsJson() != previous.settingsJson()) {
                String digest = c.settingsJson() == null ? ResultRow.NO_SETTINGS : digestOf.computeIfAbsent(c.settingsJson(), SealSettings::digestOf);
                key = List.of(c.condition(), c.grader(), digest);
                group = groups.computeIfAbsent(key, k -> new ArrayList<>());
            }
            group.add(c);
            firstSeen.merge(key, c.firstGradeId(), Math::min);
            previous = c;
        }
        List<ResultRow> rows = new ArrayList<>();
        for (Map.Entry<List<String>, List<ResultCell>> e : groups.entrySet()) {
            rows.add(row(e.getKey().get(0), e.getKey().get(1), e.getKey().get(2), e.getValue(), runSeconds));
        }
        rows.sort(Comparator.comparingInt((ResultRow r) -> Conditions.rank(r.condition()))
                .thenComparingLong(r -> firstSeen.get(List.of(r.condition(), r.grader(), r.settingsDigest())))
                .thenComparing(ResultRow::grader));
        return new ResultsTable(rows);
    }

    /**
     * The grades that {@code counted} lets through and that are the newest of their (answer, grader), in the list's order
     * (oldest grade first). A grader whose answers come in increasing id order (the usual case: each answer graded once,
     * as it is stored) has no older grade of a pair to drop; only the others are looked up by pair (420,000 pairs in a
     * map took a third of a large workspace's table).
     */
    public static List<GradedAnswer> newestGrades(List<GradedAnswer> graded, Predicate<GradedAnswer> counted) {
        Map<String, long[]> lastAnswer = new HashMap<>();
        java.util.Set<String> unordered = new HashSet<>();
        for (GradedAnswer g : graded) {
            if (!counted.test(g)) continue;
            long[] last = lastAnswer.computeIfAbsent(g.grader(), k -> new long[] {Long.MIN_VALUE});
            if (g.answerId() <= last[0]) unordered.add(g.grader());
            else last[0] = g.answerId();
        }
        Map<AnswerGrader, Integer> newestAt = new HashMap<>();
        if (!unordered.isEmpty()) {
            for (int i = 0; i < graded.size(); i++) {
                GradedAnswer g = graded.get(i);
                if (unordered.contains(g.grader()) && counted.test(g)) newestAt.put(new AnswerGrader(g.answerId(), g.grader()), i);
            }
        }
        List<GradedAnswer> latest = new ArrayList<>(graded.size());
        for (int i = 0; i < graded.size(); i++) {
            GradedAnswer g = graded.get(i);
            if (!counted.test(g)) continue;
            if (!unordered.contains(g.grader()) || newestAt.get(new AnswerGrader(g.answerId(), g.grader())) == i) latest.add(g);
        }
        return latest;
    }

    /**
     * One row of the cells of a group, in the order of their first grades: the order the graded answers they count come in,
     * so each passage's self-edits and runs are averaged in the order of their first answers, as answer by answer.
     */
    private static ResultRow row(String condition, String grader, String digest, List<ResultCell> cells,
                                 Map<Long, Double> runSeconds) {
        // passage -> self-edit (or none) -> run (or none) -> [correct, total]; none is NONE
        Map<Long, Map<Long, Map<Long, int[]>>> byPassage = new TreeMap<>();
        Map<Long, Set<Long>> questionsOfPassage = new TreeMap<>();
        Map<Long, String> lastQuestions = new HashMap<>();   // passage -> the question list last added
        Set<Long> runs = new HashSet<>();
        int correct = 0, answers = 0;
        // the maps of the previous cell's passage, self-edit and run: consecutive cells (answers) nearly always share them
        long passage = 0;
        Long selfEdit = null, run = null;
        Map<Long, Map<Long, int[]>> edits = null;
        Map<Long, int[]> runsOfEdit = null;
        Set<Long> questionsHere = null;
        String questionsAdded = null;
        int[] c = null;
        for (ResultCell a : cells) {
            Long e = a.selfEditId() == null ? NONE : a.selfEditId();
            Long r = a.runId() == null ? NONE : a.runId();
            if (edits == null || a.passageId() != passage) {
                if (edits != null) lastQuestions.put(passage, questionsAdded);
                passage = a.passageId();
                edits = byPassage.computeIfAbsent(passage, k -> new LinkedHashMap<>());
                questionsHere = questionsOfPassage.computeIfAbsent(passage, k -> new HashSet<>());
                questionsAdded = lastQuestions.get(passage);
                selfEdit = null;
            }
            if (selfEdit == null || !selfEdit.equals(e)) {
                selfEdit = e;
                runsOfEdit = edits.computeIfAbsent(e, k -> new LinkedHashMap<>());
                run = null;
            }
            if (run == null || !run.equals(r)) {
                run = r;
                c = runsOfEdit.computeIfAbsent(r, k -> new int[2]);
                if (a.runId() != null) runs.add(a.runId());
            }
            c[0] += a.correct();
            c[1] += a.answers();
            correct += a.correct();
            answers += a.answers();
            // the runs of a passage nearly always answer the same questions: a list the passage had already is not read again
            if (!a.questionIds().equals(questionsAdded)) {
                addQuestionIds(a.questionIds(), questionsHere);
                questionsAdded = a.questionIds();
            }
        }
        // a question is of one passage: the row's distinct questions are its passages' distinct questions
        int questions = 0;
        for (Set<Long> q : questionsOfPassage.values()) questions += q.size();
        List<ResultRow.PassageAccuracy> perPassage = new ArrayList<>();
        double[] accs = new double[byPassage.size()];
        int i = 0;
        for (Map.Entry<Long, Map<Long, Map<Long, int[]>>> p : byPassage.entrySet()) {
            double sumOverEdits = 0;
            int nRuns = 0;
            int nAnswers = 0;
            for (Map<Long, int[]> ofEdit : p.getValue().values()) {
                double sumOverRuns = 0;
                for (int[] counts : ofEdit.values()) {
                    sumOverRuns += counts[0] / (double) counts[1];
                    nAnswers += counts[1];
                }
                nRuns += ofEdit.size();
                sumOverEdits += sumOverRuns / ofEdit.size();
            }
            double acc = sumOverEdits / p.getValue().size();
            accs[i++] = acc;
            perPassage.add(new ResultRow.PassageAccuracy(p.getKey(), acc, questionsOfPassage.get(p.getKey()).size(), nAnswers,
                    nRuns));
        }
        double[] ci = tInterval(accs);
        // Only when every run of the row has a time: a partial sum would pass for the whole.
        double seconds = runs.isEmpty() ? Double.NaN : 0;
        for (Long id : runs) seconds += runSeconds.getOrDefault(id, Double.NaN);
        return new ResultRow(condition, grader, mean(accs), ci[0], ci[1], correct / (double) answers,
                accs.length, questions, answers, runs.size(), digest, perPassage, seconds);
    }

    /** The ids of a comma-separated list ({@link ResultCell#questionIds}) added to a set. */
    private static void addQuestionIds(String ids, Set<Long> to) {
        int from = 0;
        while (from <= ids.length()) {
            int comma = ids.indexOf(',', from);
            int end = comma < 0 ? ids.length() : comma;
            to.add(Long.parseLong(ids, from, end, 10));
            from = end + 1;
        }
    }

    /** A grade's (answer, grader): a later grade of the pair replaces an earlier one. */
    private record AnswerGrader(long answerId, String grader) {}

    /** The key of "no self-edit" and "no run" in {@link #row} (ids are positive). */
    private static final Long NONE = Long.MIN_VALUE;

    static double mean(double[] xs) {
        double s = 0;
        for (double x : xs) s += x;
        return xs.length == 0 ? Double.NaN : s / xs.length;
    }

    /**
     * {@code row} minus {@code baseline} on the passages both have, paired by passage: the mean difference of
     * per-passage accuracy with its 95 % t-interval (not clipped; NaN bounds below 2 passages). Sharper than comparing
     * the two rows' intervals, because the passages' own difficulty cancels.
     */
    public record PairedDifference(String condition, String baseline, String grader, String settingsDigest, double mean,
                                   double ciLow, double ciHigh, int passages) {}

    public static PairedDifference paired(ResultRow row, ResultRow baseline) {
        Map<Long, Double> base = new HashMap<>();
        for (ResultRow.PassageAccuracy p : baseline.passages()) base.put(p.passageId(), p.accuracy());
        List<Double> diffs = new ArrayList<>();
        for (ResultRow.PassageAccuracy p : row.passages()) {
            Double b = base.get(p.passageId());
            if (b != null) diffs.add(p.accuracy() - b);
        }
        double[] d = diffs.stream().mapToDouble(Double::doubleValue).toArray();
        double m = mean(d), half = halfWidth(d);
        return new PairedDifference(row.condition(), baseline.condition(), row.grader(), row.settingsDigest(), m, m - half,
                m + half, d.length);
    }

    /**
     * The comparisons SEAL's claims rest on, each paired by passage between two rows of the same grader and the same
     * settings digest (so the inner loop is the same and only the condition differs): every row against "passage
     * only" (SEAL's baseline), then every SEAL round against each "self-edits of" row (RL's gain over the model it
     * started from).
     */
    public List<PairedDifference> pairedComparisons() {
        List<PairedDifference> out = new ArrayList<>();
        pairAgainst(r -> r.condition().equals(Conditions.PASSAGE_ONLY), r -> true, out);
        pairAgainst(r -> Conditions.isSelfEdits(r.condition()), r -> Conditions.isSealRound(r.condition()), out);
        // Multi-passage (CPT): every CPT row against CPT on the passages only (their digests differ from single-passage rows').
        String cptPassageOnly = CptEvaluation.label(Conditions.PASSAGE_ONLY);
        pairAgainst(r -> r.condition().equals(cptPassageOnly), r -> CptEvaluation.isCpt(r.condition()), out);
        return out;
    }

    private void pairAgainst(Predicate<ResultRow> isBaseline, Predicate<ResultRow> isCompared,
                             List<PairedDifference> out) {
        for (ResultRow base : rows) {
            if (!isBaseline.test(base)) continue;
            for (ResultRow r : rows) {
                if (r == base || isBaseline.test(r) || !isCompared.test(r) || !r.grader().equals(base.grader())
                        || !r.settingsDigest().equals(base.settingsDigest())) continue;
                PairedDifference d = paired(r, base);
                if (d.passages() > 0) out.add(d);
            }
        }
    }

    /** Resamples and seed of the bootstrap interval the report shows for multi-passage (CPT) rows' micro accuracy. */
    public static final int MICRO_BOOTSTRAP_SAMPLES = 1000;
    public static final long MICRO_BOOTSTRAP_SEED = 42;
    public static final String MICRO_CI_METHOD = "95% percentile bootstrap over passages (" + MICRO_BOOTSTRAP_SAMPLES
            + " resamples, seed " + MICRO_BOOTSTRAP_SEED + ")";

    /** Whether a row is one of SEAL's multi-passage (CPT) conditions, whose number is the micro accuracy. */
    public static boolean isMultiPassage(ResultRow row) {
        return CptEvaluation.isCpt(row.condition());
    }

    /**
     * [low, high] of the row's micro accuracy by {@link Bootstrap#microInterval} over its passages (each passage's
     * correct count is its accuracy times its answers: exact for one run per passage, and for several runs with the
     * same questions, as CPT repeats have).
     */
    public static double[] microInterval(ResultRow row) {
        int n = row.passages().size();
        int[] correct = new int[n];
        int[] answers = new int[n];
        for (int i = 0; i < n; i++) {
            ResultRow.PassageAccuracy p = row.passages().get(i);
            answers[i] = p.answers();
            correct[i] = (int) Math.round(p.accuracy() * p.answers());
        }
        return Bootstrap.microInterval(correct, answers, MICRO_BOOTSTRAP_SAMPLES, MICRO_BOOTSTRAP_SEED);
    }

    /** [low, high] of the 95 % t-interval of the mean, clipped to [0, 1]; NaNs for fewer than 2 values. */
    static double[] tInterval(double[] xs) {
        double m = mean(xs), half = halfWidth(xs);
        return new double[] {Math.max(0, m - half), Math.min(1, m + half)};   // NaN stays NaN through max/min
    }

    /** t(0.975, n-1) * sd / sqrt(n): half the 95 % t-interval of the mean; NaN for fewer than 2 values. */
    private static double halfWidth(double[] xs) {
        int n = xs.length;
        if (n < 2) return Double.NaN;
        double m = mean(xs);
        double ss = 0;
        for (double x : xs) ss += (x - m) * (x - m);
        return StudentT.quantile(0.975, n - 1) * Math.sqrt(ss / (n - 1)) / Math.sqrt(n);
    }
}
