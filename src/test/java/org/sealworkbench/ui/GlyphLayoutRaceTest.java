package org.sealworkbench.ui;

import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.javafx.text.GlyphLayout;
import org.junit.jupiter.api.Test;

/** {@link GlyphLayoutRace}: JavaFX's shared glyph layout is never handed to two threads. */
class GlyphLayoutRaceTest {

    @Test
    void onceTakenTheSharedLayoutIsNeverHandedOutAgain() {
        assertTrue(GlyphLayoutRace.prevent());
        // Unguarded, a layout given back is the shared one, and the next caller gets that same object.
        GlyphLayout first = GlyphLayout.getInstance();
        first.dispose();
        GlyphLayout second = GlyphLayout.getInstance();
        second.dispose();
        assertNotSame(first, second, "a layout given back was handed out again");
        assertTrue(GlyphLayoutRace.prevent(), "a second call keeps the guard");
    }
}
