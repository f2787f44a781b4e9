package org.sealworkbench.jobs.qa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sealworkbench.data.Passage;
import org.sealworkbench.data.Question;
import org.sealworkbench.jobs.workspace.StoreWorkspaceService;
import org.sealworkbench.seal.Conditions;
import org.sealworkbench.seal.Grade;
import org.sealworkbench.seal.Graders;
import org.sealworkbench.store.ExperimentLog;

/** The library's QA columns read through the window's workspace service, on the hand-made {@link QaFixture}. */
class LibraryQaTest {
    @TempDir Path tmp;

    @Test
    void aFreshWorkspaceHasNoGraderAndNoNumbers() {
        try (StoreWorkspaceService ws = StoreWorkspaceService.open(tmp)) {
            assertEquals(LibraryQa.NONE, ws.libraryQa());
        }
    }

    @Test
    void theGraderThatGradedMostAnswersGivesBestAccuracyAndGainPerPassage() {
        QaFixture f = new QaFixture(tmp);
        long c;
        try (ExperimentLog log = ExperimentLog.open(tmp)) {
            c = log.addPassage(new Passage("C", "No runs here.", List.of(new Question("c?", "c"))), "t");
            // One exact-match grade and one human verdict: fewer than contains' ten, so contains stays the grader.
            Graders.store(log, f.answersRunB.get(1), Grade.of(true, null, "exact_match"));
        }
        try (QaService qa = QaService.open(tmp)) {
            qa.overrule(f.answersRunB.get(0), "ann", false, null);
        }
        try (StoreWorkspaceService ws = StoreWorkspaceService.open(tmp)) {
            LibraryQa lib = ws.libraryQa();
            assertEquals("contains", lib.grader());
            assertEquals(List.of(f.passageA, f.passageB), lib.passages().stream().map(PassageQaSummary::passageId).toList());
            // A: 2/3 under both conditions; B: no adaptation 2/2 against passage only 1/2. Neither has a self-edit
            // condition, so there is no gain to show (no adaptation is a baseline, not a self-edit's gain).
            assertEquals(2 / 3.0, lib.passages().get(0).bestAccuracy(), 1e-12);
            assertTrue(Double.isNaN(lib.passages().get(0).gain()));
            assertEquals(1.0, lib.passages().get(1).bestAccuracy(), 1e-12);
            assertEquals(Conditions.NO_ADAPTATION, lib.passages().get(1).bestCondition());
            assertTrue(Double.isNaN(lib.passages().get(1).gain()));
            long noRuns = c;
            assertTrue(lib.passages().stream().noneMatch(p -> p.passageId() == noRuns));
        }
    }

    @Test
    void gainIsTheBestSelfEditConditionsOverPassageOnlySoAHurtShowsBelowZero() {
        QaFixture f = new QaFixture(tmp);   // passage only: A 2/3, B 1/2
        try (ExperimentLog log = ExperimentLog.open(tmp)) {
            long model = log.findOrAddModel("/m", "llama", "m");
            // A: two self-edit conditions, both worse than passage only (1/3 and 0/3): the best of them, -1/3
            graded(log, model, f.passageA, "base self-edits", QaFixture.SETTINGS, true, false, false);
            graded(log, model, f.passageA, "seal round 1", QaFixture.SETTINGS, false, false, false);
            // B: a self-edit condition at 2/2 (+1/2), and one under other settings with no passage-only run there
            graded(log, model, f.passageB, "base self-edits", QaFixture.SETTINGS, true, true);
            graded(log, model, f.passageB, "seal round 1", "{\"k\":2}", true, true);
        }
        try (StoreWorkspaceService ws = StoreWorkspaceService.open(tmp)) {
            List<PassageQaSummary> lib = ws.libraryQa().passages();
            PassageQaSummary a = lib.get(0), b = lib.get(1);
            assertEquals(2 / 3.0, a.bestAccuracy(), 1e-12);
            assertEquals(Conditions.NO_ADAPTATION, a.bestCondition(), "the first of the conditions at 2/3 in the table's order");
            assertEquals(1 / 3.0 - 2 / 3.0, a.gain(), 1e-12, "self-edits hurt A: the best of them is a third below passage only");
            assertEquals(2 / 3.0, a.passageOnlyAccuracy(), 1e-12);
            assertEquals(1.0, b.bestAccuracy(), 1e-12);
            assertEquals(0.5, b.gain(), 1e-12);
        }
    }

    private static void graded(ExperimentLog log, long model, long passage, String condition, String settings, boolean... right) {
        long run = log.startRun(null, model, passage, null, condition, settings, 1);
        var questions = log.questions(passage);
        for (int i = 0; i < right.length; i++) {
            long a = log.addAnswer(questions.get(i).id(), run, condition, right[i] ? "yes" : "no");
            Graders.store(log, a, Grade.of(right[i], null, "contains"));
        }
        log.finishRun(run, "done");
    }
}
