package org.sealworkbench.ui.continual;

import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.jfree.chart.fx.ChartViewer;
import org.sealworkbench.seal.Continual;
import org.sealworkbench.ui.Theme;
import org.sealworkbench.ui.charts.ChartFactory;
import org.sealworkbench.ui.charts.ContinualCharts;

/**
 * RL &gt; Continual self-edits… (Ctrl+Shift+K): SEAL's catastrophic-forgetting experiment in a window of its own. The
 * form of {@code ./seal continual} on the left with Start (Ctrl+Enter) and Cancel; on the right, once a sequence has
 * finished, the step x passage accuracy heatmap, the newest-vs-retention curves, and the matrices as text. A thin view:
 * the state is {@link ContinualViewModel}'s.
 */
public final class ContinualWindow extends Stage {
    final Button start = new Button("Start");
    final Button cancel = new Button("Cancel");
    final javafx.scene.control.MenuButton export = new javafx.scene.control.MenuButton("Export");
    final ChartViewer heatmap = new ChartViewer(null);
    final ChartViewer curves = new ChartViewer(null);
    final TextArea table = new TextArea();
    private final ContinualViewModel vm;
    // held here: the theme's property keeps only a weak reference to it
    private final javafx.beans.value.ChangeListener<Theme> onTheme = (o, a, t) -> show(viewModel().resultProperty().get());

    public ContinualWindow(Window owner, ContinualViewModel vm) {
        this.vm = vm;
        if (owner != null) initOwner(owner);
        setTitle("Continual self-edits (forgetting)");

        start.setId("continualStart");
        cancel.setId("continualCancel");
        start.getStyleClass().add("accent");
        start.disableProperty().bind(vm.validProperty().not());
        cancel.disableProperty().bind(vm.runningProperty().not());
        start.setTooltip(new Tooltip("Run the sequence with these settings (Ctrl+Enter); steps stored before are read back"));
        cancel.setTooltip(new Tooltip("Stop at the next check; the finished steps stay stored, and Start resumes from them"));
        start.setOnAction(e -> vm.start());
        cancel.setOnAction(e -> vm.cancel());

        GridPane form = new GridPane();
        form.setHgap(10);
        form.setVgap(8);
        form.setPadding(new Insets(12));
        int row = 0;
        Label about = new Label("SEAL's continual setting: the passages are adapted one after another, each step's LoRA "
                + "(the preset's inner loop on passage + self-edit) merged into the weights before the next, and after every "
                + "step the questions of all passages so far are answered again. Earlier passages' accuracy falling as "
                + "later ones are learnt is catastrophic forgetting.");
        about.setWrapText(true);
        about.setPrefWidth(330);
        about.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        form.add(about, 0, row++, 2, 1);
        form.addRow(row++, new Label("Passages"), field(vm.passagesProperty(), "continualPassages",
                "How many passages the sequence adapts, one after another (SEAL: 8): the first N of the choice below"));
        ComboBox<String> files = new ComboBox<>(vm.files());
        files.valueProperty().bindBidirectional(vm.fileProperty());
        files.setId("continualFile");
        files.setMaxWidth(Double.MAX_VALUE);
        Label available = new Label();
        available.textProperty().bind(Bindings.createStringBinding(() -> vm.availableProperty().get() < 0 ? ""
                : vm.availableProperty().get() + " passages", vm.availableProperty()));
        form.addRow(row++, new Label("From"), new VBox(4, files, available));
        form.addRow(row++, new Label("Repeats"), field(vm.repeatsProperty(), "continualRepeats",
                "Sequences from the base weights with fresh seeds; the heatmap shows their mean"));
        ComboBox<String> sources = new ComboBox<>(vm.sources());
        sources.valueProperty().bindBidirectional(vm.sourceProperty());
        sources.setId("continualSource");
        sources.setMaxWidth(Double.MAX_VALUE);
        sources.setTooltip(new Tooltip("base-self-edits: the model's own first sampled self-edit of each passage (sampled "
                + "now where none is stored); passage-only: no self-edit; self-edits:NAME: the first stored one of that author"));
        form.addRow(row++, new Label("Self-edits"), sources);
        ComboBox<String> preset = new ComboBox<>(vm.presets());
        preset.valueProperty().bindBidirectional(vm.presetProperty());
        form.addRow(row++, new Label("Preset"), preset);
        ComboBox<String> grader = new ComboBox<>(vm.graders());
        grader.valueProperty().bindBidirectional(vm.graderProperty());
        form.addRow(row++, new Label("Grader"), grader);
        Label model = new Label();
        model.textProperty().bind(Bindings.createStringBinding(() -> vm.modelProperty().get() == null ? "none chosen"
                : vm.modelProperty().get().toString(), vm.modelProperty()));
        model.setWrapText(true);
        model.setMaxWidth(220);
        form.addRow(row++, new Label("Model"), model);
        Label error = new Label();
        error.setId("continualError");
        error.setWrapText(true);
        error.setMaxWidth(330);
        error.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        error.setStyle("-fx-text-fill: -color-danger-fg;");
        error.textProperty().bind(vm.errorProperty());
        form.add(error, 0, row++, 2, 1);
        javafx.scene.layout.ColumnConstraints labels = new javafx.scene.layout.ColumnConstraints();
        labels.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        javafx.scene.layout.ColumnConstraints fields = new javafx.scene.layout.ColumnConstraints();
        fields.setHgrow(Priority.ALWAYS);
        form.getColumnConstraints().setAll(labels, fields);
        javafx.scene.control.MenuItem csv = new javafx.scene.control.MenuItem("CSV (repeat, step, passage, accuracy)…");
        javafx.scene.control.MenuItem json = new javafx.scene.control.MenuItem("JSON (matrices, newest, retention, forgetting)…");
        csv.setOnAction(e -> export(false));
        json.setOnAction(e -> export(true));
        export.getItems().setAll(csv, json);
        export.setId("continualExport");
        export.disableProperty().bind(vm.resultProperty().isNull());
        HBox buttons = new HBox(8, start, cancel, export);
        form.add(buttons, 0, row++, 2, 1);
        ProgressBar bar = new ProgressBar();
        bar.progressProperty().bind(vm.progressProperty());
        bar.visibleProperty().bind(vm.runningProperty());
        bar.setMaxWidth(Double.MAX_VALUE);
        form.add(bar, 0, row++, 2, 1);
        Label status = new Label();
        status.setId("continualStatus");
        status.textProperty().bind(vm.statusProperty());
        status.setWrapText(true);
        status.setMaxWidth(330);
        status.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        form.add(status, 0, row, 2, 1);

        heatmap.setId("continualHeatmap");
        curves.setId("continualCurves");
        table.setId("continualTable");
        table.setEditable(false);
        table.setStyle("-fx-font-family: monospace;");
        ComboBox<String> matrix = new ComboBox<>(vm.matrixChoices());
        matrix.setId("continualMatrix");
        Runnable choose = () -> matrix.getSelectionModel().select(vm.shownMatrixProperty().get() + 1);
        vm.matrixChoices().addListener((javafx.collections.ListChangeListener<String>) c -> choose.run());
        matrix.getSelectionModel().selectedIndexProperty().addListener((o, a, i) -> {
            if (i.intValue() >= 0) vm.shownMatrixProperty().set(i.intValue() - 1);
        });
        vm.shownMatrixProperty().addListener((o, a, i) -> show(vm.resultProperty().get()));
        Label matrixLabel = new Label("Heatmap of");
        HBox matrixRow = new HBox(8, matrixLabel, matrix);
        matrixRow.setAlignment(Pos.CENTER_LEFT);
        matrixRow.setPadding(new Insets(4, 8, 0, 8));
        // only where there is a choice: several repeats
        matrixRow.visibleProperty().bind(Bindings.size(vm.matrixChoices()).greaterThan(1));
        matrixRow.managedProperty().bind(matrixRow.visibleProperty());
        VBox heatmapBox = new VBox(matrixRow, heatmap);
        VBox.setVgrow(heatmap, Priority.ALWAYS);
        SplitPane charts = new SplitPane(heatmapBox, curves);
        charts.setOrientation(javafx.geometry.Orientation.VERTICAL);
        charts.setDividerPositions(0.6);
        TabPane results = new TabPane(new Tab("Charts", charts), new Tab("Matrices", table));
        results.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        Label empty = new Label("No sequence yet. Set the form and Start (Ctrl+Enter): the step x passage accuracy matrix "
                + "appears here when it has finished (8 passages on the bundled seal-tiny took about 10 s on 2 cores, sampling their "
                + "self-edits included; a larger model takes far longer).");
        empty.setId("continualEmpty");
        empty.setWrapText(true);
        empty.setMaxWidth(460);
        StackPane right = new StackPane(results, empty);
        results.visibleProperty().bind(vm.resultProperty().isNotNull());
        empty.visibleProperty().bind(vm.resultProperty().isNull());
        vm.resultProperty().addListener((o, a, r) -> show(r));
        Theme.currentProperty().addListener(new javafx.beans.value.WeakChangeListener<>(onTheme));
        table.textProperty().bind(vm.summaryProperty());

        javafx.scene.control.ScrollPane left = new javafx.scene.control.ScrollPane(form);
        left.setFitToWidth(true);
        left.setMinWidth(380);
        SplitPane split = new SplitPane(left, right);
        split.setDividerPositions(0.32);
        SplitPane.setResizableWithParent(left, false);
        BorderPane root = new BorderPane(split);
        Scene scene = new Scene(root, 1180, 720);
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.ENTER, KeyCombination.SHORTCUT_DOWN), () -> {
            if (vm.validProperty().get()) vm.start();
        });
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.W, KeyCombination.SHORTCUT_DOWN), this::hide);
        setScene(scene);
        setOnShown(e -> vm.refresh());
        HBox.setHgrow(files, Priority.ALWAYS);
        buttons.setAlignment(Pos.CENTER_LEFT);
    }

    /** Draws a finished sequence's charts (in the window's theme), or clears them. */
    private void show(Continual.Result r) {
        boolean dark = Theme.currentProperty().get() == Theme.DARK;
        int shown = r == null ? -1 : Math.min(viewModel().shownMatrixProperty().get(), r.matrices().size() - 1);
        heatmap.setChart(r == null ? null : ChartFactory.themed(ContinualCharts.heatmap(r, shown, dark), dark));
        curves.setChart(r == null ? null : ChartFactory.themed(ContinualCharts.curves(r), dark));
    }

    private void export(boolean json) {
        javafx.stage.FileChooser c = new javafx.stage.FileChooser();
        c.setTitle(json ? "Export the matrices as JSON" : "Export the matrices as CSV");
        c.setInitialFileName(json ? "continual.json" : "continual.csv");
        java.io.File f = c.showSaveDialog(this);
        if (f != null) vm.export(f.toPath(), json);
    }

    public ContinualViewModel viewModel() {
        return vm;
    }

    private static TextField field(javafx.beans.property.StringProperty p, String id, String tip) {
        return org.sealworkbench.ui.FormFields.bound(p, id, tip);
    }
}
