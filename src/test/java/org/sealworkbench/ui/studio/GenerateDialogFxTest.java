package org.sealworkbench.ui.studio;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sealworkbench.jobs.workspace.GenerateRequest;
import org.sealworkbench.ui.FxThread;
import org.sealworkbench.ui.LayoutChecks;
import org.sealworkbench.ui.ShownDialogs;

/**
 * The Generate dialog on the 1280x800 test screen: with one of SEAL's templates, with the custom template's editor
 * shown, and with an error line, every label is whole, the editor shows its rows, and the buttons lie inside the window
 * (the dialog kept its first size: the custom template squeezed "Samples (k)" to "Sample…" and cut the buttons off).
 */
class GenerateDialogFxTest extends org.sealworkbench.ui.FxTestRobot {
    private GenerateFormViewModel vm;
    private GenerateDialog dialog;

    @BeforeEach
    void show() throws Exception {
        vm = new GenerateFormViewModel();
        dialog = ShownDialogs.show(() -> new GenerateDialog(null, vm));
    }

    @AfterEach
    void close() throws Exception {
        ShownDialogs.close(dialog);
    }

    @Test
    void everyTemplateChoiceAndTheErrorLineFitWithTheButtonsInView() throws Exception {
        check("a SEAL template (no model: the error line)");
        TextArea custom = lookup("#generateCustomTemplate").queryAs(TextArea.class);
        assertFalse(custom.isVisible());
        FxThread.run(() -> vm.templateProperty().set(GenerateRequest.CUSTOM));
        check("the custom template");
        FxThread.run(() -> {
            assertTrue(LayoutChecks.shown(custom));
            assertTrue(custom.getHeight() + 0.5 >= custom.prefHeight(custom.getWidth()),
                    "the editor shows its rows: " + custom.getHeight() + " of " + custom.prefHeight(custom.getWidth()));
        });
        FxThread.run(() -> vm.kProperty().set("x"));
        check("a bad k");
        assertFalse(lookup("#generateError").queryAs(Label.class).getText().isEmpty());
        FxThread.run(() -> vm.templateProperty().set(GenerateRequest.templateKeys().get(0)));
        check("back to a SEAL template");
        assertFalse(custom.isVisible());
    }

    private void check(String when) throws Exception {
        ShownDialogs.settle();
        FxThread.run(() -> LayoutChecks.assertDialogFits(dialog, when));
    }
}
