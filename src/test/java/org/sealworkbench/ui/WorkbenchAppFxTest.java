package org.sealworkbench.ui;

import org.sealworkbench.jobs.workspace.WorkspaceService;
import org.sealworkbench.jobs.workspace.StoreWorkspaceService;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sealworkbench.store.ExperimentLog;
import org.sealworkbench.jobs.workspace.QuestionItem;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** The real window on a real (temporary) workspace: first-start seeding, File > Import…, selecting a row. */
class WorkbenchAppFxTest extends FxTestRobot {
    private static final String SAMPLE = """
            [{"title": "Lighthouses", "context": "A lighthouse warns ships of rocks with a bright lamp.",
              "questions": [{"question": "What does a lighthouse warn ships of?", "answer": "Rocks"}]}]
            """;
    private static final String IMPORTED = """
            [{"title": "Glaciers", "context": "Glaciers are rivers of ice that carve valleys over centuries.",
              "questions": [{"question": "What do glaciers carve?", "answer": "Valleys"},
                            {"question": "What are glaciers made of?", "answer": "Ice"}]},
             {"title": "Sourdough", "context": "Sourdough rises thanks to wild yeast and lactic bacteria.",
              "questions": [{"question": "What makes sourdough rise?", "answer": "Wild yeast"}]}]
            """;

    @TempDir Path tmp;
    private Path workspace;
    private Path importFile;
    private WorkbenchApp app;

    @BeforeEach
    void start() throws Exception {
        Path samples = Files.createDirectories(tmp.resolve("samples"));
        Files.writeString(samples.resolve("sample.json"), SAMPLE);
        importFile = Files.writeString(tmp.resolve("more-passages.json"), IMPORTED);
        workspace = tmp.resolve("ws");
        Stage stage = FxToolkit.registerPrimaryStage();
        ScriptedDialogs dialogs = new ScriptedDialogs();
        dialogs.importFile = importFile;
        app = new WorkbenchApp(new StartupOptions(workspace, samples, tmp.resolve("settings.properties")), dialogs, StoreWorkspaceService::open);
        FxToolkit.setupApplication(() -> app);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> app.viewModel().openStateProperty().get() == JobState.SUCCEEDED);
        assertTrue(stage.isShowing());
    }

    @AfterEach
    void stop() throws Exception {
        FxToolkit.cleanupApplication(app);
        FxToolkit.cleanupStages();
    }

    @SuppressWarnings("unchecked")
    private TableView<PassageRow> table() {
        return (TableView<PassageRow>) lookup("#passageTable").queryAs(TableView.class);
    }

    private List<String> titles() {
        return table().getItems().stream().map(PassageRow::title).toList();
    }

    @Test
    void firstStartSeedsThenMenuImportAddsPassagesAndSelectingShowsQuestions() throws Exception {
        assertEquals(List.of("Lighthouses"), titles(), "sample data seeded on first start");
        assertEquals("SEAL Workbench — ws", ((Stage) table().getScene().getWindow()).getTitle());
        assertTrue(Files.exists(workspace.resolve(SampleSeeder.MARKER)));

        clickOn("File").clickOn("Import…");
        try {
            WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> app.viewModel().importStateProperty().get() == JobState.SUCCEEDED);
        } catch (TimeoutException e) {
            throw new AssertionError("import did not succeed: state " + app.viewModel().importStateProperty().get()
                    + ", status: " + app.viewModel().statusMessageProperty().get(), e);
        }
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(List.of("Lighthouses", "Glaciers", "Sourdough"), titles());
        String status = lookup("#statusMessage").queryAs(Label.class).getText();
        assertEquals("Imported 2 passages, 3 questions from more-passages.json (seal-json)", status);
        assertEquals("3 passages · 4 questions · 0 self-edits", lookup("#statusCounts").queryAs(Label.class).getText());

        clickOn("Glaciers");
        // The passage is read off the FX thread.
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> "Glaciers".equals(lookup("#detailTitle").queryAs(Label.class).getText()));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("Glaciers", lookup("#detailTitle").queryAs(Label.class).getText());
        @SuppressWarnings("unchecked")
        TableView<QuestionItem> questions = lookup("#questionTable").queryAs(TableView.class);
        assertEquals(List.of("What do glaciers carve?", "What are glaciers made of?"),
                questions.getItems().stream().map(QuestionItem::question).toList());
        assertEquals("Valleys", questions.getItems().get(0).answer());

        // The filter narrows the table by context words.
        clickOn("#passageFilter").write("yeast");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(List.of("Sourdough"), titles());

        // What the window shows is what the store holds.
        try (ExperimentLog log = ExperimentLog.open(workspace)) {
            assertEquals(3, log.counts().passages());
        }
    }
}
