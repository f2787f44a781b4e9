package org.sealworkbench.ui;

import javafx.scene.control.OverrunStyle;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.Tooltip;
import javafx.scene.text.Text;

/**
 * A table cell for a text that wraps over as many lines as it needs (a passage's questions and gold answers), but only
 * at word boundaries: JavaFX breaks a word wider than the line inside it ("Drongeha" / "l"), so a text with such a word
 * is shown on one line cut with "…" instead, whole in a tooltip. The rule is {@link TwoLineCell}'s
 * ({@link TwoLineCell#widestWord}); this cell has no limit on the lines.
 */
public final class WordWrapCell<S> extends TableCell<S, String> {
    /** Room the cell's padding takes from the column's width (the wrapped text's width is the column's less this). */
    static final double PADDING = 14;

    private final Text text = new Text();
    private final Tooltip tooltip = Tooltips.forCell();
    private String item;

    public WordWrapCell(TableColumn<S, String> column) {
        getStyleClass().add("word-wrap-cell");
        text.wrappingWidthProperty().bind(column.widthProperty().subtract(PADDING));
        text.getStyleClass().add("cell-text");
        setTextOverrun(OverrunStyle.ELLIPSIS);
        setWrapText(false);
    }

    @Override
    protected void updateItem(String value, boolean empty) {
        super.updateItem(value, empty);
        item = empty || value == null ? null : value.strip().replaceAll("\\s+", " ");
        text.setText(item == null ? "" : item);
        tooltip.setText(item == null ? "" : item);
        show(item != null && fits());
        if (item == null) {
            setGraphic(null);
            setText(null);
        }
    }

    /** Whether the text's widest word fits the wrapped line. */
    private boolean fits() {
        return TwoLineCell.widestWord(item, text.getFont()) <= text.getWrappingWidth();
    }

    /** Wrapped over lines ({@code wrap}) or on one line cut with "…" and the tooltip. */
    private void show(boolean wrap) {
        if (item == null) return;
        if (wrap) {
            if (getGraphic() != text) setGraphic(text);
            if (getText() != null) setText(null);
            if (getTooltip() != null) setTooltip(null);
        } else {
            if (getGraphic() != null) setGraphic(null);
            if (!item.equals(getText())) setText(item);
            if (getTooltip() != tooltip) setTooltip(tooltip);
        }
    }

    /** The column's width may have changed since the item came: the rule is applied again before each layout. */
    @Override
    protected void layoutChildren() {
        show(item != null && fits());
        super.layoutChildren();
    }

    /** Whether the text shows wrapped whole (tests): false when it is cut on one line with the tooltip. */
    boolean wrapped() {
        return getGraphic() == text;
    }

    /** The text as shown when wrapped (tests). */
    Text textNode() {
        return text;
    }
}
