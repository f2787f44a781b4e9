package org.sealworkbench.ui.arc;

import java.util.List;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.jfree.chart.fx.ChartViewer;
import org.sealworkbench.ui.Tooltips;
import org.sealworkbench.ui.FormFields;

/**
 * The Few-shot (ARC) window's RL round… (Ctrl+R there): `./seal arc-rl` as a window. Left: the round's settings (the
 * generator, the training tasks, K, self-edit tokens, the inner loop's preset, the SFT's epochs, learning rate and
 * batch, workers) with Start round (Ctrl+Enter), Resume (Ctrl+Shift+U) and Cancel, the progress and the phase. Right:
 * how the round ended (in full: a refusal, nothing solved, or the saved model and what to do next), every (task,
 * self-edit) with its config and reward as it arrives, each task's share rewarded, and the SFT's loss. A thin view:
 * the state is {@link ArcRlViewModel}'s.
 */
public final class ArcRlWindow extends Stage {
    /** Starts the round. */
    public static final KeyCombination START = new KeyCodeCombination(KeyCode.ENTER, KeyCombination.SHORTCUT_DOWN);
    /** Resumes the stopped round offered. */
    public static final KeyCombination RESUME = new KeyCodeCombination(KeyCode.U, KeyCombination.SHORTCUT_DOWN,
            KeyCombination.SHIFT_DOWN);
    /** The window's keys and what they do, for Help &gt; Keyboard shortcuts. */
    public static final List<String[]> KEYS = List.of(
            new String[] {"Ctrl+Enter", "Start the round"},
            new String[] {RESUME.getDisplayText(), "Resume the workspace's stopped round"},
            new String[] {"Ctrl+W", "Close the window (a round goes on)"});
    final Button start = new Button("Start round");
    final Button resume = new Button("Resume");
    final Button cancel = new Button("Cancel");
    final TableView<ArcRlViewModel.PairRow> pairs = new TableView<>();
    final TableView<ArcRlViewModel.TaskSummary> tasks = new TableView<>();
    final ChartViewer lossChart = new ChartViewer(null);
    private final LossLine lossLine;   // held with the window: it redraws the chart when the theme changes
    private final ArcRlViewModel vm;

    public ArcRlWindow(Window owner, ArcRlViewModel vm) {
        this.vm = vm;
        if (owner != null) initOwner(owner);
        setTitle("Few-shot (ARC): RL round (ReST-EM), as ./seal arc-rl");

        // ---- the settings ----
        GridPane form = new GridPane();
        form.setHgap(8);
        form.setVgap(6);
        form.setPadding(new Insets(8));
        int row = 0;
        form.add(heading("RL round (ReST-EM)"), 0, row++, 3, 1);
        Label about = wrapped("One round of SEAL's few-shot RL: K self-edits sampled per task from the generator, each "
                + "run as Run runs a self-edit (test-time training, two voted attempts); reward 1 when it trained and "
                + "solved its task. The generator is fine-tuned on the rewarded ones and saved as models/arc-round-N.");
        about.getStyleClass().add("text-muted");
        form.add(about, 0, row++, 3, 1);

        // the folder's whole path, wrapped (a field showed only its start: "/work/…/as")
        Label generator = wrapped("");
        generator.setId("arcRlGenerator");
        generator.textProperty().bind(Bindings.createStringBinding(() -> {
            java.nio.file.Path g = vm.generatorProperty().get();
            return g == null ? "none" : g.getParent() == null ? g.toString() : g.getFileName() + " (in " + g.getParent() + ")";
        }, vm.generatorProperty()));
        generator.setTooltip(new Tooltip("The model the round samples self-edits from and fine-tunes (and test-time "
                + "trains): this window's model at first (Self-edits > Models…, Ctrl+M), or a folder chosen here"));
        Button choose = new Button("Choose…");
        choose.setId("arcRlChooseGenerator");
        choose.setMinWidth(Region.USE_PREF_SIZE);
        choose.setOnAction(e -> chooseGenerator());
        form.add(new Label("Generator"), 0, row);
        form.add(generator, 1, row);
        form.add(choose, 2, row++);
        Label generatorNote = wrapped("");
        generatorNote.setId("arcRlGeneratorNote");
        generatorNote.textProperty().bind(vm.generatorNoteProperty());
        generatorNote.managedProperty().bind(generatorNote.textProperty().isNotEmpty());
        generatorNote.styleProperty().bind(Bindings.when(vm.generatorNoteProperty().isNotEmpty()
                .and(Bindings.createBooleanBinding(() -> vm.generatorNoteProperty().get().contains("refused")
                        || vm.generatorNoteProperty().get().contains("no model"), vm.generatorNoteProperty())))
                .then("-fx-text-fill: -color-danger-fg;").otherwise(""));
        form.add(generatorNote, 0, row++, 3, 1);

        ComboBox<String> source = new ComboBox<>(vm.sources());
        source.valueProperty().bindBidirectional(vm.sourceProperty());
        source.setId("arcRlSource");
        source.setMaxWidth(Double.MAX_VALUE);
        // an opened source by its own name on the closed list (its whole path below and in the tooltip): the form is
        // narrow, and "Opened: tiny_challenges…" said neither which file nor where
        source.setButtonCell(new javafx.scene.control.ListCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : ArcRlViewModel.shortSourceName(item));
            }
        });
        Tooltip sourceTip = Tooltips.wrapped();
        String sourceAbout = "The tasks the round trains on; every one needs its solution (the reward). SEAL's training "
                + "set (12 tasks) is its RL set; Open… in the Few-shot window adds a file or folder here";
        sourceTip.textProperty().bind(Bindings.createStringBinding(() -> vm.sourcePathProperty().get().isEmpty()
                ? sourceAbout : vm.sourcePathProperty().get() + "\n\n" + sourceAbout, vm.sourcePathProperty()));
        source.setTooltip(sourceTip);
        addRow(form, row++, "Training tasks", source);
        Label sourcePath = wrapped("");
        sourcePath.setId("arcRlSourcePath");
        sourcePath.getStyleClass().add("text-muted");
        sourcePath.textProperty().bind(vm.sourcePathProperty());
        sourcePath.managedProperty().bind(sourcePath.textProperty().isNotEmpty());
        sourcePath.visibleProperty().bind(sourcePath.managedProperty());
        form.add(sourcePath, 1, row++, 2, 1);
        addRow(form, row++, "Only tasks", field(vm.onlyTasksProperty(), "arcRlOnlyTasks",
                "Task ids, comma-separated (--task); empty: every task of the set", "all"));
        addRow(form, row++, "K per task", field(vm.kProperty(), "arcRlK",
                "Self-edits sampled per task (--k; SEAL: 15)", null));
        addRow(form, row++, "Self-edit tokens", field(vm.selfEditTokensProperty(), "arcRlTokens",
                "New tokens a sampled self-edit may take (--self-edit-tokens; SEAL's 128 fits Llama 3's tokens, "
                        + "seal-tiny's tokenizer needs about 150). Give Run's evaluation the same", null));
        ComboBox<String> preset = new ComboBox<>();
        preset.getItems().setAll(ArcViewModel.PRESETS);
        preset.valueProperty().bindBidirectional(vm.presetProperty());
        preset.setId("arcRlPreset");
        preset.setMaxWidth(Double.MAX_VALUE);
        preset.setTooltip(new Tooltip("The inner loop's fixed recipe (--preset): tiny-cpu (SEAL's, at most 24 training "
                + "texts) or reference (SEAL's: 250)"));
        addRow(form, row++, "Inner loop", preset);
        Label sftHeading = heading("SFT of the generator");
        GridPane.setMargin(sftHeading, new Insets(6, 0, 0, 0));
        form.add(sftHeading, 0, row++, 3, 1);
        addRow(form, row++, "Epochs", field(vm.sftEpochsProperty(), "arcRlSftEpochs",
                "The SFT's epochs (--sft-epochs; SEAL: 8)", null));
        addRow(form, row++, "Learning rate", field(vm.sftLearningRateProperty(), "arcRlSftLr",
                "The SFT's learning rate (--sft-lr; SEAL: 5e-5, cosine schedule; LoRA r 16, alpha 16)", null));
        addRow(form, row++, "Batch", field(vm.sftBatchProperty(), "arcRlSftBatch",
                "The SFT's batch by gradient accumulation (--sft-batch; SEAL: 5)", null));
        addRow(form, row++, "Workers", field(vm.workersProperty(), "arcRlWorkers",
                "Inner loops side by side on replicas of the model (--workers; 0: automatic)", null));
        Label problem = wrapped("");
        problem.setId("arcRlProblem");
        problem.setStyle("-fx-text-fill: -color-danger-fg;");
        problem.textProperty().bind(Bindings.createStringBinding(() -> vm.problemProperty().get().isEmpty() ? ""
                : "⚠ " + vm.problemProperty().get(), vm.problemProperty()));
        problem.managedProperty().bind(problem.textProperty().isNotEmpty());
        form.add(problem, 0, row++, 3, 1);
        ColumnConstraints c0 = new ColumnConstraints();
        c0.setMinWidth(Region.USE_PREF_SIZE);
        ColumnConstraints c1 = new ColumnConstraints();
        c1.setHgrow(Priority.ALWAYS);
        c1.setMinWidth(60);
        form.getColumnConstraints().setAll(c0, c1, new ColumnConstraints());

        start.setId("arcRlStart");
        resume.setId("arcRlResume");
        cancel.setId("arcRlCancel");
        start.getStyleClass().add("accent");
        start.disableProperty().bind(vm.canStartProperty().not());
        resume.disableProperty().bind(vm.canResumeProperty().not());
        cancel.disableProperty().bind(vm.runningProperty().not());
        start.setTooltip(new Tooltip("Run the round as a job (Ctrl+Enter); the same settings again read the round back"));
        resume.setTooltip(new Tooltip("Resume the newest stopped round of the workspace in its own job, as History > Jobs "
                + "does (Ctrl+Shift+U)"));
        cancel.setTooltip(new Tooltip("Stop at the next check; what finished is stored, and Resume picks it up"));
        start.setOnAction(e -> vm.start());
        resume.setOnAction(e -> vm.resume());
        cancel.setOnAction(e -> vm.cancel());
        // in a read-only workspace Start and Resume are off and say why on hover
        FlowPane buttons = new FlowPane(6, 6, org.sealworkbench.ui.OffReason.wrap(start, vm.offReasonProperty()),
                org.sealworkbench.ui.OffReason.wrap(resume, vm.offReasonProperty()), cancel);
        for (Button b : List.of(start, resume, cancel)) b.setMinWidth(Region.USE_PREF_SIZE);
        buttons.setAlignment(Pos.CENTER_LEFT);
        Label resumable = wrapped("");
        resumable.setId("arcRlResumable");
        resumable.textProperty().bind(Bindings.createStringBinding(() -> {
            ArcRlViewModel.Stopped s = vm.resumableProperty().get();
            if (s == null) return "";
            // the first line of its message: a refusal's names every task (History > Jobs shows it whole)
            String m = s.message().length() > 90 ? s.message().substring(0, 89).strip() + "…" : s.message();
            return "Stopped round: job " + s.jobId() + ", " + s.status() + (m.isEmpty() ? "" : ": " + m);
        }, vm.resumableProperty()));
        Tooltip resumableTip = new Tooltip();
        resumableTip.setWrapText(true);
        resumableTip.setMaxWidth(520);
        resumableTip.textProperty().bind(Bindings.createStringBinding(() -> vm.resumableProperty().get() == null ? ""
                : vm.resumableProperty().get().message(), vm.resumableProperty()));
        resumable.setTooltip(resumableTip);
        resumable.managedProperty().bind(resumable.textProperty().isNotEmpty());
        resumable.getStyleClass().add("text-muted");
        ProgressBar bar = new ProgressBar();
        bar.setId("arcRlProgress");
        bar.progressProperty().bind(vm.progressProperty());
        bar.visibleProperty().bind(vm.runningProperty());
        bar.managedProperty().bind(vm.runningProperty());
        bar.setMaxWidth(Double.MAX_VALUE);
        Label status = wrapped("");
        status.setId("arcRlStatus");
        status.textProperty().bind(vm.statusProperty());
        status.getStyleClass().add("text-muted");
        VBox actions = new VBox(6, buttons, resumable, bar, status);
        actions.setPadding(new Insets(8));
        actions.setStyle("-fx-border-color: -color-border-default; -fx-border-width: 1 0 0 0;");
        ScrollPane formScroll = new ScrollPane(form);
        formScroll.setFitToWidth(true);
        BorderPane left = new BorderPane(formScroll);
        left.setBottom(actions);
        left.setMinWidth(320);
        left.setPrefWidth(380);

        // ---- the round ----
        Label phase = new Label();
        phase.setId("arcRlPhase");
        phase.setStyle("-fx-font-weight: bold;");
        phase.setWrapText(true);
        phase.textProperty().bind(Bindings.createStringBinding(() -> vm.phaseTextProperty().get().isEmpty()
                ? vm.phaseProperty().get().label() : vm.phaseTextProperty().get(), vm.phaseProperty(), vm.phaseTextProperty()));
        Label counts = new Label();
        counts.setId("arcRlCounts");
        counts.setMinWidth(Region.USE_PREF_SIZE);
        counts.textProperty().bind(Bindings.createStringBinding(() -> String.format("Rewarded pairs: %d of %d",
                vm.rewardedCountProperty().get(), vm.pairs().size()), vm.rewardedCountProperty(), vm.pairs()));
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox head = new HBox(12, phase, gap, counts);
        head.setAlignment(Pos.CENTER_LEFT);
        Label outcome = wrapped("");
        outcome.setId("arcRlOutcome");
        outcome.textProperty().bind(vm.outcomeProperty());
        outcome.managedProperty().bind(outcome.textProperty().isNotEmpty());
        outcome.visibleProperty().bind(outcome.managedProperty());
        outcome.setPadding(new Insets(8));
        outcome.setMaxWidth(Double.MAX_VALUE);
        outcome.styleProperty().bind(Bindings.createStringBinding(() -> switch (vm.phaseProperty().get()) {
            case REFUSED, FAILED -> "-fx-border-color: -color-danger-emphasis; -fx-border-radius: 4; -fx-background-color: "
                    + "-color-danger-subtle; -fx-background-radius: 4;";
            case DONE -> "-fx-border-color: -color-success-emphasis; -fx-border-radius: 4; -fx-background-color: "
                    + "-color-success-subtle; -fx-background-radius: 4;";
            default -> "-fx-border-color: -color-border-default; -fx-border-radius: 4;";
        }, vm.phaseProperty()));

        pairs.setId("arcRlPairs");
        pairs.setItems(vm.pairs());
        pairs.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        pairs.getColumns().setAll(List.of(
                column("Task", ArcRlViewModel.PairRow::task, 90),
                column("#", r -> String.valueOf(r.number()), 40),
                column("Self-edit (sampled config)", ArcRlViewModel.PairRow::config, 300),
                propertyColumn("Solved", ArcRlViewModel.PairRow::solvedProperty, 100),
                propertyColumn("Reward", ArcRlViewModel.PairRow::rewardProperty, 84),
                propertyColumn("Trained", ArcRlViewModel.PairRow::trainedProperty, 160)));
        // why a self-edit trained nothing is long (SEAL's step cap, a broken config): whole in the cell's tooltip
        @SuppressWarnings("unchecked")
        TableColumn<ArcRlViewModel.PairRow, String> trained = (TableColumn<ArcRlViewModel.PairRow, String>) pairs.getColumns().get(5);
        trained.setCellFactory(c -> new javafx.scene.control.TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
                setTooltip(empty || item == null || item.length() < 12 ? null : new Tooltip(item));
            }
        });
        String noRound = "No round yet. Choose a generator whose context holds SEAL's self-edit prompt (the "
                + "bundled seal-tiny's 512 tokens do not: its round is refused; SEAL uses Llama-3.2-1B-Instruct), the "
                + "training tasks, then Start round (Ctrl+Enter). Each task's sampled configs appear here, each filled in "
                + "with its reward (1: trained and solved) as its inner loop ends.";
        Label pairsEmpty = wrapped(noRound);
        pairsEmpty.textProperty().bind(Bindings.when(vm.endedWithoutPairsProperty())
                .then("The round kept no (task, self-edit) pair: none of its draws was a config the inner loop could run. "
                        + "Why is said under the tasks table; a larger self-edit token limit, more draws (K) or a generator "
                        + "that writes configs helps.")
                .otherwise(noRound));
        pairsEmpty.setId("arcRlPairsEmpty");
        pairsEmpty.setPadding(new Insets(8));
        pairs.setPlaceholder(pairsEmpty);
        pairs.setTooltip(new Tooltip("Reward 1: the self-edit's test-time training ran and the adapted model solved the "
                + "task (pass@2). Trained: no, with why (e.g. over SEAL's 375-step cap, a broken config)"));

        tasks.setId("arcRlTasks");
        tasks.setItems(vm.perTask());
        tasks.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        tasks.getColumns().setAll(List.of(
                column("Task", ArcRlViewModel.TaskSummary::task, 90),
                propertyColumn("Sampled", ArcRlViewModel.TaskSummary::sampledProperty, 120),
                propertyColumn("Rewarded", ArcRlViewModel.TaskSummary::rewardedProperty, 120)));
        Label tasksEmpty = wrapped("Each task's sampling and rewards, once the round runs.");
        tasksEmpty.setPadding(new Insets(8));
        tasks.setPlaceholder(tasksEmpty);

        lossChart.setId("arcRlLoss");
        lossChart.setMinSize(160, 120);
        lossLine = new LossLine(lossChart, vm.sftLoss(), "SFT loss");
        Label lossTitle = wrapped("");
        lossTitle.setId("arcRlLossTitle");
        lossTitle.textProperty().bind(Bindings.createStringBinding(() -> vm.sftTitleProperty().get().isEmpty()
                ? "SFT loss: the generator's fine-tuning on the rewarded self-edits, once they are in"
                : vm.sftTitleProperty().get(), vm.sftTitleProperty()));
        // a round read back without its SFT's steps says so instead of an empty chart
        Label lossNote = wrapped("");
        lossNote.setId("arcRlLossNote");
        lossNote.getStyleClass().add("text-muted");
        lossNote.setPadding(new Insets(8));
        lossNote.textProperty().bind(vm.sftNoteProperty());
        lossNote.managedProperty().bind(vm.sftNoteProperty().isNotEmpty());
        lossNote.visibleProperty().bind(lossNote.managedProperty());
        lossChart.managedProperty().bind(vm.sftNoteProperty().isEmpty());
        lossChart.visibleProperty().bind(lossChart.managedProperty());
        lossTitle.managedProperty().bind(vm.sftNoteProperty().isEmpty());
        lossTitle.visibleProperty().bind(lossTitle.managedProperty());
        VBox lossBox = new VBox(2, lossTitle, lossChart, lossNote);
        VBox.setVgrow(lossChart, Priority.ALWAYS);
        // why the draws that were not configs are not (a random or small generator's text cut by the new-token limit, say):
        // whole, wrapped, one paragraph a task, scrolling when long rather than cut
        Label notConfigs = wrapped("");
        notConfigs.setId("arcRlNotConfigs");
        notConfigs.textProperty().bind(vm.notConfigsProperty());
        notConfigs.setPadding(new Insets(4, 6, 4, 6));
        ScrollPane notConfigsScroll = new ScrollPane(notConfigs);
        notConfigsScroll.setId("arcRlNotConfigsScroll");
        notConfigsScroll.setFitToWidth(true);
        notConfigsScroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        // as tall as its paragraphs up to about six lines, never squeezed below that by the tasks table (it scrolls beyond)
        Runnable fitNotConfigs = () -> {
            double h = Math.min(notConfigs.prefHeight(Math.max(100, notConfigsScroll.getWidth() - 18)), 110);
            notConfigsScroll.setPrefViewportHeight(h);
            notConfigsScroll.setMinViewportHeight(h);
        };
        notConfigs.textProperty().addListener(o -> fitNotConfigs.run());
        notConfigsScroll.widthProperty().addListener(o -> fitNotConfigs.run());
        notConfigsScroll.setMinHeight(Region.USE_PREF_SIZE);
        notConfigsScroll.setStyle("-fx-background-color: transparent; -fx-background: transparent; -fx-padding: 0;");
        notConfigsScroll.managedProperty().bind(vm.notConfigsProperty().isNotEmpty());
        notConfigsScroll.visibleProperty().bind(notConfigsScroll.managedProperty());
        Label notConfigsTitle = new Label("Draws that were not configs (sampled again)");
        notConfigsTitle.setStyle("-fx-font-weight: bold;");
        notConfigsTitle.managedProperty().bind(notConfigsScroll.managedProperty());
        notConfigsTitle.visibleProperty().bind(notConfigsScroll.managedProperty());
        VBox tasksBox = new VBox(4, tasks, notConfigsTitle, notConfigsScroll);
        VBox.setVgrow(tasks, Priority.ALWAYS);
        SplitPane bottom = new SplitPane(tasksBox, lossBox);
        bottom.setDividerPositions(0.5);
        SplitPane centre = new SplitPane(pairs, bottom);
        centre.setOrientation(Orientation.VERTICAL);
        centre.setDividerPositions(0.56);
        // the outcome scrolls past a third of the window (a refusal lists every task after its summary) rather than cut
        ScrollPane outcomeScroll = new ScrollPane(outcome);
        outcomeScroll.setId("arcRlOutcomeScroll");
        outcomeScroll.setFitToWidth(true);
        outcomeScroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        outcomeScroll.setStyle("-fx-background-color: transparent; -fx-background: transparent; -fx-padding: 0;");
        outcomeScroll.managedProperty().bind(outcome.managedProperty());
        outcomeScroll.visibleProperty().bind(outcome.managedProperty());
        Runnable fitOutcome = () -> outcomeScroll.setPrefViewportHeight(Math.min(Math.max(180,
                Double.isNaN(getHeight()) ? 0 : getHeight() / 3),
                outcome.prefHeight(Math.max(100, outcomeScroll.getWidth() - 18))));
        outcome.textProperty().addListener(o -> fitOutcome.run());
        outcomeScroll.widthProperty().addListener(o -> fitOutcome.run());
        heightProperty().addListener(o -> fitOutcome.run());
        outcomeScroll.setMinHeight(Region.USE_PREF_SIZE);
        VBox right = new VBox(8, head, outcomeScroll, centre);
        VBox.setVgrow(centre, Priority.ALWAYS);
        right.setPadding(new Insets(8));

        SplitPane split = new SplitPane(left, right);
        split.setDividerPositions(0.33);
        SplitPane.setResizableWithParent(left, false);
        Scene scene = new Scene(new BorderPane(split), 1160, 720);
        scene.getAccelerators().put(START, vm::start);
        scene.getAccelerators().put(RESUME, vm::resume);
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.W, KeyCombination.SHORTCUT_DOWN), this::hide);
        setScene(scene);
        setOnShown(e -> vm.refreshStopped());
    }

    private void chooseGenerator() {
        DirectoryChooser c = new DirectoryChooser();
        c.setTitle("Choose the generator's model folder (config.json, weights, tokenizer)");
        if (vm.generatorProperty().get() != null && vm.generatorProperty().get().getParent() != null
                && vm.generatorProperty().get().getParent().toFile().isDirectory()) {
            c.setInitialDirectory(vm.generatorProperty().get().getParent().toFile());
        }
        java.io.File f = c.showDialog(this);
        if (f != null) vm.chooseGenerator(f.toPath().toAbsolutePath().normalize());
    }

    private static void addRow(GridPane form, int row, String label, javafx.scene.Node field) {
        form.add(new Label(label), 0, row);
        form.add(field, 1, row, 2, 1);
    }

    private static TextField field(javafx.beans.property.StringProperty p, String id, String tip, String prompt) {
        TextField f = FormFields.bound(p, id, tip);
        if (prompt != null) f.setPromptText(prompt);
        return f;
    }

    private static Label heading(String text) {
        Label l = new Label(text);
        l.setStyle("-fx-font-weight: bold;");
        return l;
    }

    private static Label wrapped(String text) {
        Label l = new Label(text);
        l.setWrapText(true);
        l.setMinHeight(Region.USE_PREF_SIZE);
        return l;
    }

    private static <R> TableColumn<R, String> column(String name, Function<R, String> value, double width) {
        TableColumn<R, String> c = new TableColumn<>(name);
        c.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(value.apply(d.getValue())));
        c.setPrefWidth(width);
        return c;
    }

    private static <R> TableColumn<R, String> propertyColumn(String name, Function<R, ObservableValue<String>> value,
            double width) {
        TableColumn<R, String> c = new TableColumn<>(name);
        c.setCellValueFactory(d -> value.apply(d.getValue()));
        c.setPrefWidth(width);
        c.setMinWidth(Math.min(width, 84));   // "Reward" whole, not "Re…"
        return c;
    }

    public ArcRlViewModel viewModel() {
        return vm;
    }
}
