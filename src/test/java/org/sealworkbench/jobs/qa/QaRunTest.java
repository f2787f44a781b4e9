package org.sealworkbench.jobs.qa;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The run picker's label: the self-edit is named once ("self-edit #7, self-edit 7" was shown). */
class QaRunTest {
    @Test
    void aLabelNamesTheSelfEditOnce() {
        assertEquals("passage only, repeat 2 (run 17)", new QaRun(17, "passage only", 2, null, 1, 0, "done").label());
        assertEquals("self-edit #7, repeat 1 (run 2)", new QaRun(2, "self-edit #7", 1, 7L, 1, 0, "done").label());
        assertEquals("self-edits, self-edit #9, repeat 1 (run 30)", new QaRun(30, "self-edits", 1, 9L, 1, 0, "done").label());
        assertEquals("self-edit #71, self-edit #7, repeat 1 (run 3)", new QaRun(3, "self-edit #71", 1, 7L, 1, 0, "done").label(),
                "#71 is another self-edit than #7");
    }

    @Test
    void theLiveLossTitleNamesTheRunOnce() {
        // the panel's title is "Run 765 · " + what() + " (stored)": what() must not say "(run 765)" again
        assertEquals("passage only, repeat 2", new QaRun(765, "passage only", 2, null, 1, 0, "done").what());
        assertEquals("self-edits, self-edit #9, repeat 1", new QaRun(30, "self-edits", 1, 9L, 1, 0, "done").what());
    }
}
