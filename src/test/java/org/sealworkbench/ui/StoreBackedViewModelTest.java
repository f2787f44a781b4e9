package org.sealworkbench.ui;

import org.sealworkbench.jobs.workspace.WorkspaceService;
import org.sealworkbench.jobs.workspace.StoreWorkspaceService;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The view model on the real experiment log and importer (no screen). */
class StoreBackedViewModelTest {
    @TempDir Path tmp;
    private MainViewModel vm;

    @BeforeAll
    static void fx() {
        FxThread.start();
    }

    @AfterEach
    void close() throws Exception {
        if (vm != null) FxThread.run(vm::close);
    }

    @Test
    void malformedFileFailsWithItsNameAndLeavesTheLibraryAsItWas() throws Exception {
        Path good = Files.writeString(tmp.resolve("good.json"),
                "[{\"title\": \"Owls\", \"context\": \"Owls hunt at night.\", \"questions\": [{\"question\": \"When do owls hunt?\", \"answer\": \"At night\"}]}]");
        Path broken = Files.writeString(tmp.resolve("broken.json"),
                "[{\"title\": \"Bats\", \"context\": \"Bats echolocate.\", \"questions\": [{\"question\": \"How do bats find food?\"");
        vm = FxThread.call(() -> new MainViewModel(StoreWorkspaceService::open, new JobRunner(), tmp.resolve("none")));
        FxThread.run(() -> vm.openWorkspace(tmp.resolve("ws"), true));
        FxThread.await("opened", () -> vm.openStateProperty().get() == JobState.SUCCEEDED);

        FxThread.run(() -> vm.importFile(good));
        FxThread.await("good import", () -> vm.importStateProperty().get() == JobState.SUCCEEDED);
        assertEquals(List.of("Owls"), FxThread.call(() -> vm.library().visibleRows().stream().map(PassageRow::title).toList()));

        FxThread.run(() -> vm.importFile(broken));
        FxThread.await("broken import", () -> vm.importStateProperty().get() == JobState.FAILED);
        String status = FxThread.call(() -> vm.statusMessageProperty().get());
        assertTrue(status.startsWith("Import failed: ") && status.contains("broken.json"), status);
        assertEquals(List.of("Owls"), FxThread.call(() -> vm.library().visibleRows().stream().map(PassageRow::title).toList()));
        assertEquals("1 passage · 1 question · 0 self-edits", FxThread.call(() -> vm.countsTextProperty().get()));
    }
}
