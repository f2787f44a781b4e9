package org.sealworkbench.ui;

import javafx.beans.property.StringProperty;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;

/** The short text field the windows' forms use: bound both ways to a view model's property, with an id and a tooltip. */
public final class FormFields {
    private FormFields() {}

    public static TextField bound(StringProperty p, String id, String tip) {
        TextField f = new TextField();
        f.setId(id);
        f.textProperty().bindBidirectional(p);
        f.setPrefColumnCount(6);
        f.setTooltip(new Tooltip(tip));
        return f;
    }
}
