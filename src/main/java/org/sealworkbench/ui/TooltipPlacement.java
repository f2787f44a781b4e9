package org.sealworkbench.ui;

import javafx.application.Platform;
import javafx.collections.ListChangeListener;
import javafx.geometry.Rectangle2D;
import javafx.scene.control.Tooltip;
import javafx.stage.Screen;
import javafx.stage.Window;

/**
 * Keeps every tooltip of the application inside the screen. JavaFX opens a tooltip just below the cursor and corrects
 * its place (autoFix) from its first measured size; a long wrapped tooltip grows taller when it lays out its text, so
 * near the bottom edge its last lines were cut off (seen at 1280x800 on the ReST-EM form's Adapter batch and Workers
 * fields). Once a tooltip is showing and laid out, one that reaches past the bottom of its screen opens upwards instead,
 * above the cursor (not under it: a tooltip under the cursor would take the mouse off its node and hide itself).
 * Written by hand: neither JavaFX nor ControlsFX has a placement option for tooltips.
 */
public final class TooltipPlacement {
    private static boolean installed;

    private TooltipPlacement() {}

    /** Watches the application's windows for tooltips (idempotent; on the FX thread). */
    public static void install() {
        if (installed) return;
        installed = true;
        Window.getWindows().addListener((ListChangeListener<Window>) change -> {
            while (change.next()) {
                for (Window w : change.getAddedSubList()) {
                    if (w instanceof Tooltip t) Platform.runLater(() -> keepOnScreen(t));   // after its layout pass
                }
            }
        });
    }

    /** Moves a showing tooltip that reaches past its screen's bottom edge to above the cursor it was opened at. */
    static void keepOnScreen(Tooltip t) {
        if (!t.isShowing()) return;
        Rectangle2D screen = screenOf(t.getX(), t.getY());
        if (screen == null || t.getY() + t.getHeight() <= screen.getMaxY()) return;
        // JavaFX puts a tooltip's top some pixels below the cursor; above it, with the same gap
        double cursorY = t.getY() - CURSOR_GAP;
        t.setY(Math.max(screen.getMinY(), cursorY - CURSOR_GAP - t.getHeight()));
    }

    /** The gap JavaFX leaves between the cursor and a tooltip's top edge (TooltipBehavior's offset, with the cursor's height). */
    static final double CURSOR_GAP = 20;

    private static Rectangle2D screenOf(double x, double y) {
        for (Screen s : Screen.getScreensForRectangle(x, y, 1, 1)) return s.getVisualBounds();
        return Screen.getPrimary() == null ? null : Screen.getPrimary().getVisualBounds();
    }
}
