package org.sealworkbench.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Quitting closes every connection the window holds to the workspace: SQLite folds the write-ahead log into
 * workspace.db and deletes workspace.db-wal and -shm only when the last one closes. The Runs & QA tab's was left open,
 * so after quitting the -wal still held the last commits, and a copy of workspace.db alone would have missed them.
 */
class ExitClosesWorkspaceFxTest extends FxTestRobot {
    @TempDir Path tmp;

    @Test
    void afterQuittingOnlyWorkspaceDbIsLeft() throws Exception {
        Path ws = tmp.resolve("ws");
        ScriptedDialogs dialogs = new ScriptedDialogs();
        WorkbenchApp app = TestApps.start(ws, TestApps.samples(tmp, TestApps.LIGHTHOUSES), tmp.resolve("settings.properties"), dialogs);
        // every tab that holds a connection of its own opens it: Runs & QA and Annotate
        for (String tab : List.of(WorkbenchTabs.RUNS, WorkbenchTabs.ANNOTATE, WorkbenchTabs.SELF_EDITS)) {
            FxThread.run(() -> app.view().tabs.select(tab));
            WaitForAsyncUtils.waitForFxEvents();
            Thread.sleep(500);   // the tabs open their connections off the FX thread
        }
        assertTrue(Files.exists(ws.resolve("workspace.db-wal")), "open, the workspace has its write-ahead log");
        TestApps.stop(app, dialogs);
        for (int i = 0; i < 50 && Files.exists(ws.resolve("workspace.db-wal")); i++) Thread.sleep(200);
        try (Stream<Path> files = Files.list(ws)) {
            assertEquals(List.of(), files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("workspace.db-")).toList(),
                    "no -wal or -shm after quitting");
        }
    }
}
