package org.sealworkbench.ui.qa;

import java.nio.file.Path;
import javafx.beans.value.ObservableValue;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import org.sealworkbench.ui.PassageRow;

/**
 * The "Runs & QA" tab's content: a {@link QaScreen} on the open workspace (a new one when another workspace opens, the
 * old one closed), showing the library's selected passage. Plugged in with one line in the main view.
 */
public final class QaTab extends StackPane {
    private QaScreen screen;
    private final ObservableValue<PassageRow> selected;

    private QaTab(ObservableValue<Path> workspace, ObservableValue<PassageRow> selected) {
        this.selected = selected;
        getStyleClass().add("qa-tab");
        workspace.addListener((o, old, dir) -> open(dir));
        selected.addListener((o, old, row) -> {
            if (screen != null && row != null && (old == null || old.id() != row.id())) screen.show(row.id());
        });
        open(workspace.getValue());
    }

    /** Call on the FX thread. */
    public static QaTab following(ObservableValue<Path> workspace, ObservableValue<PassageRow> selected) {
        return new QaTab(workspace, selected);
    }

    private void open(Path dir) {
        if (screen != null) screen.close();
        screen = null;
        if (dir == null) {
            Label none = new Label("Open a workspace (File > Open workspace…, Ctrl+O) to see its QA results.");
            none.setWrapText(true);
            getChildren().setAll(none);
            return;
        }
        screen = QaScreen.open(dir);
        getChildren().setAll(screen.view());
        PassageRow row = selected.getValue();
        if (row != null) screen.show(row.id());
    }
}
