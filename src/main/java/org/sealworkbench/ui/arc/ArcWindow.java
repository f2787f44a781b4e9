package org.sealworkbench.ui.arc;

import org.sealworkbench.util.Counts;
import java.util.List;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
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
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.util.StringConverter;
import org.jfree.chart.fx.ChartViewer;
import org.sealworkbench.data.arc.ArcExample;
import org.sealworkbench.data.arc.ArcTask;
import org.sealworkbench.data.arc.Grid;
import org.sealworkbench.seal.arc.ArcTtt;
import org.sealworkbench.seal.arc.TttConfig;

/**
 * RL &gt; Few-shot (ARC)… (Ctrl+Shift+A): SEAL's few-shot setting in a window of its own. Tasks on the left (source,
 * list with a solved mark), the selected task drawn in the middle (demonstrations, test input, solution, and a run's two
 * attempts marked right or wrong), under it the results table and the running inner loop's loss; the self-edit form
 * and its JSON on the right with Run (Ctrl+Enter), Run all (Ctrl+Shift+Enter) and Cancel, and RL round… (Ctrl+R: the
 * {@link ArcRlWindow}, `./seal arc-rl`). A thin view: the state is {@link ArcViewModel}'s.
 */
public final class ArcWindow extends Stage {
    /** Opens the RL round window. */
    public static final KeyCombination RL_ROUND = new KeyCodeCombination(KeyCode.R, KeyCombination.SHORTCUT_DOWN);
    /** The window's keys and what they do, for Help &gt; Keyboard shortcuts. */
    public static final List<String[]> KEYS = List.of(
            new String[] {"Ctrl+Enter", "Run the self-edit on the selected task"},
            new String[] {"Ctrl+Shift+Enter", "Run it on every task of the source"},
            new String[] {"Ctrl+O / Ctrl+Shift+O", "Open a task file / a folder of task files"},
            new String[] {"Ctrl+E", "Export the results as JSON"},
            new String[] {RL_ROUND.getDisplayText(), "Open the RL round window (./seal arc-rl)"},
            new String[] {"Ctrl+W", "Close the window"});
    final ComboBox<String> source = new ComboBox<>();
    final Button open = new Button("Open…");
    final TableView<ArcViewModel.TaskRow> tasks = new TableView<>();
    final VBox taskView = new VBox(10);
    private final ScrollPane taskScroll = new ScrollPane(taskView);
    final TextArea json = new TextArea();
    final Button run = new Button("Run");
    final Button runAll = new Button("Run all tasks");
    final Button cancel = new Button("Cancel");
    final Button rlRound = new Button("RL round…");
    private ArcRlWindow rlWindow;
    final TableView<ArcViewModel.ResultRow> results = new TableView<>();
    final ChartViewer lossChart = new ChartViewer(null);
    private final LossLine lossLine;   // held with the window: it redraws the chart when the theme changes
    private final SimpleDoubleProperty box = new SimpleDoubleProperty(150);
    private final ArcViewModel vm;

    public ArcWindow(Window owner, ArcViewModel vm) {
        this.vm = vm;
        if (owner != null) initOwner(owner);
        setTitle("Few-shot (ARC): test-time training with a self-edit");

        // ---- tasks ----
        source.setItems(vm.sources());
        source.valueProperty().bindBidirectional(vm.sourceProperty());
        source.setId("arcSource");
        source.setMaxWidth(Double.MAX_VALUE);
        source.setTooltip(new Tooltip("SEAL's evaluation set (10 tasks held out from RL) or training set (12 tasks), "
                + "bundled in sample-data/arc, or a file or folder you opened"));
        open.setId("arcOpen");
        open.setTooltip(new Tooltip("Open a challenges file (solutions found beside it), a single-task file, or a folder of "
                + "single-task files (Ctrl+O; Ctrl+Shift+O for a folder)"));
        open.setOnAction(e -> chooseFile());
        open.setMinWidth(Region.USE_PREF_SIZE);
        HBox sourceRow = new HBox(6, source, open);
        HBox.setHgrow(source, Priority.ALWAYS);
        tasks.setId("arcTasks");
        tasks.setItems(vm.tasks());
        tasks.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        tasks.getColumns().setAll(List.of(
                column("Task", ArcViewModel.TaskRow::name, 100),
                column("Pairs", r -> String.valueOf(r.pairs()), 58),
                column("Size", ArcViewModel.TaskRow::largest, 58),
                markColumn()));
        Label tasksEmpty = new Label();
        tasksEmpty.setId("arcTasksEmpty");
        tasksEmpty.setWrapText(true);
        tasksEmpty.setPadding(new Insets(8));
        tasksEmpty.textProperty().bind(Bindings.createStringBinding(() -> vm.tasksMessageProperty().get().isEmpty()
                ? "No tasks. Pick a source above, or Open… (Ctrl+O) an ARC challenges file or a folder of task files."
                : vm.tasksMessageProperty().get(), vm.tasksMessageProperty()));
        tasks.setPlaceholder(tasksEmpty);
        tasks.setTooltip(new Tooltip("Pairs: demonstrations; Size: the largest grid (height x width); Solved: self-edit runs "
                + "of this window that solved the task, of those run"));
        tasks.getSelectionModel().selectedItemProperty().addListener((o, a, t) -> {
            if (t != null) vm.selectedTaskProperty().set(t);
        });
        vm.selectedTaskProperty().addListener((o, a, t) -> {
            if (t != null && tasks.getSelectionModel().getSelectedItem() != t) {
                tasks.getSelectionModel().select(t);
                tasks.scrollTo(t);
            }
            showTask();
        });

        // ---- the task ----
        taskView.setId("arcTaskView");
        taskView.setPadding(new Insets(10));
        taskScroll.setId("arcTaskScroll");
        taskScroll.setFitToWidth(true);
        taskScroll.viewportBoundsProperty().addListener((o, a, b) ->
                box.set(Math.max(60, Math.min(200, Math.floor((b.getWidth() - 20 - 4 * 24) / 4)))));
        box.addListener(o -> showTask());
        vm.selectedResultProperty().addListener((o, a, r) -> {
            showTask();
            if (r != null && results.getSelectionModel().getSelectedItem() != r) results.getSelectionModel().select(r);
            // The attempts are drawn under the demonstrations: bring them into view (they sat below the fold, so selecting
            // a result seemed to change nothing).
            if (r != null) javafx.application.Platform.runLater(this::revealTest);
        });
        // also when a run ends on the result already shown (a run found stored reports the row already selected), and when
        // the selected row is clicked again
        vm.runningProperty().addListener((o, was, now) -> {
            if (!now && vm.selectedResultProperty().get() != null) javafx.application.Platform.runLater(this::revealTest);
        });

        // ---- results and loss ----
        results.setId("arcResults");
        results.setItems(vm.results());
        results.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
        results.getColumns().setAll(List.of(
                column("Task", ArcViewModel.ResultRow::task, 84),
                column("Self-edit", ArcViewModel.ResultRow::selfEdit, 230),
                column("Solved", ArcViewModel.ResultRow::solved, 76),
                column("Texts", r -> String.valueOf(r.texts()), 62),
                column("Steps", r -> String.valueOf(r.steps()), 62),
                column("Final loss", ArcViewModel.ResultRow::finalLoss, 100),
                column("Readable", ArcViewModel.ResultRow::readable, 90),
                column("Seconds", ArcViewModel.ResultRow::seconds, 78),
                column("Note", ArcViewModel.ResultRow::note, 160)));
        Tooltip.install(results, new Tooltip("Readable: test-time prompts whose answer read as a grid, of all prompts "
                + "(voting picks attempt 1 and 2 among them). Note: why an inner loop did not train."));
        Label resultsEmpty = new Label("No results yet. Pick a task and Run (Ctrl+Enter), or Run all tasks "
                + "(Ctrl+Shift+Enter): each inner loop adds a row here; select a row to see its two attempts above.");
        resultsEmpty.setWrapText(true);
        resultsEmpty.setPadding(new Insets(8));
        results.setPlaceholder(resultsEmpty);
        results.getSelectionModel().selectedItemProperty().addListener((o, a, r) -> {
            if (r != null) vm.selectedResultProperty().set(r);
        });
        results.setOnMouseClicked(e -> {
            if (results.getSelectionModel().getSelectedItem() != null) revealTest();
        });
        lossChart.setId("arcLoss");
        lossChart.setMinSize(180, 120);
        lossLine = new LossLine(lossChart, vm.loss(), "training loss");
        Label lossTitle = new Label();
        lossTitle.setId("arcLossTitle");
        lossTitle.textProperty().bind(vm.lossTitleProperty());
        lossTitle.setWrapText(true);
        VBox lossBox = new VBox(2, lossTitle, lossChart);
        VBox.setVgrow(lossChart, Priority.ALWAYS);
        lossBox.setPadding(new Insets(4));
        lossBox.setPrefHeight(210);
        lossBox.setMinHeight(150);
        Label tasksTitle = heading("Tasks");
        VBox left = new VBox(6, tasksTitle, sourceRow, tasks, lossBox);
        VBox.setVgrow(tasks, Priority.ALWAYS);
        left.setPadding(new Insets(8));
        left.setMinWidth(330);
        SplitPane centre = new SplitPane(taskScroll, results);
        centre.setOrientation(Orientation.VERTICAL);
        centre.setDividerPositions(0.64);

        // ---- the self-edit ----
        GridPane form = new GridPane();
        form.setHgap(8);
        form.setVgap(6);
        form.setPadding(new Insets(8));
        int row = 0;
        form.add(heading("Self-edit"), 0, row++, 2, 1);
        Label about = new Label("SEAL's few-shot self-edit: which augmentations make the training texts from the "
                + "demonstrations, and how the LoRA trains on them. Form and JSON stay in sync.");
        about.setWrapText(true);
        about.setMinHeight(Region.USE_PREF_SIZE);
        form.add(about, 0, row++, 2, 1);
        form.add(check("Basic", vm.basicProperty(), "arcBasic", "use_basic_augmentations: rotations (90/180/270), flips, "
                + "reflections, translation and transpose of every grid"), 0, row);
        form.add(check("Size", vm.sizeProperty(), "arcSize", "use_size_augmentations: higher resolution (cells x2), and "
                + "height x2 and width x2"), 1, row++);
        form.add(check("Chain", vm.chainProperty(), "arcChain", "use_chain_augmentations: a geometric transform (rotation, "
                + "flip, transpose) followed by resolution x2"), 0, row);
        form.add(check("Repeat", vm.repeatProperty(), "arcRepeat", "use_repeat_augmentations: tiling, the grid repeated "
                + "side by side and one above the other"), 1, row++);
        ComboBox<TttConfig.Strategy> strategy = new ComboBox<>();
        strategy.getItems().setAll(TttConfig.Strategy.values());
        strategy.valueProperty().bindBidirectional(vm.strategyProperty());
        strategy.setId("arcStrategy");
        strategy.setMaxWidth(Double.MAX_VALUE);
        strategy.setConverter(new StringConverter<>() {
            @Override public String toString(TttConfig.Strategy s) {
                return s == null ? "" : s == TttConfig.Strategy.ALL_TOKENS ? "All tokens" : "Output tokens only";
            }
            @Override public TttConfig.Strategy fromString(String s) { return null; }
        });
        strategy.setTooltip(new Tooltip("The loss: on every token of a training text, or only on the answer (the output grid)"));
        form.addRow(row++, new Label("Loss on"), strategy);
        form.addRow(row++, new Label("Learning rate"), field(vm.learningRateProperty(), "arcLearningRate",
                "The LoRA's peak learning rate (cosine schedule after warmup), e.g. 1e-3"));
        form.addRow(row++, new Label("Epochs"), field(vm.epochsProperty(), "arcEpochs",
                "Passes over the training texts; 0 trains nothing. Runs over 375 steps are not trained (SEAL's cap)"));
        json.setId("arcJson");
        json.textProperty().bindBidirectional(vm.jsonProperty());
        json.setPrefRowCount(11);
        json.setWrapText(false);
        json.setStyle("-fx-font-family: monospace; -fx-font-size: 11px;");
        json.setTooltip(new Tooltip("The same self-edit as SEAL's JSON (what the model writes); edit either side"));
        form.add(new Label("As SEAL's JSON"), 0, row++, 2, 1);
        form.add(json, 0, row++, 2, 1);
        Label jsonProblem = new Label();
        jsonProblem.setId("arcJsonProblem");
        jsonProblem.setWrapText(true);
        jsonProblem.setMinHeight(Region.USE_PREF_SIZE);
        jsonProblem.setStyle("-fx-text-fill: -color-danger-fg;");
        jsonProblem.textProperty().bind(Bindings.createStringBinding(() -> !vm.problemProperty().get().isEmpty()
                ? "⚠ " + vm.problemProperty().get() : vm.jsonNoteProperty().get().isEmpty() ? "" : "Note: " + vm.jsonNoteProperty().get(),
                vm.problemProperty(), vm.jsonNoteProperty()));
        jsonProblem.managedProperty().bind(jsonProblem.textProperty().isNotEmpty());
        form.add(jsonProblem, 0, row++, 2, 1);
        ComboBox<String> preset = new ComboBox<>();
        preset.getItems().setAll(ArcViewModel.PRESETS);
        preset.valueProperty().bindBidirectional(vm.presetProperty());
        preset.setId("arcPreset");
        preset.setMaxWidth(Double.MAX_VALUE);
        preset.setTooltip(new Tooltip("tiny-cpu: SEAL's recipe with at most 24 training texts (seal-tiny on a CPU); "
                + "reference: SEAL's own (up to 250 texts, LoRA r 128)"));
        form.addRow(row++, new Label("Preset"), preset);
        form.addRow(row++, new Label("Max texts"), field(vm.maxTextsProperty(), "arcMaxTexts",
                "Training texts per self-edit, at most (0: the preset's)"));
        CheckBox baseline = check("Baseline too", vm.baselineProperty(), "arcBaseline",
                "Also predict with the model as it is, without test-time training (SEAL's no-TTT baseline)");
        form.add(baseline, 0, row++, 2, 1);
        Label model = new Label();
        model.setId("arcModel");
        model.setWrapText(true);
        model.setMinHeight(Region.USE_PREF_SIZE);
        model.textProperty().bind(Bindings.createStringBinding(() -> "Model: " + (vm.modelProperty().get() == null
                ? "seal-tiny (bundled)" : vm.modelProperty().get().getFileName()), vm.modelProperty()));
        model.setTooltip(new Tooltip("The main window's chosen model (Self-edits > Models…, Ctrl+M), else the bundled seal-tiny"));
        form.add(model, 0, row++, 2, 1);
        Label noSampling = new Label("Self-edits are given here, not sampled: seal-tiny's 512-token context is too short "
                + "for SEAL's self-edit prompt (./seal arc --self-edits samples them with a larger model). RL round… "
                + "(Ctrl+R) samples them from such a generator and fine-tunes it on those that solve their task.");
        noSampling.setWrapText(true);
        noSampling.setMinHeight(Region.USE_PREF_SIZE);
        noSampling.getStyleClass().add("text-muted");
        form.add(noSampling, 0, row++, 2, 1);

        run.setId("arcRun");
        runAll.setId("arcRunAll");
        cancel.setId("arcCancel");
        run.getStyleClass().add("accent");
        run.disableProperty().bind(vm.canRunProperty().not());
        runAll.disableProperty().bind(vm.canRunAllProperty().not());
        cancel.disableProperty().bind(vm.runningProperty().not());
        run.setTooltip(new Tooltip("Test-time train on the selected task with this self-edit and predict its test output (Ctrl+Enter)"));
        runAll.setTooltip(new Tooltip("The same on every task of the source, one after another (Ctrl+Shift+Enter)"));
        cancel.setTooltip(new Tooltip("Stop at the next training step; finished results stay"));
        run.setOnAction(e -> vm.runSelected());
        runAll.setOnAction(e -> vm.runAll());
        cancel.setOnAction(e -> vm.cancel());
        Button export = new Button("Export…");
        export.setId("arcExport");
        export.disableProperty().bind(vm.canExportProperty().not());
        export.setTooltip(new Tooltip("Write the results (attempts and raw answers included) as JSON, as `./seal arc --json` does (Ctrl+E)"));
        export.setOnAction(e -> chooseExport());
        rlRound.setId("arcRlRound");
        rlRound.setTooltip(new Tooltip("One ReST-EM round over training tasks, as ./seal arc-rl: sample self-edits from a "
                + "generator, reward those that solve their task, fine-tune the generator on them (Ctrl+R)"));
        rlRound.setOnAction(e -> showRlRound());
        // a FlowPane: in the narrow right pane the buttons wrap onto a second line instead of shrinking to "…"
        // in a read-only workspace Run and Run all are off and say why on hover (a disabled button shows no tooltip of its own)
        javafx.scene.layout.FlowPane buttons = new javafx.scene.layout.FlowPane(6, 6, org.sealworkbench.ui.OffReason.wrap(run,
                vm.offReasonProperty()), org.sealworkbench.ui.OffReason.wrap(runAll, vm.offReasonProperty()), cancel, export, rlRound);
        for (Button b : List.of(run, runAll, cancel, export, rlRound)) b.setMinWidth(Region.USE_PREF_SIZE);
        buttons.setAlignment(Pos.CENTER_LEFT);
        ProgressBar bar = new ProgressBar();
        bar.setId("arcProgress");
        bar.progressProperty().bind(vm.progressProperty());
        bar.visibleProperty().bind(vm.runningProperty());
        bar.setMaxWidth(Double.MAX_VALUE);

        Label status = new Label();
        status.setId("arcStatus");
        status.setWrapText(true);
        status.setMinHeight(Region.USE_PREF_SIZE);
        status.textProperty().bind(vm.statusProperty());
        VBox actions = new VBox(6, buttons, bar, status);
        actions.setPadding(new Insets(8));
        actions.setStyle("-fx-border-color: -color-border-default; -fx-border-width: 1 0 0 0;");
        javafx.scene.layout.ColumnConstraints c0 = new javafx.scene.layout.ColumnConstraints();
        c0.setMinWidth(Region.USE_PREF_SIZE);
        javafx.scene.layout.ColumnConstraints c1 = new javafx.scene.layout.ColumnConstraints();
        c1.setHgrow(Priority.ALWAYS);
        form.getColumnConstraints().setAll(c0, c1);
        ScrollPane formScroll = new ScrollPane(form);
        formScroll.setFitToWidth(true);
        BorderPane right = new BorderPane(formScroll);
        right.setBottom(actions);
        right.setMinWidth(300);
        right.setPrefWidth(340);

        SplitPane split = new SplitPane(left, centre, right);
        split.setDividerPositions(0.27, 0.72);
        SplitPane.setResizableWithParent(left, false);
        SplitPane.setResizableWithParent(right, false);
        Scene scene = new Scene(new BorderPane(split), 1240, 760);
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.ENTER, KeyCombination.SHORTCUT_DOWN), vm::runSelected);
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.ENTER, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN),
                vm::runAll);
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.O, KeyCombination.SHORTCUT_DOWN), this::chooseFile);
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.O, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN),
                this::chooseFolder);
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.W, KeyCombination.SHORTCUT_DOWN), this::hide);
        scene.getAccelerators().put(RL_ROUND, this::showRlRound);
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.E, KeyCombination.SHORTCUT_DOWN), () -> {
            if (vm.canExportProperty().get()) chooseExport();
        });
        setScene(scene);
        setOnShown(e -> vm.start());
        showTask();
    }

    /** The RL round window (one per window, kept so a round goes on when it is closed), shown and brought to front. */
    public ArcRlWindow showRlRound() {
        if (rlWindow == null) rlWindow = new ArcRlWindow(this, vm.rl());
        rlWindow.show();
        rlWindow.toFront();
        return rlWindow;
    }

    /** Scrolls the task view so that the test row (input, solution, attempts) starts at its top, after a layout pass. */
    private void revealTest() {
        Node test = taskView.lookup("#arcTestHeading");
        if (test == null) return;
        taskScroll.layout();
        double content = taskView.getLayoutBounds().getHeight(), view = taskScroll.getViewportBounds().getHeight();
        if (content <= view) return;
        double y = test.getBoundsInParent().getMinY() - taskView.getPadding().getTop();
        double f = Math.max(0, Math.min(1, y / (content - view)));
        taskScroll.setVvalue(taskScroll.getVmin() + f * (taskScroll.getVmax() - taskScroll.getVmin()));
    }

    /** Redraws the task view: demonstrations, the test input, its solution, and the shown result's two attempts. */
    private void showTask() {
        taskView.getChildren().clear();
        ArcViewModel.TaskRow row = vm.selectedTaskProperty().get();
        if (row == null) {
            Label empty = new Label(vm.tasks().isEmpty() ? "No task to show. Pick a source on the left (the SEAL evaluation "
                    + "set is read when the window opens), or Open… a file of ARC tasks (Ctrl+O)."
                    : "Select a task on the left to see its demonstrations and test input.");
            empty.setId("arcTaskEmpty");
            empty.setWrapText(true);
            taskView.getChildren().add(empty);
            return;
        }
        ArcTask t = row.task();
        Label title = heading(t.name() + " · " + Counts.of(t.train().size(), "demonstration"));
        title.setId("arcTaskTitle");
        taskView.getChildren().add(title);
        int i = 1;
        for (ArcExample e : t.train()) {
            taskView.getChildren().add(pairRow(captioned("Demo " + i + " input", e.input(), null, null),
                    arrow(), captioned("Demo " + i + " output", e.output(), null, null)));
            i++;
        }
        Label testHeading = heading("Test");
        testHeading.setId("arcTestHeading");
        taskView.getChildren().add(testHeading);
        Grid solution = t.test().output();
        HBox test = pairRow(captioned("Test input", t.test().input(), null, null), arrow(),
                solution == null ? note("No solution known (the file has none beside it)") : captioned("Solution", solution, null, null));
        ArcViewModel.ResultRow shown = vm.selectedResultProperty().get();
        if (shown != null && shown.task().equals(t.name())) {
            ArcTtt.Result r = shown.result();
            test.getChildren().add(attempt("Attempt 1", r.attempt1(), solution, "arcAttempt1"));
            test.getChildren().add(attempt("Attempt 2", r.attempt2(), solution, "arcAttempt2"));
            // why the inner loop did not train, if it did not: the table's Note column is far to the right, out of view
            Label which = new Label("Attempts of: " + shown.selfEdit() + " · " + shown.solved()
                    + (shown.note().isEmpty() ? "" : " · not trained: " + shown.note()));
            which.setId("arcShownRun");
            which.setWrapText(true);
            taskView.getChildren().addAll(test, which);
            if (!r.answers().isEmpty()) {
                // what the model wrote, for answers that did not read as grids (or to see why the vote went as it did)
                javafx.scene.control.TextArea raw = new javafx.scene.control.TextArea(shown.answersText());
                raw.setEditable(false);
                raw.setId("arcAnswers");
                raw.setPrefRowCount(8);
                raw.setStyle("-fx-font-family: monospace;");
                javafx.scene.control.TitledPane pane = new javafx.scene.control.TitledPane(shown.answersTitle(), raw);
                pane.setExpanded(false);
                pane.setId("arcAnswersPane");
                taskView.getChildren().add(pane);
            }
        } else {
            taskView.getChildren().add(test);
            Label hint = note("Run (Ctrl+Enter) to see the model's two attempts beside the solution.");
            taskView.getChildren().add(hint);
        }
    }

    private Node attempt(String name, Grid g, Grid solution, String id) {
        return GridFigures.attempt(name, g, g == null || solution == null ? null : g.equals(solution), id, box);
    }

    private VBox captioned(String caption, Grid g, String mark, String id) {
        return GridFigures.captioned(caption, g, mark, id, box);
    }

    private static HBox pairRow(Node... nodes) {
        return GridFigures.pairRow(nodes);
    }

    private static Label arrow() {
        return GridFigures.arrow();
    }

    private static Label note(String text) {
        return GridFigures.note(text);
    }

    private static Label heading(String text) {
        Label l = new Label(text);
        l.setStyle("-fx-font-weight: bold;");
        return l;
    }

    private void chooseFile() {
        FileChooser c = new FileChooser();
        c.setTitle("Open ARC tasks (a challenges file or a single-task file)");
        c.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("JSON", "*.json"),
                new FileChooser.ExtensionFilter("All files", "*"));
        java.io.File f = c.showOpenDialog(this);
        if (f != null) vm.open(f.toPath());
    }

    private void chooseExport() {
        FileChooser c = new FileChooser();
        c.setTitle("Export the few-shot results as JSON");
        c.setInitialFileName("few-shot-results.json");
        c.getExtensionFilters().add(new FileChooser.ExtensionFilter("JSON", "*.json"));
        java.io.File f = c.showSaveDialog(this);
        if (f != null) vm.export(f.toPath());
    }

    private void chooseFolder() {
        DirectoryChooser c = new DirectoryChooser();
        c.setTitle("Open a folder of ARC task files");
        java.io.File f = c.showDialog(this);
        if (f != null) vm.open(f.toPath());
    }

    private TableColumn<ArcViewModel.TaskRow, String> markColumn() {
        TableColumn<ArcViewModel.TaskRow, String> c = new TableColumn<>("Solved");
        c.setCellValueFactory(d -> d.getValue().markProperty());
        c.setPrefWidth(76);
        return c;
    }

    private static <R> TableColumn<R, String> column(String name, Function<R, String> value, double width) {
        TableColumn<R, String> c = new TableColumn<>(name);
        c.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(value.apply(d.getValue())));
        c.setPrefWidth(width);
        return c;
    }

    private static CheckBox check(String text, javafx.beans.property.BooleanProperty p, String id, String tip) {
        CheckBox b = new CheckBox(text);
        b.setId(id);
        b.selectedProperty().bindBidirectional(p);
        b.setTooltip(new Tooltip(tip));
        return b;
    }

    private static TextField field(javafx.beans.property.StringProperty p, String id, String tip) {
        return org.sealworkbench.ui.FormFields.bound(p, id, tip);
    }

    public ArcViewModel viewModel() {
        return vm;
    }
}
