package org.sealworkbench.ui;

import javafx.scene.control.OverrunStyle;
import javafx.scene.control.TableCell;
import javafx.scene.control.Tooltip;
import javafx.util.Duration;

/**
 * A table cell for model-written text (answers, self-edit lines): one line whatever the text, line breaks shown as
 * " ⏎ ", cut with an ellipsis, the whole text in a wrapped tooltip. A closed-book answer is up to 64 generated tokens
 * and often runs on over several lines; JavaFX's default cell lays such text out at its full height inside a row
 * sized for fewer lines, so its first lines were drawn over the row above.
 */
public final class OneLineCell<S> extends TableCell<S, String> {
    /** Above this many characters the tooltip appears even for one line (the cell may cut it). */
    static final int TOOLTIP_FROM = 40;

    private final Tooltip tooltip = new Tooltip();
    private final int tooltipFrom;

    public OneLineCell() {
        this(TOOLTIP_FROM);
    }

    /** {@code tooltipFrom}: above this many characters a one-line text gets its tooltip too (0: always). */
    public OneLineCell(int tooltipFrom) {
        this.tooltipFrom = tooltipFrom;
        setTextOverrun(OverrunStyle.ELLIPSIS);
        setWrapText(false);
        tooltip.setWrapText(true);
        tooltip.setMaxWidth(560);
        tooltip.setShowDelay(Duration.millis(300));
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
            setText(null);
            setTooltip(null);
            return;
        }
        String line = oneLine(item);
        setText(line);
        if (!line.equals(item.strip()) || item.length() > tooltipFrom) {
            tooltip.setText(item.strip());
            setTooltip(tooltip);
        } else {
            setTooltip(null);
        }
    }
}
