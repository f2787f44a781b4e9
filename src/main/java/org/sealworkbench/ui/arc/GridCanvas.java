package org.sealworkbench.ui.arc;

import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import org.sealworkbench.data.arc.Grid;

/**
 * An ARC grid drawn on a canvas in ARC's usual palette, with grey cell lines and a frame, so that black cells stay
 * visible on a dark background and the grid's edge on a light one. Cells are square and scaled to fit a box of
 * {@link #boxProperty()} pixels (at most {@link #MAX_CELL} each), so a 30x30 grid fits as well as a 2x2 one.
 */
public final class GridCanvas extends Region {
    /** ARC's colours 0-9: black, blue, red, green, yellow, grey, magenta, orange, sky, maroon. */
    public static final Color[] PALETTE = {
            Color.web("#000000"), Color.web("#0074D9"), Color.web("#FF4136"), Color.web("#2ECC40"), Color.web("#FFDC00"),
            Color.web("#AAAAAA"), Color.web("#F012BE"), Color.web("#FF851B"), Color.web("#7FDBFF"), Color.web("#870C25")};
    /** Mid grey: seen against black cells and against both themes' backgrounds. */
    static final Color LINE = Color.web("#808080");
    public static final double MAX_CELL = 24;

    private final Canvas canvas = new Canvas();
    private final ObjectProperty<Grid> grid = new SimpleObjectProperty<>(this, "grid");
    private final DoubleProperty box = new SimpleDoubleProperty(this, "box", 160);

    public GridCanvas() {
        this(null);
    }

    public GridCanvas(Grid g) {
        getStyleClass().add("arc-grid");
        getChildren().add(canvas);
        grid.set(g);
        grid.addListener(o -> redraw());
        box.addListener(o -> redraw());
        redraw();
    }

    /** The side, in pixels, of a square cell for this grid in the box. */
    public double cellSize() {
        Grid g = grid.get();
        if (g == null) return 0;
        double b = box.get();
        return Math.max(2, Math.min(MAX_CELL, Math.floor(Math.min(b / g.height(), b / g.width()))));
    }

    private void redraw() {
        Grid g = grid.get();
        GraphicsContext gc = canvas.getGraphicsContext2D();
        if (g == null) {
            canvas.setWidth(0);
            canvas.setHeight(0);
            requestLayout();
            return;
        }
        double c = cellSize();
        double w = g.width() * c + 1, h = g.height() * c + 1;
        canvas.setWidth(w);
        canvas.setHeight(h);
        gc.clearRect(0, 0, w, h);
        for (int r = 0; r < g.height(); r++) {
            for (int col = 0; col < g.width(); col++) {
                int v = g.at(r, col);
                gc.setFill(v >= 0 && v < PALETTE.length ? PALETTE[v] : Color.WHITE);
                gc.fillRect(col * c + 0.5, r * c + 0.5, c, c);
            }
        }
        gc.setStroke(LINE);
        gc.setLineWidth(c >= 6 ? 1 : 0.5);
        for (int r = 0; r <= g.height(); r++) gc.strokeLine(0.5, r * c + 0.5, g.width() * c + 0.5, r * c + 0.5);
        for (int col = 0; col <= g.width(); col++) gc.strokeLine(col * c + 0.5, 0.5, col * c + 0.5, g.height() * c + 0.5);
        requestLayout();
    }

    @Override
    protected double computePrefWidth(double height) {
        return canvas.getWidth();
    }

    @Override
    protected double computePrefHeight(double width) {
        return canvas.getHeight();
    }

    @Override
    protected double computeMinWidth(double height) {
        return canvas.getWidth();
    }

    @Override
    protected double computeMinHeight(double width) {
        return canvas.getHeight();
    }

    @Override
    protected void layoutChildren() {
        canvas.relocate(0, 0);
    }

    public ObjectProperty<Grid> gridProperty() { return grid; }
    /** The largest side, in pixels, the grid may take. */
    public DoubleProperty boxProperty() { return box; }
    /** The canvas (tests read its pixels). */
    Canvas canvas() { return canvas; }
}
