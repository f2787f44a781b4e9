package org.sealworkbench.ui;

import javafx.scene.control.OverrunStyle;
import javafx.scene.control.TableCell;
import javafx.scene.control.Tooltip;
import javafx.util.Duration;

/**
 * A table cell for model-written text (answers, self-edit lines): one line whatever the text, line breaks shown as
 * " ⏎ ", cut with an ellipsis, the whole text in a wrapped tooltip. A closed-book answer is up to 64 generated tokens
 * and often runs on over several lines; JavaFX's default cell lays such text out at its full height inside a row
 * sized for fewer lines, so its first lines were drawn over the row above. A text the column is too narrow for gets the
 * tooltip too, whatever its length (a table whose columns share the width cuts short texts as well).
 */
public final class OneLineCell<S> extends TableCell<S, String> {
    /** Above this many characters the tooltip appears even for one line (the cell may cut it). */
    static final int TOOLTIP_FROM = 40;

    private final Tooltip tooltip = Tooltips.forCell();
    private final int tooltipFrom;
    /** The shown item's whole text, and whether it gets the tooltip however wide the cell is. */
    private String whole;
    private boolean alwaysTooltip;

    public OneLineCell() {
        this(TOOLTIP_FROM);
    }

    /** {@code tooltipFrom}: above this many characters a one-line text gets its tooltip too (0: always). */
    public OneLineCell(int tooltipFrom) {
        this.tooltipFrom = tooltipFrom;
        setTextOverrun(OverrunStyle.ELLIPSIS);
        setWrapText(false);
        tooltip.setShowDuration(Duration.INDEFINITE);
    }

    /** The text on one line: each run of line breaks (and the spaces around it) becomes " ⏎ ". */
    public static String oneLine(String text) {
        if (text == null) return "";
        return text.strip().replaceAll("[ \\t]*(\\r?\\n)+[ \\t]*", " ⏎ ");
    }

    @Override
    protected void updateItem(String item, boolean empty) {
        super.updateItem(item, empty);
        if (empty || item == null) {
            whole = null;
            setText(null);
            setTooltip(null);
            return;
        }
        String line = oneLine(item);
        setText(line);
        whole = item.strip();
        tooltip.setText(whole);
        alwaysTooltip = !line.equals(whole) || item.length() > tooltipFrom;
        setTooltip(alwaysTooltip ? tooltip : null);
    }

    /** After the skin has fitted the text to the width: a cut text gets the tooltip. */
    @Override
    protected void layoutChildren() {
        super.layoutChildren();
        if (whole == null || alwaysTooltip) return;
        Tooltip wanted = isCut() ? tooltip : null;
        if (getTooltip() != wanted) setTooltip(wanted);
    }

    /** Whether the skin draws less than the text (cut with "…"). */
    boolean isCut() {
        return drawsLess(this);
    }

    /** Whether a labeled's skin draws less than its text (cut with "…"; wrapped text drawn whole counts as whole). */
    static boolean drawsLess(javafx.scene.control.Labeled l) {
        for (javafx.scene.Node n : l.getChildrenUnmodifiable()) {
            if (n instanceof javafx.scene.text.Text t) return l.getText() != null && !l.getText().equals(t.getText());
        }
        return false;
    }
}
