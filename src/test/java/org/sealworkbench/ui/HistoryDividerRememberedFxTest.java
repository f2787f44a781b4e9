package org.sealworkbench.ui;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * History's divider between its runs table and the run's detail is remembered across restarts as the library's and the
 * passage's are (the app's settings file, divider.history): a fresh start puts it at HistoryView.DIVIDER, a moved one
 * comes back where it was left.
 */
class HistoryDividerRememberedFxTest extends FxTestRobot {
    @TempDir Path tmp;
    private WorkbenchApp app;
    private final ScriptedDialogs dialogs = new ScriptedDialogs();

    @AfterEach
    void stop() throws Exception {
        if (app != null) TestApps.stop(app, dialogs);
    }

    @Test
    void theHistoryDividerIsWhereItWasLeftAfterARestart() throws Exception {
        Path samples = TestApps.samples(tmp, TestApps.LIGHTHOUSES);
        Path settings = tmp.resolve("settings.properties");
        app = TestApps.start(tmp.resolve("ws"), samples, settings, dialogs);
        FxThread.await("the history view", () -> app.view().history.view() != null);
        assertEquals(org.sealworkbench.ui.history.HistoryView.DIVIDER,
                FxThread.call(() -> app.view().history.dividerProperty().get()), 0.01, "a fresh start");
        FxThread.run(() -> app.view().history.view().dividerProperty().set(0.45));   // as a drag does
        TestApps.stop(app, dialogs);
        app = null;
        java.util.Properties stored = new java.util.Properties();
        try (var in = Files.newBufferedReader(settings)) {
            stored.load(in);
        }
        // the split pane snaps the divider to a pixel: 0.4496 for 0.45
        assertEquals(0.45, Double.parseDouble(stored.getProperty("divider.history", "NaN")), 0.01, stored.toString());

        app = TestApps.start(tmp.resolve("ws"), samples, settings, dialogs);
        FxThread.await("the history view", () -> app.view().history.view() != null);
        assertEquals(0.45, FxThread.call(() -> app.view().history.view().dividerProperty().get()), 0.01, "where it was left");
    }
}
