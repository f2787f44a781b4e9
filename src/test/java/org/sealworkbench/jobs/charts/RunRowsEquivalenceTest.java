package org.sealworkbench.jobs.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sealworkbench.jobs.charts.ChartsData.RunRow;
import org.sealworkbench.seal.Grade;
import org.sealworkbench.seal.ResultsTable;
import org.sealworkbench.store.ExperimentLog;
import org.sealworkbench.store.GradedAnswer;
import org.sealworkbench.store.LargeWorkspace;
import org.sealworkbench.util.CancelToken;

/**
 * The runs table (History, {@code seal runs}, the charts' Runs tab) counts each run's newest verdicts from the cells SQLite
 * counted ({@link ResultsTable#cells}), or where none were counted per run and verdict in SQLite ({@link
 * ExperimentLog#runVerdictCounts}), instead of reading every graded answer: the same rows, number for number, as counting
 * them in Java from the graded answers (what it did before), on a generated workspace of the large one's shape with the
 * cases that make counting hard added ({@link LargeWorkspace#writeWithHardCases}: regrades out of answer order, verdicts
 * that only start with "correct", a verdict in another case, a second grader, answers without a run, cancelled and failed
 * runs, a multi-passage run, a question answered twice).
 */
class RunRowsEquivalenceTest {
    @TempDir static Path tmp;
    static Path ws;

    @BeforeAll
    static void write() {
        ws = LargeWorkspace.writeWithHardCases(tmp.resolve("ws")).dir();
    }

    /**
     * Per run, per grader: {correct, answers} over the run's answers by each one's newest verdict of that grader, counted
     * answer by answer (the log lists grades oldest first): the straightforward count, as the runs table made it before.
     */
    static Map<Long, Map<String, int[]>> verdictCountsOfAnswers(List<GradedAnswer> graded) {
        Map<String, GradedAnswer> newest = new HashMap<>();   // answer and grader -> its newest grade
        for (GradedAnswer g : graded) if (g.runId() != null) newest.put(g.answerId() + "\0" + g.grader(), g);
        Map<Long, Map<String, int[]>> out = new HashMap<>();
        for (GradedAnswer g : newest.values()) {
            int[] c = out.computeIfAbsent(g.runId(), k -> new TreeMap<>()).computeIfAbsent(g.grader(), k -> new int[2]);
            if (Grade.isCorrectVerdict(g.verdict())) c[0]++;
            c[1]++;
        }
        return out;
    }

    @Test
    void theCellsCountTheNewestVerdictsOfEachRunAsTheGradedAnswersDo() {
        try (ExperimentLog log = ExperimentLog.open(ws)) {
            List<GradedAnswer> graded = log.gradedAnswers(null);
            Map<Long, Map<String, List<Integer>>> fromAnswers = plain(verdictCountsOfAnswers(graded));
            Map<Long, Map<String, List<Integer>>> fromCells = plain(ChartsService.verdictCounts(ResultsTable.cells(log)));
            assertEquals(fromAnswers, fromCells);
            assertEquals(fromAnswers, plain(ChartsService.storedVerdictCounts(log.runVerdictCounts())), "counted per verdict");
            // the added grades matter: counting every grade (not the newest of each answer and grader) gives other numbers
            Map<Long, Map<String, List<Integer>>> everyGrade = new TreeMap<>();
            for (GradedAnswer g : graded) {
                if (g.runId() == null) continue;
                List<Integer> c = everyGrade.computeIfAbsent(g.runId(), k -> new TreeMap<>())
                        .computeIfAbsent(g.grader(), k -> new ArrayList<>(List.of(0, 0)));
                if (Grade.isCorrectVerdict(g.verdict())) c.set(0, c.get(0) + 1);
                c.set(1, c.get(1) + 1);
            }
            assertNotEquals(everyGrade, fromCells, "the workspace has regraded answers");
            assertTrue(fromCells.values().stream().anyMatch(m -> m.containsKey("exact")), "a second grader");
            assertTrue(fromCells.values().stream().anyMatch(m -> m.containsKey("human:ana")), "hand verdicts");
        }
    }

    @Test
    void theRunsTableGivesTheRowsItGaveFromTheGradedAnswers() {
        try (ExperimentLog log = ExperimentLog.open(ws)) {
            CancelToken cancel = new CancelToken();
            List<RunRow> before = new ArrayList<>(ChartsService.innerLoopRuns(log, log.runs(),
                    verdictCountsOfAnswers(log.gradedAnswers(null)), cancel));
            before.addAll(ChartsService.fewShotRuns(log, cancel));
            List<RunRow> now = ChartsService.runs(log, cancel);
            assertEquals(before.size(), now.size());
            for (int i = 0; i < now.size(); i++) assertEquals(before.get(i), now.get(i), "row " + i);
            // either way of counting: from the result cells, or per run and verdict when none were counted
            assertEquals(before.subList(0, before.size() - ChartsService.fewShotRuns(log, cancel).size()),
                    ChartsService.innerLoopRuns(log, log.runs(), ChartsService.verdictCounts(ResultsTable.cells(log)), cancel));
            assertEquals(before.subList(0, before.size() - ChartsService.fewShotRuns(log, cancel).size()),
                    ChartsService.innerLoopRuns(log, log.runs(), ChartsService.storedVerdictCounts(log.runVerdictCounts()), cancel));
            assertTrue(now.stream().filter(r -> r.grader().equals("exact")).count() > 5, "rows of the second grader");
            for (String status : List.of("cancelled", "failed", "interrupted", "running")) {
                assertTrue(now.stream().anyMatch(r -> r.status().equals(status) && !Double.isNaN(r.accuracy())),
                        "a " + status + " run with graded answers");
            }
            assertTrue(now.stream().anyMatch(r -> r.passage().equals("several passages") && !Double.isNaN(r.accuracy())),
                    "a multi-passage run");
            // the charts' Runs tab shows the same rows
            assertEquals(now, new ChartsService(ws).read((d, t, m) -> { }, cancel).runs());
        }
    }

    /**
     * The runs table takes the result cells only when they were counted at the results' current stamp (the library counts
     * them whenever a workspace opens or changes): a grade added since makes it count per verdict again, not the cells.
     */
    @Test
    void theRunsTableTakesTheCellsOnlyWhenCountedAtTheCurrentStamp() {
        try (ExperimentLog log = ExperimentLog.open(ws)) {
            List<org.sealworkbench.store.ResultCell> cells = ResultsTable.cells(log);
            assertSame(cells, ResultsTable.cellsIfCounted(log));
            assertSame(cells, ResultsTable.cells(log), "not counted again");
            long answer = log.answersOfRun(log.runs().get(0).id()).get(0).id();
            log.addGrade(answer, "exact", "incorrect", 0);
            assertNull(ResultsTable.cellsIfCounted(log), "a grade since: not counted at this stamp");
            assertNotSame(cells, ResultsTable.cells(log));
            assertSame(ResultsTable.cells(log), ResultsTable.cellsIfCounted(log));
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
