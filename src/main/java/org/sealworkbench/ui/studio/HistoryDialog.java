package org.sealworkbench.ui.studio;

import javafx.geometry.Insets;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Window;
import org.fxmisc.flowless.VirtualizedScrollPane;
import org.fxmisc.richtext.StyleClassedTextArea;
import org.sealworkbench.jobs.workspace.SelfEditItem;

/** The history popup: versions on the left; the chosen one against its parent, differences highlighted. */
final class HistoryDialog extends Dialog<SelfEditItem> {
    static final ButtonType OPEN = new ButtonType("Open in a column", ButtonBar.ButtonData.OK_DONE);

    HistoryDialog(Window owner, HistoryViewModel vm) {
        initOwner(owner);
        initModality(Modality.WINDOW_MODAL);
        setTitle("History");
        setResizable(true);
        ListView<SelfEditItem> versions = new ListView<>(vm.versions());
        versions.setId("historyVersions");
        versions.setCellFactory(lv -> new ListCell<>() {
            {
                // each version's line wraps within the list's width (it ran off to the right behind a scroll bar)
                setWrapText(true);
                setPrefWidth(0);
            }

            @Override
            protected void updateItem(SelfEditItem item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : vm.lineage(item) + "\n" + item.label());
            }
        });
        versions.getSelectionModel().select(vm.selectedProperty().get());
        versions.getSelectionModel().selectedItemProperty().addListener((o, a, v) -> {
            if (v != null) vm.selectedProperty().set(v);
        });
        versions.setPrefWidth(320);
        StyleClassedTextArea parent = area();
        StyleClassedTextArea text = area();
        Runnable update = () -> {
            parent.replaceText(vm.parentTextProperty().get());
            text.replaceText(vm.textProperty().get());
            DiffText.apply(parent, vm.diffProperty().get().left(), "diff-a");
            DiffText.apply(text, vm.diffProperty().get().right(), "diff-b");
        };
        vm.diffProperty().addListener((o, a, d) -> update.run());
        update.run();
        Label heading = new Label();
        heading.setId("historyHeading");
        heading.textProperty().bind(vm.headingProperty());
        heading.getStyleClass().add("pane-heading");
        SplitPane texts = new SplitPane(titled("Parent version", parent), titled("This version", text));
        BorderPane right = new BorderPane(texts, heading, null, null, null);
        BorderPane.setMargin(heading, new Insets(0, 0, 8, 0));
        SplitPane root = new SplitPane(versions, right);
        root.setDividerPositions(0.3);
        root.setPrefSize(1000, 560);
        getDialogPane().setContent(root);
        getDialogPane().getButtonTypes().addAll(OPEN, ButtonType.CLOSE);
        // its content's size, on the screen (under Xvfb it opened at 600 px wide, the versions cut)
        org.sealworkbench.ui.DialogFit.install(this, null, java.util.List.of());
        org.sealworkbench.ui.DialogKeys.escCloses(this, versions);
        setResultConverter(b -> b == OPEN ? vm.selectedProperty().get() : null);
    }

    private static StyleClassedTextArea area() {
        StyleClassedTextArea a = new StyleClassedTextArea();
        a.setEditable(false);
        a.setWrapText(true);
        a.getStyleClass().add("self-edit-text");
        return a;
    }

    private static VBox titled(String title, StyleClassedTextArea area) {
        Label l = new Label(title.toUpperCase());
        l.getStyleClass().add("section-label");
        VirtualizedScrollPane<StyleClassedTextArea> s = new VirtualizedScrollPane<>(area);
        VBox.setVgrow(s, Priority.ALWAYS);
        VBox box = new VBox(4, l, s);
        box.setPadding(new Insets(0, 6, 0, 6));
        return box;
    }
}
