package org.sealworkbench.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sealworkbench.util.Progress;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** A job's note shows whole above the status bar after the job has left the jobs area, until dismissed. */
class NoticeBarFxTest extends FxTestRobot {
    @TempDir Path tmp;
    private WorkbenchApp app;

    @AfterEach
    void stop() throws Exception {
        if (app != null) FxToolkit.cleanupApplication(app);
        FxToolkit.cleanupStages();
    }

    @Test
    void aJobsNoteStaysWholeUntilDismissed() throws Exception {
        FakeWorkspace ws = new FakeWorkspace(tmp.resolve("ws").toAbsolutePath().normalize()).add("Bees", "Bees dance.");
        FakeWorkspace.withEmptyLog(ws.dir());   // the History tab reads the jobs from the real log
        FxToolkit.registerPrimaryStage();
        app = new WorkbenchApp(new StartupOptions(ws.dir(), tmp.resolve("none"), tmp.resolve("settings.properties")),
                new ScriptedDialogs(), dir -> ws);
        FxToolkit.setupApplication(() -> app);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> app.viewModel().openStateProperty().get() == JobState.SUCCEEDED);
        assertFalse(lookup("#notice").query().isVisible(), "no note, no bar");

        String note = "self-edits of seal-tiny: 16 inner loops at once (adapter batch 16 on 1 worker) to fit memory, not 32 "
                + "(16 x 2): about 16 MiB an adapter, 778 MiB available";
        FxThread.run(() -> app.viewModel().runner().submit(new JobTask<Void>("Fine-tune & evaluate: column 1 (self-edit #31) of passage 1",
                (p, c) -> {
                    p.update(0, 2, Progress.NOTE + note);
                    p.update(1, 2, "inner loop 2 of 2");
                    return null;
                })));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> app.viewModel().runner().active().isEmpty());
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> lookup("#notice").query().isVisible());
        WaitForAsyncUtils.waitForFxEvents();
        Label text = lookup("#noticeText").queryAs(Label.class);
        assertEquals("Fine-tune & evaluate: column 1 (self-edit #31) of passage 1: " + note, text.getText());
        // wrapped, not cut: the label is as tall as its lines need, inside the bar
        HBox bar = lookup("#notice").queryAs(HBox.class);
        assertTrue(text.getHeight() >= text.prefHeight(text.getWidth()) - 0.5, "height " + text.getHeight() + " for " + text.prefHeight(text.getWidth()));
        assertTrue(bar.getHeight() >= text.getHeight(), "the bar holds its text");

        clickOn("#noticeDismiss");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !lookup("#notice").query().isVisible());
        assertEquals(null, app.viewModel().noticeProperty().get());
    }
}
