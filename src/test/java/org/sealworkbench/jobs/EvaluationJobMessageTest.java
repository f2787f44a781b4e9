package org.sealworkbench.jobs;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sealworkbench.seal.Evaluation;
import org.sealworkbench.util.Progress;

/**
 * What a condition's progress says inside a job of several: its label in front, but a note stays a note; and what the
 * job says when it ends.
 */
class EvaluationJobMessageTest {
    @Test
    void severalConditionsLabelTheirMessagesButNotTheirNotes() {
        assertEquals("passage-only: 3 passages done", EvaluationJob.conditionMessage(2, "passage-only", "3 passages done"));
        assertEquals("3 passages done", EvaluationJob.conditionMessage(1, "passage-only", "3 passages done"));
        String note = Progress.NOTE + "self-edits of seal-tiny: 16 inner loops at once (adapter batch 16 on 1 worker) to fit memory";
        assertEquals(note, EvaluationJob.conditionMessage(2, "self-edits:seal-tiny", note));
        assertNull(EvaluationJob.conditionMessage(2, "passage-only", null));
    }

    @Test
    void theJobsMeterPassesSuchANoteWithoutAnEta() {
        StringBuilder seen = new StringBuilder();
        ProgressMeter meter = new ProgressMeter((d, t, m) -> seen.append(m).append('|'));
        String note = EvaluationJob.conditionMessage(2, "self-edits:seal-tiny", Progress.NOTE + "16 inner loops at once to fit memory");
        meter.report(500, 2000, note, false);
        assertEquals(note + "|", seen.toString());
    }

    @Test
    void aResultSaysItsAccuracyInPercentOverItsPassagesCounted() {
        assertEquals("passage only: macro accuracy 16.7 % over 1 passage",
                EvaluationJob.resultMessage(new Evaluation.Result("passage only", 3, List.of(7L), 1.0 / 6, 3)));
        assertEquals("self-edits of seal-tiny: macro accuracy 40.0 % over 2 passages",
                EvaluationJob.resultMessage(new Evaluation.Result("self-edits of seal-tiny", 3, List.of(7L, 8L), 0.4, 6)));
        assertEquals("cpt:passage-only: micro accuracy 12.5 % [5.0, 20.0] over 3 passages trained together",
                EvaluationJob.resultMessage(new Evaluation.Result("cpt:passage-only", 4, List.of(1L, 2L, 3L), 0.1, 1,
                        0.125, 0.05, 0.2)));
    }
}
