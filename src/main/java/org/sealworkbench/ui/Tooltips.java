package org.sealworkbench.ui;

import javafx.scene.control.Tooltip;
import javafx.util.Duration;

/**
 * The workbench's tooltips for long text (a cut cell's whole text, a path, an engine line): wrapped at 560 px, about 80
 * characters, never one line across the screen.
 */
public final class Tooltips {
    static final double MAX_WIDTH = 560;

    private Tooltips() {}

    /** An empty tooltip that wraps its text at {@link #MAX_WIDTH}. */
    public static Tooltip wrapped() {
        Tooltip t = new Tooltip();
        t.setWrapText(true);
        t.setMaxWidth(MAX_WIDTH);
        return t;
    }

    /** For a table cell's whole text: wrapped, and shown after 300 ms (a cut cell is read by hovering it). */
    public static Tooltip forCell() {
        Tooltip t = wrapped();
        t.setShowDelay(Duration.millis(300));
        return t;
    }
}
