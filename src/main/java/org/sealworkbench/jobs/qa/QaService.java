package org.sealworkbench.jobs.qa;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import org.sealworkbench.seal.Conditions;
import org.sealworkbench.seal.Ending;
import org.sealworkbench.seal.Grade;
import org.sealworkbench.seal.HumanGrade;
import org.sealworkbench.seal.InnerLoop;
import org.sealworkbench.seal.ResultRow;
import org.sealworkbench.seal.ResultsTable;
import org.sealworkbench.store.AnswerRecord;
import org.sealworkbench.store.ExperimentLog;
import org.sealworkbench.store.GradeRecord;
import org.sealworkbench.store.PassageDetail;
import org.sealworkbench.store.QuestionRecord;
import org.sealworkbench.store.RunRecord;

/**
 * What the window shows of closed-book QA results, read from a workspace's log into this package's own records (the
 * window may not touch the store): a passage's stored runs, a run's answers question by question against the passage's
 * no-adaptation answers with every grader's verdict, a person's overruling of a verdict (stored as a new
 * {@code human:NAME} grade beside the automatic one, which is never changed), and per-passage summaries for the library.
 * Every method reads or writes the database: call it off the FX thread. Safe to share between threads.
 */
public final class QaService implements AutoCloseable {
    public static final String HUMAN_PREFIX = HumanGrade.PREFIX;

    private final ExperimentLog log;

    private QaService(ExperimentLog log) {
        this.log = log;
    }

    /** Opens the workspace's log (creating nothing but what opening a workspace creates). */
    public static QaService open(Path workspace) {
        return new QaService(ExperimentLog.open(workspace));
    }

    /**
     * The passage's done runs, by condition in SEAL's order then oldest first, each with its repeat number. A run that
     * covers many passages (multi-passage CPT: no passage of its own) is one of them when it answered this passage's questions.
     */
    public List<QaRun> runs(long passageId) {
        // By index: the passage's own runs, and the runs without a passage that answered its questions (it read every
        // run of the workspace, and every answer of each passage-less run, on each selection: 0.6-1.5 s at 85,000 runs).
        List<RunRecord> done = new ArrayList<>();
        for (RunRecord r : log.runsOfPassage(passageId)) if (InnerLoop.DONE.equals(r.status())) done.add(r);
        for (RunRecord r : log.passagelessRunsAnswering(passageId)) if (InnerLoop.DONE.equals(r.status())) done.add(r);
        done.sort(Comparator.comparingLong(RunRecord::id));
        Map<String, Integer> repeats = new HashMap<>();
        List<QaRun> out = new ArrayList<>();
        for (RunRecord r : done) {   // ascending id: repeat numbers count oldest first
            int n = repeats.merge(r.condition() + "\0" + r.selfEditId(), 1, Integer::sum);
            out.add(new QaRun(r.id(), r.condition(), n, r.selfEditId(), r.modelId(), r.seed(), r.status()));
        }
        out.sort(Comparator.comparingInt((QaRun q) -> conditionRank(q.condition())).thenComparingLong(QaRun::runId));
        return out;
    }

    private static int conditionRank(String condition) {
        // Conditions.rank is the method's order; it is package-private there, so the same order by its public labels.
        if (condition.endsWith(Conditions.NO_ADAPTATION)) return 0;
        if (condition.endsWith(Conditions.PASSAGE_ONLY)) return 1;
        return 2;
    }

    /**
     * The QA table of one run of the passage. Before = the passage's no-adaptation run: one of the same family of
     * labels ("RL round 1: no adaptation" for "RL round 1: self-edits") first, then by the same model, then the newest.
     */
    public QaTable table(long passageId, long runId) {
        PassageDetail p = log.passage(passageId)
                .orElseThrow(() -> new IllegalArgumentException(log.databaseFile() + ": no passage with id " + passageId));
        List<QaRun> runs = runs(passageId);
        QaRun run = runs.stream().filter(r -> r.runId() == runId).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(log.databaseFile() + ": no done run " + runId + " of passage " + passageId));
        QaRun baseline = baselineOf(run, runs);
        TreeSet<String> graders = new TreeSet<>();
        Map<Long, QaAnswer> after = answers(run.runId(), graders);
        Map<Long, QaAnswer> before = baseline == null || baseline.runId() == run.runId() ? Map.of() : answers(baseline.runId(), graders);
        if (baseline != null && baseline.runId() == run.runId()) before = after;
        List<QaRow> rows = new ArrayList<>();
        for (QuestionRecord q : p.questions()) {
            rows.add(new QaRow(q.id(), q.ordinal(), q.question(), q.answer(), before.get(q.id()), after.get(q.id())));
        }
        return new QaTable(passageId, p.title(), run, baseline, new ArrayList<>(graders), rows);
    }

    private static QaRun baselineOf(QaRun run, List<QaRun> runs) {
        String family = family(run.condition());
        QaRun best = null;
        int bestScore = -1;
        for (QaRun r : runs) {
            if (r.selfEditId() != null || !r.condition().endsWith(Conditions.NO_ADAPTATION)) continue;
            int score = (family(r.condition()).equals(family) ? 2 : 0) + (r.modelId() == run.modelId() ? 1 : 0);
            if (score > bestScore || (score == bestScore && r.runId() > best.runId())) {
                best = r;
                bestScore = score;
            }
        }
        return best;
    }

    /** "RL round 1" of "RL round 1: self-edits"; "" for a plain label. */
    private static String family(String condition) {
        int colon = condition.indexOf(": ");
        return colon < 0 ? "" : condition.substring(0, colon);
    }

    /** The run's answers by question id (the newest answer per question), with their grades; adds grader names found. */
    private Map<Long, QaAnswer> answers(long runId, TreeSet<String> graders) {
        Map<Long, QaAnswer> out = new HashMap<>();
        Map<Long, List<GradeRecord>> grades = log.gradesOfRun(runId);
        for (AnswerRecord a : log.answersOfRun(runId)) {
            Map<String, Verdict> automatic = new LinkedHashMap<>();
            Verdict human = null;
            for (GradeRecord g : grades.getOrDefault(a.id(), List.of())) {   // oldest first: a later grade by the same grader replaces
                Verdict v = new Verdict(g.grader(), Grade.isCorrectVerdict(g.verdict()), g.verdict());
                if (v.human()) {
                    human = v;
                } else {
                    automatic.remove(g.grader());
                    automatic.put(g.grader(), v);
                    graders.add(g.grader());
                }
            }
            out.put(a.questionId(), new QaAnswer(a.id(), a.text(), Ending.of(a.finish(), a.finishLimit()),
                    new ArrayList<>(automatic.values()), human));
        }
        return out;
    }

    /**
     * A person's verdict on a stored answer, stored as a new grade by {@code human:ANNOTATOR} (note optional, kept in
     * the verdict); the automatic grades stay as they were. Returns the grade's id.
     */
    public long overrule(long answerId, String annotator, boolean correct, String note) {
        return new HumanGrade(annotator, correct, note).record(log, answerId);
    }

    /**
     * Per passage with graded runs: the best stored per-passage accuracy by this grader over every condition and
     * settings digest, and its gain over "passage only" under the same settings digest; in passage id order.
     */
    public List<PassageQaSummary> passageSummaries(String grader) {
        return passageSummaries(log, grader);
    }

    /**
     * The library's numbers, read from a log the caller keeps open (the window's workspace service): by the automatic
     * grader that graded the most answers (ties: the first by name), {@link LibraryQa#NONE} when nothing is graded.
     */
    public static LibraryQa libraryQa(ExperimentLog log) {
        Map<String, Long> counts = new java.util.TreeMap<>(log.graderCounts());   // every grade is of a graded answer
        counts.keySet().removeIf(g -> g.startsWith(HUMAN_PREFIX));
        String grader = null;
        for (var e : counts.entrySet()) if (grader == null || e.getValue() > counts.get(grader)) grader = e.getKey();
        return grader == null ? LibraryQa.NONE : new LibraryQa(grader, passageSummaries(log, grader));
    }

    /**
     * Per passage: the best accuracy over every stored condition (and that condition), and the gain of its best
     * self-edit condition (any but no adaptation and passage only) over passage only under the same settings digest,
     * NaN when there is none to compare. The gain is the self-edits' own, so it is negative where every self-edit did
     * worse than training on the passage alone (the best condition's gain over passage only could never show that: with
     * passage only best, it read 0).
     */
    private static List<PassageQaSummary> passageSummaries(ExperimentLog log, String grader) {
        Objects.requireNonNull(grader, "grader");
        // The table's accuracies without its run times (which need every run read): only the accuracies are used here. Of
        // the counted cells the Charts and History tabs take too (ResultsTable.cells), not of every graded answer.
        ResultsTable t = ResultsTable.ofCells(ResultsTable.cells(log), grader, Map.of());
        Map<String, Map<Long, Double>> passageOnly = new HashMap<>();   // digest -> passage -> accuracy
        for (ResultRow row : t.rows()) {
            if (!row.condition().equals(Conditions.PASSAGE_ONLY)) continue;
            Map<Long, Double> byPassage = passageOnly.computeIfAbsent(row.settingsDigest(), d -> new HashMap<>());
            for (ResultRow.PassageAccuracy pa : row.passages()) byPassage.put(pa.passageId(), pa.accuracy());
        }
        Map<Long, ResultRow.PassageAccuracy> best = new java.util.TreeMap<>();
        Map<Long, String> bestCondition = new HashMap<>();
        Map<Long, double[]> gain = new HashMap<>();   // passage -> {gain, passage-only accuracy}
        for (ResultRow row : t.rows()) {
            boolean selfEdits = !row.condition().equals(Conditions.PASSAGE_ONLY) && !row.condition().equals(Conditions.NO_ADAPTATION);
            Map<Long, Double> po = passageOnly.getOrDefault(row.settingsDigest(), Map.of());
            for (ResultRow.PassageAccuracy pa : row.passages()) {
                ResultRow.PassageAccuracy old = best.get(pa.passageId());
                if (old == null || pa.accuracy() > old.accuracy()) {   // the first of equals keeps its place
                    best.put(pa.passageId(), pa);
                    bestCondition.put(pa.passageId(), row.condition());
                }
                Double base = po.get(pa.passageId());
                if (!selfEdits || base == null) continue;
                double[] g = gain.get(pa.passageId());
                if (g == null || pa.accuracy() - base > g[0]) gain.put(pa.passageId(), new double[] {pa.accuracy() - base, base});
            }
        }
        List<PassageQaSummary> out = new ArrayList<>();
        for (var e : best.entrySet()) {
            double[] g = gain.getOrDefault(e.getKey(), new double[] {Double.NaN, Double.NaN});
            out.add(new PassageQaSummary(e.getKey(), e.getValue().accuracy(), bestCondition.get(e.getKey()), g[1], g[0]));
        }
        return out;
    }

    /** The automatic graders that graded anything in the workspace, by name. */
    public List<String> graders() {
        TreeSet<String> names = new TreeSet<>(log.graderCounts().keySet());
        names.removeIf(g -> g.startsWith(HUMAN_PREFIX));
        return new ArrayList<>(names);
    }

    @Override
    public void close() {
        log.close();
    }
}
