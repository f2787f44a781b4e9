package org.sealworkbench.ui.rl;

import java.io.File;
import java.util.List;
import java.util.function.BiConsumer;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableCell;
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
import javafx.scene.layout.VBox;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.sealworkbench.ui.AdapterBatchField;
import org.sealworkbench.jobs.workspace.ModelItem;

/**
 * The ReST-EM window (RL > Run ReST-EM…, Ctrl+R): the form of {@code ./seal rl} on the left, the rewards table on the
 * right, filled per passage as the job computes them, with Start, Pause, Resume and Stop. A window of its own rather
 * than a pane of the Runs & QA tab: an RL run takes hours, and a person watches its rewards while reading the
 * self-edits of a passage in the main window (Open self-edits ranked by reward), which a tab would hide.
 * A thin view: the state is {@link RlRunViewModel}'s.
 */
public final class RlWindow extends Stage {
    final TableView<RewardRow> table = new TableView<>();
    final Button start = new Button("Start");
    final Button pause = new Button("Pause");
    final Button resume = new Button("Resume");
    final Button stop = new Button("Stop");
    final Button open = new Button("Open self-edits ranked by reward");
    private final RlRunViewModel vm;
    private int shownK = -1;

    /**
     * @param openRanked shows a passage's self-edits in the Self-edits view as columns in the given order (best first)
     */
    public RlWindow(Window owner, RlRunViewModel vm, BiConsumer<Long, List<Long>> openRanked) {
        this.vm = vm;
        if (owner != null) initOwner(owner);
        setTitle("ReST-EM (SEAL's RL)");

        start.setId("rlStart");
        pause.setId("rlPause");
        resume.setId("rlResume");
        stop.setId("rlStop");
        open.setId("rlOpen");
        start.getStyleClass().add("accent");
        start.disableProperty().bind(vm.canStartProperty().not());
        pause.disableProperty().bind(vm.canPauseProperty().not());
        resume.disableProperty().bind(vm.canResumeProperty().not());
        stop.disableProperty().bind(vm.canStopProperty().not());
        start.setTooltip(new Tooltip("Start a new run with these settings (Ctrl+Enter)"));
        pause.setTooltip(new Tooltip("Finish the unit in flight, then stop; the run stays resumable (Ctrl+P)"));
        resume.setTooltip(new Tooltip("Go on from where the run stopped; finished units are not redone (Ctrl+Shift+R)"));
        stop.setTooltip(new Tooltip("Stop now; the unit in flight is dropped, everything finished is stored (Ctrl+Period)"));
        start.setOnAction(e -> vm.start());
        pause.setOnAction(e -> vm.pause());
        resume.setOnAction(e -> vm.resume());
        stop.setOnAction(e -> vm.stop());

        ProgressBar bar = new ProgressBar();
        bar.progressProperty().bind(vm.progressProperty());
        bar.visibleProperty().bind(vm.stateProperty().isEqualTo(RlRunViewModel.State.RUNNING)
                .or(vm.stateProperty().isEqualTo(RlRunViewModel.State.PAUSING))
                .or(vm.stateProperty().isEqualTo(RlRunViewModel.State.STOPPING)));
        bar.setPrefWidth(160);
        Label job = new Label();
        job.setId("rlJob");
        job.textProperty().bind(Bindings.createStringBinding(() -> (vm.jobIdProperty().get() == null ? "" : "job "
                + vm.jobIdProperty().get() + " · ") + vm.stateProperty().get().name().toLowerCase(), vm.jobIdProperty(), vm.stateProperty()));
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox buttons = new HBox(8, start, pause, resume, stop, grow, job, bar);
        buttons.setAlignment(Pos.CENTER_LEFT);
        buttons.setPadding(new Insets(8));
        buttons.getStyleClass().add("app-toolbar");

        Label status = new Label();
        status.setId("rlStatus");
        status.textProperty().bind(vm.statusProperty());
        status.setWrapText(true);
        status.setMaxWidth(Double.MAX_VALUE);

        table.setId("rlRewards");
        table.setItems(vm.rows());
        // It said "No rewards yet" on a workspace with rounds stored: this table is the runs of this window; say where the others are.
        Label empty = new Label("No rewards in this window yet. Set the form and Start (Ctrl+Enter): each passage's k "
                + "self-edits, their rewards and the chosen best appear here as they are computed. Rewards of runs stored "
                + "earlier are drawn in the workbench's Charts > RL; Resume (Ctrl+Shift+R) lists a stopped run's here again.");
        empty.setId("rlRewardsEmpty");
        empty.setWrapText(true);
        empty.setMaxWidth(420);
        table.setPlaceholder(empty);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        vm.rows().addListener((ListChangeListener<RewardRow>) c -> rebuildColumns());
        rebuildColumns();
        table.getSelectionModel().selectedItemProperty().addListener((o, a, row) -> vm.selectedProperty().set(row));
        Runnable openSelected = () -> {
            RewardRow row = table.getSelectionModel().getSelectedItem();
            if (row != null && row.rewardsIn() > 0) openRanked.accept(row.passageId(), row.rankedIds());
        };
        open.disableProperty().bind(Bindings.createBooleanBinding(() -> vm.selectedProperty().get() == null
                || vm.selectedProperty().get().rewardsIn() == 0, vm.selectedProperty()));
        open.setOnAction(e -> openSelected.run());
        table.setOnMouseClicked(e -> {
            if (e.getClickCount() == 2) openSelected.run();
        });
        table.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER) openSelected.run();
        });
        Label openHint = new Label("or double-click a passage (Enter)");
        openHint.getStyleClass().add("muted");
        HBox openBar = new HBox(8, open, openHint);
        openBar.setAlignment(Pos.CENTER_LEFT);
        VBox right = new VBox(8, status, table, openBar);
        VBox.setVgrow(table, Priority.ALWAYS);
        right.setPadding(new Insets(8));

        ScrollPane formPane = new ScrollPane(form(vm.form()));
        formPane.setFitToWidth(true);
        formPane.setPrefViewportWidth(420);
        formPane.setMinWidth(300);
        // What stops Start stays in sight under the form: inside the scrolled form it sat below the fold (Start greyed, no why).
        Label error = new Label();
        error.setId("rlFormError");
        error.setWrapText(true);
        error.getStyleClass().add("form-error");
        error.setStyle("-fx-text-fill: -color-danger-fg;");
        error.textProperty().bind(vm.form().errorProperty());
        error.setMaxWidth(Double.MAX_VALUE);
        error.setMinHeight(Region.USE_PREF_SIZE);
        error.setPadding(new Insets(4, 10, 6, 10));
        error.visibleProperty().bind(vm.form().errorProperty().isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());
        VBox left = new VBox(formPane, error);
        VBox.setVgrow(formPane, Priority.ALWAYS);

        BorderPane root = new BorderPane();
        root.setTop(buttons);
        root.setLeft(left);
        root.setCenter(right);
        // As tall as the screen allows, up to the whole form (it scrolled at 720 px on a 1000 px screen).
        javafx.geometry.Rectangle2D screen = javafx.stage.Screen.getPrimary().getVisualBounds();
        Scene scene = new Scene(root, Math.min(1180, screen.getWidth() - 40), Math.min(900, screen.getHeight() - 40));
        if (owner != null && owner.getScene() != null) scene.getStylesheets().setAll(owner.getScene().getStylesheets());
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.ENTER, KeyCombination.SHORTCUT_DOWN), vm::start);
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.P, KeyCombination.SHORTCUT_DOWN), vm::pause);
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.R, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN), vm::resume);
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.PERIOD, KeyCombination.SHORTCUT_DOWN), vm::stop);
        // Closes the window only (a run goes on; RL > Run ReST-EM… shows it again), as in the continual and few-shot windows.
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.W, KeyCombination.SHORTCUT_DOWN), this::hide);
        setScene(scene);
    }

    /**
     * The window for the main window's workspace and models: runs through the main {@code JobRunner} (so they show in
     * the jobs area with their cancel), errors as the main window's dialogs; Open self-edits selects the passage in the
     * library and shows its self-edits ranked in the Self-edits tab.
     */
    public static RlWindow create(Window owner, org.sealworkbench.ui.MainViewModel main, Runnable showSelfEditsTab) {
        RlRunViewModel vm = new RlRunViewModel(new org.sealworkbench.jobs.rl.RlService(), main.runner(), main.runner().reads(),
                main::showError);
        RlFormViewModel f = vm.form();
        // A copy of the main list rather than bindContent: a refresh replaces the main list's items, and the combo box
        // would drop its value; the chosen model is found again by its folder.
        Runnable syncModels = () -> {
            ModelItem current = f.modelProperty().get();
            f.models().setAll(main.models().models());
            ModelItem same = current == null ? null
                    : f.models().stream().filter(m -> java.util.Objects.equals(m.dir(), current.dir())).findFirst().orElse(null);
            ModelItem chosen = main.models().selectedProperty().get();
            f.modelProperty().set(same != null ? same : chosen != null ? chosen : f.models().isEmpty() ? null : f.models().get(0));
        };
        main.models().models().addListener((ListChangeListener<ModelItem>) c -> syncModels.run());
        syncModels.run();
        f.workspaceProperty().bind(main.workspacePathProperty());
        vm.onFinished(main::workspaceWritten);   // the library's self-edit counts, Best and Gain; no false "changed on disk"
        return new RlWindow(owner, vm, (passageId, ranked) -> {
            var library = main.library();
            if (library.findVisible(passageId).isEmpty()) library.filterTextProperty().set("");
            library.findVisible(passageId).ifPresent(library.selectedProperty()::set);
            showSelfEditsTab.run();
            main.studio().showRanked(passageId, ranked);
        });
    }

    public RlRunViewModel viewModel() {
        return vm;
    }

    private GridPane form(RlFormViewModel f) {
        GridPane g = new GridPane();
        g.setHgap(8);
        g.setVgap(6);
        g.setPadding(new Insets(10));
        ComboBox<ModelItem> model = new ComboBox<>(f.models());
        model.setId("rlModel");
        model.valueProperty().bindBidirectional(f.modelProperty());
        model.setMaxWidth(Double.MAX_VALUE);
        ComboBox<String> preset = new ComboBox<>(f.presets());
        preset.setId("rlPreset");
        preset.valueProperty().bindBidirectional(f.presetProperty());
        preset.disableProperty().bind(f.settingsFileProperty().isNotEmpty());
        TextField settings = text(f.settingsFileProperty(), "rlSettingsFile", "none: the preset");
        Button browse = new Button("…");
        browse.setOnAction(e -> {
            FileChooser fc = new FileChooser();
            fc.setTitle("Settings snapshot JSON");
            fc.getExtensionFilters().add(new FileChooser.ExtensionFilter("JSON", "*.json"));
            File file = fc.showOpenDialog(this);
            if (file != null) f.settingsFileProperty().set(file.getAbsolutePath());
        });
        HBox settingsRow = new HBox(4, settings, browse);
        HBox.setHgrow(settings, Priority.ALWAYS);
        ComboBox<String> grader = new ComboBox<>();
        grader.setId("rlGrader");
        grader.getItems().setAll(RlFormViewModel.GRADERS);
        grader.setEditable(true);
        grader.setPromptText("the preset's");
        grader.valueProperty().bindBidirectional(f.graderProperty());
        TextField judge = text(f.judgeProperty(), "rlJudge", "needed for llm_judge");
        Button judgeBrowse = new Button("…");
        judgeBrowse.setOnAction(e -> {
            DirectoryChooser dc = new DirectoryChooser();
            dc.setTitle("The LLM judge's checkpoint folder");
            File dir = dc.showDialog(this);
            if (dir != null) f.judgeProperty().set(dir.getAbsolutePath());
        });
        HBox judgeRow = new HBox(4, judge, judgeBrowse);
        HBox.setHgrow(judge, Priority.ALWAYS);
        ComboBox<RlFormViewModel.ValidationBy> by = new ComboBox<>();
        by.setId("rlValidationBy");
        by.getItems().setAll(RlFormViewModel.ValidationBy.values());
        by.valueProperty().bindBidirectional(f.validationByProperty());
        TextField count = text(f.validationProperty(), "rlValidation", "200");
        count.disableProperty().bind(f.validationByProperty().isEqualTo(RlFormViewModel.ValidationBy.SET));
        ComboBox<String> vSet = new ComboBox<>(f.passageSets());
        vSet.setId("rlValidationSet");
        vSet.setEditable(true);
        vSet.valueProperty().bindBidirectional(f.validationSetProperty());
        vSet.disableProperty().bind(f.validationByProperty().isNotEqualTo(RlFormViewModel.ValidationBy.SET));
        ComboBox<String> rlSet = new ComboBox<>(f.passageSets());
        rlSet.setId("rlRlSet");
        rlSet.setEditable(true);
        rlSet.setPromptText("after the validation set");
        rlSet.setTooltip(new Tooltip("Empty: the passages after the validation set (never one of the validation set)"));
        rlSet.valueProperty().bindBidirectional(f.rlSetProperty());
        for (ComboBox<?> c : List.of(model, preset, grader, by, vSet, rlSet)) c.setMaxWidth(Double.MAX_VALUE);

        int row = 0;
        Label head = new Label("The options of ./seal rl; an empty field is the preset's value.");
        head.setWrapText(true);
        g.add(head, 0, row++, 2, 1);
        g.addRow(row++, new Label("Model"), model);
        g.addRow(row++, new Label("Preset"), preset);
        g.addRow(row++, new Label("Settings file"), settingsRow);
        g.addRow(row++, new Label("Rounds"), text(f.roundsProperty(), "rlRounds", "the preset's"));
        g.addRow(row++, new Label("Passages per round"), text(f.passagesPerRoundProperty(), "rlPerRound", "the preset's"));
        g.addRow(row++, new Label("Self-edits per passage (k)"), text(f.kProperty(), "rlK", "the preset's"));
        g.addRow(row++, new Label("Inner loops per self-edit"), text(f.repeatsProperty(), "rlRepeats", "the preset's"));
        g.addRow(row++, new Label("Grader"), grader);
        g.addRow(row++, new Label("Judge model"), judgeRow);
        g.addRow(row++, new Label("Validation set"), by);
        g.addRow(row++, new Label("  first N passages"), count);
        g.addRow(row++, new Label("  or the file"), vSet);
        g.addRow(row++, new Label("RL set (file)"), rlSet);
        g.addRow(row++, new Label("Inner repeats (eval)"), text(f.innerRepeatsProperty(), "rlInnerRepeats", "the preset's"));
        TextField adapterBatch = text(f.adapterBatchProperty(), "rlAdapterBatch", "");
        g.addRow(row++, AdapterBatchField.label(adapterBatch, RlFormViewModel.DEFAULT_ADAPTER_BATCH, "", "The same runs"), adapterBatch);
        TextField workers = text(f.workersProperty(), "rlWorkers", "");
        g.addRow(row++, AdapterBatchField.workers(workers), workers);
        TextArea cli = new TextArea();
        cli.setId("rlCommandLine");
        cli.setEditable(false);
        cli.setWrapText(true);
        cli.setPrefRowCount(4);
        cli.textProperty().bind(f.commandLineProperty());
        g.add(new Label("The same run on the command line:"), 0, row++, 2, 1);
        g.add(cli, 0, row, 2, 1);
        javafx.scene.layout.ColumnConstraints labels = new javafx.scene.layout.ColumnConstraints();
        labels.setMinWidth(Region.USE_PREF_SIZE);
        g.getColumnConstraints().setAll(labels,
                new javafx.scene.layout.ColumnConstraints(120, 220, Double.MAX_VALUE, Priority.ALWAYS, javafx.geometry.HPos.LEFT, true));
        return g;
    }

    private static TextField text(javafx.beans.property.StringProperty p, String id, String prompt) {
        TextField t = new TextField();
        t.setId(id);
        t.textProperty().bindBidirectional(p);
        t.setPromptText(prompt);
        t.setPrefColumnCount(8);
        return t;
    }

    /** One column per self-edit, as many as the largest k in the table. */
    private void rebuildColumns() {
        int k = vm.rows().stream().mapToInt(RewardRow::k).max().orElse(0);
        if (k == shownK) return;
        shownK = k;
        TableColumn<RewardRow, String> round = column("Round", r -> Integer.toString(r.round()));
        round.setMinWidth(72);
        round.setMaxWidth(80);
        TableColumn<RewardRow, String> passage = column("Passage", r -> (r.index() + 1) + "/" + r.of() + " · " + r.title());
        passage.setPrefWidth(220);
        TableColumn<RewardRow, String> baseline = column("Baseline", RewardRow::baselineText);
        baseline.setMinWidth(80);
        baseline.setMaxWidth(90);
        table.getColumns().setAll(List.of(round, passage, baseline));
        for (int i = 0; i < k; i++) {
            int idx = i;
            TableColumn<RewardRow, String> c = column("#" + (i + 1), r -> r.rewardText(idx));
            c.setMinWidth(70);   // "100.0 %" whole
            c.setMaxWidth(86);
            c.setCellFactory(col -> new TableCell<>() {
                @Override
                protected void updateItem(String item, boolean empty) {
                    super.updateItem(item, empty);
                    RewardRow r = empty ? null : getTableRow() == null ? null : getTableRow().getItem();
                    setText(empty ? null : item);
                    getStyleClass().remove("rl-best");
                    setStyle("");
                    if (r != null && r.best() == idx) {
                        getStyleClass().add("rl-best");
                        setStyle("-fx-font-weight: bold; -fx-text-fill: -color-success-fg;");
                    }
                    setTooltip(r == null || idx >= r.k() ? null : new Tooltip(abbreviate(r.texts().get(idx))));
                }
            });
            table.getColumns().add(c);
        }
        TableColumn<RewardRow, String> best = column("Best", RewardRow::bestText);
        best.setMinWidth(120);
        best.setPrefWidth(170);   // "#2 (60.0 %), not kept"
        table.getColumns().add(best);
    }

    private static String abbreviate(String s) {
        return s.length() <= 600 ? s : s.substring(0, 600) + "…";
    }

    private static TableColumn<RewardRow, String> column(String name, java.util.function.Function<RewardRow, String> value) {
        TableColumn<RewardRow, String> c = new TableColumn<>(name);
        c.setCellValueFactory(d -> new ReadOnlyStringWrapper(value.apply(d.getValue())));
        c.setSortable(false);
        return c;
    }
}
