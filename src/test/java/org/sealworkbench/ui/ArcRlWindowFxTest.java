package org.sealworkbench.ui;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sealworkbench.jobs.ArcRlFixtures;
import org.sealworkbench.jobs.ArcRlRequest;
import org.sealworkbench.llm.TestEngine;
import org.sealworkbench.store.ExperimentLog;
import org.sealworkbench.ui.arc.ArcRlViewModel;
import org.sealworkbench.ui.arc.ArcRlWindow;
import org.sealworkbench.ui.arc.ArcWindow;
import org.testfx.api.FxToolkit;

/**
 * The Few-shot window's RL round on the real app: Ctrl+Shift+A opens the Few-shot window, Ctrl+R its RL round window,
 * whose empty state says seal-tiny cannot run a round and which model would; Ctrl+Enter with seal-tiny (the default)
 * is refused before any work, in a dialog naming the task with its prompt's length and in full in the window. Then a
 * real round (seal-tiny with a 2048-token context, a tiny task opened in the Few-shot window and picked in the round's
 * source list, K 1, 16 self-edit tokens) runs to its end and says it solved nothing and saved no model.
 */
class ArcRlWindowFxTest extends FxTestRobot {
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
        assertEquals(List.of(), dialogs.errors, "no other error dialogs");
    }

    @Test
    void ctrlROpensTheRoundSealTinyIsRefusedNamingTheTaskAndARealRoundSaysItSolvedNothing() throws Exception {
        await("the main window", () -> lookup(".main-view").tryQuery().map(Node::isVisible).orElse(false));
        clickOn((Node) lookup(".main-view").query());
        press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.A).release(KeyCode.A, KeyCode.SHIFT, KeyCode.CONTROL);
        await("the Few-shot window", () -> Window.getWindows().stream().anyMatch(w -> w instanceof ArcWindow && w.isShowing()));
        ArcWindow arc = (ArcWindow) Window.getWindows().stream().filter(x -> x instanceof ArcWindow).findFirst().orElseThrow();
        await("its tasks", () -> !arc.viewModel().tasks().isEmpty());
        clickOn("#arcTasks");
        press(KeyCode.CONTROL, KeyCode.R).release(KeyCode.R, KeyCode.CONTROL);
        await("the RL round window", () -> Window.getWindows().stream().anyMatch(w -> w instanceof ArcRlWindow && w.isShowing()));
        ArcRlWindow w = (ArcRlWindow) Window.getWindows().stream().filter(x -> x instanceof ArcRlWindow).findFirst().orElseThrow();
        ArcRlViewModel vm = w.viewModel();

        // the empty state says what to do, and the bundled generator is flagged before any work
        String empty = lookup("#arcRlPairsEmpty").queryAs(Label.class).getText();
        assertTrue(empty.contains("seal-tiny") && empty.contains("Llama-3.2-1B-Instruct") && empty.contains("Ctrl+Enter"), empty);
        assertTrue(lookup("#arcRlGenerator").queryAs(Label.class).getText().startsWith("seal-tiny (in "));
        await("the generator's note", () -> lookup("#arcRlGeneratorNote").queryAs(Label.class).getText().contains("512 tokens"));
        assertEquals("15", lookup("#arcRlK").queryAs(TextField.class).getText(), "the command's K");
        assertFalse(lookup("#arcRlStart").query().isDisabled());

        type(lookup("#arcRlOnlyTasks").queryAs(TextField.class), "6150a2bd");
        type(lookup("#arcRlK").queryAs(TextField.class), "2");
        press(KeyCode.CONTROL, KeyCode.ENTER).release(KeyCode.ENTER, KeyCode.CONTROL);
        await("refused", () -> vm.phaseProperty().get() == ArcRlViewModel.Phase.REFUSED);
        await("the dialog", () -> dialogs.errors.size() == 1);
        String dialog = dialogs.errors.get(0);
        assertTrue(dialog.startsWith("The few-shot RL round was refused") && dialog.contains("1 of 1 tasks' self-edit "
                + "prompts leave no room in seal-tiny's 512-token context") && dialog.contains("\n  task 6150a2bd: ")
                && dialog.contains("Llama-3.2-1B-Instruct"), dialog);
        Label outcome = lookup("#arcRlOutcome").queryAs(Label.class);
        assertTrue(outcome.isVisible() && outcome.getText().startsWith("The round was refused: 1 of 1 tasks' self-edit "
                + "prompts") && outcome.getText().contains("\n  task 6150a2bd: "), outcome.getText());
        assertTrue(outcome.getHeight() + 1 >= outcome.prefHeight(outcome.getWidth()), "the refusal shows whole, not cut: "
                + outcome.getHeight() + " of " + outcome.prefHeight(outcome.getWidth()));
        assertEquals("Refused before the round ran", lookup("#arcRlPhase").queryAs(Label.class).getText());
        // the main window's status line: the title and the refusal's summary, not the command's one line naming every task
        Label status = lookup("#statusMessage").queryAs(Label.class);
        await("the status line", () -> status.getText().contains("refused"));
        assertTrue(status.getText().startsWith("Few-shot RL round: SEAL training set, K 2: refused: 1 of "
                + "1 tasks' self-edit prompts leave no room in seal-tiny's 512-token context (longest ")
                && status.getText().endsWith("; a self-edit needs 16 more)."), status.getText());
        assertEquals(status.getText(), ((javafx.scene.text.Text) status.lookup(".text")).getText(), "drawn whole");
        dialogs.errors.clear();

        // a real round that runs to its end
        Path model = ArcRlFixtures.longContextTiny(tmp.resolve("tiny-2k"));
        Path tasks = ArcRlFixtures.constantTasks(tmp.resolve("t"), new LinkedHashMap<>(Map.of("aa", 1)));
        interact(() -> {
            vm.generatorProperty().set(model);   // what Choose… sets (a folder chooser cannot be driven here)
            arc.viewModel().open(tasks);         // Open… in the Few-shot window: a source of both windows
        });
        await("no note on the 2048-token model", () -> !lookup("#arcRlGeneratorNote").queryAs(Label.class).getText()
                .contains("refused"));
        clickOn("#arcRlSource");
        clickOn((Node) lookup(".list-cell").queryAllAs(ListCell.class).stream()
                .filter(c -> "Opened: tiny_challenges.json".equals(c.getText()) && c.getScene() != arc.getScene()
                        && c.getScene() != w.getScene()).findFirst().orElseThrow());   // in the open list, not a combo's face
        // the closed list names the opened file whole (it said "Opened: tiny_challenges…"), its path beside it
        ComboBox<?> source = lookup("#arcRlSource").queryAs(ComboBox.class);
        ListCell<?> face = (ListCell<?>) source.getButtonCell();
        assertEquals("tiny_challenges.json", face.getText());
        FxThread.await("the face laid out", 10, () -> !face.getChildrenUnmodifiable().isEmpty(), () -> "");
        assertFalse(FxThread.call(() -> OneLineCell.drawsLess(face)), "the source's name whole on the closed list");
        assertEquals(tasks.toAbsolutePath().toString(), lookup("#arcRlSourcePath").queryAs(Label.class).getText());
        type(lookup("#arcRlOnlyTasks").queryAs(TextField.class), "");
        type(lookup("#arcRlK").queryAs(TextField.class), "1");
        type(lookup("#arcRlTokens").queryAs(TextField.class), "16");
        ArcRlRequest q = vm.request();
        assertEquals(tasks, q.tasks(), "the opened source");
        assertEquals(1, q.k());
        assertEquals(16, q.arcRequest().selfEditTokens());
        assertEquals(List.of(), q.taskIds());
        clickOn("#arcRlStart");
        FxThread.await("the round's end", 180, () -> !vm.runningProperty().get()
                && vm.phaseProperty().get() == ArcRlViewModel.Phase.NOTHING_SOLVED, () -> "; phase " + vm.phaseTextProperty().get()
                + "; status " + vm.statusProperty().get() + "; outcome " + vm.outcomeProperty().get() + "; errors " + dialogs.errors);
        assertTrue(outcome.getText().contains("solved nothing") && outcome.getText().contains("no model was saved"),
                outcome.getText());
        @SuppressWarnings("unchecked")
        TableView<ArcRlViewModel.TaskSummary> perTask = lookup("#arcRlTasks").queryAs(TableView.class);
        assertEquals("aa", perTask.getItems().get(0).task());
        assertEquals("0 of 20 draws", perTask.getItems().get(0).sampledProperty().get());
        // why no draw was a config, under the tasks: whole, wrapped in the window, not a cut line
        Label notConfigs = lookup("#arcRlNotConfigs").queryAs(Label.class);
        assertTrue(notConfigs.getText().startsWith("Task aa: 20 of 20 draws were not configs: ") && notConfigs.getText()
                .contains("(stopped: the new-token limit (16 tokens) is reached)"), notConfigs.getText());
        // the label's text is drawn by its skin at the next layout pass after the text came in: wait for that pass
        FxThread.await("the draws' reasons laid out", 10, () -> notConfigs.lookup(".text") instanceof javafx.scene.text.Text t
                && !t.getText().isEmpty() && !notConfigs.isNeedsLayout(), () -> notConfigs.getText());
        FxThread.run(() -> {
            assertTrue(LayoutChecks.shown(notConfigs), "shown");
            LayoutChecks.assertInWindow(notConfigs, "the draws that were not configs");
            assertEquals(notConfigs.getText(), ((javafx.scene.text.Text) notConfigs.lookup(".text")).getText(), "drawn whole");
            assertTrue(notConfigs.getHeight() + 1 >= notConfigs.prefHeight(notConfigs.getWidth()), "wrapped whole: "
                    + notConfigs.getHeight() + " of " + notConfigs.prefHeight(notConfigs.getWidth()));
        });
        assertTrue(lookup("#arcRlCounts").queryAs(Label.class).getText().equals("Rewarded pairs: 0 of 0"));
        try (ExperimentLog log = ExperimentLog.open(tmp.resolve("ws"))) {
            assertEquals(List.of("refused", "done"), log.jobs().stream().filter(j -> j.kind().equals(ArcRlRequest.KIND))
                    .map(j -> j.status()).toList(), "both rounds are the command's job, in the workspace's jobs table");
        }
        assertTrue(Files.notExists(tmp.resolve("ws/models")), "no model saved");
    }

    private void type(TextField f, String text) {
        clickOn(f).eraseText(f.getText().length());
        if (!text.isEmpty()) write(text);
    }

    private void await(String what, BooleanSupplier condition) throws Exception {
        FxThread.await(what, 180, condition, () -> "; errors " + dialogs.errors);
    }
}
