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
        best = qaColumn("Best", PassageRow::bestAccuracy, PassageLibraryViewModel::formatAccuracy,
                PassageLibraryViewModel::exactAccuracy, vm.qaPendingProperty());
        gain = qaColumn("Gain", PassageRow::gain, PassageLibraryViewModel::formatGain,
                PassageLibraryViewModel::exactGain, vm.qaPendingProperty());
        // the QA numbers could not be read: the waiting cells go back to what their rows have
        vm.qaPendingProperty().addListener((o, was, pending) -> {
            if (!pending) table.refresh();
        });
        best.setId("bestColumn");
        gain.setId("gainColumn");
        // "100%" was drawn "1..." at 42 px: Best and Gain widen where a shown row needs it, and only then (the title
        // needs the room: on a library without such a row it keeps what it had)
        vm.visibleRows().addListener((javafx.collections.ListChangeListener<PassageRow>) c -> fitQaColumns(vm));
        table.skinProperty().addListener((o, a, skin) -> javafx.application.Platform.runLater(() -> fitQaColumns(vm)));
        Tooltip bestTip = new Tooltip(), gainTip = new Tooltip();
        bestTip.textProperty().bind(Bindings.when(vm.graderProperty().isEmpty())
                .then("Best stored closed-book accuracy of the passage, in whole percent (no graded runs yet: run ./seal eval, or Fine-tune & evaluate)")
                .otherwise(Bindings.concat("Best stored closed-book accuracy of the passage over every condition, in whole percent (a cell's tooltip gives it to one decimal, as the rest of the window writes it), by the ",
                        vm.graderProperty(), " grader; – when it has no graded run")));
        gainTip.textProperty().bind(Bindings.when(vm.graderProperty().isEmpty())
                .then("Gain of the best self-edit condition over passage only, in whole percentage points (no graded runs yet)")
                .otherwise(Bindings.concat("Gain of the best self-edit condition over passage only under the same settings (below 0: "
                        + "every self-edit did worse than the passage alone), in whole percentage "
                        + "points (a cell's tooltip gives one decimal), by the ", vm.graderProperty(), " grader; – when there is no passage-only run to compare with")));
        header(best, bestTip);
        header(gain, gainTip);
        header(questions, new Tooltip("Questions about the passage"));
        header(selfEdits, new Tooltip("Self-edits of the passage (every author)"));
        // Preferred widths are shares of the pane (the policy fits all columns to it); the minimums add up to what a
        // 1280-pixel window's library pane holds (about 250 px), else the last columns fall off its right edge.
        title.setPrefWidth(130);
        title.setMinWidth(60);   // with Best and Gain widened to 46 ("100%"), the mins still leave the policy a few px of a 1280 window's pane (about 230 px of table)
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
                                                           Function<Double, String> format, Function<Double, String> exact,
                                                           javafx.beans.value.ObservableBooleanValue pending) {
        TableColumn<PassageRow, Double> c = new TableColumn<>();
        c.setText(name);
        c.setPrefWidth(44);   // "33%", "+40" and the bold heading need under 40: the title takes the rest
        c.setMinWidth(QA_LEAST);   // wider where a shown value needs it: "100%", "+100" (fitQaColumns)
        c.setMaxWidth(90);
        c.getStyleClass().add("number-column");
        c.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        c.setComparator(PassageLibraryViewModel.missingLast(() -> c.getSortType() == TableColumn.SortType.ASCENDING));
        c.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(Double v, boolean empty) {
                super.updateItem(v, empty);
                setText(empty ? null : v == null && pending.get() ? PassageLibraryViewModel.PENDING : format.apply(v));
                // the column writes whole numbers to leave the title its room; the tooltip has the window's one decimal
                String whole = empty || v == null ? null : exact.apply(v);
                if (whole == null) setTooltip(null);
                else if (getTooltip() == null) setTooltip(new Tooltip(whole));
                else getTooltip().setText(whole);
            }
        });
        return c;
    }

    /** Least width of Best and Gain: their bold headings, "33%" and "+40" fit it; "100%" and "+100" do not. */
    static final double QA_LEAST = 42;

    /**
     * Best and Gain as wide as the widest of "100%" / "+100" / "\u2212100" that a shown row has (measured in the cells'
     * font with their padding), else {@link #QA_LEAST}. Found from the numbers, not their texts: a filter keystroke on
     * 5,000 rows formats nothing.
     */
    private void fitQaColumns(PassageLibraryViewModel vm) {
        boolean whole = false, hundred = false;
        for (PassageRow r : vm.visibleRows()) {
            if (r.bestAccuracy() != null && r.bestAccuracy() >= 0.995) whole = true;
            if (r.gain() != null && Math.abs(r.gain()) >= 0.995) hundred = true;
        }
        javafx.scene.text.Font font = table.lookup(".table-cell") instanceof javafx.scene.control.Labeled cell
                ? cell.getFont() : filterField.getFont();
        boolean changed = fit(best, whole ? java.util.List.of(PassageLibraryViewModel.formatAccuracy(1.0)) : java.util.List.of(), font)
                | fit(gain, hundred ? java.util.List.of(PassageLibraryViewModel.formatGain(1.0), PassageLibraryViewModel.formatGain(-1.0))
                        : java.util.List.of(), font);
        // a column given a new least width does not make the table share its width out again (only a resize does)
        if (changed) table.getColumnResizePolicy().call(new TableView.ResizeFeatures<>(table, null, 0.0));
    }

    /** Gives the column the width its widest text needs (at least {@link #QA_LEAST}); true if that changed it. */
    private static boolean fit(TableColumn<PassageRow, Double> c, java.util.List<String> texts, javafx.scene.text.Font font) {
        javafx.scene.text.Text measure = new javafx.scene.text.Text();
        measure.setFont(font);
        double w = QA_LEAST;
        for (String t : texts) {
            measure.setText(t);
            w = Math.max(w, Math.ceil(measure.getLayoutBounds().getWidth()) + 8 + 1);   // the cells' padding (0 6 0 2), rounding
        }
        if (Math.abs(c.getMinWidth() - w) < 0.5) return false;
        c.setMinWidth(w);
        c.setPrefWidth(Math.max(w, 44));
        return true;
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
