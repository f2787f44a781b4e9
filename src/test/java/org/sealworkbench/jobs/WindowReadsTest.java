package org.sealworkbench.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sealworkbench.jobs.annotate.AnnotationService;
import org.sealworkbench.jobs.charts.ChartsData.RunRow;
import org.sealworkbench.jobs.charts.ChartsService;
import org.sealworkbench.jobs.history.HistoryService;
import org.sealworkbench.jobs.qa.LibraryQa;
import org.sealworkbench.jobs.qa.QaRun;
import org.sealworkbench.jobs.qa.QaService;
import org.sealworkbench.jobs.workspace.PassageItem;
import org.sealworkbench.jobs.workspace.StoreWorkspaceService;
import org.sealworkbench.seal.Conditions;
import org.sealworkbench.store.ExperimentLog;
import org.sealworkbench.store.LargeWorkspace;
import org.sealworkbench.store.PassageSummary;
import org.sealworkbench.store.RunRecord;
import org.sealworkbench.store.SelfEditRecord;
import org.sealworkbench.util.CancelToken;

/**
 * What the window reads of a workspace of the large one's shape ({@link LargeWorkspace.Size#SMALL}), by the reads that
 * replaced per-passage and whole-table ones: the library's contexts and cached QA numbers, a passage's runs, the runs table
 * cached between reads that find nothing new, the Annotate tab's authors.
 */
class WindowReadsTest {
    @TempDir static Path tmp;
    static Path ws;

    @BeforeAll
    static void write() {
        ws = LargeWorkspace.write(tmp.resolve("ws"), LargeWorkspace.Size.SMALL).dir();
    }

    @Test
    void theLibrarysQaNumbersAreComputedOnceAndAgainOnlyWhenAGradeCame() {
        try (StoreWorkspaceService service = StoreWorkspaceService.open(ws)) {
            Map<Long, String> contexts = service.passageContexts();
            for (PassageItem p : service.passages()) assertEquals(service.passage(p.id()).orElseThrow().context(), contexts.get(p.id()));
            assertEquals(Optional.empty(), service.libraryQaIfCurrent(), "nothing computed yet");
            LibraryQa qa = service.libraryQa();
            LibraryQa expected;
            try (ExperimentLog log = ExperimentLog.open(ws)) {
                expected = QaService.libraryQa(log);
            }
            assertEquals(expected, qa);
            assertEquals("contains", qa.grader());
            LargeWorkspace.Size s = LargeWorkspace.Size.SMALL;
            assertEquals(s.passages() - (s.rlPassagesPerRound() - s.rlPassagesPerRound() / 2), qa.passages().size(),
                    "every passage with a graded run");
            assertSame(qa, service.libraryQaIfCurrent().orElseThrow(), "nothing graded since: the same numbers");
            assertSame(qa, service.libraryQa());
            // the command line grades an answer meanwhile
            try (ExperimentLog log = ExperimentLog.open(ws)) {
                long answer = log.answersOfRun(log.runs().get(0).id()).get(0).id();
                log.addGrade(answer, "contains", "correct", 1);
            }
            assertEquals(Optional.empty(), service.libraryQaIfCurrent());
            LibraryQa again = service.libraryQa();
            assertNotSame(qa, again);
            assertSame(again, service.libraryQaIfCurrent().orElseThrow());
        }
    }

    @Test
    void aPassagesRunsAreItsOwnInTheMethodsOrder() {
        LargeWorkspace.Size s = LargeWorkspace.Size.SMALL;
        try (QaService qa = QaService.open(ws); ExperimentLog log = ExperimentLog.open(ws)) {
            long first = log.passages().get(0).id();
            List<QaRun> runs = qa.runs(first);
            assertEquals(2 + s.selfEditsPerPassage() * s.repeats(), runs.size());
            assertEquals(Conditions.NO_ADAPTATION, runs.get(0).condition());
            assertEquals(Conditions.PASSAGE_ONLY, runs.get(1).condition());
            assertEquals(List.of(1, 2, 3), runs.subList(2, 5).stream().map(QaRun::repeat).toList(), "a self-edit's repeats, oldest first");
            List<Long> own = log.runs().stream().filter(r -> Long.valueOf(first).equals(r.passageId()) && "done".equals(r.status()))
                    .map(RunRecord::id).sorted().toList();
            assertEquals(own, runs.stream().map(QaRun::runId).sorted().toList());
            var table = qa.table(first, runs.get(4).runId());
            assertEquals(s.questionsPerPassage(), table.rows().size());
            assertEquals(runs.get(0).runId(), table.baseline().runId(), "measured against the passage's no-adaptation run");
            assertTrue(table.rows().stream().allMatch(r -> r.after() != null && !r.after().automatic().isEmpty()));
        }
    }

    @Test
    void theRunsTableIsReadAgainOnlyWhenARunOrGradeChanged() {
        HistoryService history = new HistoryService(ws);
        List<RunRow> rows = history.runs(new CancelToken());
        try (ExperimentLog log = ExperimentLog.open(ws)) {
            assertEquals(ChartsService.runs(log, new CancelToken()), rows, "the rows of seal runs");
            long pairs = log.gradedAnswers(null).stream().map(g -> g.runId() + " " + g.grader()).distinct().count();
            assertEquals(pairs, rows.size(), "one row per run and grader (contains, and a person's on some)");
            assertTrue(pairs > log.runs().size());
            assertSame(rows, history.runs(new CancelToken()), "nothing new: the same rows, nothing computed");
            log.addPassage(new org.sealworkbench.data.Passage("Unrun", "No run yet.", List.of()), "later.json");
            assertSame(rows, history.runs(new CancelToken()), "a new passage changes no run's row");
            long model = log.models().get(0).id();
            long passage = log.passages().get(0).id();
            long run = log.startRun(null, model, passage, null, Conditions.NO_ADAPTATION, "{}", 99);
            List<RunRow> started = history.runs(new CancelToken());
            assertEquals(rows.size() + 1, started.size());
            assertEquals("running", started.get(rows.size()).status());
            log.finishRun(run, "failed");
            assertEquals("failed", history.runs(new CancelToken()).get(rows.size()).status(), "a run's new status is read");

            // the Charts tab takes the rows the History tab worked out when nothing changed since, and the other way round
            List<RunRow> now = history.runs(new CancelToken());
            org.sealworkbench.util.Progress none = org.sealworkbench.util.Progress.none();
            assertSame(now, new ChartsService(ws).read(none, new CancelToken()).runs());
            long answer = log.answersOfRun(log.runs().get(0).id()).get(0).id();
            log.addGrade(answer, "contains", "correct", 1);
            List<RunRow> charts = new ChartsService(ws).read(none, new CancelToken()).runs();
            assertNotSame(now, charts, "a grade since: worked out again");
            assertEquals(ChartsService.runs(log, new CancelToken()), charts);
            assertSame(charts, history.runs(new CancelToken()));
        }
    }

    @Test
    void theAnnotateTabsAuthorsCountEverySelfEditOfThePassages() {
        try (AnnotationService a = AnnotationService.open(ws); ExperimentLog log = ExperimentLog.open(ws)) {
            Map<String, Integer> expected = new LinkedHashMap<>();
            Map<Long, String> models = new java.util.HashMap<>();
            log.models().forEach(m -> models.put(m.id(), m.name()));
            for (PassageSummary p : log.passages()) {
                for (SelfEditRecord e : log.selfEdits(p.id())) expected.merge(models.getOrDefault(e.modelId(), "?"), 1, Integer::sum);
            }
            Map<String, Integer> read = new LinkedHashMap<>();
            a.authors().forEach(o -> read.put(o.author(), o.selfEdits()));
            assertEquals(expected, read);
        }
    }
}
