package org.sealworkbench.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ListCell;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sealworkbench.jobs.workspace.ModelItem;
import org.sealworkbench.ui.studio.ColumnChoice;
import org.sealworkbench.ui.studio.ColumnViewModel;
import org.sealworkbench.ui.studio.GenerateFormViewModel;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The header pickers of the columns a generation filled show their self-edit, also after the studio re-reads the
 * passage (a refresh, a change on disk): replacing the picker's items used to blank the picker while the column
 * still showed the self-edit.
 */
class StudioPickerFxTest extends FxTestRobot {
    @TempDir Path tmp;
    private WorkbenchApp app;
    private FakeWorkspace ws;
    private ScriptedDialogs dialogs;

    @BeforeEach
    void start() throws Exception {
        ws = new FakeWorkspace(tmp.resolve("ws").toAbsolutePath().normalize()).add("Bees", "Bees dance.", "Why?", "Flowers");
        FakeWorkspace.withEmptyLog(ws.dir());   // the History tab reads the jobs from the real log (else its error took the click)
        dialogs = new ScriptedDialogs();
        dialogs.generateForm = form -> {
            form.modelProperty().set(new ModelItem(null, "fake", tmp.resolve("model"), "llama", "fake"));
            form.kProperty().set("2");
            form.scopeProperty().set(GenerateFormViewModel.Scope.SHOWN_PASSAGE);
        };
        FxToolkit.registerPrimaryStage();
        app = new WorkbenchApp(new StartupOptions(ws.dir(), tmp.resolve("none"), tmp.resolve("settings.properties")), dialogs, dir -> ws);
        FxToolkit.setupApplication(() -> app);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> app.viewModel().openStateProperty().get() == JobState.SUCCEEDED);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> app.viewModel().studio().passageProperty().get() != null);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @AfterEach
    void stop() throws Exception {
        FxToolkit.cleanupApplication(app);
        FxToolkit.cleanupStages();
    }

    @SuppressWarnings("unchecked")
    private ComboBox<ColumnChoice> picker(int column) {
        return (ComboBox<ColumnChoice>) lookup("#column" + column + " .combo-box").queryAs(ComboBox.class);
    }

    /** What the closed picker shows: its button cell's text. */
    private String shown(int column) throws Exception {
        return FxThread.call(() -> {
            ListCell<ColumnChoice> cell = picker(column).getButtonCell();
            if (cell != null) return cell.getText();
            var skinCell = picker(column).lookup(".list-cell");
            return skinCell == null ? null : ((ListCell<?>) skinCell).getText();
        });
    }

    @Test
    void pickersShowTheGeneratedSelfEditsAfterGeneratingAndAfterAReload() throws Exception {
        clickOn("#generateButton");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !app.viewModel().studio().generatingProperty().get()
                && app.viewModel().studio().selfEdits().size() == 2);
        WaitForAsyncUtils.waitForFxEvents();
        List<ColumnViewModel> columns = app.viewModel().studio().columns();
        for (int i = 0; i < 2; i++) {
            ColumnChoice choice = columns.get(i).choice();
            assertEquals(app.viewModel().studio().selfEdits().get(i), choice.edit());
            assertEquals(choice, picker(i).getValue(), "picker " + i + " right after the generation");
            assertShows(choice, shown(i), "picker " + i + " shows its self-edit");
        }
        // The studio re-reads the passage (F5, or a change on disk): the choices are replaced by equal ones.
        FxThread.run(() -> app.viewModel().studio().reload());
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> FxThread.call(() -> picker(0).getItems().size()) == 3);
        Thread.sleep(200);
        WaitForAsyncUtils.waitForFxEvents();
        for (int i = 0; i < 2; i++) {
            ColumnChoice choice = columns.get(i).choice();
            assertEquals(choice, picker(i).getValue(), "picker " + i + " after a reload");
            assertShows(choice, shown(i), "picker " + i + " still shows its self-edit after a reload");
        }
    }

    /**
     * While a sample streams into a column, its picker says so: the column's choice is "Passage only" until the sample
     * is stored, and the picker showed "Passage only" over the sample's streaming words.
     */
    @Test
    void aStreamingColumnsPickerSaysASampleIsBeingGenerated() throws Exception {
        ws.blockGeneration = new java.util.concurrent.CountDownLatch(1);
        try {
            clickOn("#generateButton");
            org.junit.jupiter.api.Assertions.assertTrue(ws.generationStarted.await(30, TimeUnit.SECONDS), "the generation started");
            FxThread.await("the first column streams", () -> app.viewModel().studio().columns().get(0).streamingProperty().get()
                    && app.viewModel().studio().columns().get(0).text().startsWith("sample 0"));
            WaitForAsyncUtils.waitForFxEvents();
            String face = shown(0);
            org.junit.jupiter.api.Assertions.assertTrue(face != null && face.contains("enerating"),
                    "the streaming column's picker shows \"" + face + "\"");
        } finally {
            ws.blockGeneration.countDown();
        }
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !app.viewModel().studio().generatingProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
        ColumnChoice choice = app.viewModel().studio().columns().get(0).choice();
        assertShows(choice, shown(0), "once stored, the picker shows the sample's self-edit");
    }

    /**
     * A generation that fails part way says "failed" on the columns it cut short (they said "cancelled: not stored", as
     * if the person had cancelled it), and nothing of it is chosen.
     */
    @Test
    void aFailedGenerationSaysFailedOnTheColumnsItCutShort() throws Exception {
        ws.failGeneration = new IllegalStateException("the model's weights vanished");
        clickOn("#generateButton");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !app.viewModel().studio().generatingProperty().get()
                && !app.viewModel().studio().columns().get(0).statusProperty().get().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
        ColumnViewModel first = app.viewModel().studio().columns().get(0);
        assertEquals("failed: not stored", FxThread.call(() -> first.statusProperty().get()));
        assertEquals(ColumnChoice.PASSAGE_ONLY, first.choice());
        assertEquals(0, app.viewModel().studio().selfEdits().size(), "nothing stored");
    }

    /**
     * A generation refused before sampling (the passage's prompt leaves no room in the model's context) says "refused" on
     * its columns and in its dialog's title, not "failed" (the status line says "refused: …" too, MainViewModelTest).
     */
    @Test
    void aRefusedGenerationSaysRefusedOnItsColumnsAndDialog() throws Exception {
        ws.failGeneration = new org.sealworkbench.seal.ContextFit.PromptsTooLong("fake", 512, "passage", 1,
                java.util.Map.of("passage 1 (\"Bees\")", 900), "Use a model with a longer context");
        clickOn("#generateButton");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !app.viewModel().studio().generatingProperty().get()
                && !app.viewModel().studio().columns().get(0).statusProperty().get().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
        ColumnViewModel first = app.viewModel().studio().columns().get(0);
        assertEquals("refused: not stored", FxThread.call(() -> first.statusProperty().get()));
        assertEquals(1, dialogs.errors.size(), dialogs.errors.toString());
        org.junit.jupiter.api.Assertions.assertTrue(dialogs.errors.get(0).startsWith("Generation refused: "), dialogs.errors.toString());
        dialogs.errors.clear();
    }

    /** The face shows a form of the choice's line (as long as the column's width holds whole), which names its self-edit. */
    private static void assertShows(ColumnChoice choice, String shown, String what) {
        org.junit.jupiter.api.Assertions.assertTrue(shown != null && choice.labels().contains(shown)
                && shown.startsWith("#" + choice.edit().id()), what + ": \"" + shown + "\" of " + choice.labels());
    }
}
