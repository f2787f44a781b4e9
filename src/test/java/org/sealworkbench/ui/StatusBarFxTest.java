package org.sealworkbench.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Bounds;
import javafx.scene.control.Label;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The status bar at 1280 px: a job's last word, its result, is read whole (it was cut to "… macro ac…" beside the
 * workspace's path, the counts and the engine line), and the line after opening names the workspace, not its folder again.
 */
class StatusBarFxTest extends FxTestRobot {
    @TempDir Path tmp;
    private WorkbenchApp app;

    @AfterEach
    void stop() throws Exception {
        if (app != null) FxToolkit.cleanupApplication(app);
        FxToolkit.cleanupStages();
    }

    /** The text the label draws: its own text, or a shortened one ending in "…". */
    private static String shown(Label l) {
        return ((Text) l.lookup(".text")).getText();
    }

    @Test
    void aLongResultWrapsWholeInsideTheWindow() throws Exception {
        FakeWorkspace ws = new FakeWorkspace(tmp.resolve("ws").toAbsolutePath().normalize()).add("Bees", "Bees dance.");
        FakeWorkspace.withEmptyLog(ws.dir());
        Stage stage = FxToolkit.registerPrimaryStage();
        app = new WorkbenchApp(new StartupOptions(ws.dir(), tmp.resolve("none"), tmp.resolve("settings.properties")),
                new ScriptedDialogs(), dir -> ws);
        FxToolkit.setupApplication(() -> app);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> app.viewModel().openStateProperty().get() == JobState.SUCCEEDED);
        FxThread.run(() -> {
            stage.setWidth(1280);
            stage.setHeight(800);
        });
        WaitForAsyncUtils.waitForFxEvents();
        Label message = lookup("#statusMessage").queryAs(Label.class);
        assertEquals("Opened ws (1 passage)", message.getText());

        // the line a Fine-tune & evaluate of one column ended with on the demo
        String result = "Fine-tune & evaluate: column 1 (self-edit #1) of passage 1: done · no adaptation: macro accuracy 0.0 % "
                + "over 1 passage; self-edits of hand-written (example): macro accuracy 0.0 % over 1 passage";
        FxThread.run(() -> app.viewModel().reportProblem(result));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(oneLine(message) > message.getWidth(), "longer than its room on one line, so this test means something");
        assertEquals(result, shown(message), "not cut");
        Bounds b = message.localToScene(message.getBoundsInLocal());
        assertTrue(b.getMaxX() <= stage.getScene().getWidth() + 0.5 && b.getMaxY() <= stage.getScene().getHeight() + 0.5,
                "inside the window: " + b);
        // the engine line as on this machine (after the window's own probe, which it replaces)
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !app.viewModel().engine().textProperty().get().startsWith("engine: starting"));
        Thread probe = FxThread.call(() -> app.viewModel().engine().probe(
                () -> "PyTorch 2.7.1 (DJL 0.35.1) on cpu(), 2 threads, base weights F32, natives /n"));
        probe.join();
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(result, shown(message), "not cut beside the engine line either");
        Label engine = lookup("#statusEngine").queryAs(Label.class);
        assertEquals("PyTorch 2.7.1 on cpu(), 2 threads, base weights F32", engine.getText());
        assertEquals(engine.getText(), shown(engine), "the engine line keeps its room");
    }

    /** The width of the label's text on one line. */
    private static double oneLine(Label l) {
        Text t = new Text(l.getText());
        t.setFont(l.getFont());
        return t.getLayoutBounds().getWidth();
    }
}
