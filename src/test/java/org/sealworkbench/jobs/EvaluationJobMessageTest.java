package org.sealworkbench.jobs;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;
import org.sealworkbench.util.Progress;

/** What a condition's progress says inside a job of several: its label in front, but a note stays a note. */
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
}
