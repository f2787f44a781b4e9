package org.sealworkbench.ui;

import javafx.scene.control.OverrunStyle;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.Tooltip;
import javafx.scene.text.Text;

/**
 * A table cell for a text that wraps over as many lines as it needs (a passage's questions and gold answers, History's
 * conditions), but only at word boundaries: JavaFX breaks a word wider than the line inside it ("Drongeha" / "l"). A
 * word wider than the line that has hyphens (or slashes) is broken after one of them ("Qwen2.5-7B-" / "Instruct"), a line
 * break put there by this cell, since JavaFX itself wraps only at white space; a text with a word that still does not
 * fit is shown on one line cut with "…" instead, whole in a tooltip. The rule is {@link TwoLineCell}'s
 * ({@link TwoLineCell#widestWord}) on {@link #pieces}; this cell has no limit on the lines.
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
        // the cell's own text colour, as the theme sets it for a selected row and not (a style class painting selected
        // rows' text in the emphasis colour drew white on the light theme's grey selection)
        text.fillProperty().bind(textFillProperty());
        setTextOverrun(OverrunStyle.ELLIPSIS);
        setWrapText(false);
    }

    @Override
    protected void updateItem(String value, boolean empty) {
        super.updateItem(value, empty);
        item = empty || value == null ? null : value.strip().replaceAll("\\s+", " ");
        brokenFor = Double.NaN;
        text.setText(item == null ? "" : item);
        tooltip.setText(item == null ? "" : item);
        show(item != null && fits());
        if (item == null) {
            setGraphic(null);
            setText(null);
        }
    }

    /** The wrapping width the text's line breaks were put in for ({@link #breakLongWords}). */
    private double brokenFor = Double.NaN;

    /** Whether the text's widest piece (a word, or a part of one after a hyphen or slash) fits the wrapped line. */
    private boolean fits() {
        double width = text.getWrappingWidth();
        boolean fits = TwoLineCell.widestWord(String.join(" ", pieces(item)), text.getFont()) <= width;
        if (fits && width != brokenFor) {
            brokenFor = width;
            String shown = breakLongWords(item, width);
            if (!shown.equals(text.getText())) text.setText(shown);
        }
        return fits;
    }

    /**
     * The text's pieces for wrapping: its words, a word with hyphens or slashes cut after each ("Qwen2.5-7B-Instruct":
     * "Qwen2.5-", "7B-", "Instruct"); a text wraps whole in a width its widest piece fits.
     */
    public static java.util.List<String> pieces(String text) {
        java.util.List<String> out = new java.util.ArrayList<>();
        if (text == null) return out;
        for (String word : text.strip().split("\\s+")) {
            for (String p : word.split("(?<=[-/])(?=.)")) if (!p.isEmpty()) out.add(p);
        }
        return out;
    }

    /** The text with a line break after a hyphen or slash in each word wider than {@code width}, its parts joined greedily. */
    private String breakLongWords(String s, double width) {
        Text probe = new Text();
        probe.setFont(text.getFont());
        StringBuilder b = new StringBuilder();
        for (String word : s.split(" ")) {
            if (b.length() > 0) b.append(' ');
            probe.setText(word);
            if (probe.getLayoutBounds().getWidth() <= width) {
                b.append(word);
                continue;
            }
            StringBuilder line = new StringBuilder();
            for (String p : word.split("(?<=[-/])(?=.)")) {
                probe.setText(line + p);
                if (line.length() > 0 && probe.getLayoutBounds().getWidth() > width) {
                    b.append(line).append('\n');
                    line.setLength(0);
                }
                line.append(p);
            }
            b.append(line);
        }
        return b.toString();
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

    /** The text as shown when wrapped (tests): line breaks this cell put in a long word are in it. */
    Text textNode() {
        return text;
    }
}
