package org.sealworkbench.ui.studio;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Optional;
import javafx.scene.Node;
import javafx.scene.control.ListView;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sealworkbench.jobs.workspace.ModelItem;
import org.sealworkbench.ui.Background;
import org.sealworkbench.ui.FxThread;
import org.sealworkbench.ui.Theme;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** The Models dialog from the keyboard: Esc closes it wherever the focus is (the list took the key for itself). */
class ModelsDialogFxTest extends org.sealworkbench.ui.FxTestRobot {
    @TempDir Path tmp;
    private ModelsDialog dialog;

    @AfterEach
    void stop() throws Exception {
        if (dialog != null) interact(dialog::close);
        FxToolkit.cleanupStages();
    }

    @Test
    void escClosesTheDialogWithTheFocusInTheList() throws Exception {
        FxToolkit.registerPrimaryStage();
        FxToolkit.setupFixture(() -> {
            Theme.LIGHT.apply();
            ModelsViewModel picker = new ModelsViewModel(() -> null, Background.DIRECT, null, (t, e) -> { });
            picker.models().setAll(new ModelItem(null, "seal-tiny", tmp.resolve("seal-tiny"), "llama", "seal-tiny"),
                    new ModelItem(7L, "round-1", tmp.resolve("round-1"), "llama", "seal-tiny -> round-1"));
            ModelsDialogViewModel vm = new ModelsDialogViewModel(picker, Optional::empty);
            dialog = new ModelsDialog(null, vm, Optional::empty);
            dialog.show();
        });
        WaitForAsyncUtils.waitForFxEvents();
        ListView<?> list = (ListView<?>) dialog.getDialogPane().lookup("#modelsList");
        clickOn((Node) list);   // a click on a model, as a person chooses one
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(FxThread.call(list::isFocused), "the list has the focus");
        type(KeyCode.ESCAPE);
        FxThread.await("the dialog closes", () -> !dialog.isShowing());
        assertFalse(dialog.isShowing());
    }
}
