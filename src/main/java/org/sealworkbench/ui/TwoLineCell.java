package org.sealworkbench.ui;

import javafx.scene.control.OverrunStyle;
import javafx.scene.control.TableCell;
import javafx.scene.control.Tooltip;

/**
 * A table cell for a short text in a narrow column (a passage's title in the library): wrapped onto a second line in
 * the row's usual height (its padding trimmed above and below) instead of cut after a few characters on one, cut with
 * "…" only beyond two lines, and then whole in a tooltip. The rows keep their height, so the table shows as many.
 */
public final class TwoLineCell<S> extends TableCell<S, String> {
    private final Tooltip tooltip = Tooltips.forCell();

    public TwoLineCell() {
        getStyleClass().add("two-line-cell");
        setWrapText(true);
        setTextOverrun(OverrunStyle.ELLIPSIS);
    }

    @Override
    protected void updateItem(String item, boolean empty) {
        super.updateItem(item, empty);
        if (empty || item == null) {
            setText(null);
            setTooltip(null);
            return;
        }
        setText(item.strip().replaceAll("\\s+", " "));
        tooltip.setText(getText());
    }

    /**
     * Wraps only where every word fits the cell's width: JavaFX breaks a word wider than the line inside it
     * ("Vavapeirm" / "ar"), so such a title is cut with "…" on one line instead. Then, the skin having fitted the text
     * to the cell, a cut text gets the tooltip.
     */
    @Override
    protected void layoutChildren() {
        if (getText() != null) {
            boolean wrap = widestWord(getText()) <= getWidth() - snappedLeftInset() - snappedRightInset();
            if (isWrapText() != wrap) setWrapText(wrap);
        }
        super.layoutChildren();
        if (getText() == null) return;
        Tooltip wanted = OneLineCell.drawsLess(this) ? tooltip : null;
        if (getTooltip() != wanted) setTooltip(wanted);
    }

    private double widestWord(String text) {
        return widestWord(text, getFont());
    }

    /**
     * The width of the text's widest word (words split at white space) in this font: a text wraps without breaking a
     * word inside it only where this fits the line. Shared with {@link WordWrapCell}.
     */
    static double widestWord(String text, javafx.scene.text.Font font) {
        String key = font.getName() + '\u0000' + font.getSize() + '\u0000' + text;
        Double known = WIDEST.get(key);
        if (known != null) return known;
        javafx.scene.text.Text probe = new javafx.scene.text.Text();
        probe.setFont(font);
        double widest = 0;
        for (String word : text.strip().split("\\s+")) {
            probe.setText(word);
            widest = Math.max(widest, probe.getLayoutBounds().getWidth());
        }
        WIDEST.put(key, widest);
        return widest;
    }

    /**
     * Widest words measured, by font and text (FX thread only). The cells ask on every layout pass; measuring each time
     * laid text out on the FX thread hundreds of times a second, and JavaFX's Linux text layout (Pango) has a race
     * between the FX thread and the render thread drawing a canvas's text: a test JVM aborted with
     * "ConcurrentModificationException at PangoGlyphLayout.dispose" and then "malloc(): smallbin double linked list
     * corrupted". Measuring once per text keeps the FX thread's share of that race small.
     */
    private static final java.util.Map<String, Double> WIDEST = new java.util.LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(java.util.Map.Entry<String, Double> eldest) {
            return size() > 4096;
        }
    };
}
