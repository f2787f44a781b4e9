package org.sealworkbench.cli;

import org.sealworkbench.util.Progress;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.*;

/** Notes (e.g. a batch made smaller to fit memory) stay on screen and in logs; ordinary progress is redrawn in place. */
class TerminalProgressBarTest {
    @Test
    void aLogKeepsNotesAndLeavesOutProgress() {
        StringWriter out = new StringWriter();
        Progress p = TerminalProgressBar.forStderr(new PrintWriter(out));   // stderr of a test run is not a terminal
        p.update(1, 4, "round 1: 1 of 4 inner loops done");
        p.update(1, 4, Progress.NOTE + "round 1: 3 inner loops at once to fit memory");
        p.update(2, 4, "round 1: 2 of 4 inner loops done");
        assertEquals("note: round 1: 3 inner loops at once to fit memory" + System.lineSeparator(), out.toString());
    }

    @Test
    void theBarPrintsANoteOnALineOfItsOwn() {
        StringWriter out = new StringWriter();
        TerminalProgressBar bar = new TerminalProgressBar(new PrintWriter(out));
        bar.update(1, 4, "1 of 4 done");
        bar.update(1, 4, Progress.NOTE + "smaller batches");
        bar.update(2, 4, "2 of 4 done");
        String s = out.toString();
        assertTrue(s.contains("\rnote: smaller batches\n"), s);
        assertTrue(s.endsWith("2 of 4 done"), "the bar goes on below the note: " + s);
        assertEquals(1, s.split("\n", -1).length - 1, "one line ended, by the note: " + s);
    }
}
