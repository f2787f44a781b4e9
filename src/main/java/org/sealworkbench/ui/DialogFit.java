package org.sealworkbench.ui;

import java.util.List;
import javafx.application.Platform;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Dimension2D;
import javafx.geometry.Rectangle2D;
import javafx.scene.control.Dialog;
import javafx.scene.control.DialogEvent;
import javafx.scene.control.DialogPane;
import javafx.scene.control.ScrollPane;
import javafx.stage.Screen;
import javafx.stage.Window;

/**
 * Keeps a form dialog fitted to its content and on its screen. A JavaFX dialog takes its size once, when shown; a form
 * whose rows appear with a choice (the Fine-tune &amp; evaluate dialog's scopes, the Generate dialog's custom template, an
 * error line) then scrolled, squeezed its labels to "…" or pushed its buttons below the window's edge. Here the dialog
 * is as wide as its content (a long header wraps instead of widening it), and when shown and after any of the given
 * values changes it takes its content's height and any new width (never narrower, so that it does not jump sideways);
 * on a screen too small for it the given scroll pane (if any) scrolls and the dialog takes the screen's height. Then it
 * is moved onto the screen. Width and height are set together: Window.setHeight alone reached GTK without a width,
 * gtk_window_resize refused it and the window kept its height (seen under Xvfb), and sizeToScene was not followed there.
 */
public final class DialogFit {
    private final Dialog<?> dialog;
    private final ScrollPane scroll;
    /** The window's frame around the scene, measured at the first fit (a later one may come before the scene has
     * followed the window's last resize). */
    private Dimension2D frame;
    private boolean pending;

    private DialogFit(Dialog<?> dialog, ScrollPane scroll) {
        this.dialog = dialog;
        this.scroll = scroll;
    }

    /**
     * Fits {@code dialog} (call before it is shown, after its content is set) when shown and whenever one of
     * {@code changes} changes (several at once: one fit, after them). {@code scroll}: the part of the content that
     * scrolls on a screen smaller than the form, or null.
     */
    public static void install(Dialog<?> dialog, ScrollPane scroll, List<? extends ObservableValue<?>> changes) {
        DialogFit f = new DialogFit(dialog, scroll);
        dialog.addEventHandler(DialogEvent.DIALOG_SHOWING, e -> {
            dialog.getDialogPane().applyCss();
            dialog.getDialogPane().setPrefWidth(f.contentWidth());
        });
        // at DIALOG_SHOWN the window may have no size yet (NaN under Xvfb): fit once its height is known
        dialog.addEventHandler(DialogEvent.DIALOG_SHOWN, e -> {
            Window w = dialog.getDialogPane().getScene().getWindow();
            if (w.getHeight() > 0) {
                f.fit();
                return;
            }
            w.heightProperty().addListener(new ChangeListener<Number>() {
                @Override
                public void changed(ObservableValue<? extends Number> o, Number was, Number now) {
                    if (now.doubleValue() > 0) {
                        w.heightProperty().removeListener(this);
                        Platform.runLater(f::fit);
                    }
                }
            });
        });
        ChangeListener<Object> refit = (o, was, now) -> f.later();
        for (ObservableValue<?> o : changes) o.addListener(refit);
    }

    private void later() {
        if (pending) return;
        pending = true;
        Platform.runLater(() -> {
            pending = false;
            fit();
        });
    }

    /** The dialog's width for its content as now shown. */
    private double contentWidth() {
        DialogPane pane = dialog.getDialogPane();
        return pane.snappedLeftInset() + pane.snappedRightInset() + pane.getContent().prefWidth(-1) + 2;
    }

    private void fit() {
        if (!dialog.isShowing() || dialog.getDialogPane().getScene() == null) return;
        DialogPane pane = dialog.getDialogPane();
        Window w = pane.getScene().getWindow();
        var screens = Screen.getScreensForRectangle(w.getX(), w.getY(), Math.max(1, w.getWidth()), Math.max(1, w.getHeight()));
        Rectangle2D b = (screens.isEmpty() ? Screen.getPrimary() : screens.get(0)).getVisualBounds();
        if (frame == null) frame = new Dimension2D(Math.max(0, w.getWidth() - pane.getScene().getWidth()),
                Math.max(0, w.getHeight() - pane.getScene().getHeight()));
        pane.applyCss();   // rows just shown are measured in their own font
        if (scroll != null) scroll.setPrefViewportHeight(0);   // the form's own height again, not an earlier fit's
        double width = Math.max(pane.getWidth(), contentWidth());
        double height = pane.prefHeight(width);
        double over = height + frame.getHeight() - (b.getHeight() - 2);
        if (over > 0 && scroll != null && scroll.getContent().prefHeight(-1) - over > 120) {
            scroll.setPrefViewportHeight(scroll.getContent().prefHeight(-1) - over);
            height -= over;
        }
        if (width > pane.getWidth() + 0.5 || Math.abs(height - pane.getHeight()) > 0.5) {
            dialog.setWidth(width + frame.getWidth());
            dialog.setHeight(height + frame.getHeight());
        }
        double winW = width + frame.getWidth(), winH = height + frame.getHeight();
        if (dialog.getX() + winW > b.getMaxX()) dialog.setX(Math.max(b.getMinX(), b.getMaxX() - winW));
        if (dialog.getY() + winH > b.getMaxY()) dialog.setY(Math.max(b.getMinY(), b.getMaxY() - winH));
        if (dialog.getY() < b.getMinY()) dialog.setY(b.getMinY());
    }
}
