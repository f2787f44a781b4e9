package org.sealworkbench.ui;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Labeled;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.TableColumnBase;
import javafx.scene.control.TableView;

/**
 * Layout assertions on a shown window (call them on the FX thread): what a user must reach is drawn, lies inside the
 * window, is not cut to "…" and is not covered by another control; a table's columns fit its width.
 */
public final class LayoutChecks {
    private static final double SLACK = 0.5;

    private LayoutChecks() {}

    /** The visible Labeled (button, toggle, label) under {@code root} whose text is {@code text}. */
    public static Labeled labeled(Parent root, String text) {
        for (Node n : descendants(root)) {
            if (n instanceof Labeled l && text.equals(l.getText()) && shown(l)) return l;
        }
        fail("no visible control reads \"" + text + "\" in " + root);
        return null;
    }

    /** Every node under {@code root}, depth first. */
    public static List<Node> descendants(Parent root) {
        List<Node> all = new ArrayList<>();
        for (Node n : root.getChildrenUnmodifiable()) {
            all.add(n);
            if (n instanceof Parent p) all.addAll(descendants(p));
        }
        return all;
    }

    /** Whether the node and all its parents are visible and it is in a scene. */
    public static boolean shown(Node n) {
        if (n.getScene() == null) return false;
        for (Node p = n; p != null; p = p.getParent()) {
            if (!p.isVisible()) return false;
        }
        return true;
    }

    public static Bounds inScene(Node n) {
        return n.localToScene(n.getLayoutBounds());
    }

    /** The node is drawn, with a size, inside the window's width and height. */
    public static void assertInWindow(Node n, String what) {
        Scene s = n.getScene();
        assertNotNull(s, what + " is in the window");
        assertTrue(shown(n), what + " is visible");
        Bounds b = inScene(n);
        assertTrue(b.getWidth() > 1 && b.getHeight() > 1, what + " has a size: " + b);
        assertTrue(b.getMinX() >= -SLACK && b.getMaxX() <= s.getWidth() + SLACK,
                what + " lies within the window's width " + s.getWidth() + ": x " + b.getMinX() + " to " + b.getMaxX());
        assertTrue(b.getMinY() >= -SLACK && b.getMaxY() <= s.getHeight() + SLACK,
                what + " lies within the window's height " + s.getHeight() + ": y " + b.getMinY() + " to " + b.getMaxY());
    }

    /** The control is as wide as its text needs: not cut to "…". */
    public static void assertWhole(Labeled l) {
        assertTrue(l.getWidth() + SLACK >= l.prefWidth(-1),
                "\"" + l.getText() + "\" is shown whole: " + l.getWidth() + " wide, its text needs " + l.prefWidth(-1));
    }

    /** No two of the nodes cover each other. */
    public static void assertNoOverlap(List<? extends Node> nodes) {
        List<Bounds> bounds = new ArrayList<>();
        for (Node n : nodes) bounds.add(inScene(n));
        for (int i = 0; i < nodes.size(); i++) {
            for (int j = i + 1; j < nodes.size(); j++) {
                Bounds a = bounds.get(i), b = bounds.get(j);
                boolean overlap = a.getMinX() < b.getMaxX() - SLACK && b.getMinX() < a.getMaxX() - SLACK
                        && a.getMinY() < b.getMaxY() - SLACK && b.getMinY() < a.getMaxY() - SLACK;
                assertFalse(overlap, describe(nodes.get(i)) + " and " + describe(nodes.get(j)) + " overlap: " + a + " / " + b);
            }
        }
    }

    /**
     * The table needs no horizontal scrolling: no horizontal scroll bar is shown and its columns' widths add up to no
     * more than its width; every column is at least {@code minColumn} wide (none squeezed to nothing).
     */
    public static void assertColumnsFit(TableView<?> table, double minColumn) {
        for (Node n : table.lookupAll(".scroll-bar")) {
            if (n instanceof ScrollBar sb && sb.getOrientation() == javafx.geometry.Orientation.HORIZONTAL) {
                assertFalse(shown(sb), table.getId() + " shows a horizontal scroll bar");
            }
        }
        double sum = 0;
        for (TableColumnBase<?, ?> c : table.getVisibleLeafColumns()) {
            assertTrue(c.getWidth() + SLACK >= minColumn, table.getId() + ": column \"" + c.getText() + "\" is only " + c.getWidth() + " wide");
            sum += c.getWidth();
        }
        assertTrue(sum <= table.getWidth() + SLACK, table.getId() + ": its columns take " + sum + " of its " + table.getWidth());
    }

    /** Every shown column heading of the table is whole (not cut to "…"). */
    public static void assertHeadingsWhole(TableView<?> table) {
        int seen = 0;
        for (Node n : table.lookupAll(".column-header")) {
            if (!(n instanceof javafx.scene.control.skin.TableColumnHeader h) || h.getTableColumn() == null || !shown(h)) continue;
            if (h.lookup(".label") instanceof Labeled heading) {
                assertWhole(heading);
                seen++;
            }
        }
        assertTrue(seen == table.getVisibleLeafColumns().size(),
                table.getId() + ": " + seen + " headings checked of " + table.getVisibleLeafColumns().size());
    }

    /**
     * A shown dialog fits: every shown label, check box and picker face of its content lies inside its window and is
     * whole (a wrapping one is whole on its lines), its buttons lie inside the window, and the window lies inside the
     * screen. Call on the FX thread.
     */
    public static void assertDialogFits(javafx.scene.control.Dialog<?> dialog, String when) {
        assertDialogFits(dialog.getDialogPane(), when);
    }

    /** As {@link #assertDialogFits(javafx.scene.control.Dialog, String)}, for a dialog known by its pane. */
    public static void assertDialogFits(javafx.scene.control.DialogPane pane, String when) {
        for (Node n : descendants((Parent) pane.getContent())) {
            if (n instanceof Labeled l && shown(l) && l.getText() != null && !l.getText().isEmpty()) {
                assertInWindow(l, when + ": \"" + l.getText() + "\"");
                if (!l.isWrapText()) assertWhole(l);
            }
        }
        for (javafx.scene.control.ButtonType b : pane.getButtonTypes()) assertInWindow(pane.lookupButton(b), when + ": " + b.getText());
        javafx.stage.Window w = pane.getScene().getWindow();
        javafx.geometry.Rectangle2D screen = javafx.stage.Screen.getPrimary().getVisualBounds();
        assertTrue(w.getX() >= screen.getMinX() - SLACK && w.getX() + w.getWidth() <= screen.getMaxX() + SLACK
                && w.getY() >= screen.getMinY() - SLACK && w.getY() + w.getHeight() <= screen.getMaxY() + SLACK,
                when + ": the dialog lies within the screen " + screen + ": " + w.getX() + "," + w.getY() + " " + w.getWidth() + "x" + w.getHeight());
    }

    private static String describe(Node n) {
        return n instanceof Labeled l ? "\"" + l.getText() + "\"" : n.getClass().getSimpleName() + (n.getId() == null ? "" : "#" + n.getId());
    }
}
