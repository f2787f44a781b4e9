package org.sealworkbench.ui;

import java.util.function.Function;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Label;
import javafx.scene.control.OverrunStyle;
import javafx.scene.control.TableCell;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Region;
import javafx.util.Duration;
import org.sealworkbench.seal.Ending;

/**
 * A table cell for model-written text (answers, self-edit lines): one line whatever the text, line breaks shown as
 * " ⏎ ", cut with an ellipsis, the whole text in a wrapped tooltip. A closed-book answer is up to 64 generated tokens
 * and often runs on over several lines; JavaFX's default cell lays such text out at its full height inside a row
 * sized for fewer lines, so its first lines were drawn over the row above. A text the column is too narrow for gets the
 * tooltip too, whatever its length (a table whose columns share the width cuts short texts as well).
 * <p>A cell of generated text ({@link #withEnding}) also says why the text ended where a limit cut it: a tag after the
 * text ("token limit (32)", {@link Ending#brief}, kept whole while the text gives way to it) with the whole sentence in
 * its tooltip and under the text in the cell's.
 */
public final class OneLineCell<S> extends TableCell<S, String> {
    /** Above this many characters the tooltip appears even for one line (the cell may cut it). */
    static final int TOOLTIP_FROM = 40;

    private final Tooltip tooltip = Tooltips.forCell();
    private final int tooltipFrom;
    /** Why the row's text ended; null: the cell shows no ending. */
    private final Function<S, Ending> endingOf;
    private final Label tag = new Label();
    private final Tooltip tagTip = Tooltips.forCell();
    /** The shown item's whole text, and whether it gets the tooltip however wide the cell is. */
    private String whole;
    private boolean alwaysTooltip;

    public OneLineCell() {
        this(TOOLTIP_FROM);
    }

    /** {@code tooltipFrom}: above this many characters a one-line text gets its tooltip too (0: always). */
    public OneLineCell(int tooltipFrom) {
        this(tooltipFrom, null);
    }

    private OneLineCell(int tooltipFrom, Function<S, Ending> endingOf) {
        this.tooltipFrom = tooltipFrom;
        this.endingOf = endingOf;
        setTextOverrun(OverrunStyle.ELLIPSIS);
        setWrapText(false);
        tooltip.setShowDuration(Duration.INDEFINITE);
        tag.getStyleClass().add("ending-tag");
        tag.setMinWidth(Region.USE_PREF_SIZE);
        tag.setTooltip(tagTip);
        setContentDisplay(ContentDisplay.RIGHT);
        setGraphicTextGap(6);
    }

    /** A cell of generated text whose row says why it ended ({@link Ending#NONE}: nothing to tell, no tag). */
    public static <S> OneLineCell<S> withEnding(Function<S, Ending> endingOf) {
        return new OneLineCell<>(TOOLTIP_FROM, java.util.Objects.requireNonNull(endingOf));
    }

    /** The ending's tag shown after the text, or null when there is none. */
    Label endingTag() {
        return getGraphic() == tag ? tag : null;
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
            setGraphic(null);
            return;
        }
        String line = oneLine(item);
        setText(line);
        whole = item.strip();
        Ending ending = endingOf == null ? Ending.NONE : endingOfRow();
        tag.setText(ending.brief());
        tagTip.setText(ending.sentence());
        setGraphic(ending.cut() ? tag : null);
        tooltip.setText(ending.cut() ? (whole.isEmpty() ? "" : whole + "\n\n") + ending.sentence() : whole);
        alwaysTooltip = ending.cut() || !line.equals(whole) || item.length() > tooltipFrom;
        setTooltip(alwaysTooltip ? tooltip : null);
    }

    /** The ending of the row this cell shows (by index: the row's own item may not be set yet when its cells update). */
    private Ending endingOfRow() {
        int i = getIndex();
        if (getTableView() == null || i < 0 || i >= getTableView().getItems().size()) return Ending.NONE;
        Ending e = endingOf.apply(getTableView().getItems().get(i));
        return e == null ? Ending.NONE : e;
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
