package org.sealworkbench.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** AWT is set headless before the window starts (see {@link WorkbenchLauncher#awtForDrawingOnly()}), unless the user chose. */
class WorkbenchLauncherTest {
    @Test
    void awtIsHeadlessUnlessTheUserSaidOtherwise() {
        String before = System.getProperty("java.awt.headless");
        try {
            System.clearProperty("java.awt.headless");
            WorkbenchLauncher.awtForDrawingOnly();
            assertEquals("true", System.getProperty("java.awt.headless"));
            System.setProperty("java.awt.headless", "false");
            WorkbenchLauncher.awtForDrawingOnly();
            assertEquals("false", System.getProperty("java.awt.headless"), "a -Djava.awt.headless given by the user wins");
        } finally {
            if (before == null) System.clearProperty("java.awt.headless");
            else System.setProperty("java.awt.headless", before);
        }
    }
}
