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
}
