package org.sealworkbench.ui.arc;

import javafx.beans.value.ObservableValue;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.sealworkbench.data.arc.Grid;

/**
 * ARC grids as the few-shot window and the History tab show them: a {@link GridCanvas} under a caption with its size,
 * an attempt marked right or wrong, pairs in a row with an arrow between, and muted notes where a grid is missing.
 */
public final class GridFigures {
    private GridFigures() {
    }

    /** A grid under "caption  HxW", with a bold mark under it ("✓ …" green, else red) when {@code mark} is given. */
    public static VBox captioned(String caption, Grid g, String mark, String id, ObservableValue<? extends Number> box) {
        GridCanvas canvas = new GridCanvas(g);
        canvas.boxProperty().bind(box);
        if (id != null) canvas.setId(id);
        Label cap = new Label(caption + "  " + g.height() + "x" + g.width());
        cap.getStyleClass().add("text-small");
        cap.setMinWidth(Region.USE_PREF_SIZE);
        VBox v = new VBox(3, cap, canvas);
        if (mark != null) {
            Label m = new Label(mark);
            m.setId(id == null ? null : id + "Mark");
            m.setStyle("-fx-font-weight: bold; -fx-text-fill: " + (mark.startsWith("✓") ? "-color-success-fg" : "-color-danger-fg") + ";");
            v.getChildren().add(m);
        }
        return v;
    }

    /**
     * An attempt: its grid marked "✓ right" or "✗ wrong" ({@code right} null: no mark, not known), or a note when no
     * answer read as a grid.
     */
    public static Node attempt(String name, Grid g, Boolean right, String id, ObservableValue<? extends Number> box) {
        if (g == null) {
            Label none = note(name + ": no readable answer");
            none.setId(id + "None");
            return none;
        }
        return captioned(name, g, right == null ? null : right ? "✓ right" : "✗ wrong", id, box);
    }

    public static HBox pairRow(Node... nodes) {
        HBox h = new HBox(12, nodes);
        h.setAlignment(Pos.TOP_LEFT);
        return h;
    }

    public static Label arrow() {
        Label a = new Label("→");
        a.setStyle("-fx-font-size: 18px;");
        a.setPadding(new Insets(18, 0, 0, 0));
        return a;
    }

    /** A muted note in a grid's place (wraps at 150 px). */
    public static Label note(String text) {
        Label l = new Label(text);
        l.setWrapText(true);
        l.setMaxWidth(150);
        l.getStyleClass().add("text-muted");
        return l;
    }
}
