package org.sealworkbench.seal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sealworkbench.store.ExperimentLog;
import org.sealworkbench.store.GradedAnswer;
import org.sealworkbench.store.LargeWorkspace;
import org.sealworkbench.store.ResultCell;

/**
 * The results table computed the fast way (each grader's newest grades found without a map when its answers come in order,
 * consecutive answers' groups and counters reused; or of the cells SQLite counts, without reading the answers) is the
 * table the straightforward computation over every graded answer gives, row for row and to the last bit: on random graded
 * answers with regrades out of order, several graders, multi-passage runs, answers without a run, continual steps, and
 * equal Strings that are not the same objects; and on a generated workspace with the hard cases.
 */
class ResultsTableEquivalenceTest {
    private static final List<String> CONDITIONS = List.of(Conditions.NO_ADAPTATION, Conditions.PASSAGE_ONLY,
            Conditions.selfEditsOf("tiny"), "RL round 1: self-edits", "RL round 1: no adaptation", "continual: step 1 of 2",
            "CPT: passage only");
    private static final List<String> SETTINGS = List.of("{\"lr\":1}", "{\"lr\": 1}", "{\"lr\":2}");
    private static final List<String> GRADERS = List.of("contains", "exact_match", "human:ana");
    private static final List<String> VERDICTS = List.of("correct", "incorrect", "correct (close enough)", "incorrect: empty");

    private static String maybeCopy(String s, Random r) {
        return r.nextBoolean() ? s : new String(s.toCharArray());   // equal, not the same object
    }

    private static List<GradedAnswer> random(long seed) {
        Random r = new Random(seed);
        List<GradedAnswer> out = new ArrayList<>();
        long gradeId = 1, answerId = 1;
        List<long[]> answers = new ArrayList<>();   // {answer, question, passage, run or -1, self-edit or -1, condition, settings}
        for (long run = 1; run <= 60; run++) {
            boolean withRun = r.nextInt(10) > 0;
            boolean cpt = r.nextInt(8) == 0;
            long passage = 1 + r.nextInt(12);
            long selfEdit = r.nextBoolean() ? -1 : 100 + r.nextInt(20);
            int condition = r.nextInt(CONDITIONS.size()), settings = r.nextInt(SETTINGS.size());
            for (int q = 0; q < 3 + (cpt ? 6 : 0); q++) {
                long p = cpt ? 1 + (q / 3) : passage;
                answers.add(new long[] {answerId++, p * 10 + q % 3, p, withRun ? run : -1, selfEdit, condition, settings});
            }
        }
        for (long[] a : answers) {
            for (String grader : GRADERS) {
                if (grader.startsWith("human") && r.nextInt(5) > 0) continue;
                out.add(graded(gradeId++, a, grader, r));
            }
        }
        // regrades, later and out of the answers' order: the newest must count
        for (int i = 0; i < 40; i++) out.add(graded(gradeId++, answers.get(r.nextInt(answers.size())), GRADERS.get(r.nextInt(2)), r));
        return out;
    }

    private static GradedAnswer graded(long gradeId, long[] a, String grader, Random r) {
        String settings = a[3] < 0 ? null : maybeCopy(SETTINGS.get((int) a[6]), r);
        return new GradedAnswer(gradeId, a[0], a[1], a[2], a[3] < 0 ? null : a[3], a[4] < 0 || a[3] < 0 ? null : a[4],
                a[3] < 0 ? null : 7L, maybeCopy(CONDITIONS.get((int) a[5]), r), settings, maybeCopy(grader, r),
                VERDICTS.get(r.nextInt(VERDICTS.size())), 0);
    }

    @Test
    void theFastTableIsTheStraightforwardOne() {
        int compared = 0;
        for (long seed = 1; seed <= 40; seed++) {
            List<GradedAnswer> graded = random(seed);
            Map<Long, Double> seconds = new HashMap<>();
            for (long run = 1; run <= 60; run++) if (run % 7 != 0) seconds.put(run, run * 1.5);
            List<String> graders = new ArrayList<>(GRADERS);
            graders.add(null);
            for (String grader : graders) {
                List<ResultRow> expected = reference(graded, grader, seconds);
                assertEquals(expected, ResultsTable.of(graded, grader, seconds).rows(), "seed " + seed + ", grader " + grader);
                compared += expected.size();
            }
        }
        assertTrue(compared > 500, "rows compared: " + compared);
    }

    @TempDir static Path tmp;

    /**
     * The table of the cells SQLite counts ({@link ResultsTable#cells}: per run, passage, condition and grader), what
     * {@code seal report}, the charts and the library show, is the straightforward table of every graded answer, on a
     * generated workspace of the large one's shape with the hard cases ({@link LargeWorkspace#writeWithHardCases}:
     * regrades out of order, hand verdicts, a second grader, cancelled, failed and running runs, a multi-passage run, a
     * question answered twice, runs of one passage answering different questions, answers without a run, another settings
     * digest): for each grader and all together, with run times, and for each experiment as {@code seal report
     * --experiment} reads it.
     */
    @Test
    void theTableOfTheCountedCellsIsTheTableOfEveryAnswer() {
        Path ws = LargeWorkspace.writeWithHardCases(tmp.resolve("ws")).dir();
        try (ExperimentLog log = ExperimentLog.open(ws)) {
            List<GradedAnswer> graded = log.gradedAnswers(null);
            Map<Long, Double> seconds = ResultsTable.runSeconds(log.runs());
            List<ResultCell> cells = ResultsTable.cells(log);
            assertTrue(cells.size() < graded.size() / 3, cells.size() + " cells of " + graded.size() + " graded answers");
            List<String> graders = new ArrayList<>(log.graderCounts().keySet());
            assertEquals(List.of("contains", "exact", "human:ana"), graders);
            graders.add(null);
            int rows = 0;
            for (String grader : graders) {
                List<ResultRow> expected = reference(graded, grader, seconds);
                assertEquals(expected, ResultsTable.ofCells(cells, grader, seconds).rows(), "grader " + grader);
                assertEquals(expected, ResultsTable.compute(log, null, grader).rows(), "seal report, grader " + grader);
                rows += expected.size();
            }
            assertTrue(rows >= 10, rows + " rows");
            for (var e : log.experiments()) {
                List<GradedAnswer> ofExperiment = log.gradedAnswers(e.id());
                assertEquals(reference(ofExperiment, null, seconds), ResultsTable.compute(log, e.id(), null).rows(),
                        "experiment " + e.id());
            }
            // the hard cases are there, and matter: counting every grade (not each answer's newest) gives another table
            List<ResultRow> all = reference(graded, null, seconds);
            // every run's settings (one of them written two ways: one digest), and the run-less answers' none
            java.util.Set<String> snapshots = new java.util.HashSet<>(), digests = new java.util.TreeSet<>(List.of(ResultRow.NO_SETTINGS));
            for (var r : log.runs()) {
                snapshots.add(r.settingsJson());
                digests.add(SealSettings.digestOf(r.settingsJson()));
            }
            assertTrue(snapshots.size() + 1 > digests.size(), "a snapshot written two ways: " + snapshots.size() + " snapshots");
            assertEquals(digests, new java.util.TreeSet<>(all.stream().map(ResultRow::settingsDigest).toList()));
            assertTrue(digests.size() >= 4, "digests: " + digests);
            assertTrue(all.stream().anyMatch(r -> r.condition().startsWith("CPT: ")), "a multi-passage row");
            assertTrue(cells.stream().anyMatch(c -> c.questionIds().split(",").length
                    > java.util.Arrays.stream(c.questionIds().split(",")).distinct().count()), "a question answered twice");
            assertNotEquals(all, reference(everyGradeNewest(graded), null, seconds), "regrades change the table");
        }
    }

    /** Every grade as if it were its answer's only one (each given an answer of its own): the regrades counted too. */
    private static List<GradedAnswer> everyGradeNewest(List<GradedAnswer> graded) {
        List<GradedAnswer> out = new ArrayList<>();
        for (GradedAnswer g : graded) {
            out.add(new GradedAnswer(g.gradeId(), -g.gradeId(), g.questionId(), g.passageId(), g.runId(), g.selfEditId(),
                    g.experimentId(), g.condition(), g.settingsJson(), g.grader(), g.verdict(), g.score()));
        }
        return out;
    }

    // ---- the computation as it was before it was made fast (commit 6a3ee04), kept as the reference -------------------

    private static List<ResultRow> reference(List<GradedAnswer> graded, String grader, Map<Long, Double> runSeconds) {
        Map<String, GradedAnswer> latest = new LinkedHashMap<>();
        for (GradedAnswer g : graded) {
            if (grader != null && !grader.equals(g.grader())) continue;
            if (Continual.isStep(g.condition())) continue;
            latest.remove(g.answerId() + "\0" + g.grader());
            latest.put(g.answerId() + "\0" + g.grader(), g);
        }
        Map<String, String> digestOf = new HashMap<>();
        Map<List<String>, List<GradedAnswer>> groups = new LinkedHashMap<>();
        Map<List<String>, Long> firstSeen = new LinkedHashMap<>();
        for (GradedAnswer g : latest.values()) {
            String digest = g.settingsJson() == null ? ResultRow.NO_SETTINGS : digestOf.computeIfAbsent(g.settingsJson(), SealSettings::digestOf);
            List<String> key = List.of(g.condition(), g.grader(), digest);
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(g);
            firstSeen.merge(key, g.gradeId(), Math::min);
        }
        List<ResultRow> rows = new ArrayList<>();
        for (Map.Entry<List<String>, List<GradedAnswer>> e : groups.entrySet()) {
            rows.add(row(e.getKey().get(0), e.getKey().get(1), e.getKey().get(2), e.getValue(), runSeconds));
        }
        rows.sort(Comparator.comparingInt((ResultRow r) -> Conditions.rank(r.condition()))
                .thenComparingLong(r -> firstSeen.get(List.of(r.condition(), r.grader(), r.settingsDigest())))
                .thenComparing(ResultRow::grader));
        return rows;
    }

    private static ResultRow row(String condition, String grader, String digest, List<GradedAnswer> answers,
                                 Map<Long, Double> runSeconds) {
        Map<Long, Map<String, Map<String, int[]>>> byPassage = new TreeMap<>();
        Set<Long> questions = new HashSet<>();
        Map<Long, Set<Long>> questionsOfPassage = new TreeMap<>();
        Set<Long> runs = new HashSet<>();
        int correct = 0;
        for (GradedAnswer a : answers) {
            String selfEdit = a.selfEditId() == null ? "-" : a.selfEditId().toString();
            String run = a.runId() == null ? "-" : a.runId().toString();
            int[] c = byPassage.computeIfAbsent(a.passageId(), k -> new LinkedHashMap<>())
                    .computeIfAbsent(selfEdit, k -> new LinkedHashMap<>())
                    .computeIfAbsent(run, k -> new int[2]);
            if (Grade.isCorrectVerdict(a.verdict())) {
                c[0]++;
                correct++;
            }
            c[1]++;
            questions.add(a.questionId());
            questionsOfPassage.computeIfAbsent(a.passageId(), k -> new HashSet<>()).add(a.questionId());
            if (a.runId() != null) runs.add(a.runId());
        }
        List<ResultRow.PassageAccuracy> perPassage = new ArrayList<>();
        double[] accs = new double[byPassage.size()];
        int i = 0;
        for (Map.Entry<Long, Map<String, Map<String, int[]>>> p : byPassage.entrySet()) {
            double sumOverEdits = 0;
            int nRuns = 0;
            int nAnswers = 0;
            for (Map<String, int[]> runsOfEdit : p.getValue().values()) {
                double sumOverRuns = 0;
                for (int[] c : runsOfEdit.values()) {
                    sumOverRuns += c[0] / (double) c[1];
                    nAnswers += c[1];
                }
                nRuns += runsOfEdit.size();
                sumOverEdits += sumOverRuns / runsOfEdit.size();
            }
            double acc = sumOverEdits / p.getValue().size();
            accs[i++] = acc;
            perPassage.add(new ResultRow.PassageAccuracy(p.getKey(), acc, questionsOfPassage.get(p.getKey()).size(), nAnswers,
                    nRuns));
        }
        double[] ci = ResultsTable.tInterval(accs);
        double seconds = runs.isEmpty() ? Double.NaN : 0;
        for (Long run : runs) seconds += runSeconds.getOrDefault(run, Double.NaN);
        return new ResultRow(condition, grader, ResultsTable.mean(accs), ci[0], ci[1], correct / (double) answers.size(),
                accs.length, questions.size(), answers.size(), runs.size(), digest, perPassage, seconds);
    }
}
