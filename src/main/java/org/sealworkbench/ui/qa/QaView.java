package org.sealworkbench.ui.qa;

import java.io.File;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import org.controlsfx.dialog.ExceptionDialog;
import org.sealworkbench.jobs.qa.QaAnswer;
import org.sealworkbench.jobs.qa.QaRow;
import org.sealworkbench.jobs.qa.QaRun;
import org.sealworkbench.jobs.qa.Verdict;
import org.sealworkbench.ui.OneLineCell;
import org.sealworkbench.ui.RowTint;

/**
 * The QA results of a passage (thin view over {@link QaViewModel}): run, grader, filter and search above a table of
 * question, gold, answer before and after and each grader's verdicts; changed answers tinted (fixed green, broken red,
 * otherwise changed amber); a person's verdict with an optional note on the selected row. Shortcuts: Ctrl+F search,
 * Ctrl+Shift+R / Ctrl+Shift+W mark the selected after-answer right / wrong, Ctrl+Shift+E export CSV.
 */
public final class QaView extends BorderPane {
    private final QaViewModel vm;
    final TableView<QaRow> table = new TableView<>();
    final TextField search = new TextField();
    final TextField note = new TextField();
    final Button markRight = new Button("Mark right");
    final Button markWrong = new Button("Mark wrong");
    final ChoiceBox<QaViewModel.Side> side = new ChoiceBox<>();

    public QaView(QaViewModel vm) {
        this.vm = vm;
        getStyleClass().add("qa-view");

        ComboBox<QaRun> runs = new ComboBox<>(vm.runs());
        runs.valueProperty().bindBidirectional(vm.selectedRunProperty());
        runs.setConverter(new javafx.util.StringConverter<>() {
            public String toString(QaRun r) {
                return r == null ? "" : r.label();
            }

            public QaRun fromString(String s) {
                return null;
            }
        });
        runs.setPrefWidth(330);
        runs.setPromptText("no stored run");
        runs.setMinWidth(200);
        runs.setTooltip(new Tooltip("The stored run whose answers are 'after'; 'before' is the passage's no-adaptation run"));
        ComboBox<String> grader = new ComboBox<>(vm.graders());
        grader.valueProperty().bindBidirectional(vm.graderProperty());
        grader.setTooltip(new Tooltip("The grader the filters and accuracies use (a person's verdict counts first)"));
        ChoiceBox<QaViewModel.Filter> filter = new ChoiceBox<>();
        filter.getItems().setAll(QaViewModel.Filter.values());
        filter.valueProperty().bindBidirectional(vm.filterProperty());
        search.setId("qaSearch");
        search.setPromptText("Search (Ctrl+F)");
        search.setTooltip(new Tooltip("Show only the rows whose question, gold answer or answers contain this text (Ctrl+F)"));
        search.textProperty().bindBidirectional(vm.searchProperty());
        HBox.setHgrow(search, Priority.ALWAYS);
        Button export = new Button("Export CSV…");
        export.setTooltip(new Tooltip("Write the rows shown to a CSV file (Ctrl+Shift+E)"));
        export.setOnAction(e -> exportCsv());
        export.disableProperty().bind(vm.tableProperty().isNull());
        ProgressIndicator busy = new ProgressIndicator();
        busy.setPrefSize(18, 18);
        busy.visibleProperty().bind(vm.busyProperty());
        grader.setMinWidth(Region.USE_PREF_SIZE);
        filter.setMinWidth(Region.USE_PREF_SIZE);
        export.setMinWidth(Region.USE_PREF_SIZE);
        search.setMinWidth(140);
        HBox top = new HBox(8, fixed("Run"), runs, fixed("Grader"), grader, fixed("Show"), filter, search, export, busy);
        top.setAlignment(Pos.CENTER_LEFT);

        Label summary = new Label();
        summary.textProperty().bind(vm.summaryProperty());
        summary.setStyle("-fx-font-weight: bold");
        summary.setWrapText(true);

        side.getItems().setAll(QaViewModel.Side.values());
        side.setValue(QaViewModel.Side.AFTER);
        side.setTooltip(new Tooltip("Which answer of the selected question your verdict is about"));
        note.setPromptText("Note (optional)");
        HBox.setHgrow(note, Priority.ALWAYS);
        markRight.setTooltip(new Tooltip("Store your verdict 'right' beside the grader's (Ctrl+Shift+R)"));
        markWrong.setTooltip(new Tooltip("Store your verdict 'wrong' beside the grader's (Ctrl+Shift+W)"));
        markRight.setOnAction(e -> mark(true));
        markWrong.setOnAction(e -> mark(false));
        markRight.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull().or(vm.readOnlyProperty()));
        markWrong.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull().or(vm.readOnlyProperty()));
        note.disableProperty().bind(vm.readOnlyProperty());
        var markOff = javafx.beans.binding.Bindings.when(vm.readOnlyProperty()).then(QaViewModel.MARK_OFF).otherwise((String) null);
        HBox override = new HBox(8, new Label("Your verdict on the"), side, new Label("answer:"),
                org.sealworkbench.ui.OffReason.wrap(markRight, markOff), org.sealworkbench.ui.OffReason.wrap(markWrong, markOff), note);
        override.setAlignment(Pos.CENTER_LEFT);

        Label status = new Label();
        status.textProperty().bind(vm.statusProperty());
        status.setWrapText(true);

        VBox header = new VBox(6, top, summary, legend());
        header.setPadding(new Insets(8));
        VBox footer = new VBox(6, override, status);
        footer.setPadding(new Insets(8));
        setTop(header);
        setCenter(table);
        setBottom(footer);

        buildTable();
        vm.graders().addListener((ListChangeListener<String>) c -> buildTable());
        table.widthProperty().addListener((o, a, w) -> fitColumns());
        Label empty = new Label();
        empty.textProperty().bind(vm.emptyMessageProperty());
        empty.setWrapText(true);
        empty.setMaxWidth(600);
        table.setPlaceholder(empty);
        table.setItems(vm.rows());
        // A verdict reloads the table (its rows are new): the same question stays selected, so that the next key (Down,
        // Ctrl+Shift+R) goes on from there rather than finding nothing selected.
        long[] lastSelected = {-1};
        table.getSelectionModel().selectedItemProperty().addListener((o, a, r) -> {
            if (r != null) lastSelected[0] = r.questionId();
        });
        vm.rows().addListener((ListChangeListener<QaRow>) c -> javafx.application.Platform.runLater(() -> {
            if (table.getSelectionModel().getSelectedItem() != null) return;
            for (int i = 0; i < table.getItems().size(); i++) {
                if (table.getItems().get(i).questionId() == lastSelected[0]) {
                    table.getSelectionModel().select(i);
                    table.getFocusModel().focus(i);
                    return;
                }
            }
        }));
        table.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(QaRow r, boolean empty) {
                super.updateItem(r, empty);
                getStyleClass().removeAll("qa-fixed", "qa-broken", "qa-changed");
                RowTint tint = tintOf(r, empty);
                if (tint != null) getStyleClass().add("qa-" + tint.name().toLowerCase(java.util.Locale.ROOT));
                RowTint.apply(this, tint);   // the selected row stays visibly selected on its tint
            }
        });
        vm.graderProperty().addListener((o, a, b) -> table.refresh());

        vm.errorProperty().addListener((o, a, e) -> {
            if (e == null) return;
            ExceptionDialog d = new ExceptionDialog(e);
            d.setTitle("QA results");
            d.setHeaderText(e.getMessage());
            if (getScene() != null) d.initOwner(getScene().getWindow());
            d.show();
            vm.errorProperty().set(null);
        });

        // The window's accelerators, acting only while this view is shown: in the workbench it is one tab of several, and
        // Ctrl+Shift+R on another tab stored a verdict on the hidden table's selected row (Ctrl+Shift+E opened its export).
        sceneProperty().addListener((o, a, scene) -> {
            if (scene == null) return;
            scene.getAccelerators().put(FIND, whenShown(this::focusSearch));
            scene.getAccelerators().put(MARK_RIGHT, whenShown(() -> mark(true)));
            scene.getAccelerators().put(MARK_WRONG, whenShown(() -> mark(false)));
            scene.getAccelerators().put(EXPORT, whenShown(this::exportCsv));
        });
    }

    public static final KeyCombination FIND = new KeyCodeCombination(KeyCode.F, KeyCombination.SHORTCUT_DOWN);
    public static final KeyCombination MARK_RIGHT = new KeyCodeCombination(KeyCode.R, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN);
    public static final KeyCombination MARK_WRONG = new KeyCodeCombination(KeyCode.W, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN);
    public static final KeyCombination EXPORT = new KeyCodeCombination(KeyCode.E, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN);

    /** Focuses the search field, its text selected (Ctrl+F). */
    public void focusSearch() {
        search.requestFocus();
        search.selectAll();
    }

    private Runnable whenShown(Runnable action) {
        return () -> {
            if (shown()) action.run();
        };
    }

    /** In a window and not hidden (a tab not selected hides its content). */
    boolean shown() {
        if (getScene() == null) return false;
        for (javafx.scene.Node n = this; n != null; n = n.getParent()) if (!n.isVisible()) return false;
        return true;
    }

    /** A row's tint by the chosen grader: fixed, broken, or an answer that changed with the same verdict; null: none. */
    private RowTint tintOf(QaRow r, boolean empty) {
        if (empty || r == null) return null;
        String g = vm.graderProperty().get();
        if (g != null && r.fixed(g)) return RowTint.FIXED;
        if (g != null && r.broken(g)) return RowTint.BROKEN;
        return r.changed() ? RowTint.CHANGED : null;
    }

    /** What the rows' tints mean (they said nothing to a first-time user): one swatch each, in the rows' own tints. */
    private static HBox legend() {
        Label fixed = swatch(RowTint.FIXED, "fixed: wrong → right"), broken = swatch(RowTint.BROKEN, "broken: right → wrong"),
                changed = swatch(RowTint.CHANGED, "answer changed, same verdict");
        Label rows = new Label("Rows:");
        rows.getStyleClass().add("muted");
        rows.setMinWidth(Region.USE_PREF_SIZE);
        HBox legend = new HBox(8, rows, fixed, broken, changed);
        legend.setId("qaLegend");
        legend.setAlignment(Pos.CENTER_LEFT);
        return legend;
    }

    private static Label swatch(RowTint tint, String text) {
        Label l = new Label(text);
        l.setStyle("-fx-background-color: " + tint.rgba(0.22) + "; -fx-background-radius: 3; -fx-padding: 1 6 1 6;");
        l.setMinWidth(Region.USE_PREF_SIZE);
        return l;
    }

    /** A label that keeps its text whole when the bar is narrow. */
    private static Label fixed(String text) {
        Label l = new Label(text);
        l.setMinWidth(Region.USE_PREF_SIZE);
        return l;
    }

    private void mark(boolean correct) {
        QaRow r = table.getSelectionModel().getSelectedItem();
        if (r == null) return;
        vm.overrule(r, side.getValue(), correct, note.getText());
        note.clear();
    }

    private void exportCsv() {
        if (vm.tableProperty().get() == null) return;
        FileChooser fc = new FileChooser();
        fc.setTitle("Export QA results as CSV");
        fc.getExtensionFilters().add(new FileChooser.ExtensionFilter("CSV", "*.csv"));
        fc.setInitialFileName("qa-passage-" + vm.tableProperty().get().passageId() + ".csv");
        File f = fc.showSaveDialog(getScene() == null ? null : getScene().getWindow());
        if (f != null) vm.exportCsv(f.toPath());
    }

    private void buildTable() {
        table.getColumns().clear();
        table.getColumns().add(share(column("#", 36, r -> String.valueOf(r.ordinal() + 1)), 36, 0));
        // model-written text on one line each (an answer runs to 64 tokens, often over several lines), whole in a tooltip
        table.getColumns().add(share(oneLine(column("Question", 300, QaRow::question)), 140, 3));
        table.getColumns().add(share(oneLine(column("Gold", 120, QaRow::gold)), 60, 1));
        // an answer a limit cut short (the new-token limit, the model's context) says so after its text
        table.getColumns().add(share(answers(column("Before (no adaptation)", 230, r -> r.before() == null ? "–" : r.before().text()),
                QaRow::before), 80, 2.2));
        table.getColumns().add(share(answers(column("After", 230, r -> r.after() == null ? "–" : r.after().text()), QaRow::after), 80, 2.2));
        for (String g : vm.graders()) {
            table.getColumns().add(share(column(g, 110, r -> mark(r.before(), g) + " → " + mark(r.after(), g)), 70, 0.3));
        }
        table.getColumns().add(share(oneLine(column("Human", 170, r -> human("before", r.before()) + human("after", r.after()))), 80, 1));
        table.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
        fitColumns();
    }

    /**
     * Shares the table's width out among the columns: each gets its minimum (at least its heading's width), and what is
     * left goes by the columns' weights. With free widths the verdicts and the Human column (where a person's verdict
     * shows) lay past the right edge at 1280 or 1400 px; JavaFX's constrained policies squeezed "Before (no adaptation)"
     * to its minimum and gave the rest to the question.
     */
    private void fitColumns() {
        double width = table.getWidth() - table.snappedLeftInset() - table.snappedRightInset() - 16;   // the vertical scroll bar's room
        if (width <= 0) return;
        double mins = 0, weights = 0;
        for (TableColumn<QaRow, ?> c : table.getColumns()) {
            mins += minOf(c);
            weights += weightOf(c);
        }
        double spare = Math.max(0, width - mins);
        for (TableColumn<QaRow, ?> c : table.getColumns()) {
            c.setPrefWidth(Math.floor(minOf(c) + (weights == 0 ? 0 : spare * weightOf(c) / weights)));
        }
    }

    private static double minOf(TableColumn<QaRow, ?> c) {
        return (Double) c.getProperties().get(MIN);
    }

    private static double weightOf(TableColumn<QaRow, ?> c) {
        return (Double) c.getProperties().get(WEIGHT);
    }

    private static final String MIN = "qa.min", WEIGHT = "qa.weight";

    /** A column's least width (never below its heading's) and its weight in the width left over. */
    private static TableColumn<QaRow, String> share(TableColumn<QaRow, String> c, double min, double weight) {
        javafx.scene.text.Text heading = new javafx.scene.text.Text(c.getText());
        heading.setFont(javafx.scene.text.Font.font(javafx.scene.text.Font.getDefault().getFamily(),
                javafx.scene.text.FontWeight.BOLD, javafx.scene.text.Font.getDefault().getSize()));
        double least = Math.max(min, Math.ceil(heading.getLayoutBounds().getWidth()) + 24);
        c.getProperties().put(MIN, least);
        c.getProperties().put(WEIGHT, weight);
        c.setMinWidth(Math.min(least, 60));   // a person may still narrow a column by hand
        return c;
    }

    private static String mark(QaAnswer a, String grader) {
        if (a == null) return "–";
        Verdict v = a.automatic(grader);
        return v == null ? "?" : v.correct() ? "✓" : "✗";
    }

    private static String human(String which, QaAnswer a) {
        if (a == null || a.human() == null) return "";
        Verdict h = a.human();
        return which + ": " + (h.correct() ? "✓" : "✗") + " " + h.grader().substring(6) + (h.note().isEmpty() ? "" : " “" + h.note() + "”") + "  ";
    }

    private static TableColumn<QaRow, String> answers(TableColumn<QaRow, String> c, java.util.function.Function<QaRow, QaAnswer> side) {
        c.setCellFactory(col -> OneLineCell.withEnding(r -> side.apply(r) == null ? null : side.apply(r).ending()));
        return c;
    }

    private static TableColumn<QaRow, String> oneLine(TableColumn<QaRow, String> c) {
        c.setCellFactory(col -> new OneLineCell<>());
        return c;
    }

    private static TableColumn<QaRow, String> column(String title, double width, java.util.function.Function<QaRow, String> value) {
        TableColumn<QaRow, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(value.apply(d.getValue())));
        return c;
    }
}
