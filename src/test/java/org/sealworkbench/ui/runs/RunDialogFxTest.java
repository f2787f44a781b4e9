package org.sealworkbench.ui.runs;

import static org.junit.jupiter.api.Assertions.*;

import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sealworkbench.ui.FxThread;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** The Fine-tune & evaluate dialog's Adapter batch field, typed into: it reaches the view model, a bad value blocks Queue. */
class RunDialogFxTest extends FxRobot {
    private RunFormViewModel vm;
    private RunDialog dialog;

    @BeforeEach
    void show() throws Exception {
        FxToolkit.registerPrimaryStage();
        vm = new RunFormViewModel();
        FxThread.run(() -> {
            vm.columns().setAll("1: Passage only");
            vm.columnsChanged();
            dialog = new RunDialog(null, vm);
            dialog.show();
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    @AfterEach
    void close() throws Exception {
        FxThread.run(() -> {
            Window w = dialog.getDialogPane().getScene().getWindow();
            dialog.setResult(Boolean.FALSE);
            dialog.close();
            w.hide();
        });
        FxToolkit.cleanupStages();
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
