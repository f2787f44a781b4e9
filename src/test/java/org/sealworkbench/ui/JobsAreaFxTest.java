package org.sealworkbench.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** A long import shows in the jobs area, and its Cancel button stops it with nothing imported. */
class JobsAreaFxTest extends FxTestRobot {
    @TempDir Path tmp;
    private WorkbenchApp app;

    @AfterEach
    void stop() throws Exception {
        if (app != null) FxToolkit.cleanupApplication(app);
        FxToolkit.cleanupStages();
    }

    @Test
    void cancelButtonInTheJobsAreaCancelsTheImport() throws Exception {
        Path file = tmp.resolve("huge.json");
        FakeWorkspace ws = new FakeWorkspace(tmp.resolve("ws").toAbsolutePath().normalize())
                .add("Existing", "Already here.")
                .file(file, new String[] {"Never", "Must not appear."});
        ws.blockImports = new CountDownLatch(1);
        FakeWorkspace.withEmptyLog(ws.dir());   // the History tab reads the jobs from the real log
        ScriptedDialogs dialogs = new ScriptedDialogs();
        dialogs.importFile = file;
        FxToolkit.registerPrimaryStage();
        app = new WorkbenchApp(new StartupOptions(ws.dir(), tmp.resolve("none"), tmp.resolve("settings.properties")), dialogs, dir -> ws);
        FxToolkit.setupApplication(() -> app);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> app.viewModel().openStateProperty().get() == JobState.SUCCEEDED);

        clickOn("#importButton");
        assertTrue(ws.importStarted.await(30, TimeUnit.SECONDS));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> lookup("#jobs").query().isVisible());
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(1, FxThread.call(() -> app.view().jobs.getTasks().size()));
        assertEquals("Importing huge.json", FxThread.call(() -> app.view().jobs.getTasks().get(0).getTitle()));

        clickOn("Cancel");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> app.viewModel().importStateProperty().get() == JobState.CANCELLED);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("Import of huge.json cancelled; nothing was imported", lookup("#statusMessage").queryAs(Label.class).getText());
        assertEquals(1, FxThread.call(() -> app.viewModel().library().visibleRows().size()));
        assertEquals(1, ws.counts().passages(), "the cancelled import added nothing");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !lookup("#jobs").query().isVisible());
    }
}
