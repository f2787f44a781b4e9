package org.sealworkbench.ui;

import javafx.beans.binding.Bindings;
import javafx.collections.transformation.SortedList;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import java.util.function.Function;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.Tooltip;
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
    final TableColumn<PassageRow, Double> best;
    final TableColumn<PassageRow, Double> gain;

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
        // the pane is narrow: a title takes a second line in the row's height; one cut beyond that is whole in the tooltip
        title.setCellFactory(c -> new TwoLineCell<>());
        // Short headers (their tooltips say the rest): the library pane is narrow, and the title needs the room.
        TableColumn<PassageRow, Integer> questions = numberColumn("Qs");
        questions.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().questionCount()));
        TableColumn<PassageRow, Integer> selfEdits = numberColumn("Edits");
        selfEdits.setMinWidth(44); // "Edits" is wider than the other number headers; at 30 px (and at 40) it spilled over "Qs"
        selfEdits.setPrefWidth(44);
        selfEdits.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().selfEditCount()));
        best = qaColumn("Best", PassageRow::bestAccuracy, PassageLibraryViewModel::formatAccuracy, vm.qaPendingProperty());
        gain = qaColumn("Gain", PassageRow::gain, PassageLibraryViewModel::formatGain, vm.qaPendingProperty());
        // the QA numbers could not be read: the waiting cells go back to what their rows have
        vm.qaPendingProperty().addListener((o, was, pending) -> {
            if (!pending) table.refresh();
        });
        best.setId("bestColumn");
        gain.setId("gainColumn");
        // "100.0 %" needs more room than "66.7 %": each as wide as its widest value, so none is cut; the title takes the rest
        vm.visibleRows().addListener((javafx.collections.ListChangeListener<PassageRow>) c -> fitQaColumns(vm));
        // and for the rows it has now, once the table has cells to take the font from
        table.skinProperty().addListener((o, a, skin) -> javafx.application.Platform.runLater(() -> fitQaColumns(vm)));
        Tooltip bestTip = new Tooltip(), gainTip = new Tooltip();
        bestTip.textProperty().bind(Bindings.when(vm.graderProperty().isEmpty())
                .then("Best stored closed-book accuracy of the passage, in percent (no graded runs yet: run ./seal eval, or Fine-tune & evaluate)")
                .otherwise(Bindings.concat("Best stored closed-book accuracy of the passage over every condition, in percent, by the ",
                        vm.graderProperty(), " grader; – when it has no graded run")));
        gainTip.textProperty().bind(Bindings.when(vm.graderProperty().isEmpty())
                .then("Gain of the best self-edit condition over passage only, in percentage points (no graded runs yet)")
                .otherwise(Bindings.concat("Gain of the best self-edit condition over passage only under the same settings (below 0: "
                        + "every self-edit did worse than the passage alone), in percentage "
                        + "points, by the ", vm.graderProperty(), " grader; – when there is no passage-only run to compare with")));
        header(best, bestTip);
        header(gain, gainTip);
        header(questions, new Tooltip("Questions about the passage"));
        header(selfEdits, new Tooltip("Self-edits of the passage (every author)"));
        // Preferred widths are shares of the pane (the policy fits all columns to it); the minimums add up to what a
        // 1280-pixel window's library pane holds (about 250 px), else the last columns fall off its right edge. The title
        // gives way most: Best and Gain write percents with a decimal ("33.3 %", "+16.7"), as the whole window does.
        title.setPrefWidth(130);
        title.setMinWidth(TITLE_LEAST);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        table.getColumns().setAll(java.util.List.of(title, questions, selfEdits, best, gain));
        Label empty = new Label();
        empty.getStyleClass().add("placeholder");
        empty.setWrapText(true);
        empty.setPadding(new javafx.geometry.Insets(12));
        empty.textProperty().bind(vm.placeholderText());
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
            else {
                // Chosen elsewhere (a chart's point, the RL window's "open ranked"): bring the row into view too.
                table.getSelectionModel().select(row);
                int index = table.getItems().indexOf(row);
                if (index >= 0) table.scrollTo(index);
            }
        });

        // After a filter change (the view model's own listener ran first and kept or dropped the chosen row): the table
        // shows the view model's selection, which its change of rows may have cleared.
        vm.filterTextProperty().addListener((obs, old, text) -> {
            PassageRow row = vm.selectedProperty().get();
            if (row != null && table.getSelectionModel().getSelectedItem() != row) table.getSelectionModel().select(row);
        });

        getChildren().addAll(header, filterField, table);
    }

    /**
     * A column of a stored QA number: sorts as a number, missing values (shown as an en dash, or an ellipsis while the
     * numbers are being read) last either way.
     */
    private static TableColumn<PassageRow, Double> qaColumn(String name, Function<PassageRow, Double> value,
                                                           Function<Double, String> format,
                                                           javafx.beans.value.ObservableBooleanValue pending) {
        TableColumn<PassageRow, Double> c = new TableColumn<>();
        c.setText(name);
        c.setPrefWidth(QA_LEAST);   // "33.3 %", "+16.7" and the bold heading; wider where a value needs it (fitQaColumns)
        c.setMinWidth(QA_LEAST);
        c.setMaxWidth(90);
        c.getStyleClass().add("number-column");
        c.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        c.setComparator(PassageLibraryViewModel.missingLast(() -> c.getSortType() == TableColumn.SortType.ASCENDING));
        c.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(Double v, boolean empty) {
                super.updateItem(v, empty);
                setText(empty ? null : v == null && pending.get() ? PassageLibraryViewModel.PENDING : format.apply(v));
            }
        });
        return c;
    }

    /** Least width of the Best and Gain columns, whatever their values: their headings and "33.3 %" fit it. */
    static final double QA_LEAST = 44;
    /** Least width of the title column: a short title whole, a longer one cut, whole in its tooltip. */
    static final double TITLE_LEAST = 56;

    /**
     * Best and Gain as wide as the widest text among the shown rows' (measured in the cells' font, with their padding),
     * at least {@link #QA_LEAST}: a library without a passage at 100.0 % keeps the narrower column.
     */
    private void fitQaColumns(PassageLibraryViewModel vm) {
        javafx.scene.text.Font font = table.lookup(".table-cell") instanceof javafx.scene.control.Labeled cell
                ? cell.getFont() : filterField.getFont();
        javafx.scene.text.Text measure = new javafx.scene.text.Text();
        measure.setFont(font);
        java.util.Set<String> bests = new java.util.HashSet<>(), gains = new java.util.HashSet<>();
        boolean changed = false;
        for (PassageRow r : vm.visibleRows()) {
            bests.add(PassageLibraryViewModel.formatAccuracy(r.bestAccuracy()));
            gains.add(PassageLibraryViewModel.formatGain(r.gain()));
        }
        for (var fit : java.util.Map.of(best, bests, gain, gains).entrySet()) {
            double w = QA_LEAST;
            for (String t : fit.getValue()) {
                measure.setText(t);
                w = Math.max(w, Math.ceil(measure.getLayoutBounds().getWidth()) + 8 + 1);   // the cells' padding (0 6 0 2), rounding
            }
            TableColumn<PassageRow, Double> c = fit.getKey();
            if (Math.abs(c.getMinWidth() - w) < 0.5) continue;
            c.setMinWidth(w);
            c.setPrefWidth(w);
            changed = true;
        }
        // a column given a new least width does not make the table share its width out again (only a resize does)
        if (changed) table.getColumnResizePolicy().call(new TableView.ResizeFeatures<>(table, null, 0.0));
    }

    /** Puts the column's name in a label carrying the tooltip (a column itself has none). */
    private static void header(TableColumn<PassageRow, ?> c, Tooltip tip) {
        tip.setWrapText(true);
        tip.setMaxWidth(360);
        Label l = new Label(c.getText());
        l.setTooltip(tip);
        // no padding of its own: the header's padding is around it already, and the theme's label padding on top made
        // "Edits" wider than its column, over the line beside "Qs" ("Qs E|dits")
        l.setStyle("-fx-padding: 0;");
        l.setMinWidth(Region.USE_PREF_SIZE); // else the header's layout squeezes the graphic to "…
        c.setText(null);
        c.setGraphic(l);
    }

    private static TableColumn<PassageRow, Integer> numberColumn(String name) {
        TableColumn<PassageRow, Integer> c = new TableColumn<>(name);
        c.setPrefWidth(32);
        c.setMinWidth(30);
        c.setMaxWidth(90);
        c.getStyleClass().add("number-column");
        return c;
    }
}
