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

    @Override
    protected void updateItem(ColumnChoice item, boolean empty) {
        super.updateItem(item, empty);
        forms = empty || item == null ? List.of() : item.labels();
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
