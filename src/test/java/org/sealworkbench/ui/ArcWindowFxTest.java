package org.sealworkbench.ui;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.List;
import java.util.function.BooleanSupplier;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sealworkbench.data.arc.Grid;
import org.sealworkbench.llm.TestEngine;
import org.sealworkbench.seal.arc.ArcTtt;
import org.sealworkbench.ui.arc.ArcViewModel;
import org.sealworkbench.ui.arc.ArcWindow;
import org.sealworkbench.ui.arc.GridCanvas;
import org.testfx.api.FxToolkit;

/**
 * The Few-shot (ARC) window on the real app: Ctrl+Shift+A opens it on the bundled evaluation set, the training set is
 * picked, task 6150a2bd selected and drawn, a small self-edit typed, Ctrl+Enter runs it on the bundled seal-tiny, and
 * the result row and the two attempts (marked right or wrong against the solution) appear.
 */
class ArcWindowFxTest extends FxTestRobot {
    private static final String SAMPLE = """
            [{"title": "Lighthouses", "context": "A lighthouse warns ships of rocks with a bright lamp.",
              "questions": [{"question": "What does a lighthouse warn ships of?", "answer": "Rocks"}]}]
            """;

    @TempDir Path tmp;
    private WorkbenchApp app;
    private ScriptedDialogs dialogs;

    @BeforeEach
    void setUp() throws Exception {
        TestEngine.setUp();
        Path samples = TestApps.samples(tmp, SAMPLE);
        dialogs = new ScriptedDialogs();
        app = TestApps.start(tmp.resolve("ws"), samples, tmp.resolve("settings.properties"), dialogs);
    }

    @AfterEach
    void stop() throws Exception {
        FxToolkit.cleanupApplication(app);
        FxToolkit.cleanupStages();
        assertEquals(List.of(), dialogs.errors, "no error dialogs");
    }

    @Test
    void ctrlShiftAOpensTheWindowAndCtrlEnterRunsTheSelectedTask() throws Exception {
        // focus the main window (no workspace needed for this window; any place of the main window will do)
        await("the main window", () -> lookup(".main-view").tryQuery().map(javafx.scene.Node::isVisible).orElse(false));
        clickOn((javafx.scene.Node) lookup(".main-view").query());
        press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.A).release(KeyCode.A, KeyCode.SHIFT, KeyCode.CONTROL);
        await("the window", () -> Window.getWindows().stream().anyMatch(w -> w instanceof ArcWindow && w.isShowing()));
        ArcWindow w = (ArcWindow) Window.getWindows().stream().filter(x -> x instanceof ArcWindow).findFirst().orElseThrow();
        ArcViewModel vm = w.viewModel();
        @SuppressWarnings("unchecked")
        TableView<ArcViewModel.TaskRow> tasks = lookup("#arcTasks").queryAs(TableView.class);
        await("the evaluation set listed", () -> tasks.getItems().size() == 11);
        assertTrue(lookup("#arcRun").query().isDisabled() == !vm.canRunProperty().get());

        clickOn("#arcSource");
        clickOn(ArcViewModel.TRAINING);
        await("the training set listed", () -> tasks.getItems().size() == 13);
        clickOn("6150a2bd");
        await("6150a2bd drawn", () -> lookup("#arcTaskTitle").queryAs(Label.class).getText().startsWith("6150a2bd"));
        // 2 demonstrations (input and output) + the test input + its solution
        assertEquals(6, lookup("#arcTaskView").query().lookupAll(".arc-grid").size());
        assertTrue(lookup("#arcAttempt1").tryQuery().isEmpty(), "no attempts before a run");

        TextField epochs = lookup("#arcEpochs").queryAs(TextField.class);
        clickOn(epochs).eraseText(epochs.getText().length()).write("1");
        TextField texts = lookup("#arcMaxTexts").queryAs(TextField.class);
        clickOn(texts).eraseText(texts.getText().length()).write("2");
        assertTrue(lookup("#arcJsonProblem").queryAs(Label.class).getText().isEmpty());
        assertTrue(vm.jsonProperty().get().contains("\"num_train_epochs\": 1"), vm.jsonProperty().get());
        press(KeyCode.CONTROL, KeyCode.ENTER).release(KeyCode.ENTER, KeyCode.CONTROL);
        @SuppressWarnings("unchecked")
        TableView<ArcViewModel.ResultRow> results = lookup("#arcResults").queryAs(TableView.class);
        await("the result row", () -> results.getItems().size() == 1 && !vm.runningProperty().get());
        ArcTtt.Result r = results.getItems().get(0).result();
        assertEquals("6150a2bd", r.task());
        assertEquals(2, r.texts());
        assertTrue(r.steps() > 0);
        assertTrue(lookup("#arcStatus").queryAs(Label.class).getText().startsWith("Done"));
        Grid solution = vm.selectedTaskProperty().get().task().test().output();
        for (String id : List.of("arcAttempt1", "arcAttempt2")) {
            Grid attempt = id.endsWith("1") ? r.attempt1() : r.attempt2();
            if (attempt == null) {
                assertTrue(lookup("#" + id + "None").queryAs(Label.class).getText().contains("no readable answer"));
                continue;
            }
            Node canvas = lookup("#" + id).query();
            assertEquals(attempt, ((GridCanvas) canvas).gridProperty().get());
            assertTrue(canvas.isVisible());
            assertEquals(attempt.equals(solution) ? "✓ right" : "✗ wrong", lookup("#" + id + "Mark").queryAs(Label.class).getText());
        }
        assertTrue(lookup("#arcShownRun").queryAs(Label.class).getText().contains("lr 0.003 · 1 ep"));
        // what the model wrote, whole, for answers that are no grid
        javafx.scene.control.TitledPane answers = lookup("#arcAnswersPane").queryAs(javafx.scene.control.TitledPane.class);
        assertTrue(answers.getText().startsWith("What the model wrote: " + r.prompts() + " answers"), answers.getText());
        assertEquals(results.getItems().get(0).answersText(), ((javafx.scene.control.TextArea) answers.getContent()).getText());
        assertFalse(vm.selectedTaskProperty().get().markProperty().get().isEmpty(), "the task list marks the run");
    }

    private void await(String what, BooleanSupplier condition) throws Exception {
        FxThread.await(what, 180, condition, () -> "; errors " + dialogs.errors);
    }
}
