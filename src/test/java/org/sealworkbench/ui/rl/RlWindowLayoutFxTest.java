package org.sealworkbench.ui.rl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Bounds;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.text.Text;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sealworkbench.jobs.workspace.ModelItem;
import org.sealworkbench.ui.FxThread;
import org.sealworkbench.ui.JobRunner;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** The ReST-EM window on the 1280x800 screen: what is wrong with the form is in sight, the prompts fit, Ctrl+W closes it. */
class RlWindowLayoutFxTest extends org.sealworkbench.ui.FxTestRobot {
    private JobRunner runner;
    private RlWindow window;

    @BeforeEach
    void show() throws Exception {
        FxToolkit.registerPrimaryStage();
        runner = new JobRunner();
        RlRunViewModelTest.ScriptedBackend backend = new RlRunViewModelTest.ScriptedBackend();
        window = FxThread.call(() -> {
            org.sealworkbench.ui.Theme.LIGHT.apply();   // as the workbench shows it: its theme and style sheet
            RlRunViewModel vm = new RlRunViewModel(backend, runner, runner.reads(), (t, e) -> {});
            vm.form().models().add(new ModelItem(null, "m", Path.of("model"), "qwen2", "m"));
            vm.form().modelProperty().set(vm.form().models().get(0));
            vm.form().workspaceProperty().set(Path.of("ws"));
            RlWindow w = new RlWindow(null, vm, (id, ranked) -> {});
            w.getScene().getStylesheets().add(org.sealworkbench.ui.WorkbenchApp.class.getResource("workbench.css").toExternalForm());
            w.show();
            return w;
        });
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> window.viewModel().form().passageSets().size() == 2);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @AfterEach
    void close() throws Exception {
        FxToolkit.cleanupStages();
        runner.closeAndWait(10_000);   // reads in flight end before the temporary folder goes
    }

    @Test
    void aBadValueSaysWhyInSightAndTheStartButtonWaits() {
        Label error = lookup("#rlFormError").queryAs(Label.class);
        assertEquals("", error.getText(), "nothing wrong, nothing said");
        clickOn("#rlK").write("x");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("k must be a whole number, got 'x'", error.getText());
        assertTrue(lookup("#rlStart").queryButton().isDisabled());
        assertTrue(error.isVisible() && error.getHeight() > 0, "shown");
        // inside the window, not scrolled below the form's fold
        Bounds b = error.localToScene(error.getBoundsInLocal());
        double h = window.getScene().getHeight(), w = window.getScene().getWidth();
        assertTrue(b.getMinY() >= 0 && b.getMaxY() <= h + 0.5 && b.getMaxX() <= w + 0.5, "in the window (" + w + "x" + h + "): " + b);
        assertEquals(error.getText(), ((Text) error.lookup(".text")).getText(), "whole");
    }

    @Test
    void theRlSetsPromptFitsItsField() {
        ComboBox<?> rlSet = lookup("#rlRlSet").queryComboBox();
        Text prompt = new Text(rlSet.getPromptText());
        prompt.setFont(rlSet.getEditor().getFont());
        double room = rlSet.getEditor().getWidth() - rlSet.getEditor().getPadding().getLeft() - rlSet.getEditor().getPadding().getRight();
        assertTrue(prompt.getLayoutBounds().getWidth() <= room, "'" + rlSet.getPromptText() + "' needs "
                + prompt.getLayoutBounds().getWidth() + " px, the field has " + room);
    }

    /** The empty table does not say "no rewards" of a workspace that has rounds stored: it points to where they are. */
    @Test
    void theEmptyRewardsTableSaysWhereEarlierRunsRewardsAre() {
        Label empty = lookup("#rlRewardsEmpty").queryAs(Label.class);
        assertTrue(empty.getText().startsWith("No rewards in this window yet.") && empty.getText().contains("Charts > RL"),
                empty.getText());
        assertTrue(empty.isVisible());
    }

    @Test
    void ctrlWClosesTheWindow() {
        clickOn("#rlRounds");
        press(KeyCode.CONTROL).press(KeyCode.W).release(KeyCode.W).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(window.isShowing());
    }
}
