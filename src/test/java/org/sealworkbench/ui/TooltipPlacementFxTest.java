package org.sealworkbench.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.StackPane;
import javafx.stage.Screen;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** A long tooltip opened near the bottom of the screen opens upwards, whole; one with room below stays where JavaFX put it. */
class TooltipPlacementFxTest extends FxTestRobot {
    @BeforeEach
    void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @AfterEach
    void stop() throws Exception {
        FxThread.run(() -> new java.util.ArrayList<>(javafx.stage.Window.getWindows()).forEach(javafx.stage.Window::hide));
        FxToolkit.cleanupStages();
    }

    private Tooltip showAt(double fromBottom) throws Exception {
        return FxThread.call(() -> {
            TooltipPlacement.install();
            Stage stage = new Stage();
            Label node = new Label("Workers");
            stage.setScene(new Scene(new StackPane(node), 200, 100));
            stage.show();
            Tooltip tip = new Tooltip("Batches computed side by side, each on a worker thread with a replica of the model (the same "
                    + "weights, its own adapters), so memory per batch times this. Empty: SEAL_WORKERS if set, else one per core "
                    + "the model's own PyTorch threads leave free. Which worker computes a batch changes nothing stored.");
            tip.setWrapText(true);
            tip.setMaxWidth(420);
            Rectangle2D screen = Screen.getPrimary().getVisualBounds();
            tip.show(node, screen.getMinX() + 50, screen.getMaxY() - fromBottom);
            return tip;
        });
    }

    @Test
    void aLongTooltipNearTheBottomOpensUpwardsWhole() throws Exception {
        Tooltip tip = showAt(30);
        double shownAt = Screen.getPrimary().getVisualBounds().getMaxY() - 30;
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> FxThread.call(() -> tip.getY() < shownAt - 1));
        WaitForAsyncUtils.waitForFxEvents();
        FxThread.run(() -> {
            Rectangle2D screen = Screen.getPrimary().getVisualBounds();
            assertTrue(tip.getHeight() > 60, "several lines: " + tip.getHeight());
            assertTrue(tip.getY() + tip.getHeight() <= screen.getMaxY(), "inside the screen: " + tip.getY() + " + " + tip.getHeight());
            assertTrue(tip.getY() + tip.getHeight() <= shownAt - TooltipPlacement.CURSOR_GAP + 0.5, "above the cursor");
        });
    }

    @Test
    void aTooltipWithRoomBelowStaysPut() throws Exception {
        double y = Screen.getPrimary().getVisualBounds().getMinY() + 40;
        double[] shownY = new double[1];
        Tooltip tip = FxThread.call(() -> {
            TooltipPlacement.install();
            Stage stage = new Stage();
            Label node = new Label("Model");
            stage.setScene(new Scene(new StackPane(node), 200, 100));
            stage.show();
            Tooltip t = new Tooltip("A short tip");
            t.show(node, 50, y);
            shownY[0] = t.getY();                               // where JavaFX put it (its popup's inset included)
            return t;
        });
        WaitForAsyncUtils.waitForFxEvents();
        WaitForAsyncUtils.sleep(200, TimeUnit.MILLISECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(shownY[0], FxThread.call(tip::getY), 0.5);
        assertTrue(Math.abs(shownY[0] - y) < 10, "near where it was asked for: " + shownY[0]);
    }
}
