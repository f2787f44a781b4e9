package org.sealworkbench.util;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

/** A message within a larger job keeps its note first, where the terminal, the job meter and the window look for it. */
class ProgressTest {
    @Test
    void aPrefixGoesInFrontOfAMessageAndAfterANotesMark() {
        assertEquals("round 2: 3 of 8 passages", Progress.prefixed("round 2", "3 of 8 passages"));
        String note = Progress.prefixed("round 2", Progress.NOTE + "4 inner loops at once to fit memory");
        assertEquals("note: round 2: 4 inner loops at once to fit memory", note);
        assertTrue(note.startsWith(Progress.NOTE));
        assertNull(Progress.prefixed("round 2", null));
        assertEquals("note: 4 at once", Progress.note("4 at once"));
        assertTrue(Progress.isNote(Progress.note("4 at once")));
        assertEquals("4 at once", Progress.noteText(Progress.note("4 at once")));
        assertFalse(Progress.isNote(null));
        assertFalse(Progress.isNote("round 2: note: not at the start"));
    }
}
