package org.sealworkbench.ui.studio;

import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.collections.WeakListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import org.fxmisc.flowless.VirtualizedScrollPane;
import org.fxmisc.richtext.StyleClassedTextArea;
import org.sealworkbench.jobs.workspace.SequencePreview;

/** One column: a header that picks what it shows, the editable text with diff highlighting, its sequences. */
final class ColumnView extends VBox {
    final ComboBox<ColumnChoice> picker = new ComboBox<>();
    final StyleClassedTextArea area = new StyleClassedTextArea();
    final Button save = new Button("Save");
    /** Save's tooltip while the workspace is read-only. */
    static final String SAVE_OFF = "Saving is off: the workspace is open read-only, so an edit cannot be stored (the text is"
            + " not editable). To edit self-edits, work on a copy of its folder.";
    final Button revert = new Button("Undo");
    final Button history = new Button("History…");
    final Button remove = new Button("✕");
    final ListView<SequencePreview> sequences = new ListView<>();
    private boolean updating;
    private final ListChangeListener<ColumnChoice> choicesChanged;

    ColumnView(SelfEditsViewModel vm, ColumnViewModel col, int index, Runnable showHistory) {
        getStyleClass().add("studio-column");
        choicesChanged = change -> javafx.application.Platform.runLater(() -> {
            if (picker.getValue() == col.choice()) return;
            updating = true;
            picker.setValue(col.choice());
            updating = false;
        });
        setMinWidth(150);
        picker.setItems(vm.choices());
        picker.setMaxWidth(Double.MAX_VALUE);
        // The closed picker draws the column's choice itself, in as long a form as its width holds whole.
        ChoiceButtonCell face = new ChoiceButtonCell();
        // a sample being generated is no "Passage only" (the column's choice until the sample is stored)
        face.insteadProperty().bind(Bindings.when(col.streamingProperty()).then("New sample (generating…)")
                .otherwise((String) null));
        picker.setButtonCell(face);
        picker.setValue(col.choice());
        // Its list's lines are wider than the column: JavaFX places the list from its first, narrower measure, and the
        // rightmost column's ran off the screen's right edge (at 1280 the lines' dates and rewards were cut off).
        picker.setOnShown(e -> javafx.application.Platform.runLater(() -> keepListOnScreen(picker)));
        HBox.setHgrow(picker, Priority.ALWAYS);
        picker.disableProperty().bind(col.streamingProperty());
        picker.valueProperty().addListener((o, a, ch) -> {
            if (!updating && ch != null && !ch.equals(col.choice())) vm.choose(col, ch);
        });
        col.choiceProperty().addListener((o, a, ch) -> {
            updating = true;
            picker.setValue(ch);
            updating = false;
        });
        // Replacing the items (the studio re-reads the passage) clears the picker's value while the column keeps
        // showing an equal choice, which fires no change: put the column's choice back (after the picker's own
        // listener and the selection model's, hence later). Weak: a closed column's view must not stay listening.
        vm.choices().addListener(new WeakListChangeListener<>(choicesChanged));
        save.setTooltip(new Tooltip("Store this text as a new self-edit whose parent is the shown one (Ctrl+S)"));
        save.disableProperty().bind(col.dirtyProperty().not());
        save.setOnAction(e -> vm.save(col));
        save.getStyleClass().add("accent");
        revert.disableProperty().bind(col.dirtyProperty().not());
        revert.setOnAction(e -> vm.revert(col));
        history.disableProperty().bind(col.showsSelfEditProperty().not());
        history.setOnAction(e -> showHistory.run());
        remove.setTooltip(new Tooltip("Close this column"));
        remove.disableProperty().bind(Bindings.size(vm.columns()).lessThanOrEqualTo(SelfEditsViewModel.MIN_COLUMNS)
                .or(col.streamingProperty()));
        remove.setOnAction(e -> vm.removeColumn(col));
        Label letter = new Label();
        letter.textProperty().bind(Bindings.createStringBinding(() -> {
            int i = vm.columns().indexOf(col);
            return !vm.diffOnProperty().get() ? String.valueOf(i + 1)
                    : i == vm.diffAProperty().get() ? "A" : i == vm.diffBProperty().get() ? "B" : String.valueOf(i + 1);
        }, vm.diffAProperty(), vm.diffBProperty(), vm.diffOnProperty(), vm.columns()));
        letter.setMinWidth(Region.USE_PREF_SIZE);
        letter.getStyleClass().add("pane-heading");
        HBox header = new HBox(4, letter, picker, remove);
        header.setAlignment(Pos.CENTER_LEFT);
        for (Button b : new Button[] {save, revert, history, remove}) {
            b.getStyleClass().add(atlantafx.base.theme.Styles.SMALL);
            b.setMinWidth(Region.USE_PREF_SIZE);
        }
        revert.setTooltip(new Tooltip("Throw away this column's unsaved edits"));
        history.setTooltip(new Tooltip("The versions of this self-edit (original -> edits), with differences"));
        Tooltip pickTip = new Tooltip();
        pickTip.textProperty().bind(Bindings.createStringBinding(() -> String.valueOf(col.choice()), col.choiceProperty()));
        picker.setTooltip(pickTip);
        picker.setMinWidth(60);
        // wraps onto a second line in a narrow column (five columns side by side): an HBox let the buttons run over the
        // next column's
        // In a read-only workspace the text is not editable and Save says why it is off.
        javafx.scene.layout.FlowPane actions = new javafx.scene.layout.FlowPane(4, 4, org.sealworkbench.ui.OffReason.wrap(save,
                Bindings.when(col.readOnlyProperty().and(col.showsSelfEditProperty())).then(SAVE_OFF).otherwise((String) null)),
                revert, history);
        actions.setPrefWrapLength(120);
        Label status = new Label();
        status.getStyleClass().add("column-status");
        status.textProperty().bind(col.statusProperty());
        status.setTooltip(new Tooltip());
        status.getTooltip().textProperty().bind(Bindings.createStringBinding(col::statusTip, col.statusProperty(),
                col.statusTipProperty()));
        col.dirtyProperty().addListener((o, a, d) -> {
            if (d) getStyleClass().add("dirty");
            else getStyleClass().remove("dirty");
        });
        if (col.isDirty()) getStyleClass().add("dirty");

        area.getStyleClass().add("self-edit-text");
        area.setWrapText(true);
        area.editableProperty().bind(col.editableProperty());
        area.replaceText(col.text());
        area.textProperty().addListener((o, a, now) -> {
            if (!updating && !now.equals(col.text())) col.textProperty().set(now);
        });
        col.textProperty().addListener((o, a, now) -> {
            if (area.getText().equals(now)) return;
            updating = true;
            if (now.startsWith(area.getText())) {
                area.appendText(now.substring(area.getLength()));
                if (col.streamingProperty().get()) area.requestFollowCaret();
            } else {
                area.replaceText(now);
            }
            updating = false;
            DiffText.apply(area, col.diffSpansProperty().get(), styleFor(vm, col));
        });
        col.diffSpansProperty().addListener((o, a, spans) -> DiffText.apply(area, spans, styleFor(vm, col)));
        DiffText.apply(area, col.diffSpansProperty().get(), styleFor(vm, col));
        col.streamingProperty().addListener((o, a, s) -> {
            if (s) area.getStyleClass().add("streaming");
            else area.getStyleClass().remove("streaming");
        });
        if (col.streamingProperty().get()) area.getStyleClass().add("streaming");
        VirtualizedScrollPane<StyleClassedTextArea> scroll = new VirtualizedScrollPane<>(area);
        VBox.setVgrow(scroll, Priority.ALWAYS);

        sequences.setItems(col.sequences());
        sequences.getStyleClass().add("sequence-list");
        sequences.visibleProperty().bind(vm.showSequencesProperty());
        sequences.managedProperty().bind(sequences.visibleProperty());
        sequences.setPlaceholder(new Label("no sequences"));
        sequences.setCellFactory(lv -> new ListCell<>() {
            private final Text text = new Text();
            {
                text.wrappingWidthProperty().bind(lv.widthProperty().subtract(30));
                text.getStyleClass().add("cell-text");
            }

            @Override
            protected void updateItem(SequencePreview item, boolean empty) {
                super.updateItem(item, empty);
                if (empty || item == null) {
                    setGraphic(null);
                    setText(null);
                    return;
                }
                int n = getIndex() + 1;
                boolean last = getIndex() == getListView().getItems().size() - 1;
                String tokens = item.tokens() < 0 ? "? tokens (load a model)" : item.tokens() + " tokens";
                text.setText(n + (last ? " (passage)" : "") + " · " + tokens + "\n" + item.text().replace("\n", " ⏎ "));
                setGraphic(text);
                setText(null);
            }
        });
        getChildren().addAll(header, actions, status, scroll, sequences);
    }

    /** Moves the picker's showing list left, as far as the screen's left edge, when it reaches past the screen's right edge. */
    static void keepListOnScreen(ComboBox<?> box) {
        if (!box.isShowing() || !(box.getSkin() instanceof javafx.scene.control.skin.ComboBoxListViewSkin<?> skin)
                || skin.getPopupContent().getScene() == null) return;
        javafx.stage.Window list = skin.getPopupContent().getScene().getWindow();
        var screens = javafx.stage.Screen.getScreensForRectangle(list.getX(), list.getY(), Math.max(1, list.getWidth()), 1);
        javafx.geometry.Rectangle2D screen = (screens.isEmpty() ? javafx.stage.Screen.getPrimary() : screens.get(0)).getVisualBounds();
        if (list.getX() + list.getWidth() > screen.getMaxX()) list.setX(Math.max(screen.getMinX(), screen.getMaxX() - list.getWidth()));
    }

    private static String styleFor(SelfEditsViewModel vm, ColumnViewModel col) {
        int i = vm.columns().indexOf(col);
        return i == vm.diffAProperty().get() ? "diff-a" : "diff-b";
    }
}
