package org.sealworkbench.ui.studio;

import java.util.List;
import javafx.scene.control.ListCell;
import javafx.scene.text.Text;

/**
 * A column picker's closed face: the column's choice in the longest of its {@link ColumnChoice#labels()} forms that the
 * picker's width holds whole ("#12 · seal-tiny (model) · implications · reward 0.40" where there is room, "#12 · seal-tiny"
 * or "#12" in a narrow column) instead of the whole line cut to "#12 · seal-ti…"; the picker's tooltip has the whole
 * line. Chosen again at each layout, so the form follows the column's width. Drawing the column's own choice also keeps
 * the face right when a generation adds the sample to the items and chooses it in one go (the skin's own button cell
 * went by the value's index in the items and stayed blank).
 */
final class ChoiceButtonCell extends ListCell<ColumnChoice> {
    private final Text measure = new Text();
    private List<String> forms = List.of();
    private ColumnChoice item;
    /**
     * What the face says instead of the choice while set (a sample being generated: the column's choice is "Passage only"
     * until the sample is stored, and the face said so over the streaming text); null: the choice.
     */
    private final javafx.beans.property.StringProperty instead = new javafx.beans.property.SimpleStringProperty(this, "instead");

    ChoiceButtonCell() {
        instead.addListener((o, was, now) -> show());
    }

    javafx.beans.property.StringProperty insteadProperty() { return instead; }

    /** The shortest form of any text {@link #insteadProperty() instead} of the choice. */
    static final String SHORT = "Generating…";

    @Override
    protected void updateItem(ColumnChoice item, boolean empty) {
        super.updateItem(item, empty);
        this.item = empty ? null : item;
        show();
    }

    private void show() {
        if (instead.get() != null) {
            forms = instead.get().equals(SHORT) ? List.of(SHORT) : List.of(instead.get(), SHORT);   // a narrow column: the short one
        } else {
            forms = item == null ? List.of() : item.labels();
        }
        setText(forms.isEmpty() ? null : fitting(getWidth()));
    }

    @Override
    protected void layoutChildren() {
        if (!forms.isEmpty()) {
            String text = fitting(getWidth());
            if (!text.equals(getText())) setText(text);
        }
        super.layoutChildren();
    }

    /** The longest form whose text fits {@code width} with the cell's padding, the shortest when none does; before layout the whole. */
    String fitting(double width) {
        if (width <= 0) return forms.get(0);
        double room = width - snappedLeftInset() - snappedRightInset() - getLabelPadding().getLeft() - getLabelPadding().getRight();
        measure.setFont(getFont());
        for (String f : forms) {
            measure.setText(f);
            if (Math.ceil(measure.getLayoutBounds().getWidth()) <= room) return f;
        }
        return forms.get(forms.size() - 1);
    }
}
