package org.sealworkbench.ui;

import javafx.beans.binding.Bindings;
import javafx.collections.transformation.SortedList;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** The passage library: a filter field over a table of passages. */
public final class PassageLibraryView extends VBox {
    final TextField filterField = new TextField();
    final TableView<PassageRow> table = new TableView<>();

    public PassageLibraryView(PassageLibraryViewModel vm) {
        getStyleClass().add("library-pane");

        Label heading = new Label("Passages");
        heading.getStyleClass().add("pane-heading");
        Label shown = new Label();
        shown.getStyleClass().add("muted");
        shown.textProperty().bind(Bindings.createStringBinding(() -> {
            int visible = vm.visibleRows().size(), total = vm.totalRows();
            return visible == total ? total + " total" : visible + " of " + total;
        }, vm.visibleRows(), vm.filterTextProperty()));
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox header = new HBox(8, heading, spacer, shown);
        header.setAlignment(Pos.BASELINE_LEFT);

        filterField.setId("passageFilter");
        filterField.setPromptText("Filter by title or context…");
        filterField.getStyleClass().add("search-field");
        filterField.textProperty().bindBidirectional(vm.filterTextProperty());
        filterField.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ESCAPE) filterField.clear();
        });

        table.setId("passageTable");
        // Sorting a column sorts a view of the filtered rows (the filtered list itself cannot be reordered).
        SortedList<PassageRow> sorted = new SortedList<>(vm.visibleRows());
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setItems(sorted);
        TableColumn<PassageRow, String> title = new TableColumn<>("Title");
        title.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().title()));
        TableColumn<PassageRow, Integer> questions = numberColumn("Questions");
        questions.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().questionCount()));
        TableColumn<PassageRow, Integer> selfEdits = numberColumn("Self-edits");
        selfEdits.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().selfEditCount()));
        title.setPrefWidth(240);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        table.getColumns().setAll(java.util.List.of(title, questions, selfEdits));
        Label empty = new Label();
        empty.getStyleClass().add("placeholder");
        empty.textProperty().bind(Bindings.when(vm.filterTextProperty().isEmpty())
                .then("No passages yet. Use File › Import… to add some.")
                .otherwise(Bindings.concat("No passage matches “", vm.filterTextProperty(), "”")));
        table.setPlaceholder(empty);
        VBox.setVgrow(table, Priority.ALWAYS);

        // Selection flows both ways; the guard keeps the two from echoing each other.
        table.getSelectionModel().selectedItemProperty().addListener((obs, old, row) -> {
            if (vm.isReplacingRows()) return;
            if (vm.selectedProperty().get() != row) vm.selectedProperty().set(row);
        });
        vm.selectedProperty().addListener((obs, old, row) -> {
            if (table.getSelectionModel().getSelectedItem() == row) return;
            if (row == null) table.getSelectionModel().clearSelection();
            else table.getSelectionModel().select(row);
        });

        getChildren().addAll(header, filterField, table);
    }

    private static TableColumn<PassageRow, Integer> numberColumn(String name) {
        TableColumn<PassageRow, Integer> c = new TableColumn<>(name);
        c.setPrefWidth(78);
        c.setMinWidth(64);
        c.setMaxWidth(110);
        c.getStyleClass().add("number-column");
        return c;
    }
}
