package org.sealworkbench.ui.charts;

import java.io.File;
import java.nio.file.Path;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.scene.Node;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import org.jfree.chart.entity.XYItemEntity;
import org.jfree.chart.fx.interaction.ChartMouseEventFX;
import org.jfree.chart.fx.interaction.ChartMouseListenerFX;
import org.sealworkbench.ui.Tooltips;
import org.sealworkbench.ui.Theme;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.Slider;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TextField;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import org.controlsfx.dialog.ExceptionDialog;
import org.jfree.chart.fx.ChartViewer;
import org.sealworkbench.jobs.charts.ChartsData.RunRow;
import org.sealworkbench.ui.charts.ChartsViewModel.Chart;

/** The charts view: thin, everything it shows comes from {@link ChartsViewModel}. */
public final class ChartsView extends BorderPane {
    static final KeyCodeCombination REFRESH = new KeyCodeCombination(KeyCode.F5);
    static final KeyCodeCombination EXPORT = new KeyCodeCombination(KeyCode.E, KeyCombination.SHORTCUT_DOWN);
    static final KeyCodeCombination COPY = new KeyCodeCombination(KeyCode.C, KeyCombination.SHORTCUT_DOWN);
    static final KeyCodeCombination COPY_DATA = new KeyCodeCombination(KeyCode.C, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN);
    private final ChartsViewModel vm;
    private final ChartViewer conditions = viewer("conditions-chart");
    private final ChartViewer paired = viewer("paired-chart");
    private final ChartViewer loss = viewer("loss-chart");
    private final Label conditionsEmpty = empty();
    private final Label pairedEmpty = empty();
    private final Label lossEmpty = empty();
    private final ChartViewer rl = viewer("rl-chart");
    private final ChartViewer rewards = viewer("rewards-chart");
    private final ChartViewer gain = viewer("gain-chart");
    private final ChartViewer diversity = viewer("diversity-chart");
    private final ChartViewer formats = viewer("formats-chart");
    private final Label rlEmpty = empty();
    private final Label rewardsEmpty = empty();
    private final Label gainEmpty = empty();
    private final Label diversityEmpty = empty();
    private final Label formatsEmpty = empty();
    private final ChartViewer learnability = viewer("learnability-chart");
    private final Label learnabilityEmpty = empty();
    private final ComboBox<String> gainPicker = new ComboBox<>();
    private final Map<Tab, Chart> primaryChart = new HashMap<>();
    private final ChartViewer continualHeatmap = viewer("continual-heatmap");
    private final ChartViewer continualCurves = viewer("continual-curves");
    private final Label continualEmpty = empty();
    private final ComboBox<String> continualPicker = new ComboBox<>();
    private final ChartViewer fewShot = viewer("few-shot-chart");
    private final Label fewShotEmpty = empty();
    private final Label fewShotCaption = new Label();
    static final Map<Chart, String> TITLES = new EnumMap<>(Map.ofEntries(Map.entry(Chart.CONDITIONS, "Conditions"),
            Map.entry(Chart.PAIRED, "Paired differences"), Map.entry(Chart.LOSS, "Loss"),
            Map.entry(Chart.RL, "RL rewards and validation"), Map.entry(Chart.REWARDS, "Reward distribution"),
            Map.entry(Chart.GAIN, "Per-passage gain"), Map.entry(Chart.DIVERSITY, "Diversity"), Map.entry(Chart.FORMATS, "Formats"),
            Map.entry(Chart.LEARNABILITY, "Learnability"), Map.entry(Chart.CONTINUAL, "Continual: accuracy heatmap"),
            Map.entry(Chart.CONTINUAL_CURVES, "Continual: newest vs earlier passages"),
            Map.entry(Chart.FEW_SHOT, "Few-shot (ARC)")));
    private final TabPane tabs = new TabPane();
    private final ListView<RunRow> runPicker = new ListView<>();

    public ChartsView(ChartsViewModel vm) {
        this.vm = vm;
        setId("charts-view");

        Button refresh = new Button("_Refresh");
        refresh.setTooltip(new Tooltip("Read the workspace again (F5)"));
        refresh.setOnAction(e -> vm.refresh());
        MenuButton exportMenu = new MenuButton("_Export");
        exportMenu.setId("export-menu");
        exportMenu.setTooltip(new Tooltip("Write a chart as PNG and SVG (light colours) and its data as CSV (Ctrl+E exports the shown tab's chart); "
                + "Ctrl+Shift+C copies the shown chart's data"));
        for (Chart c : Chart.values()) {
            MenuItem item = new MenuItem(TITLES.get(c) + "...");
            item.setOnAction(e -> export(c));
            exportMenu.getItems().add(item);
        }
        MenuItem copyData = new MenuItem("Copy the shown chart's data (CSV)");
        copyData.setId("copy-data");
        copyData.setAccelerator(COPY_DATA);
        copyData.setOnAction(e -> copyShownData());
        exportMenu.getItems().addAll(new javafx.scene.control.SeparatorMenuItem(), copyData);
        Label status = new Label();
        status.setId("charts-status");
        status.textProperty().bind(vm.statusProperty());
        // Not a ToolBar: it lays every item out at its one-line width, so a long status (the empty state's hint) went
        // into the overflow menu as one cut-off line. Here the status takes the rest of the width and wraps.
        status.setWrapText(true);
        status.setMinWidth(0);
        status.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(status, Priority.ALWAYS);
        refresh.setMinWidth(Region.USE_PREF_SIZE);
        exportMenu.setMinWidth(Region.USE_PREF_SIZE);
        HBox bar = new HBox(8, refresh, exportMenu, status);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("tool-bar");
        setTop(bar);

        VBox condBox = new VBox(8, new StackPane(conditions, conditionsEmpty), new StackPane(paired, pairedEmpty));
        for (Node n : condBox.getChildren()) VBox.setVgrow(n, Priority.ALWAYS);
        Tab condTab = new Tab("Conditions", condBox);

        runPicker.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        runPicker.setId("loss-run-picker");
        runPicker.setCellFactory(lv -> new ListCell<>() {
            // the line wrapped at the list's width (less its scroll bar) rather than cut with a horizontal scroll bar:
            // drawn as a Text with a wrapping width, whose height the row takes (a wrapped label's row kept two lines'
            // height under the theme and cut the third with "…"); the cell's text stays the line, for lookups and copy
            private final javafx.scene.text.Text line = new javafx.scene.text.Text();
            private final Tooltip tip = Tooltips.wrapped();   // one per cell, its text set on each update

            {
                line.wrappingWidthProperty().bind(lv.widthProperty().subtract(34));
                line.fillProperty().bind(textFillProperty());
                line.fontProperty().bind(fontProperty());
                setContentDisplay(javafx.scene.control.ContentDisplay.GRAPHIC_ONLY);
                setPrefWidth(0);
            }

            @Override
            protected void updateItem(RunRow r, boolean emptyCell) {
                super.updateItem(r, emptyCell);
                setText(emptyCell || r == null ? null : ChartsViewModel.lossPickerText(r));
                line.setText(getText() == null ? "" : getText());
                setGraphic(getText() == null ? null : line);
                if (emptyCell || r == null) {
                    setTooltip(null);
                } else {   // with the run's kind and model
                    tip.setText(getText() + "\n" + r.kind() + " · " + r.model());
                    setTooltip(tip);
                }
            }
        });
        Button show = new Button("_Show selected");
        show.setOnAction(e -> vm.showLoss(runPicker.getSelectionModel().getSelectedItems().stream().map(RunRow::id).toList()));
        // a double-click or Enter shows the picked runs, as the button does
        runPicker.setOnMouseClicked(e -> {
            if (e.getClickCount() == 2 && !runPicker.getSelectionModel().isEmpty()) show.fire();
        });
        runPicker.setOnKeyPressed(e -> {
            if (e.getCode() == javafx.scene.input.KeyCode.ENTER && !runPicker.getSelectionModel().isEmpty()) show.fire();
        });
        Label pickHint = new Label("Runs with a loss curve, few-shot ones as A1, A2, … (Ctrl/Shift-click to "
                + "pick several, Enter or double-click to show):");
        pickHint.setWrapText(true);
        pickHint.setMinHeight(Region.USE_PREF_SIZE);   // at 1280 px the list took its last line ("Enter or ...")
        TextField lossFilter = new TextField();
        lossFilter.setId("loss-run-filter");
        lossFilter.setPromptText("Filter: run 12 or A3, condition, passage or task…");
        lossFilter.textProperty().bindBidirectional(vm.lossFilterProperty());
        runPicker.setItems(vm.lossPickerRows());
        Label noPick = new Label();
        noPick.setId("loss-run-picker-empty");
        noPick.setWrapText(true);
        noPick.setPadding(new Insets(8));
        runPicker.setPlaceholder(noPick);
        noPick.textProperty().bind(vm.lossPickerEmptyProperty());
        VBox left = new VBox(6, pickHint, lossFilter, runPicker, show);
        VBox.setVgrow(runPicker, Priority.ALWAYS);
        left.setPadding(new Insets(6));
        Slider smoothing = new Slider(0, 0.99, vm.smoothingProperty().get());
        smoothing.setId("smoothing-slider");
        smoothing.valueProperty().bindBidirectional(vm.smoothingProperty());
        smoothing.setPrefWidth(240);
        Label smoothingValue = new Label();
        smoothingValue.textProperty().bind(Bindings.createStringBinding(
                () -> String.format(Locale.ROOT, "%.2f", vm.smoothingProperty().get()), vm.smoothingProperty()));
        CheckBox log = new CheckBox("Log scale");
        log.setId("log-scale");
        log.selectedProperty().bindBidirectional(vm.logScaleProperty());
        HBox controls = new HBox(10, new Label("EMA smoothing (TensorBoard):"), smoothing, smoothingValue, log);
        controls.setPadding(new Insets(6));
        VBox right = new VBox(controls, new StackPane(loss, lossEmpty));
        VBox.setVgrow(right.getChildren().get(1), Priority.ALWAYS);
        SplitPane split = new SplitPane(left, right);
        split.setDividerPositions(0.24);
        Tab lossTab = new Tab("Loss", split);

        VBox rlBox = new VBox(8, new StackPane(rl, rlEmpty), new StackPane(rewards, rewardsEmpty));
        for (Node n : rlBox.getChildren()) VBox.setVgrow(n, Priority.ALWAYS);
        Tab rlTab = new Tab("RL", rlBox);

        gainPicker.setId("gain-condition");
        gainPicker.setPrefWidth(520);
        gainPicker.valueProperty().bindBidirectional(vm.gainSeriesProperty());
        Label gainHint = new Label("Condition:");
        Label clickHint = new Label("Click a point to open its passage in the library.");
        HBox gainControls = new HBox(10, gainHint, gainPicker, clickHint);
        gainControls.setAlignment(Pos.CENTER_LEFT);
        gainControls.setPadding(new Insets(6));
        VBox gainBox = new VBox(gainControls, new StackPane(gain, gainEmpty));
        VBox.setVgrow(gainBox.getChildren().get(1), Priority.ALWAYS);
        gain.addChartMouseListener(new ChartMouseListenerFX() {
            @Override
            public void chartMouseClicked(ChartMouseEventFX event) {
                if (event.getEntity() instanceof XYItemEntity e && e.getSeriesIndex() == 0) vm.openGainPoint(e.getItem());
            }

            @Override
            public void chartMouseMoved(ChartMouseEventFX event) {}
        });
        Tab gainTab = new Tab("Per-passage gain", gainBox);

        VBox divBox = new VBox(8, new StackPane(diversity, diversityEmpty), new StackPane(formats, formatsEmpty));
        for (Node n : divBox.getChildren()) VBox.setVgrow(n, Priority.ALWAYS);
        Tab divTab = new Tab("Diversity", divBox);

        Button computePpl = new Button("_Compute perplexities");
        computePpl.setId("compute-perplexities");
        computePpl.setTooltip(new Tooltip("Score every self-edit a run adapted on under the model fine-tuned on it, before training "
                + "(a job; `./seal perplexity --workspace DIR` does the same)"));
        computePpl.setOnAction(e -> vm.computePerplexities());
        computePpl.disableProperty().bind(vm.readOnlyProperty());
        Label learnHint = new Label("Does a model learn more from text it already finds likely? Each point is a self-edit.");
        HBox learnControls = new HBox(10, org.sealworkbench.ui.OffReason.wrap(computePpl, javafx.beans.binding.Bindings
                .when(vm.readOnlyProperty()).then(ChartsViewModel.PERPLEXITIES_OFF).otherwise((String) null)), learnHint);
        learnControls.setAlignment(Pos.CENTER_LEFT);
        learnControls.setPadding(new Insets(6));
        VBox learnBox = new VBox(learnControls, new StackPane(learnability, learnabilityEmpty));
        VBox.setVgrow(learnBox.getChildren().get(1), Priority.ALWAYS);
        Tab learnTab = new Tab("Learnability", learnBox);

        Tab continualTab = new Tab("Continual", continualBox());
        Tab fewShotTab = new Tab("Few-shot", fewShotBox());

        TableView<RunRow> runs = runsTable();
        Tab runsTab = new Tab("Runs", runs);
        tabs.getTabs().addAll(condTab, rlTab, lossTab, gainTab, divTab, learnTab, continualTab, fewShotTab, runsTab);
        for (ChartViewer v : new ChartViewer[] {conditions, paired}) tabOf.put(v, condTab);
        for (ChartViewer v : new ChartViewer[] {rl, rewards}) tabOf.put(v, rlTab);
        for (ChartViewer v : new ChartViewer[] {diversity, formats}) tabOf.put(v, divTab);
        for (ChartViewer v : new ChartViewer[] {continualHeatmap, continualCurves}) tabOf.put(v, continualTab);
        tabOf.put(loss, lossTab);
        tabOf.put(gain, gainTab);
        tabOf.put(learnability, learnTab);
        tabOf.put(fewShot, fewShotTab);
        tabs.getSelectionModel().selectedItemProperty().addListener((o, a, shown) -> drawPending(shown));
        primaryChart.put(continualTab, Chart.CONTINUAL);
        primaryChart.put(fewShotTab, Chart.FEW_SHOT);
        primaryChart.put(learnTab, Chart.LEARNABILITY);
        primaryChart.put(condTab, Chart.CONDITIONS);
        primaryChart.put(rlTab, Chart.RL);
        primaryChart.put(lossTab, Chart.LOSS);
        primaryChart.put(gainTab, Chart.GAIN);
        primaryChart.put(divTab, Chart.DIVERSITY);
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        setCenter(tabs);

        vm.dataProperty().addListener((o, a, d) -> {
            runs.getItems().setAll(d.runs());
            gainPicker.getItems().setAll(vm.gainLabels());
            gainPicker.setValue(vm.gainSeriesProperty().get());
            continualPicker.getItems().setAll(vm.continualLabels());
            continualPicker.setValue(vm.continualSequenceProperty().get());
            redrawBars();
            redrawLoss();   // its empty text depends on the runs stored
            redrawRl();
            redrawFewShot();
        });
        vm.gainSeriesProperty().addListener((o, a, b) -> show(gain, gainEmpty, Chart.GAIN));
        vm.darkProperty().bind(Theme.currentProperty().isEqualTo(Theme.DARK));
        vm.darkProperty().addListener((o, a, b) -> {
            redrawBars();
            redrawLoss();
            redrawRl();
            redrawContinual();
            redrawFewShot();
        });
        vm.rawCurves().addListener((ListChangeListener<Object>) c -> redrawLoss());
        vm.smoothingProperty().addListener((o, a, b) -> redrawLoss());
        vm.logScaleProperty().addListener((o, a, b) -> redrawLoss());
        vm.failureProperty().addListener((o, a, t) -> {
            if (t != null) {   // no longer "Reading the workspace…"
                redrawBars();
                redrawLoss();
                redrawRl();
                redrawContinual();
                redrawFewShot();
            }
            if (t == null || getScene() == null) return;
            ExceptionDialog d = new ExceptionDialog(t);
            d.setHeaderText(vm.statusProperty().get());
            d.initOwner(getScene().getWindow());
            d.show();
        });
        // On the view, not the scene: in the workbench the scene's F5 belongs to the main window's Refresh.
        addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            if (REFRESH.match(e)) {
                vm.refresh();
                e.consume();
            } else if (COPY_DATA.match(e)) {
                copyShownData();
                e.consume();
            } else if (EXPORT.match(e)) {
                export(primaryChart.getOrDefault(tabs.getSelectionModel().getSelectedItem(), Chart.CONDITIONS));
                e.consume();
            }
        });
        redrawBars();
        redrawLoss();
        redrawRl();
        redrawContinual();
        redrawFewShot();
    }

    /**
     * The few-shot tab: SEAL's few-shot ARC table for one task set (picked above when several are stored), a bar per
     * condition with its bootstrap interval and SEAL's reference shares below, and one line of counts per bar under it.
     */
    private Node fewShotBox() {
        ComboBox<String> picker = new ComboBox<>(vm.fewShotTaskSets());
        picker.setId("few-shot-task-set");
        picker.setPromptText("none stored");
        picker.setMaxWidth(Double.MAX_VALUE);
        picker.valueProperty().bindBidirectional(vm.fewShotTaskSetProperty());
        picker.disableProperty().bind(Bindings.isEmpty(vm.fewShotTaskSets()));
        Label setLabel = new Label("Task set:");
        setLabel.setMinWidth(Region.USE_PREF_SIZE);
        Label hint = new Label("A pair is (task, self-edit); solved = pass@2 on the task's test output. `./seal report` prints the same table.");
        hint.setWrapText(true);
        HBox controls = new HBox(10, setLabel, picker, hint);
        HBox.setHgrow(picker, Priority.SOMETIMES);
        HBox.setHgrow(hint, Priority.ALWAYS);
        picker.setPrefWidth(480);
        controls.setAlignment(Pos.CENTER_LEFT);
        controls.setPadding(new Insets(6));
        fewShotCaption.setId("few-shot-caption");
        fewShotCaption.setWrapText(true);
        fewShotCaption.setPadding(new Insets(4, 6, 6, 6));
        fewShotCaption.managedProperty().bind(fewShotCaption.visibleProperty());
        VBox box = new VBox(controls, new StackPane(fewShot, fewShotEmpty), fewShotCaption);
        VBox.setVgrow(box.getChildren().get(1), Priority.ALWAYS);
        vm.fewShotTaskSetProperty().addListener((o, a, b) -> redrawFewShot());
        return box;
    }

    private void redrawFewShot() {
        show(fewShot, fewShotEmpty, Chart.FEW_SHOT);
        String caption = vm.fewShotCaption();
        fewShotCaption.setText(caption);
        fewShotCaption.setVisible(caption != null);
    }

    /**
     * The continual tab: a stored sequence picked above (source, model, passages, repeats, grader, digest), its step x
     * passage heatmap (the mean or one repeat) beside the newest-vs-earlier curves, and a line of what the last step says.
     */
    private Node continualBox() {
        continualPicker.setId("continual-sequence");
        continualPicker.setMaxWidth(Double.MAX_VALUE);
        continualPicker.valueProperty().bindBidirectional(vm.continualSequenceProperty());
        continualPicker.setPromptText("none stored");
        continualPicker.disableProperty().bind(Bindings.isEmpty(continualPicker.getItems()));
        ComboBox<String> matrix = new ComboBox<>(vm.continualMatrixChoices());
        matrix.setId("continual-matrix");
        Runnable choose = () -> matrix.getSelectionModel().select(vm.continualMatrixProperty().get() + 1);
        // later: the combo box clears its selection when its items change, after this listener has run
        vm.continualMatrixChoices().addListener((ListChangeListener<String>) c -> javafx.application.Platform.runLater(choose));
        vm.continualMatrixProperty().addListener((o, a, i) -> choose.run());
        matrix.getSelectionModel().selectedIndexProperty().addListener((o, a, i) -> {
            if (i.intValue() >= 0) vm.continualMatrixProperty().set(i.intValue() - 1);
        });
        Label matrixLabel = new Label("Heatmap of");
        matrix.visibleProperty().bind(Bindings.size(vm.continualMatrixChoices()).greaterThan(1));
        matrix.managedProperty().bind(matrix.visibleProperty());
        matrixLabel.visibleProperty().bind(matrix.visibleProperty());
        matrixLabel.managedProperty().bind(matrix.visibleProperty());
        Label sequenceLabel = new Label("Sequence:");
        sequenceLabel.setMinWidth(Region.USE_PREF_SIZE);
        matrixLabel.setMinWidth(Region.USE_PREF_SIZE);
        matrix.setMinWidth(170);
        HBox controls = new HBox(10, sequenceLabel, continualPicker, matrixLabel, matrix);
        HBox.setHgrow(continualPicker, Priority.ALWAYS);
        controls.setAlignment(Pos.CENTER_LEFT);
        controls.setPadding(new Insets(6));
        Label summary = continualSummary;
        summary.setId("continual-summary");
        summary.setWrapText(true);
        summary.setPadding(new Insets(0, 6, 6, 6));
        summary.managedProperty().bind(summary.visibleProperty());
        continualCharts.setDividerPositions(0.55);
        VBox box = new VBox(controls, summary, new StackPane(continualCharts, continualEmpty));
        VBox.setVgrow(box.getChildren().get(2), Priority.ALWAYS);
        vm.continualSequenceProperty().addListener((o, a, b) -> redrawContinual());
        vm.continualMatrixProperty().addListener((o, a, b) -> redrawContinual());
        return box;
    }

    private final Label continualSummary = new Label();
    private final SplitPane continualCharts = new SplitPane(continualHeatmap, continualCurves);

    private void redrawContinual() {
        show(continualHeatmap, continualEmpty, Chart.CONTINUAL);
        continualCharts.setVisible(continualHeatmap.isVisible());
        draw(continualCurves, Chart.CONTINUAL_CURVES);
        String line = vm.continualSummary();
        continualSummary.setText(line);
        continualSummary.setVisible(line != null);
    }

    public ChartsViewModel viewModel() {
        return vm;
    }

    private void redrawBars() {
        show(conditions, conditionsEmpty, Chart.CONDITIONS);
        show(paired, pairedEmpty, Chart.PAIRED);
    }

    private void redrawRl() {
        show(rl, rlEmpty, Chart.RL);
        show(rewards, rewardsEmpty, Chart.REWARDS);
        show(gain, gainEmpty, Chart.GAIN);
        show(diversity, diversityEmpty, Chart.DIVERSITY);
        show(formats, formatsEmpty, Chart.FORMATS);
        show(learnability, learnabilityEmpty, Chart.LEARNABILITY);
    }

    private void redrawLoss() {
        show(loss, lossEmpty, Chart.LOSS);
    }

    private void show(ChartViewer viewer, Label emptyLabel, Chart which) {
        String empty = vm.emptyText(which);
        emptyLabel.setText(empty);
        emptyLabel.setVisible(empty != null);
        viewer.setVisible(empty == null);
        draw(viewer, which);
    }

    /** The sub-tab each chart is on. */
    private final Map<ChartViewer, Tab> tabOf = new HashMap<>();
    /** The charts whose data changed while their sub-tab was not shown, with what they show: drawn when it is. */
    private final Map<ChartViewer, Chart> pending = new java.util.LinkedHashMap<>();

    /**
     * Draws a chart now if its sub-tab is shown, else when it is next shown ({@link #drawPending}). A chart draws into its
     * canvas whether shown or not, and JavaFX renders a hidden canvas's drawing too: on a large workspace, drawing every
     * tab's charts (5,000 points of the gain chart among them) when the data came kept the window from its next frame for
     * half a second. Exports and copies are made from the data, not from these viewers.
     */
    private void draw(ChartViewer viewer, Chart which) {
        Tab tab = tabOf.get(viewer);
        if (tab != null && !tab.isSelected()) {
            pending.put(viewer, which);
            return;
        }
        pending.remove(viewer);
        viewer.setChart(vm.chart(which));
    }

    /** Draws the charts of the shown sub-tab that changed while it was hidden. */
    private void drawPending(Tab shown) {
        for (var it = pending.entrySet().iterator(); it.hasNext(); ) {
            var e = it.next();
            if (tabOf.get(e.getKey()) != shown) continue;
            it.remove();
            e.getKey().setChart(vm.chart(e.getValue()));
        }
    }

    /** Copies the shown tab's data: its chart's CSV, or on the Runs tab its rows (the selected ones, else all). */
    private void copyShownData() {
        Tab shown = tabs.getSelectionModel().getSelectedItem();
        if (shown != null && shown.getContent() instanceof TableView<?> runs) {
            copy(vm.copyRuns(runs.getSelectionModel().getSelectedItems().stream().map(RunRow.class::cast).toList()));
            return;
        }
        Chart which = primaryChart.getOrDefault(shown, Chart.CONDITIONS);
        copy(vm.copyData(which, TITLES.get(which)));
    }

    private void export(Chart which) {
        if (!vm.canExport(which)) return;   // no file dialog for a chart with nothing in it; the status says why
        FileChooser fc = new FileChooser();
        fc.setTitle("Export the " + which.name().toLowerCase(Locale.ROOT) + " chart (PNG, SVG and CSV beside it)");
        fc.setInitialFileName(which.name().toLowerCase(Locale.ROOT) + ".png");
        File f = fc.showSaveDialog(getScene() == null ? null : getScene().getWindow());
        if (f != null) exportTo(which, f.toPath());
    }

    /** Exports without the file dialog (tests, scripts). */
    public void exportTo(Chart which, Path base) {
        vm.export(which, base, 1400, 800);
    }

    /**
     * The Runs tab: {@link ChartsViewModel#RUNS_COLUMNS} fitted to the tab's width (it scrolled sideways at 1280 px: its
     * columns' widths summed to 1310 px): the short texts keep their width, the names give way, a cut one whole in its
     * tooltip; Ctrl+C copies the selected rows (all when none
     * is selected) tab-separated for a spreadsheet.
     */
    private TableView<RunRow> runsTable() {
        TableView<RunRow> t = new TableView<>();
        t.setId("runs-table");
        Label none = new Label();
        none.textProperty().bind(javafx.beans.binding.Bindings.when(vm.readOnlyProperty())
                .then(ChartsViewModel.readOnlyEmpty(ChartsViewModel.EMPTY)).otherwise(ChartsViewModel.EMPTY));
        none.setWrapText(true);
        none.setMaxWidth(640);
        none.setPadding(new Insets(20));
        t.setPlaceholder(none);
        t.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        t.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        for (ChartsViewModel.RunsColumn c : ChartsViewModel.RUNS_COLUMNS) {
            // the row itself is the cell's value: the column sorts by the column's order ("12" before "A3", 9 before 10,
            // 9.0 % before 16.7 %), not by the text it shows
            TableColumn<RunRow, RunRow> col = new TableColumn<>(c.title());
            col.setCellValueFactory(cell -> new javafx.beans.property.ReadOnlyObjectWrapper<>(cell.getValue()));
            col.setComparator(c.order());
            col.setPrefWidth(c.width());
            col.setMinWidth(c.fixed() ? c.width() : 56);
            col.setCellFactory(x -> new javafx.scene.control.TableCell<>() {
                @Override
                protected void updateItem(RunRow row, boolean emptyCell) {
                    super.updateItem(row, emptyCell);
                    String item = emptyCell || row == null ? null : c.value().apply(row);
                    setText(item);
                    setTooltip(item == null || item.isBlank() ? null : new Tooltip(item));
                }
            });
            t.getColumns().add(col);
        }
        t.getItems().addListener((ListChangeListener<RunRow>) c -> fitFixedColumns(t));
        // a sorted column's heading needs room for its arrow
        t.getSortOrder().addListener((ListChangeListener<TableColumn<RunRow, ?>>) c ->
                javafx.application.Platform.runLater(() -> fitFixedColumns(t)));
        // the rows may come before the tab is first shown (no cell to take the font from): fit when it is
        t.skinProperty().addListener((o, a, b) -> javafx.application.Platform.runLater(() -> fitFixedColumns(t)));
        // the flexible columns' least widths are shares of the table's width: fit again when it changes
        t.widthProperty().addListener((o, a, b) -> {
            if (b.doubleValue() > 0 && Math.abs(b.doubleValue() - a.doubleValue()) >= 1) {
                javafx.application.Platform.runLater(() -> fitFixedColumns(t));
            }
        });
        t.addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            if (COPY.match(e)) {
                copy(vm.copyRuns(java.util.List.copyOf(t.getSelectionModel().getSelectedItems())));
                e.consume();
            }
        });
        return t;
    }

    /**
     * The fixed columns as wide as their widest text (heading or value), up to {@link #FIXED_MAX}, so "done", "contains"
     * or a start time are not cut; model, passage, condition and settings share what is left, each never below its
     * heading where the table has room, with no rows too ({@link ColumnFit}). Headings are measured in the headers' font
     * (with room for the sort arrow on a sorted column), values in the cells'; a heading cut where the table is too narrow
     * for all of them is whole in its tooltip.
     */
    static final double FIXED_MAX = 160;

    /** The room a sorted column's heading needs for its arrow (11 px under the workbench's theme). */
    static final double SORT_ARROW = 14;

    private void fitFixedColumns(TableView<RunRow> t) {
        javafx.scene.control.Labeled header = t.lookup(".column-header .label") instanceof javafx.scene.control.Labeled l ? l : null;
        javafx.scene.control.Labeled cell = t.lookup(".table-cell") instanceof javafx.scene.control.Labeled c ? c : null;
        if (header == null || t.getWidth() <= 0 || (!t.getItems().isEmpty() && cell == null)) {
            // not laid out yet (the tab not shown, or the rows just set): measure in the headers' and cells' own fonts
            // after the first layout that draws them (one pulse later was not enough: the rows came while the tab was
            // hidden, and the columns were never fitted in the window)
            javafx.scene.Scene scene = t.getScene();
            if (scene != null) scene.addPostLayoutPulseListener(new Runnable() {
                @Override
                public void run() {
                    if (t.getScene() != scene) {
                        scene.removePostLayoutPulseListener(this);
                    } else if (t.lookup(".column-header .label") != null && t.getWidth() > 0
                            && (t.getItems().isEmpty() || t.lookup(".table-cell") != null)) {
                        scene.removePostLayoutPulseListener(this);
                        javafx.application.Platform.runLater(() -> fitFixedColumns(t));
                    }
                }
            });
            return;
        }
        followVerticalBar(t);
        javafx.scene.text.Text measure = new javafx.scene.text.Text();
        java.util.List<RunRow> rows = t.getItems();
        int columns = ChartsViewModel.RUNS_COLUMNS.size();
        java.util.List<ColumnFit.Need> needs = new java.util.ArrayList<>();
        for (int i = 0; i < columns; i++) {
            ChartsViewModel.RunsColumn c = ChartsViewModel.RUNS_COLUMNS.get(i);
            measure.setFont(header.getFont());
            measure.setText(c.title());
            boolean sorted = t.getSortOrder().contains(t.getColumns().get(i));
            // the label's padding, a pixel each side for the header's border and rounding
            double heading = Math.ceil(measure.getLayoutBounds().getWidth() + header.getInsets().getLeft()
                    + header.getInsets().getRight() + 2 + (sorted ? SORT_ARROW : 0));
            double widest = 0;
            if (cell != null && !rows.isEmpty()) {
                measure.setFont(cell.getFont());
                // the column's longest texts, worked out with the data off the FX thread (measuring each of 85,000 rows'
                // texts here froze the window for seconds)
                java.util.List<String> samples = vm.runsColumnSamples(i);
                for (String text : samples) {
                    measure.setText(text);
                    widest = Math.max(widest, measure.getLayoutBounds().getWidth());
                }
                if (!samples.isEmpty()) widest = Math.ceil(widest + cell.getInsets().getLeft() + cell.getInsets().getRight() + 2);
            }
            needs.add(new ColumnFit.Need(heading, widest, c.fixed()));
        }
        ColumnFit.Fit fit = ColumnFit.fit(needs, room(t), FIXED_MAX);
        for (int i = 0; i < columns; i++) {
            TableColumn<RunRow, ?> col = t.getColumns().get(i);
            double w = Math.floor(fit.widths()[i]);
            col.setMinWidth(w);
            if (ChartsViewModel.RUNS_COLUMNS.get(i).fixed()) {
                col.setPrefWidth(w);
                col.setMaxWidth(w);
            }
        }
        // a heading cut (a table too narrow for every one) is whole in its tooltip
        for (javafx.scene.Node n : t.lookupAll(".column-header")) {
            if (!(n instanceof javafx.scene.control.skin.TableColumnHeader h)) continue;
            int i = t.getColumns().indexOf(h.getTableColumn());
            if (i >= 0 && h.lookup(".label") instanceof javafx.scene.control.Label l) {
                l.setTooltip(fit.headingCut()[i] ? new Tooltip(ChartsViewModel.RUNS_COLUMNS.get(i).title()) : null);
            }
        }
        // the constrained policy shares the width out again only when it is set or the table resized: set it anew
        var policy = t.getColumnResizePolicy();
        t.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
        t.setColumnResizePolicy(policy);
    }

    /** The width the columns may take: the table's, less its border and a vertical scroll bar while one shows. */
    private static double room(TableView<RunRow> t) {
        double bar = 0;
        for (javafx.scene.Node n : t.lookupAll(".scroll-bar")) {
            if (n instanceof javafx.scene.control.ScrollBar b && b.getOrientation() == javafx.geometry.Orientation.VERTICAL
                    && b.isVisible()) {
                bar = b.getWidth();
            }
        }
        return t.getWidth() - t.getInsets().getLeft() - t.getInsets().getRight() - bar - 1;
    }

    /** Fits again when the vertical scroll bar comes or goes (more rows than the table shows, or fewer): it takes room. */
    private void followVerticalBar(TableView<RunRow> t) {
        if (t.getProperties().containsKey("runs-fit-bar")) return;
        for (javafx.scene.Node n : t.lookupAll(".scroll-bar")) {
            if (n instanceof javafx.scene.control.ScrollBar b && b.getOrientation() == javafx.geometry.Orientation.VERTICAL) {
                t.getProperties().put("runs-fit-bar", b);
                b.visibleProperty().addListener((o, was, is) -> javafx.application.Platform.runLater(() -> fitFixedColumns(t)));
            }
        }
    }

    private static void copy(String text) {
        if (text == null) return;
        javafx.scene.input.ClipboardContent c = new javafx.scene.input.ClipboardContent();
        c.putString(text);
        javafx.scene.input.Clipboard.getSystemClipboard().setContent(c);
    }

    private static ChartViewer viewer(String id) {
        ChartViewer v = new ChartViewer(null);
        v.setId(id);
        v.setMinSize(200, 150);
        return v;
    }

    private static Label empty() {
        Label l = new Label();
        l.setWrapText(true);
        l.setStyle("-fx-font-size: 15px;");
        l.setPadding(new Insets(20));
        return l;
    }
}
