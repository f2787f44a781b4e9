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
            // A: 2/3 under both conditions, gain 0; B: no adaptation 2/2 against passage only 1/2, gain +0.5.
            assertEquals(2 / 3.0, lib.passages().get(0).bestAccuracy(), 1e-12);
            assertEquals(0.0, lib.passages().get(0).gain(), 1e-12);
            assertEquals(1.0, lib.passages().get(1).bestAccuracy(), 1e-12);
            assertEquals(0.5, lib.passages().get(1).gain(), 1e-12);
            long noRuns = c;
            assertTrue(lib.passages().stream().noneMatch(p -> p.passageId() == noRuns));
        }
    }
}
