package org.sealworkbench.ui.studio;

import java.util.ArrayList;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.stage.Window;
import org.sealworkbench.jobs.workspace.ModelItem;

/**
 * The Self-edits tab: a tool bar (Generate, model, columns, diff pair, sequences) that wraps onto a second row when
 * narrow, then the passage beside the self-edit columns. Thin: every action goes to {@link SelfEditsViewModel} or
 * {@link ModelsViewModel}.
 */
public final class SelfEditsView extends BorderPane {
    public final Button generate = new Button("Generate…");
    /** The tooltips of Generate and Folder… while the workspace is read-only. */
    static final String GENERATE_OFF = "Generating is off: the workspace is open read-only, so no self-edit can be stored."
            + " To generate, work on a copy of its folder.";
    static final String FOLDER_OFF = "Off: the workspace is open read-only, and a model folder is added by loading it, which"
            + " records it in the workspace.";
    final ComboBox<ModelItem> model = new ComboBox<>();
    final Button otherModel = new Button("Folder…");
    final Button addColumn = new Button("+ Column");
    final ToggleButton diff = new ToggleButton("Diff");
    final ComboBox<Integer> diffA = new ComboBox<>();
    final ComboBox<Integer> diffB = new ComboBox<>();
    final ToggleButton sequences = new ToggleButton("Sequences");
    final ToggleButton passageToggle = new ToggleButton("Passage");
    /** The tool bar: groups of controls that wrap onto a second row rather than hide in an overflow menu. */
    final FlowPane bar = new FlowPane();
    public final SplitPane split = new SplitPane();
    final HBox columnsBox = new HBox();
    final List<ColumnView> columnViews = new ArrayList<>();
    private final SelfEditsViewModel vm;

    public SelfEditsView(SelfEditsViewModel vm, ModelsViewModel models, Node passagePane, Runnable onGenerate,
                         Runnable onChooseModelFolder) {
        this.vm = vm;
        setId("selfEditsView");
        generate.setId("generateButton");
        generate.getStyleClass().add("accent");
        generate.setTooltip(new Tooltip("Sample self-edits of this passage with the chosen model (Ctrl+G)"));
        generate.disableProperty().bind(vm.canGenerateProperty().not());
        generate.setOnAction(e -> onGenerate.run());

        model.setId("modelPicker");
        model.setItems(models.models());
        model.valueProperty().bindBidirectional(models.selectedProperty());
        model.setPrefWidth(210);
        // Picking a model (the popup closes) loads it in the background, once; Generate also loads it when needed.
        model.setOnHidden(e -> models.load());
        model.setTooltip(new Tooltip("The model that generates; loaded once and shared by the jobs"));
        Label modelInfo = new Label();
        modelInfo.setId("modelInfo");
        modelInfo.getStyleClass().add("muted");
        modelInfo.textProperty().bind(models.infoProperty());
        modelInfo.setTooltip(new Tooltip());
        modelInfo.getTooltip().textProperty().bind(models.infoProperty());
        modelInfo.setMinWidth(80);
        otherModel.setTooltip(new Tooltip("Use a local Hugging Face checkpoint folder"));
        otherModel.setOnAction(e -> onChooseModelFolder.run());
        otherModel.disableProperty().bind(models.readOnlyProperty());

        addColumn.setTooltip(new Tooltip("Show one more self-edit side by side (up to " + SelfEditsViewModel.MAX_COLUMNS + ")"));
        addColumn.setOnAction(e -> vm.addColumn());
        diff.setId("diffToggle");
        diff.selectedProperty().bindBidirectional(vm.diffOnProperty());
        diff.setTooltip(new Tooltip("Highlight the words that differ between columns A and B (Ctrl+D)"));
        setUpDiffPicker(diffA, vm.diffAProperty());
        setUpDiffPicker(diffB, vm.diffBProperty());
        diffA.setId("diffA");
        diffB.setId("diffB");
        addColumn.setId("addColumn");
        sequences.setId("sequencesToggle");
        passageToggle.setId("passageToggle");
        Label vs = new Label("vs");
        Label legendA = new Label("A only");
        legendA.getStyleClass().add("diff-legend-a");
        Label legendB = new Label("B only");
        legendB.getStyleClass().add("diff-legend-b");
        sequences.selectedProperty().bindBidirectional(vm.showSequencesProperty());
        sequences.setTooltip(new Tooltip("Show the training sequences SEAL's split rules make of each column, with token counts"));
        passageToggle.setSelected(true);
        passageToggle.setTooltip(new Tooltip("Show or hide the passage beside the columns"));
        Label timing = new Label();
        timing.setId("generationTiming");
        timing.getStyleClass().add("muted");
        timing.textProperty().bind(vm.timingProperty());
        timing.setMaxWidth(360);
        timing.setTooltip(new Tooltip());
        timing.getTooltip().textProperty().bind(vm.timingProperty());
        modelInfo.setMaxWidth(260);
        // The bar wraps: Generate, then its groups (model; columns; diff; what to show; timing) flow onto a second row when
        // the tab is narrow, each group whole. A ToolBar put what did not fit into an overflow menu behind "»"
        // (at 1600x1000 with five columns "Sequences" sat half under the arrow, at 1280 the diff pickers did).
        var generateOff = Bindings.when(vm.readOnlyProperty()).then(GENERATE_OFF).otherwise((String) null);
        var folderOff = Bindings.when(models.readOnlyProperty()).then(FOLDER_OFF).otherwise((String) null);
        bar.getChildren().setAll(org.sealworkbench.ui.OffReason.wrap(generate, generateOff),
                group(model, org.sealworkbench.ui.OffReason.wrap(otherModel, folderOff), modelInfo), group(addColumn),
                group(diff, diffA, vs, diffB, legendA, legendB), group(sequences, passageToggle), timing);
        bar.setId("studioToolbar");
        bar.getStyleClass().add("studio-toolbar");
        // Buttons, pickers and the short labels keep their width; only the model description and the timing give up
        // width (cut with "…", whole in their tooltips).
        for (Node n : List.of(generate, model, otherModel, addColumn, diff, diffA, vs, diffB, legendA, legendB, sequences,
                passageToggle)) {
            ((Region) n).setMinWidth(Region.USE_PREF_SIZE);
        }
        setTop(bar);

        columnsBox.setFillHeight(true);
        vm.columns().addListener((ListChangeListener<ColumnViewModel>) c -> rebuildColumns());
        rebuildColumns();
        Label empty = new Label();
        empty.setId("studioEmpty");
        empty.getStyleClass().add("empty-state");
        empty.textProperty().bind(vm.emptyTextProperty());
        empty.visibleProperty().bind(vm.emptyTextProperty().isNotEmpty());
        empty.setMouseTransparent(true);
        StackPane columnsArea = new StackPane(columnsBox, empty);
        StackPane.setAlignment(empty, Pos.CENTER);

        split.getItems().setAll(passagePane, columnsArea);
        split.setDividerPositions(0.28);
        SplitPane.setResizableWithParent(passagePane, false);
        passageToggle.selectedProperty().addListener((o, a, show) -> {
            if (show && !split.getItems().contains(passagePane)) {
                split.getItems().add(0, passagePane);
                split.setDividerPositions(0.28);
            } else if (!show) {
                split.getItems().remove(passagePane);
            }
        });
        setCenter(split);
    }

    /** Controls that belong together: they stay on one row of the bar. */
    private static HBox group(Node... nodes) {
        HBox g = new HBox(6, nodes);
        g.setAlignment(Pos.CENTER_LEFT);
        g.getStyleClass().add("studio-toolbar-group");
        return g;
    }

    private void setUpDiffPicker(ComboBox<Integer> box, javafx.beans.property.IntegerProperty index) {
        box.setPrefWidth(62);
        box.setTooltip(new Tooltip("Which column"));
        Runnable items = () -> {
            List<Integer> list = new ArrayList<>();
            for (int i = 0; i < vm.columns().size(); i++) list.add(i + 1);
            box.getItems().setAll(list);
            box.setValue(index.get() + 1);
        };
        vm.columns().addListener((ListChangeListener<ColumnViewModel>) c -> items.run());
        index.addListener((o, a, n) -> box.setValue(n.intValue() + 1));
        box.valueProperty().addListener((o, a, v) -> {
            if (v != null && v - 1 != index.get()) index.set(v - 1);
        });
        box.disableProperty().bind(vm.diffOnProperty().not());
        items.run();
    }

    private void rebuildColumns() {
        columnViews.clear();
        List<Node> nodes = new ArrayList<>();
        for (int i = 0; i < vm.columns().size(); i++) {
            ColumnViewModel col = vm.columns().get(i);
            ColumnView v = new ColumnView(vm, col, i, () -> vm.history(col, h -> {
                HistoryDialog d = new HistoryDialog(window(), h);
                d.showAndWait().ifPresent(item -> vm.open(item, null));
            }));
            v.setId("column" + i);
            HBox.setHgrow(v, Priority.ALWAYS);
            v.setPrefWidth(10); // share the width equally
            columnViews.add(v);
            nodes.add(v);
        }
        columnsBox.getChildren().setAll(nodes);
        addColumn.setDisable(!vm.canAddColumn());
    }

    /** Saves the column holding the keyboard focus (Ctrl+S). */
    public void saveFocused() {
        for (int i = 0; i < columnViews.size(); i++) {
            if (columnViews.get(i).area.isFocused() && i < vm.columns().size()) vm.save(vm.columns().get(i));
        }
    }

    public double[] dividerPositions() {
        return split.getDividerPositions();
    }

    public void setDivider(double position) {
        if (split.getItems().size() > 1) split.setDividerPositions(position);
    }

    private Window window() {
        return getScene() == null ? null : getScene().getWindow();
    }
}
