package org.sealworkbench.ui.runs;

import java.util.function.Supplier;
import javafx.beans.binding.Bindings;
import javafx.beans.property.StringProperty;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import java.util.List;
import javafx.stage.DirectoryChooser;
import javafx.stage.Window;
import org.sealworkbench.ui.Tooltips;
import org.sealworkbench.ui.AdapterBatchField;
import org.sealworkbench.jobs.runs.RunSettings;

/**
 * The Fine-tune &amp; evaluate form as a dialog, bound to a {@link RunFormViewModel}: what to run, the preset and SEAL's
 * knobs (a knob that differs from the preset is marked with a dot and says the preset's value in its tooltip), and the
 * settings digest the runs will be stored under.
 */
public final class RunDialog extends Dialog<Boolean> {
    public RunDialog(Window owner, RunFormViewModel vm) {
        initOwner(owner);
        setTitle("Fine-tune & evaluate");
        setHeaderText("Train a fresh LoRA on each self-edit (SEAL's inner loop), answer the passage's questions closed-book, "
                + "and grade them. Runs queue in the jobs area; the loss draws live in Runs & QA.");
        setResizable(true);
        // Two forms side by side: what to run (and how it is graded and stored) on the left, the preset and its training
        // knobs on the right. Stacked in one column the form was taller than a 1280x800 screen in every scope, and the
        // passages scope with a multi-passage condition added five rows more: it scrolled, with "Stored under" below
        // the fold. Side by side, each scope fits both screens whole (the left side is the shorter in all of them).
        GridPane what = form(), knobs = form();
        int row = 0;

        ComboBox<RunFormViewModel.Scope> scope = new ComboBox<>();
        scope.getItems().setAll(RunFormViewModel.Scope.values());
        scope.valueProperty().bindBidirectional(vm.scopeProperty());
        scope.setId("runScope");
        what.addRow(row++, new Label("Run"), scope);
        ComboBox<String> column = new ComboBox<>(vm.columns());
        column.setId("runColumn");
        column.getSelectionModel().select(vm.columnProperty().get());
        column.getSelectionModel().selectedIndexProperty().addListener((o, a, b) -> vm.columnProperty().set(b.intValue()));
        // its lines whole (the field column takes their width, up to a cap); the column's whole line in the tooltip
        column.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        column.setMaxWidth(MAX_FIELD);
        Tooltip columnTip = Tooltips.wrapped();
        columnTip.textProperty().bind(Bindings.createStringBinding(() -> {
            int i = vm.columnProperty().get();
            return i >= 0 && i < vm.columnDetails().size() ? vm.columnDetails().get(i) : i >= 0 && i < vm.columns().size() ? vm.columns().get(i) : "";
        }, vm.columnProperty(), vm.columns(), vm.columnDetails()));
        column.setTooltip(columnTip);
        Label columnLabel = new Label("Column");
        show(vm.scopeProperty().isEqualTo(RunFormViewModel.Scope.COLUMN), columnLabel, column);
        what.addRow(row++, columnLabel, column);
        ComboBox<RunFormViewModel.Passages> passages = new ComboBox<>();
        passages.getItems().setAll(RunFormViewModel.Passages.values());
        passages.valueProperty().bindBidirectional(vm.passagesProperty());
        passages.setId("runPassages");
        ComboBox<String> condition = new ComboBox<>(vm.conditions());
        condition.valueProperty().bindBidirectional(vm.conditionProperty());
        condition.setEditable(true);
        condition.setTooltip(new Tooltip("As seal eval --condition: no-adaptation, passage-only, base-self-edits, self-edits:NAME "
                + "(a model's or an imported file's), seal-round:N; cpt: before any but no-adaptation trains one adapter over "
                + "all the passages together (SEAL's multi-passage setting)"));
        condition.getTooltip().setWrapText(true);
        condition.getTooltip().setMaxWidth(460);
        condition.setId("runCondition");
        Label passagesLabel = new Label("Passages"), conditionLabel = new Label("Condition");
        show(vm.scopeProperty().isEqualTo(RunFormViewModel.Scope.PASSAGES), passagesLabel, passages, conditionLabel, condition);
        what.addRow(row++, passagesLabel, passages);
        what.addRow(row++, conditionLabel, condition);
        // the multi-passage (CPT) condition's own knobs, shown while one is chosen
        Label cptAbout = new Label();
        cptAbout.setId("runCptAbout");
        cptAbout.setWrapText(true);
        cptAbout.setPrefWidth(300);   // wraps within the form's width (its text's own width would widen the form)
        cptAbout.setMaxWidth(Double.MAX_VALUE);
        cptAbout.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        cptAbout.textProperty().bind(Bindings.createStringBinding(() -> {
            int n = vm.cptPassagesProperty().get();
            return "One LoRA adapter trained on the sequences of " + (n > 0 ? n + " passages" : "the chosen passages") + " together"
                    + " (at most " + org.sealworkbench.seal.Presets.cpt(vm.presetProperty().get()).passages() + ", the preset's), "
                    + "then every one of their questions answered closed-book; scored by micro accuracy with a 95 % bootstrap "
                    + "interval (Charts > Conditions, seal report). Its shape, schedule and padding are the knobs on the right.";
        }, vm.presetProperty(), vm.cptPassagesProperty()));
        TextField cptEpochs = field(vm.cptEpochsProperty(), "runCptEpochs"), cptLr = field(vm.cptLrProperty(), "runCptLr"),
                cptBatch = field(vm.cptBatchProperty(), "runCptBatch"), cptAccum = field(vm.cptGradAccumProperty(), "runCptAccum");
        HBox cptRow = pair(cptEpochs, knob(vm, "cpt_lr", "learning rate"), cptLr);
        cptRow.setId("runCptRow");
        HBox cptRow2 = pair(cptBatch, knob(vm, "cpt_grad_accum", "grad accum"), cptAccum);
        Label cptLabel = knob(vm, "cpt_epochs", "CPT epochs"), cptBatchLabel = knob(vm, "cpt_batch", "CPT batch size");
        show(vm.cptProperty(), cptAbout, cptLabel, cptRow, cptBatchLabel, cptRow2);
        what.add(cptAbout, 0, row++, 2, 1);   // across the label column too: fewer lines, so the left side stays the shorter
        what.addRow(row++, cptLabel, cptRow);
        what.addRow(row++, cptBatchLabel, cptRow2);
        CheckBox baseline = new CheckBox("Also answer closed-book before adapting");
        baseline.setTooltip(new Tooltip("The passage's questions answered closed-book without adaptation too: the QA table's "
                + "\"before\" column, stored once per passage and model"));
        baseline.selectedProperty().bindBidirectional(vm.withBaselineProperty());
        what.add(baseline, 1, row++);
        TextField adapterBatch = field(vm.adapterBatchProperty(), "runAdapterBatch");
        TextField workers = field(vm.workersProperty(), "runWorkers");
        // one row for both execution settings
        HBox execution = pair(adapterBatch, AdapterBatchField.workers(workers), workers);
        what.addRow(row++, AdapterBatchField.label(adapterBatch, RunFormViewModel.DEFAULT_ADAPTER_BATCH, "passages x repeats of a condition",
                "The same runs and digest"), execution);
        adapterBatch.setPromptText(RunFormViewModel.DEFAULT_ADAPTER_BATCH + " (default)");   // the row holds two fields
        ComboBox<String> grader = new ComboBox<>();
        grader.getItems().setAll(RunFormViewModel.GRADERS);
        grader.valueProperty().bindBidirectional(vm.graderProperty());
        grader.setId("runGrader");
        TextField threshold = field(vm.f1ThresholdProperty(), "runF1");
        threshold.setPromptText("t");
        threshold.setPrefColumnCount(4);
        show(vm.graderProperty().isEqualTo("f1"), threshold);
        Label judge = new Label();
        judge.setId("runJudge");
        judge.textProperty().bind(Bindings.createStringBinding(() -> vm.judgeProperty().get() == null ? "no judge model"
                : vm.judgeProperty().get().getFileName().toString(), vm.judgeProperty()));
        judge.setTooltip(new Tooltip());
        judge.getTooltip().textProperty().bind(Bindings.createStringBinding(() -> vm.judgeProperty().get() == null
                ? "Choose the judge's checkpoint folder" : vm.judgeProperty().get().toString(), vm.judgeProperty()));
        judge.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);   // the folder's name whole, its path in the tooltip
        Button chooseJudge = new Button("Judge model…");
        chooseJudge.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        chooseJudge.setOnAction(e -> {
            DirectoryChooser c = new DirectoryChooser();
            c.setTitle("The LLM judge's checkpoint folder");
            java.io.File dir = c.showDialog(getDialogPane().getScene().getWindow());
            if (dir != null) vm.judgeProperty().set(dir.toPath());
        });
        show(vm.graderProperty().isEqualTo("llm_judge"), judge, chooseJudge);
        HBox graderRow = new HBox(8, grader, threshold, chooseJudge, judge);
        graderRow.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        what.addRow(row++, knob(vm, "grader", "Grader"), graderRow);

        Label digest = new Label();
        digest.setId("runDigest");
        digest.setWrapText(true);    // the changed knobs' names wrap within the field column instead of being cut off
        digest.setPrefWidth(300);
        digest.setMaxWidth(Double.MAX_VALUE);
        digest.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        digest.textProperty().bind(Bindings.createStringBinding(() -> vm.digestProperty().get().isEmpty() ? "—"
                : vm.presetProperty().get() + " [" + vm.digestProperty().get() + "]" + (vm.differencesProperty().isEmpty() ? ""
                : "  (" + vm.differencesProperty().size() + " changed: " + String.join(", ", vm.differencesProperty()) + ")"),
                vm.digestProperty(), vm.presetProperty(), vm.differencesProperty()));
        digest.setTooltip(new Tooltip("The settings digest the runs are stored under, as seal report shows it; the same "
                + "settings from ./seal eval give the same digest and reuse these runs."));
        what.addRow(row++, new Label("Stored under"), digest);

        row = 0;
        ComboBox<String> preset = new ComboBox<>(vm.presets());
        preset.valueProperty().bindBidirectional(vm.presetProperty());
        preset.setId("runPreset");
        Button reset = new Button("Reset to preset");
        reset.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        reset.setOnAction(e -> vm.resetToPreset());
        knobs.addRow(row++, new Label("Preset"), new HBox(8, preset, reset));
        knobs.addRow(row++, knob(vm, "rank", "LoRA rank"), field(vm.rankProperty(), "runRank"));
        knobs.addRow(row++, knob(vm, "alpha", "LoRA alpha"), field(vm.alphaProperty(), "runAlpha"));
        knobs.addRow(row++, knob(vm, "dropout", "LoRA dropout"), field(vm.dropoutProperty(), "runDropout"));
        FlowPane targets = new FlowPane(8, 4);
        vm.targets().forEach((name, on) -> {
            CheckBox c = new CheckBox(name);
            c.setMnemonicParsing(false); // "q_proj" would otherwise lose its underscore to a mnemonic
            c.selectedProperty().bindBidirectional(on);
            targets.getChildren().add(c);
        });
        targets.setPrefWrapLength(330);   // the seven projections on two rows
        knobs.addRow(row++, knob(vm, "targets", "Target projections"), targets);
        knobs.addRow(row++, knob(vm, "lr", "Learning rate"), field(vm.lrProperty(), "runLr"));
        knobs.addRow(row++, knob(vm, "epochs", "Epochs"), field(vm.epochsProperty(), "runEpochs"));
        knobs.addRow(row++, knob(vm, "batch", "Batch size"), field(vm.batchProperty(), "runBatch"));
        ComboBox<String> schedule = new ComboBox<>();
        schedule.getItems().setAll(RunSettings.SCHEDULES);
        schedule.valueProperty().bindBidirectional(vm.scheduleProperty());
        knobs.addRow(row++, knob(vm, "schedule", "LR schedule"), schedule);
        ComboBox<String> padding = new ComboBox<>();
        padding.getItems().setAll(RunSettings.PADDINGS);
        padding.valueProperty().bindBidirectional(vm.paddingProperty());
        padding.setTooltip(new Tooltip("none: each sequence its own length; in_loss: padded with EOS, the padding a target (the "
                + "reference); masked: padding kept out of the loss"));
        knobs.addRow(row++, knob(vm, "padding", "Padding"), padding);
        knobs.addRow(row++, knob(vm, "repeats", "Repeats (inner loops per self-edit)"), field(vm.repeatsProperty(), "runRepeats"));

        Label error = new Label();
        error.setId("runError");
        error.setWrapText(true);
        error.setStyle("-fx-text-fill: -color-danger-fg;");
        error.textProperty().bind(vm.errorProperty());
        // below the form, beside the buttons: why Queue is disabled stays in sight wherever the form is scrolled
        error.setPadding(new Insets(6, 10, 0, 10));
        error.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        error.setPrefWidth(300);   // wraps within the form's width (its one line would widen the dialog)
        error.setMaxWidth(Double.MAX_VALUE);
        show(vm.errorProperty().isNotEmpty(), error);
        for (GridPane g : List.of(what, knobs)) {
            for (Node n : g.getChildren()) GridPane.setMargin(n, new Insets(3, 0, 3, 0));
        }
        javafx.scene.control.Separator between = new javafx.scene.control.Separator(javafx.geometry.Orientation.VERTICAL);
        HBox sides = new HBox(14, what, between, knobs);
        sides.setPadding(new Insets(10));
        HBox.setHgrow(what, javafx.scene.layout.Priority.ALWAYS);
        // A screen smaller than the form (under 1280x800) still reaches every field: the form scrolls there, and the
        // dialog is kept on the screen.
        javafx.scene.control.ScrollPane scroll = new javafx.scene.control.ScrollPane(sides);
        scroll.setFitToWidth(true);
        scroll.setHbarPolicy(javafx.scene.control.ScrollPane.ScrollBarPolicy.NEVER);
        scroll.setId("runForm");
        getDialogPane().setContent(new javafx.scene.layout.VBox(scroll, error));
        // As wide as the form (the long header wraps), and fitted again when the scope, the condition's kind, the grader
        // or the error line shows other rows: it kept the first scope's size, so the others scrolled or cut its buttons.
        org.sealworkbench.ui.DialogFit.install(this, scroll, List.of(vm.scopeProperty(), vm.cptProperty(), vm.graderProperty(),
                vm.errorProperty()));
        ButtonType go = new ButtonType("Queue", ButtonBar.ButtonData.OK_DONE);
        getDialogPane().getButtonTypes().addAll(go, ButtonType.CANCEL);
        getDialogPane().lookupButton(go).disableProperty().bind(vm.validProperty().not());
        setResultConverter(b -> b == go);
    }

    /** The widest a field may make its column (the Column picker's lines): the two sides together fit a 1280 screen. */
    private static final double MAX_FIELD = 460;

    private static GridPane form() {
        GridPane g = new GridPane();
        g.setHgap(10);
        g.setVgap(0);   // rows are spaced by their nodes' margins, so that hidden rows take no room at all
        javafx.scene.layout.ColumnConstraints labels = new javafx.scene.layout.ColumnConstraints();
        labels.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE); // "Repeats (inner loops per self-edit)" in full
        javafx.scene.layout.ColumnConstraints fields = new javafx.scene.layout.ColumnConstraints();
        fields.setHgrow(javafx.scene.layout.Priority.ALWAYS);
        g.getColumnConstraints().setAll(labels, fields);
        return g;
    }

    /** A knob's label: marked with " ●" and a tooltip naming the preset's value while it differs from the preset. */
    private static Label knob(RunFormViewModel vm, String knob, String text) {
        Label l = new Label(text);
        Supplier<Boolean> differs = () -> vm.differencesProperty().contains(knob);
        Runnable update = () -> {
            boolean d = differs.get();
            l.setText(d ? text + " ●" : text);
            l.setStyle(d ? "-fx-text-fill: -color-accent-fg; -fx-font-weight: bold;" : "");
            l.setTooltip(d ? new Tooltip("Differs from the preset (" + vm.presetValue(knob) + ")") : null);
        };
        vm.differencesProperty().addListener((javafx.collections.ListChangeListener<String>) c -> update.run());
        vm.presetProperty().addListener((o, a, b) -> update.run());
        update.run();
        return l;
    }

    /** Two fields in one row of the field column, the second with its own label between them; the fields share the width. */
    private static HBox pair(TextField first, Label secondLabel, TextField second) {
        secondLabel.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        HBox row = new HBox(8, first, secondLabel, second);
        row.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        for (TextField f : List.of(first, second)) {
            f.setPrefColumnCount(5);
            f.setMinWidth(60);
            f.setMaxWidth(Double.MAX_VALUE);
            HBox.setHgrow(f, javafx.scene.layout.Priority.ALWAYS);
        }
        return row;
    }

    private static void show(javafx.beans.binding.BooleanExpression when, Node... nodes) {
        for (Node n : nodes) {
            n.visibleProperty().bind(when);
            n.managedProperty().bind(when);
        }
    }

    private static TextField field(StringProperty p, String id) {
        TextField f = new TextField();
        f.setId(id);
        f.textProperty().bindBidirectional(p);
        f.setPrefColumnCount(8);
        return f;
    }
}
