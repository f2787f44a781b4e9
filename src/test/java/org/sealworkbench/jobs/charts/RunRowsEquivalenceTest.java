package org.sealworkbench.jobs.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sealworkbench.jobs.charts.ChartsData.RunRow;
import org.sealworkbench.seal.Grade;
import org.sealworkbench.store.AnswerRecord;
import org.sealworkbench.store.ExperimentLog;
import org.sealworkbench.store.GradedAnswer;
import org.sealworkbench.store.LargeWorkspace;
import org.sealworkbench.store.RunRecord;
import org.sealworkbench.util.CancelToken;

/**
 * The runs table (History, {@code seal runs}) counts each run's newest verdicts in SQLite ({@link
 * ExperimentLog#runVerdictCounts}) instead of reading every graded answer: the same rows, number for number, as counting
 * them in Java from the graded answers ({@link ChartsService#verdictCounts}, what it did before and what the charts still
 * do), on a generated workspace of the large one's shape with the cases that make counting hard added: answers graded again
 * by the same grader (later verdicts replacing earlier ones, out of answer order), verdicts that only start with "correct",
 * a verdict in another case, a second grader, and answers without a run.
 */
class RunRowsEquivalenceTest {
    @TempDir static Path tmp;
    static Path ws;

    @BeforeAll
    static void write() {
        ws = LargeWorkspace.write(tmp.resolve("ws"), LargeWorkspace.Size.SMALL).dir();
        try (ExperimentLog log = ExperimentLog.open(ws)) {
            List<RunRecord> runs = log.runs();
            log.inTransaction(() -> {
                // newest first, so the regrades come in falling answer order (the "unordered" path of newestGrades)
                for (int i = runs.size() - 1; i >= 0; i -= 7) {
                    List<AnswerRecord> answers = log.answersOfRun(runs.get(i).id());
                    AnswerRecord a = answers.get(i % answers.size());
                    log.addGrade(a.id(), "contains", i % 2 == 0 ? "correct" : "incorrect", i % 2 == 0 ? 1 : 0);
                    if (i % 3 == 0) log.addGrade(a.id(), "contains", "correct (checked by hand)", 1);
                    if (i % 5 == 0) log.addGrade(answers.get(0).id(), "contains", "Correct", 1);   // not a correct verdict
                    if (i % 11 == 0) log.addGrade(a.id(), "exact", "correct", 1);
                }
                // answers stored without a run (a run-less evaluation): in no run's row
                long question = log.questions(log.passages().get(0).id()).get(0).id();
                for (int i = 0; i < 3; i++) log.addGrade(log.addAnswer(question, null, "no adaptation", "x"), "contains", "correct", 1);
            });
        }
    }

    @Test
    void sqlitesCountsOfNewestVerdictsAreThoseCountedFromTheGradedAnswers() {
        try (ExperimentLog log = ExperimentLog.open(ws)) {
            List<GradedAnswer> graded = log.gradedAnswers(null);
            Map<Long, Map<String, List<Integer>>> fromAnswers = plain(ChartsService.verdictCounts(graded));
            Map<Long, Map<String, List<Integer>>> stored = plain(ChartsService.storedVerdictCounts(log.runVerdictCounts()));
            assertEquals(fromAnswers, stored);
            // the added grades matter: counting every grade (not the newest of each answer and grader) gives other numbers
            Map<Long, Map<String, List<Integer>>> everyGrade = new TreeMap<>();
            for (GradedAnswer g : graded) {
                if (g.runId() == null) continue;
                List<Integer> c = everyGrade.computeIfAbsent(g.runId(), k -> new TreeMap<>())
                        .computeIfAbsent(g.grader(), k -> new ArrayList<>(List.of(0, 0)));
                if (Grade.isCorrectVerdict(g.verdict())) c.set(0, c.get(0) + 1);
                c.set(1, c.get(1) + 1);
            }
            assertNotEquals(everyGrade, stored, "the workspace has regraded answers");
            assertTrue(stored.values().stream().anyMatch(m -> m.containsKey("exact")), "a second grader");
        }
    }

    @Test
    void theRunsTableGivesTheRowsItGaveFromTheGradedAnswers() {
        try (ExperimentLog log = ExperimentLog.open(ws)) {
            CancelToken cancel = new CancelToken();
            List<RunRow> before = new ArrayList<>(ChartsService.innerLoopRuns(log, log.runs(),
                    ChartsService.verdictCounts(log.gradedAnswers(null)), cancel));
            before.addAll(ChartsService.fewShotRuns(log, cancel));
            List<RunRow> now = ChartsService.runs(log, cancel);
            assertEquals(before.size(), now.size());
            for (int i = 0; i < now.size(); i++) assertEquals(before.get(i), now.get(i), "row " + i);
            assertTrue(now.stream().filter(r -> r.grader().equals("exact")).count() > 5, "rows of the second grader");
            // the charts' Runs tab (counted from the graded answers it reads for the results table) shows the same rows
            assertEquals(now, new ChartsService(ws).read((d, t, m) -> { }, cancel).runs());
        }
    }

    private static Map<Long, Map<String, List<Integer>>> plain(Map<Long, Map<String, int[]>> counts) {
        Map<Long, Map<String, List<Integer>>> out = new TreeMap<>();
        counts.forEach((run, byGrader) -> {
            Map<String, List<Integer>> m = new TreeMap<>();
            byGrader.forEach((g, c) -> m.put(g, Arrays.stream(c).boxed().toList()));
            out.put(run, m);
        });
        return out;
    }
}
