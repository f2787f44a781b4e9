package org.sealworkbench.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class WindowPlacementTest {
    @Test
    void theDefaultSizeFitsBesideAFrameOnALargeScreen() {
        WindowPlacement p = WindowPlacement.of(1400, 900, false, 1600, 1000, true);
        assertEquals(1400, p.width());
        assertEquals(900, p.height());
        assertFalse(p.maximized());
    }

    @Test
    void aFirstStartOnALaptopScreenOpensMaximisedWithAFittingRestoredSize() {
        // session 22: 1280x800 content inside metacity's title bar put the status bar below the screen
        WindowPlacement p = WindowPlacement.of(1400, 900, false, 1280, 800, true);
        assertTrue(p.maximized());
        assertEquals(1280 - WindowPlacement.FRAME_WIDTH, p.width());
        assertEquals(800 - WindowPlacement.FRAME_HEIGHT, p.height());
    }

    @Test
    void contentAsTallAsTheScreenLeavesNoRoomForATitleBarSoItMaximises() {
        WindowPlacement p = WindowPlacement.of(1200, 800, false, 1280, 800, true);
        assertTrue(p.maximized());
        assertEquals(1200, p.width(), "the width fits and is kept for un-maximising");
        assertEquals(752, p.height());
    }

    @Test
    void aRememberedSizeThatFitsIsKeptAndTheMaximisedStateIsRestored() {
        assertFalse(WindowPlacement.of(1200, 740, false, 1280, 800, true).maximized());
        WindowPlacement p = WindowPlacement.of(1200, 740, true, 1280, 800, true);
        assertTrue(p.maximized());
        assertEquals(1200, p.width());
        assertEquals(740, p.height());
    }

    @Test
    void neverBelowTheWindowsMinimumUnlessTheScreenIsSmaller() {
        WindowPlacement p = WindowPlacement.of(800, 500, false, 820, 530, true);
        assertEquals(WindowPlacement.MIN_WIDTH, p.width(), "800 fits the screen though not beside a frame");
        assertEquals(WindowPlacement.MIN_HEIGHT, p.height());
        assertTrue(p.maximized());
        WindowPlacement tiny = WindowPlacement.of(1400, 900, false, 640, 480, true);
        assertEquals(640, tiny.width());
        assertEquals(480, tiny.height());
    }

    @Test
    void withoutAFrameTheContentMayTakeTheWholeScreen() {
        // Monocle, the tests' headless platform: no window manager, so the content is the window
        WindowPlacement p = WindowPlacement.of(1400, 900, false, 1280, 800, false);
        assertEquals(1280, p.width());
        assertEquals(800, p.height());
        assertFalse(p.maximized(), "nothing to maximise into");
        assertFalse(WindowPlacement.of(1000, 700, true, 1280, 800, false).maximized());
    }
}
