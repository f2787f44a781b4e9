package org.sealworkbench.ui;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** Help > About on the screen: all its lines in sight, and Escape closes it (it did not: OK and Copy, no cancel button). */
class AboutBoxFxTest extends FxTestRobot {
    @AfterEach
    void close() throws Exception {
        FxToolkit.cleanupStages();
    }

    @Test
    void everyLineIsInSightAndEscapeCloses() throws Exception {
        FxToolkit.registerPrimaryStage();
        var info = new AboutBox.Info("0.1.0", "17.0.12 (Eclipse Adoptium)", "21.0.5",
                Path.of("/home/someone/.local/share/seal-workbench/logs/seal-workbench.0.log"),
                Path.of("/home/someone/.local/share/seal-workbench"), Path.of("/home/someone/.config/seal-workbench/settings.properties"),
                Path.of("/home/someone/experiments/seal-workbench-workspaces/squad-subset-200"),
                Path.of("/home/someone/experiments/seal-workbench-workspaces/squad-subset-200/models/round-2"));
        Alert about = FxThread.call(() -> {
            Theme.LIGHT.apply();
            Alert a = AboutBox.create(null, info, new ButtonType("Copy log path", ButtonBar.ButtonData.LEFT));
            a.show();
            return a;
        });
        WaitForAsyncUtils.waitForFxEvents();
        TextArea text = lookup("#aboutText").queryAs(TextArea.class);
        ScrollPane scroll = (ScrollPane) text.lookup(".scroll-pane");
        double content = scroll.getContent().getLayoutBounds().getHeight(), viewport = scroll.getViewportBounds().getHeight();
        assertTrue(content <= viewport + 0.5, "the text (" + content + " px) fits its box (" + viewport + " px)");

        clickOn(text);
        press(KeyCode.ESCAPE).release(KeyCode.ESCAPE);
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(about.isShowing(), "Escape closed it");
    }
}
