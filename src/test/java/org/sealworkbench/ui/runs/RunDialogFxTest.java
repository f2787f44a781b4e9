package org.sealworkbench.ui.runs;

import static org.junit.jupiter.api.Assertions.*;

import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sealworkbench.ui.FxThread;
import org.sealworkbench.ui.LayoutChecks;
import org.sealworkbench.ui.ShownDialogs;
import org.testfx.util.WaitForAsyncUtils;

/** The Fine-tune & evaluate dialog's Adapter batch field, typed into: it reaches the view model, a bad value blocks Queue. */
class RunDialogFxTest extends org.sealworkbench.ui.FxTestRobot {
    private RunFormViewModel vm;
    private RunDialog dialog;

    @BeforeEach
    void show() throws Exception {
        vm = new RunFormViewModel();
        dialog = ShownDialogs.show(() -> {
            vm.columns().setAll("1: #1 · hand-written (example) (import) · implications", "2: Passage only",
                    "3: #12 · seal-tiny (model) · implications · reward 40.0 %");
            vm.columnDetails().setAll("1: #1 · hand-written (example) (import) · implications · T 1.0 · top-p 0.95 · 2026-12-06 01:52",
                    "2: Passage only", "3: #12 · seal-tiny (model) · implications · T 1.0 · top-p 0.95 · 2026-12-06 02:10 · reward 40.0 %");
            vm.columnsChanged();
            return new RunDialog(null, vm);
        });
    }

    @AfterEach
    void close() throws Exception {
        ShownDialogs.close(dialog);
    }

    @Test
    void theAdapterBatchTypedReachesTheFormAndABadOneBlocksQueue() throws Exception {
        TextField field = lookup("#runAdapterBatch").queryAs(TextField.class);
        Button queue = FxThread.call(() -> (Button) dialog.getDialogPane().lookupButton(
                dialog.getDialogPane().getButtonTypes().stream().filter(b -> b != ButtonType.CANCEL).findFirst().orElseThrow()));
        assertEquals("16 (default)", field.getPromptText());
        assertFalse(queue.isDisabled());
        clickOn(field).write("0");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("adapter batch: 0 is less than 1 (1: one inner loop at a time)",
                lookup("#runError").queryAs(Label.class).getText());
        assertTrue(queue.isDisabled(), "no Queue with a bad value");
        clickOn(field).eraseText(1).write("2");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(2, (int) FxThread.call(vm::adapterBatch));
        assertFalse(queue.isDisabled());
        assertEquals("", lookup("#runError").queryAs(Label.class).getText());

        // the Workers field beside it: empty is automatic, a bad value blocks Queue too
        TextField workers = lookup("#runWorkers").queryAs(TextField.class);
        assertEquals("automatic", workers.getPromptText());
        clickOn(workers).write("0");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("workers: 0 is less than 1 (empty: automatic)", lookup("#runError").queryAs(Label.class).getText());
        assertTrue(queue.isDisabled());
        clickOn(workers).eraseText(1).write("3");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(3, (int) FxThread.call(vm::workers));
        assertFalse(queue.isDisabled());
    }

    /**
     * On the 1280x800 test screen, in each scope (one column, every column, passages under a condition, a multi-passage
     * condition with its knobs, the F1 grader with its threshold, the LLM judge with its model's button, a bad value with its error line): the whole form is in
     * view without scrolling, every label, check box and picker of it is whole, the Column picker shows its line whole
     * with the whole line in its tooltip, and the Queue and Cancel buttons lie inside the window, which lies inside the
     * screen. The dialog kept its first scope's size, so the passages scope scrolled, and a multi-passage condition hid
     * the buttons below the form.
     */
    @Test
    void everyScopeFitsTheScreenWholeWithItsButtonsInView() throws Exception {
        check("one column");
        javafx.scene.control.ComboBox<?> column = lookup("#runColumn").queryAs(javafx.scene.control.ComboBox.class);
        FxThread.run(() -> {
            LayoutChecks.assertWhole((javafx.scene.control.ListCell<?>) column.lookup(".list-cell"));
            assertEquals("1: #1 · hand-written (example) (import) · implications · T 1.0 · top-p 0.95 · 2026-12-06 01:52",
                    column.getTooltip().getText());
        });
        FxThread.run(() -> vm.columnProperty().set(2));
        WaitForAsyncUtils.waitForFxEvents();
        FxThread.run(() -> assertTrue(column.getTooltip().getText().startsWith("3: #12 · seal-tiny (model)")));
        FxThread.run(() -> vm.scopeProperty().set(RunFormViewModel.Scope.ALL_COLUMNS));
        check("every column");
        FxThread.run(() -> vm.scopeProperty().set(RunFormViewModel.Scope.PASSAGES));
        check("passages under a condition");
        FxThread.run(() -> {
            vm.visiblePassagesProperty().set(7);
            vm.passagesProperty().set(RunFormViewModel.Passages.VISIBLE);
            vm.conditionProperty().set("cpt:passage-only");
        });
        check("a multi-passage condition");
        assertTrue(lookup("#runCptRow").query().isVisible());
        FxThread.run(() -> vm.graderProperty().set("f1"));
        check("the F1 grader");
        FxThread.run(() -> vm.graderProperty().set("llm_judge"));
        check("the LLM judge");
        assertEquals("no judge model", lookup("#runJudge").queryAs(Label.class).getText());
        FxThread.run(() -> vm.epochsProperty().set("0"));
        check("a bad value");
        assertFalse(lookup("#runError").queryAs(Label.class).getText().isEmpty());
        FxThread.run(() -> {
            vm.epochsProperty().set("5");
            vm.conditionProperty().set("passage-only");
            vm.scopeProperty().set(RunFormViewModel.Scope.COLUMN);
        });
        check("one column again");
    }

    private void check(String when) throws Exception {
        ShownDialogs.settle();
        FxThread.run(() -> {
            javafx.scene.control.ScrollPane form = (javafx.scene.control.ScrollPane) dialog.getDialogPane().lookup("#runForm");
            javafx.scene.Node content = form.getContent();
            assertTrue(content.getLayoutBounds().getHeight() <= form.getViewportBounds().getHeight() + 0.5,
                    when + ": the form (" + content.getLayoutBounds().getHeight() + " high) is in view whole, without scrolling ("
                            + form.getViewportBounds().getHeight() + ")");
            LayoutChecks.assertDialogFits(dialog, when);
            assertEquals(1280, javafx.stage.Screen.getPrimary().getVisualBounds().getWidth(), 0.5, "the test screen");
        });
    }

    @Test
    void aCptConditionShowsItsKnobsAndWhatTheyTrain() throws Exception {
        TextField epochs = lookup("#runCptEpochs").queryAs(TextField.class);
        javafx.scene.Node row = lookup("#runCptRow").query();
        assertFalse(row.isVisible(), "no CPT knobs for one column");
        FxThread.run(() -> {
            vm.visiblePassagesProperty().set(7);
            vm.scopeProperty().set(RunFormViewModel.Scope.PASSAGES);
            vm.passagesProperty().set(RunFormViewModel.Passages.VISIBLE);
            vm.conditionProperty().set("cpt:passage-only");
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(row.isVisible());
        Label about = lookup("#runCptAbout").queryAs(Label.class);
        assertTrue(about.getText().startsWith("One LoRA adapter trained on the sequences of 7 passages together"), about.getText());
        assertEquals("", lookup("#runError").queryAs(Label.class).getText());
        clickOn(epochs).eraseText(epochs.getText().length()).write("2");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(2, FxThread.call(() -> vm.cptSettings().orElseThrow().epochs()));
        assertTrue(lookup("#runDigest").queryAs(Label.class).getText().contains("cpt_epochs"), "the changed knob is named");
        FxThread.run(() -> vm.conditionProperty().set("passage-only"));
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(row.isVisible());
    }
}
