package org.sealworkbench.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** What a generation job says when it ends, counted right for one passage and for several. */
class GenerationJobMessageTest {
    @Test
    void onePassageHasItsSelfEditsSeveralHaveThemEach() {
        assertEquals("1 passage has 5 self-edits", GenerationJob.resultMessage(1, 5));
        assertEquals("3 passages have 5 self-edits each", GenerationJob.resultMessage(3, 5));
        assertEquals("2 passages have 1 self-edit each", GenerationJob.resultMessage(2, 1));
    }
}
