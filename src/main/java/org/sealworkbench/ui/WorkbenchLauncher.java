package org.sealworkbench.ui;

import org.sealworkbench.app.AppDirs;
import org.sealworkbench.app.Logging;
import org.sealworkbench.app.Offline;

/**
 * Entry point for the window. A plain class (not an Application subclass) so that JavaFX runs from the
 * class path without a module path.
 */
public final class WorkbenchLauncher {
    private WorkbenchLauncher() {}

    public static void main(String[] args) {
        Offline.enforce();
        awtForDrawingOnly();
        AppDirs dirs = AppDirs.current();
        try {
            Logging.toFile(dirs.logs());
        } catch (RuntimeException e) {
            System.err.println("seal-workbench: " + e.getMessage() + " (logging to the console only)");
        }
        // JavaFX unpacks its own natives from its jars on first start; keep them with the user's data.
        if (System.getProperty("javafx.cachedir") == null) {
            System.setProperty("javafx.cachedir", dirs.data().resolve("javafx-cache").toString());
        }
        java.util.logging.Logger.getLogger("org.sealworkbench.ui").info(() -> "Starting SEAL Workbench: " + dirs
                + ", log " + Logging.currentFile() + ", Java " + System.getProperty("java.version"));
        javafx.application.Application.launch(WorkbenchApp.class, args);
    }

    /**
     * Runs AWT headless, before anything loads it. The windows are JavaFX's; AWT only draws charts into images (JFreeChart's
     * Java2D, for PNG and SVG export) and measures fonts, which headless AWT does as well. Without this, AWT opened a second
     * connection to the X server at start-up with a toolkit thread of its own, and when the X server went away first (a
     * closed remote session, a stopped Xvfb) that thread crashed the JVM in native code and left an hs_err file in the
     * working directory, where with headless AWT the window just ends. A {@code -Djava.awt.headless} given by the user wins.
     */
    public static void awtForDrawingOnly() {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }
}
