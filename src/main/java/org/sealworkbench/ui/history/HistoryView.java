package org.sealworkbench.ui.history;

import org.sealworkbench.util.Counts;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ListChangeListener;
import javafx.collections.transformation.SortedList;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.control.cell.ProgressBarTableCell;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.controlsfx.dialog.ExceptionDialog;
import org.jfree.chart.fx.ChartViewer;
import org.sealworkbench.jobs.charts.ChartsData.LossCurve;
import org.sealworkbench.jobs.charts.ChartsData.RunId;
import org.sealworkbench.jobs.charts.ChartsData.RunRow;
import org.sealworkbench.jobs.history.JobItem;
import org.sealworkbench.jobs.history.RunComparison;
import org.sealworkbench.jobs.history.RunDetail;
import org.sealworkbench.ui.charts.ChartFactory;

/**
 * The History tab (thin view over {@link HistoryViewModel}): filter bar, the runs table (inner-loop and few-shot runs,
 * sortable by any column; choose two rows with Ctrl+click to compare), and below it a run's detail (a few-shot run's in
 * {@link FewShotDetail}), the comparison of two runs and the workspace's jobs.
 * Keys while the tab has focus: Ctrl+Shift+C compare the two chosen runs, Ctrl+Shift+U resume the chosen stopped job.
 */
public final class HistoryView extends BorderPane {
    static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT).withZone(ZoneId.systemDefault());
    /** The runs table's date, to the minute (the run's detail has the second): the table has twelve columns to fit. */
    static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT).withZone(ZoneId.systemDefault());

    private final HistoryViewModel vm;
    final TextField search = new TextField();
    final TableView<RunRow> runsTable = new TableView<>();
    final TabPane below = new TabPane();
    /** The runs table above, the detail, comparison and jobs below; its divider is the user's to drag (HistoryTab remembers it). */
    final SplitPane split = new SplitPane();
    /**
     * Where the divider starts: about ten rows of the runs table at 1280x800 (it had 42 %, five rows), the detail keeping
     * the rest (at least {@link #BELOW_LEAST}).
     */
    public static final double DIVIDER = 0.71;
    /** The least height of the detail, comparison and jobs below the table: their tab row and a few lines stay in view. */
    static final double BELOW_LEAST = 150;
    /** The runs table's least height: its headings and two rows. */
    static final double TABLE_LEAST = 110;
    final Tab detailTab = new Tab("Run detail");
    final Tab compareTab = new Tab("Compare");
    final Tab jobsTab = new Tab("Jobs");
    final Button compare = new Button("Compare two runs");
    final Button resume = new Button("Resume job…");
    final TableView<JobItem> jobsTable = new TableView<>();
    final Label detailHeader = new Label("Choose a run in the table above to see its settings, loss curve and answers (a "
            + "few-shot run: its task, config and attempts).");
    final TextArea settings = new TextArea();
    final ChartViewer loss = new ChartViewer();
    /** Says why there is no curve, in place of an empty chart (see {@link HistoryViewModel#noLossNote}). */
    final Label lossNote = new Label();
    private RunDetail shown;
    // held here: the theme's property keeps only a weak reference to it
    private final javafx.beans.value.ChangeListener<org.sealworkbench.ui.Theme> onTheme = (o, a, t) -> {
        drawLoss();
        this.fewShot.drawLoss();
    };
    /** A few-shot run's detail, shown in the detail tab instead of {@link #innerDetail} while one is chosen. */
    final FewShotDetail fewShot = new FewShotDetail();
    private VBox innerDetail;
    private SplitPane compareParts;
    final TableView<RunDetail.Answer> answers = new TableView<>();
    final Label compareHeader = new Label("Choose two runs in the table above (Ctrl+click), then Compare (Ctrl+Shift+C).");
    final TableView<RunComparison.SettingDiff> settingsDiff = new TableView<>();
    final TableView<RunComparison.AnswerPair> pairs = new TableView<>();

    public HistoryView(HistoryViewModel vm) {
        this.vm = vm;
        getStyleClass().add("history-view");
        setId("history-view");

        search.setId("history-search");
        search.setPromptText("Filter runs: passage or task, condition, model, digest, grader, status; run 12 or run A3 picks one run");
        search.setTooltip(new Tooltip(search.getPromptText()));   // the hint is cut when the tab is narrow
        search.textProperty().bindBidirectional(vm.searchProperty());
        HBox.setHgrow(search, Priority.ALWAYS);
        search.setMinWidth(140);
        // ComboBoxes: a ChoiceBox kept the width of its first value when the read replaced its items, and its arrow
        // covered the end of "All kinds" / "All statuses".
        ComboBox<String> kind = new ComboBox<>(vm.kinds());
        kind.valueProperty().bindBidirectional(vm.kindProperty());
        kind.setId("history-kind");
        kind.setTooltip(new Tooltip("Show the runs of one kind"));
        ComboBox<String> status = new ComboBox<>(vm.statuses());
        status.valueProperty().bindBidirectional(vm.statusFilterProperty());
        status.setId("history-status");
        status.setTooltip(new Tooltip("Show the runs of one status"));
        compare.setId("history-compare");
        compare.disableProperty().bind(vm.canCompareProperty().not());
        compare.setTooltip(new Tooltip("Settings diff, accuracy and answers of the two chosen runs side by side; two few-shot "
                + "runs of one task: their attempts (Ctrl+Shift+C)"));
        compare.setOnAction(e -> vm.compare());
        Button refresh = new Button("Refresh");
        refresh.setTooltip(new Tooltip("Read the runs and jobs again"));
        refresh.setOnAction(e -> vm.refresh());
        ProgressIndicator busy = new ProgressIndicator();
        busy.setPrefSize(18, 18);
        busy.visibleProperty().bind(vm.busyProperty());
        for (Region r : List.of(kind, status, compare, refresh)) r.setMinWidth(Region.USE_PREF_SIZE);
        HBox top = new HBox(8, search, kind, status, compare, refresh, busy);
        top.setAlignment(Pos.CENTER_LEFT);
        top.setPadding(new Insets(8));
        setTop(top);

        buildRunsTable();
        buildDetail();
        buildCompare();
        buildJobs();
        below.getTabs().setAll(detailTab, compareTab, jobsTab);
        below.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        below.setId("history-below");
        split.getItems().setAll(runsTable, below);
        split.setId("history-split");
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(DIVIDER);
        below.setMinHeight(BELOW_LEAST);
        runsTable.setMinHeight(TABLE_LEAST);
        setCenter(split);

        Label line = new Label();
        line.setId("history-status-line");
        line.textProperty().bind(vm.statusProperty());
        line.setWrapText(true);
        line.setPadding(new Insets(4, 8, 4, 8));
        // an empty line gives its height to the table (most of the time there is nothing to say)
        line.managedProperty().bind(line.textProperty().isNotEmpty());
        line.visibleProperty().bind(line.managedProperty());
        setBottom(line);

        vm.errorProperty().addListener((o, a, e) -> {
            if (e == null) return;
            ExceptionDialog d = new ExceptionDialog(e);
            d.setTitle("History");
            d.setHeaderText(e.getMessage());
            if (getScene() != null) d.initOwner(getScene().getWindow());
            d.show();
            vm.errorProperty().set(null);
        });
        addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            if (COMPARE.match(e)) {
                vm.compare();
                e.consume();
            } else if (RESUME.match(e)) {
                resumeChosen();
                e.consume();
            }
        });
    }

    public static final KeyCombination COMPARE = new KeyCodeCombination(KeyCode.C, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN);
    public static final KeyCombination RESUME = new KeyCodeCombination(KeyCode.U, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN);

    /** The tab's keys for Help > Keyboard shortcuts (keys, what they do): those handled here and in the runs table. */
    public static final List<String[]> KEYS = List.of(
            new String[] {COMPARE.getDisplayText(), "Compare the two selected runs"},
            new String[] {"Enter", "In the runs table: compare the two selected runs (Ctrl+click chooses the second)"},
            new String[] {RESUME.getDisplayText(), "Resume the selected stopped job"});

    public HistoryViewModel viewModel() {
        return vm;
    }

    /** The divider between the runs table and the detail below, as a share of the height (what HistoryTab remembers). */
    public javafx.beans.property.DoubleProperty dividerProperty() {
        return split.getDividers().get(0).positionProperty();
    }

    private void buildRunsTable() {
        runsTable.setId("history-runs");
        SortedList<RunRow> sorted = new SortedList<>(vm.runs());
        sorted.comparatorProperty().bind(runsTable.comparatorProperty());
        runsTable.setItems(sorted);
        runsTable.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        // The columns share the table's width (no horizontal scrolling at 1280): numbers and the date keep theirs, the
        // texts give up width in proportion, down to their heading's, cut with "…" and whole in a tooltip. The menu
        // button at the headings' right shows and hides columns (Loss steps starts hidden); a hidden one gives its width
        // to the others.
        TableColumn<RunRow, ?> lossSteps = fixed(number("Loss steps", 84, r -> (double) r.lossSteps(), v -> String.valueOf(v.intValue())));
        lossSteps.setVisible(false);   // the run's detail draws the curve; the column menu shows the count
        TableColumn<RunRow, ?> model = flexible(text("Model", 100, RunRow::model));
        TableColumn<RunRow, ?> grader = flexible(text("Grader", 80, RunRow::grader));
        // The condition ("self-edits of seal-tiny", a few-shot run's "config: aug none · all tokens · lr 1.0E-4 · 0 ep")
        // wraps over as many lines as it needs, its row growing (at 1280 it was cut to "self-edits of s…"); the settings
        // digest shows its first 8 letters, as a short commit id (12 did not fit at 1280 beside the other columns:
        // "9eeed…"), whole in its tooltip, in the run's detail and in the filter. Both were whole only in tooltips.
        TableColumn<RunRow, String> condition = col("Condition", 220, RunRow::condition);   // the most width when shared out
        condition.setCellFactory(org.sealworkbench.ui.WordWrapCell::new);
        flexible(condition);
        TableColumn<RunRow, ?> settingsDigest = flexible(settingsColumn());
        TableColumn<RunRow, ?> run = fixed(runId()), kind = fixed(kind()), score = fixed(score());
        Function<RunRow, String> durationText = r -> Double.isNaN(r.durationSeconds()) ? "–"
                : org.sealworkbench.util.Decimals.fixed(r.durationSeconds(), 1) + " s";
        Function<RunRow, String> dateText = r -> r.started() == null ? "–" : MINUTE.format(r.started());
        TableColumn<RunRow, ?> duration = fixed(number("Duration", 80, RunRow::durationSeconds, v -> org.sealworkbench.util.Decimals.fixed(v, 1) + " s"));
        TableColumn<RunRow, ?> date = fixed(text("Date", 132, dateText));
        runsTable.getColumns().setAll(List.of(
                run,
                kind,
                model,
                flexible(text("Passage / task", 110, RunRow::passage)),
                condition,
                settingsDigest,
                grader,
                score,
                duration,
                flexible(text("Status", 70, RunRow::status)),
                date,
                lossSteps));
        runsTable.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        runsTable.setTableMenuButtonVisible(true);
        // The model and the grader are short names ("seal-tiny", "contains") that shared-out widths cut to "seal-…" and
        // "conta…" at 1280: they keep the width of their widest value (up to a bound), the other texts give way.
        // The settings digest likewise (its 8 letters), and the condition at least its widest word (or part of a word after
        // a hyphen: "Qwen2.5-"), so that it wraps between them (a wider one would be cut on one line instead).
        // The columns of one short text (run, kind, score, duration, date) are as wide as their widest text or heading in
        // the cells' own font, no wider: at 1280 every pixel is needed (a date set 132 px wide by hand was cut to
        // "2026-12-06 10:…" once the others took their due).
        // What is measured is worked out with the rows, off the FX thread (HistoryViewModel.measureColumns): each column's
        // longest texts of all runs; then the widths are fitted once per read (and when the table's width changes).
        List<Shown> short_ = List.of(new Shown(run, r -> r.id().toString()), new Shown(kind, RunRow::shortKind),
                new Shown(score, ChartFactory::score), new Shown(duration, durationText), new Shown(date, dateText));
        Map<String, List<String>> piecesOf = new java.util.concurrent.ConcurrentHashMap<>();   // a few distinct conditions
        List<Function<RunRow, List<String>>> measured = new ArrayList<>();
        for (Shown s : short_) measured.add(r -> Collections.singletonList(s.text().apply(r)));
        measured.add(r -> piecesOf.computeIfAbsent(r.condition() == null ? "" : r.condition(), org.sealworkbench.ui.WordWrapCell::pieces));
        measured.add(r -> Collections.singletonList(shortDigest(r.settingsDigest())));
        measured.add(r -> Collections.singletonList(r.model()));
        measured.add(r -> Collections.singletonList(r.grader()));
        vm.measureColumns(measured);
        Runnable fit = () -> {
            List<List<String>> samples = vm.columnSamplesProperty().get();
            if (samples.size() != measured.size()) return;   // nothing read yet
            fitShortColumns(runsTable, samples.subList(0, short_.size()), short_);
            int at = short_.size();
            fitToContent(runsTable, List.of(
                new Fit(condition, samples.get(at), CONDITION_WORD_MOST),
                new Fit(settingsDigest, samples.get(at + 1), SETTINGS_MOST),
                new Fit(model, samples.get(at + 2), MODEL_MOST),
                new Fit(grader, samples.get(at + 3), GRADER_MOST)));
        };
        vm.columnSamplesProperty().addListener((o, a, b) -> fit.run());
        runsTable.widthProperty().addListener((o, a, w) -> fit.run());
        headingsWhole(runsTable, fit);
        Label empty = new Label();
        empty.textProperty().bind(vm.emptyMessageProperty());
        empty.setWrapText(true);
        empty.setMaxWidth(640);
        runsTable.setPlaceholder(empty);
        runsTable.getSelectionModel().getSelectedItems().addListener((ListChangeListener<RunRow>) c -> {
            vm.chosen().setAll(List.copyOf(runsTable.getSelectionModel().getSelectedItems()));
            RunRow r = runsTable.getSelectionModel().getSelectedItem();
            if (r != null && vm.chosenRuns().size() == 1) {
                vm.show(r);
                below.getSelectionModel().select(detailTab);
            }
        });
        runsTable.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER && vm.canCompareProperty().get()) vm.compare();
        });
    }

    private void buildDetail() {
        detailHeader.setWrapText(true);
        detailHeader.setMinHeight(Region.USE_PREF_SIZE);   // its lines whole, above the panes that share the rest
        detailHeader.setId("history-detail-header");
        settings.setEditable(false);
        settings.setWrapText(false);
        settings.setId("history-settings");
        settings.setPromptText("settings snapshot");
        settings.setStyle("-fx-font-family: monospace;");
        loss.setId("history-loss");
        org.sealworkbench.ui.Theme.currentProperty().addListener(new javafx.beans.value.WeakChangeListener<>(onTheme));
        answers.setId("history-answers");
        answers.getColumns().setAll(List.of(
                ansCol("#", 36, a -> String.valueOf(a.ordinal() + 1)),
                ansCol("Question", 240, RunDetail.Answer::question),
                ansCol("Gold", 100, RunDetail.Answer::gold),
                // an answer a limit cut short (the new-token limit, the model's context) says so after its text
                ended(ansCol("Answer", 200, RunDetail.Answer::text), a -> a.ending()),
                ansCol("Verdicts", 140, a -> verdicts(a))));
        Label noAnswers = new Label("Choose a run in the table above.");
        noAnswers.setWrapText(true);
        answers.setPlaceholder(noAnswers);
        answers.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        headingsWhole(answers);   // "Gold" was squeezed to "…" beside the loss curve
        VBox settingsBox = new VBox(4, new Label("Settings snapshot"), settings);
        VBox.setVgrow(settings, Priority.ALWAYS);
        lossNote.setId("history-loss-note");
        lossNote.setWrapText(true);
        lossNote.getStyleClass().add("placeholder");
        lossNote.setPadding(new Insets(12));
        lossNote.visibleProperty().bind(lossNote.textProperty().isNotEmpty());
        loss.visibleProperty().bind(lossNote.visibleProperty().not());
        SplitPane parts = new SplitPane(settingsBox, new javafx.scene.layout.StackPane(loss, lossNote), answers);
        parts.setDividerPositions(0.25, 0.55);
        VBox box = new VBox(6, detailHeader, parts);
        VBox.setVgrow(parts, Priority.ALWAYS);
        box.setPadding(new Insets(6));
        innerDetail = box;
        detailTab.setContent(box);
        vm.detailProperty().addListener((o, a, d) -> showDetail(d));
        vm.arcDetailProperty().addListener((o, a, d) -> {
            if (d == null) return;
            fewShot.show(d);
            detailTab.setContent(fewShot);
        });
    }

    private void showDetail(RunDetail d) {
        if (d == null) return;
        detailTab.setContent(innerDetail);
        detailHeader.setText(d.label() + "\nmodel " + d.model() + " · status " + d.status() + " · seed " + d.seed()
                + " · settings " + d.settingsDigest() + (d.selfEditId() == null ? "" : " · self-edit " + d.selfEditId())
                + " · " + (Double.isNaN(d.durationSeconds()) ? "no duration" : String.format(Locale.ROOT, "%.1f s", d.durationSeconds()))
                + (d.started() == null ? "" : " · started " + DATE.format(d.started()))
                + accuracies(d));
        settings.setText(pretty(d.settingsJson()));
        shown = d;
        String note = HistoryViewModel.noLossNote(d);
        lossNote.setText(note == null ? "" : note);
        drawLoss();
        answers.getItems().setAll(d.answers());
        ((Label) answers.getPlaceholder()).setText("No answers stored for this run (it may not have finished).");
    }

    /** The shown run's loss curve, in the current theme (drawn again when the theme changes). */
    private void drawLoss() {
        RunDetail d = shown;
        if (d == null) return;
        loss.setChart(ChartFactory.themed(ChartFactory.loss(d.loss().isEmpty() ? List.of()
                : List.of(new LossCurve(d.runId(), "run " + d.runId(), d.loss())), false),
                org.sealworkbench.ui.Theme.currentProperty().get() == org.sealworkbench.ui.Theme.DARK));
    }

    /** " · accuracy contains 16.7 %, exact_match 0.0 %": each grader's accuracy, in percent as the window writes it. */
    static String accuracies(RunDetail d) {
        return d.graders().isEmpty() ? " · not graded" : d.graders().stream()
                .map(g -> g + " " + ChartFactory.percent(d.accuracy(g))).collect(Collectors.joining(", ", " · accuracy ", ""));
    }

    static String pretty(String json) {
        if (json == null) return "(stored without a settings snapshot)";
        try {
            return new com.google.gson.GsonBuilder().setPrettyPrinting().create().toJson(com.google.gson.JsonParser.parseString(json));
        } catch (RuntimeException e) {
            return json;
        }
    }

    private static String verdicts(RunDetail.Answer a) {
        if (a == null) return "–";
        if (a.verdicts().isEmpty()) return "?";
        return a.verdicts().entrySet().stream().map(e -> (e.getValue() ? "✓ " : "✗ ") + e.getKey()).collect(Collectors.joining(", "));
    }

    private void buildCompare() {
        compareHeader.setWrapText(true);
        compareHeader.setMinHeight(Region.USE_PREF_SIZE);
        compareHeader.setId("history-compare-header");
        settingsDiff.setId("history-settings-diff");
        settingsDiff.getColumns().setAll(List.of(
                col("Setting", 150, RunComparison.SettingDiff::key),
                col("Run A", 110, RunComparison.SettingDiff::a),
                col("Run B", 110, RunComparison.SettingDiff::b)));
        Label sameSettings = new Label("The two runs' settings are the same.");
        sameSettings.setWrapText(true);   // the pane is narrow: whole, on two lines
        settingsDiff.setPlaceholder(sameSettings);
        pairs.setId("history-pairs");
        pairs.getColumns().setAll(List.of(
                col("#", 36, p -> String.valueOf(p.ordinal() + 1)),
                col("Question", 220, RunComparison.AnswerPair::question),
                col("Gold", 90, RunComparison.AnswerPair::gold),
                ended(col("Run A", 180, p -> p.answerA() == null ? "–" : p.answerA().text()),
                        p -> p.answerA() == null ? null : p.answerA().ending()),
                ended(col("Run B", 180, p -> p.answerB() == null ? "–" : p.answerB().text()),
                        p -> p.answerB() == null ? null : p.answerB().ending()),
                col("Verdicts A → B", 170, p -> verdicts(p.answerA()) + " → " + verdicts(p.answerB()))));
        pairs.setPlaceholder(new Label("Neither run stored answers."));
        pairs.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        settingsDiff.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        headingsWhole(pairs);
        headingsWhole(settingsDiff);
        pairs.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(RunComparison.AnswerPair p, boolean empty) {
                super.updateItem(p, empty);
                getStyleClass().remove("history-changed");
                // two passages' questions are never the same: nothing is paired, so nothing "changed"
                RunComparison shownPair = vm.comparisonProperty().get();
                boolean changed = !empty && p != null && p.changed() && shownPair != null && HistoryViewModel.samePassage(shownPair);
                if (changed) getStyleClass().add("history-changed");
                org.sealworkbench.ui.RowTint.apply(this, changed ? org.sealworkbench.ui.RowTint.CHANGED : null);
            }
        });
        SplitPane parts = new SplitPane(settingsDiff, pairs);
        parts.setDividerPositions(0.3);
        compareParts = parts;
        VBox box = new VBox(6, compareHeader, parts);
        VBox.setVgrow(parts, Priority.ALWAYS);
        box.setPadding(new Insets(6));
        compareTab.setContent(box);
        vm.comparisonProperty().addListener((o, a, c) -> {
            if (c == null) return;
            compareHeader.setText(HistoryViewModel.compareSummary(c));
            settingsDiff.getItems().setAll(c.settingsDiff());
            pairs.getItems().setAll(c.answers());
            compareParts.getItems().set(1, pairs);
            compareParts.setDividerPositions(0.3);
            showCompareParts(true);
            below.getSelectionModel().select(compareTab);
        });
        vm.arcComparisonProperty().addListener((o, a, c) -> {
            if (c == null) return;
            compareHeader.setText("A: " + c.a().label() + "\nB: " + c.b().label() + "\n"
                    + Counts.of(c.settingsDiff().size(), "setting differs", "settings differ") + ", " + c.sameSettings() + " the same · A " + c.a().scoreText()
                    + ", B " + c.b().scoreText() + " · " + (c.sameAttempts() ? "the same attempts" : "the attempts differ"));
            settingsDiff.getItems().setAll(c.settingsDiff());
            compareParts.getItems().set(1, FewShotDetail.attempts(c));
            compareParts.setDividerPositions(0.4);   // room for the configs' dotted keys
            showCompareParts(true);
            below.getSelectionModel().select(compareTab);
        });
        vm.compareNoteProperty().addListener((o, a, why) -> {
            if (why == null) return;
            compareHeader.setText(why);
            settingsDiff.getItems().clear();
            pairs.getItems().clear();
            showCompareParts(false);   // empty tables would read as "the same settings", "no answers"
            below.getSelectionModel().select(compareTab);
        });
    }

    private void showCompareParts(boolean shown) {
        compareParts.setVisible(shown);
        compareParts.setManaged(shown);
    }

    private void buildJobs() {
        jobsTable.setId("history-jobs");
        jobsTable.setItems(vm.jobs());
        // The poll replaces the rows every 2 s: keep the chosen job chosen.
        long[] chosenJob = {-1};
        jobsTable.getSelectionModel().selectedItemProperty().addListener((o, a, j) -> {
            if (j != null) chosenJob[0] = j.id();
        });
        vm.jobs().addListener((ListChangeListener<JobItem>) c -> {
            for (int i = 0; i < vm.jobs().size(); i++) {
                if (vm.jobs().get(i).id() == chosenJob[0]) {
                    int at = i;
                    javafx.application.Platform.runLater(() -> jobsTable.getSelectionModel().select(at));
                    return;
                }
            }
        });
        TableColumn<JobItem, Double> progress = new TableColumn<>("Progress");
        progress.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(d.getValue().progress()));
        progress.setCellFactory(ProgressBarTableCell.forTableColumn());
        progress.setPrefWidth(110);
        progress.setMinWidth(80);
        progress.setMaxWidth(160);
        jobsTable.getColumns().setAll(List.of(
                fixed(jobCol("Job", 50, j -> String.valueOf(j.id()))),
                flexible(jobCol("Kind", 110, JobItem::kind)),
                flexible(jobCol("Status", 90, JobItem::status)),
                flexible(jobCol("Where", 110, JobItem::where))));
        jobsTable.getColumns().add(progress);
        jobsTable.getColumns().addAll(List.of(
                flexible(jobCol("Done so far / last message", 420, JobItem::progressText)),
                fixed(jobCol("Updated", 156, j -> j.updated() == null ? "–" : DATE.format(j.updated())))));
        jobsTable.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        headingsWhole(jobsTable);
        Label noJobs = new Label();
        noJobs.textProperty().bind(javafx.beans.binding.Bindings.when(vm.readOnlyProperty())
                .then("No jobs recorded in this workspace (it is open read-only, so none can be started in it).")
                .otherwise("No jobs recorded in this workspace yet. Jobs started here or with ./seal "
                + "(eval, rl, generate, import) are listed, and the command line's running ones followed."));
        noJobs.setWrapText(true);
        jobsTable.setPlaceholder(noJobs);
        resume.setId("history-resume");
        resume.setTooltip(new Tooltip("Continue the chosen stopped job from its stored request; finished work is "
                + "found in the log, not redone (Ctrl+Shift+U)"));
        resume.disableProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(() -> {
            JobItem j = jobsTable.getSelectionModel().getSelectedItem();
            return vm.readOnlyProperty().get() || j == null || !j.resumable();
        }, jobsTable.getSelectionModel().selectedItemProperty(), vm.readOnlyProperty()));
        resume.setOnAction(e -> resumeChosen());
        Button refreshJobs = new Button("Refresh jobs");
        refreshJobs.setOnAction(e -> vm.refreshJobs());
        Label summary = new Label();
        summary.textProperty().bind(vm.jobsSummaryProperty());
        summary.setWrapText(true);
        HBox.setHgrow(summary, Priority.ALWAYS);
        resume.setMinWidth(Region.USE_PREF_SIZE);
        refreshJobs.setMinWidth(Region.USE_PREF_SIZE);
        HBox bar = new HBox(8, summary, org.sealworkbench.ui.OffReason.wrap(resume, javafx.beans.binding.Bindings
                .when(vm.readOnlyProperty()).then(HistoryViewModel.RESUME_OFF).otherwise((String) null)), refreshJobs);
        bar.setAlignment(Pos.CENTER_LEFT);
        VBox box = new VBox(6, bar, jobsTable);
        VBox.setVgrow(jobsTable, Priority.ALWAYS);
        box.setPadding(new Insets(6));
        jobsTab.setContent(box);
        jobsTab.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(() -> {
            long stopped = vm.jobs().stream().filter(JobItem::resumable).count();
            int there = vm.attachedProperty().get();
            String s = (there > 0 ? there + " running elsewhere" : "") + (there > 0 && stopped > 0 ? ", " : "")
                    + (stopped > 0 ? stopped + " to resume" : "");
            return s.isEmpty() ? "Jobs" : "Jobs (" + s + ")";
        }, vm.jobs(), vm.attachedProperty()));
        // A job running elsewhere or stopped is worth a look: show the jobs when they first arrive with either.
        boolean[] offered = {false};
        vm.jobs().addListener((ListChangeListener<JobItem>) c -> {
            if (offered[0]) return;
            if (vm.jobs().stream().anyMatch(j -> j.resumable() || j.elsewhere())) {
                offered[0] = true;
                if (vm.detailProperty().get() == null && vm.comparisonProperty().get() == null) below.getSelectionModel().select(jobsTab);
            }
        });
    }

    private void resumeChosen() {
        JobItem j = jobsTable.getSelectionModel().getSelectedItem();
        if (j == null) {
            below.getSelectionModel().select(jobsTab);
            vm.statusProperty().set("Choose a stopped job in the Jobs list to resume it.");
            return;
        }
        vm.resume(j);
    }

    /**
     * No column narrower than its heading: once the headings are drawn, each column's least width becomes at least its
     * heading's (measured, since the font differs between systems), so a shared-out width never cuts a heading.
     */
    private static <S> void headingsWhole(TableView<S> table) {
        headingsWhole(table, () -> {});
    }

    /** As above, then runs {@code then} (what fits widths to the new least widths). */
    private static <S> void headingsWhole(TableView<S> table, Runnable then) {
        javafx.beans.InvalidationListener[] once = new javafx.beans.InvalidationListener[1];
        once[0] = o -> {
            if (table.getWidth() <= 0) return;
            table.widthProperty().removeListener(once[0]);
            javafx.application.Platform.runLater(() -> {
                for (javafx.scene.Node n : table.lookupAll(".column-header")) {
                    if (!(n instanceof javafx.scene.control.skin.TableColumnHeader h) || h.getTableColumn() == null) continue;
                    if (!(h.lookup(".label") instanceof Label heading)) continue;
                    double need = Math.ceil(heading.prefWidth(-1) + h.snappedLeftInset() + h.snappedRightInset());
                    var c = h.getTableColumn();
                    if (c.getProperties().get(HEADING_TIP) instanceof String tip) heading.setTooltip(new Tooltip(tip));
                    c.getProperties().put(HEADING, need);
                    if (c.getMinWidth() >= need) continue;
                    c.setMaxWidth(Math.max(need, c.getMaxWidth()));
                    c.setPrefWidth(Math.max(need, c.getPrefWidth()));
                    c.setMinWidth(need);
                }
                // A column raised to its heading's width does not make the table share out its width again (only a
                // resize does): fit the columns now, as the table does when its width changes.
                table.getColumnResizePolicy().call(new TableView.ResizeFeatures<>(table, null, 0.0));
                then.run();
            });
        };
        table.widthProperty().addListener(once[0]);
    }

    /** The most width the runs table's Model and Grader columns keep for their values (a longer one is cut, whole in its tooltip). */
    static final double MODEL_MOST = 150, GRADER_MOST = 110;
    /** The most width the Settings column keeps for its digests, and the Condition column for its widest word. */
    static final double SETTINGS_MOST = 140, CONDITION_WORD_MOST = 200;
    /** The column property where {@link #headingsWhole} keeps a column's heading width (its least width whatever the values). */
    private static final String HEADING = "seal.headingWidth";
    /** The column property whose text {@link #headingsWhole} puts on the column's heading as its tooltip (the Score's unit). */
    static final String HEADING_TIP = "seal.headingTip";

    /** A column to keep as wide as the widest of its values (those measured: its longest), up to {@code most}. */
    private record Fit(TableColumn<?, ?> column, List<String> values, double most) {}

    /**
     * Gives each column its values' width (measured in the cells' font, with their padding), up to its bound and at
     * least its heading's, as its least width; if the table is too narrow for all the least widths (and a vertical
     * scroll bar), these columns give up what is missing, down to their headings'. Then the table shares out its width
     * again. Other columns are left as they are.
     */
    private static <S> void fitToContent(TableView<S> table, List<Fit> fits) {
        double width = table.getWidth();
        if (width <= 0) return;
        double[] want = new double[fits.size()], floor = new double[fits.size()];
        double others = 0;
        for (TableColumn<S, ?> c : table.getVisibleLeafColumns()) {
            if (fits.stream().noneMatch(f -> f.column() == c)) others += c.getMinWidth();
        }
        double total = others;
        for (int i = 0; i < fits.size(); i++) {
            Fit f = fits.get(i);
            floor[i] = f.column().getProperties().get(HEADING) instanceof Double h ? h : 40;
            double widest = 0;
            for (String v : f.values()) {
                if (v != null) widest = Math.max(widest, new javafx.scene.text.Text(org.sealworkbench.ui.OneLineCell.oneLine(v))
                        .getLayoutBounds().getWidth());
            }
            want[i] = Math.max(floor[i], Math.min(f.most(), Math.ceil(widest) + 24));
            if (f.column().isVisible()) total += want[i];
        }
        double over = total + 18 - width;   // 18: a vertical scroll bar
        for (int i = 0; i < fits.size() && over > 0; i++) {
            double give = Math.min(over, want[i] - floor[i]);
            want[i] -= give;
            over -= give;
        }
        boolean changed = false;
        for (int i = 0; i < fits.size(); i++) {
            TableColumn<?, ?> c = fits.get(i).column();
            if (Math.abs(c.getMinWidth() - want[i]) < 0.5) continue;
            c.setMinWidth(want[i]);
            if (c.getPrefWidth() < want[i]) c.setPrefWidth(want[i]);
            changed = true;
        }
        if (changed) table.getColumnResizePolicy().call(new TableView.ResizeFeatures<>(table, null, 0.0));
    }

    /** A column of short texts and how a row's text in it reads. */
    private record Shown(TableColumn<RunRow, ?> column, Function<RunRow, String> text) {}

    /**
     * Sets each short column's width (least, preferred and most) to its widest text of {@code samples} (per column, its
     * texts to measure), measured in the cells' font with their padding, or its heading's ({@link #headingsWhole}) where
     * that is wider. Until the rows' cells are drawn (the font is the theme's) it waits for the layout that draws them.
     */
    private static void fitShortColumns(TableView<RunRow> table, List<List<String>> samples, List<Shown> columns) {
        javafx.scene.control.Labeled cell = null;
        for (javafx.scene.Node n : table.lookupAll(".table-cell")) {
            if (n instanceof javafx.scene.control.TableCell<?, ?> c && c.getText() != null && !c.getText().isEmpty()) {
                cell = c;
                break;
            }
        }
        if (cell == null) {
            // not drawn yet (the tab hidden, or the rows just set): fit after the first layout that draws a row's cells
            javafx.scene.Scene scene = table.getScene();
            if (!table.getItems().isEmpty() && scene != null && table.getProperties().putIfAbsent(SHORT_WAITING, Boolean.TRUE) == null) {
                scene.addPostLayoutPulseListener(new Runnable() {
                    @Override
                    public void run() {
                        boolean drawn = table.lookupAll(".table-cell").stream().anyMatch(n ->
                                n instanceof javafx.scene.control.TableCell<?, ?> c && c.getText() != null && !c.getText().isEmpty());
                        if (table.getScene() != scene || drawn) {
                            scene.removePostLayoutPulseListener(this);
                            table.getProperties().remove(SHORT_WAITING);
                            if (drawn) javafx.application.Platform.runLater(() -> {
                                fitShortColumns(table, samples, columns);
                                table.getColumnResizePolicy().call(new TableView.ResizeFeatures<>(table, null, 0.0));
                            });
                        }
                    }
                });
            }
            return;
        }
        javafx.scene.text.Text measure = new javafx.scene.text.Text();
        measure.setFont(cell.getFont());
        double padding = cell.snappedLeftInset() + cell.snappedRightInset() + 4;   // 4: rounding and the column lines
        for (int i = 0; i < columns.size(); i++) {
            Shown s = columns.get(i);
            double w = s.column().getProperties().get(HEADING) instanceof Double h ? h : 0;
            for (String v : samples.get(i)) {
                measure.setText(v);
                w = Math.max(w, Math.ceil(measure.getLayoutBounds().getWidth() + padding));
            }
            if (w <= 0 || Math.abs(s.column().getWidth() - w) < 0.5 && s.column().getMinWidth() == w) continue;
            s.column().setMaxWidth(Math.max(w, s.column().getMaxWidth()));
            s.column().setMinWidth(w);
            s.column().setPrefWidth(w);
            s.column().setMaxWidth(w);
        }
    }

    /** Set on the table while {@link #fitShortColumns} waits for its cells to be drawn. */
    private static final String SHORT_WAITING = "seal.shortColumnsWaiting";

    /** A column whose content has one width (numbers, dates): it keeps it when the table shares out its width. */
    private static <C extends TableColumn<?, ?>> C fixed(C c) {
        c.setMinWidth(c.getPrefWidth());
        c.setMaxWidth(c.getPrefWidth());
        return c;
    }

    /** A text column that gives up width when the table is narrow (down to its heading's) and takes more when wide. */
    private static <C extends TableColumn<?, ?>> C flexible(C c) {
        c.setMinWidth(40);
        return c;
    }

    private static <T> TableColumn<T, String> col(String title, double width, Function<T, String> value) {
        TableColumn<T, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setMinWidth(Math.min(width, 36));   // a fitted table must not squeeze "#" to nothing
        c.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(value.apply(d.getValue())));
        c.setCellFactory(x -> new org.sealworkbench.ui.OneLineCell<>());   // answers and messages run over several lines
        return c;
    }

    /** A column of generated text whose cells also say why it ended where a limit cut it ({@link org.sealworkbench.ui.OneLineCell#withEnding}). */
    @SuppressWarnings("unchecked")
    private static <T> TableColumn<T, String> ended(TableColumn<T, ?> c, Function<T, org.sealworkbench.seal.Ending> ending) {
        TableColumn<T, String> text = (TableColumn<T, String>) c;
        text.setCellFactory(x -> org.sealworkbench.ui.OneLineCell.withEnding(ending));
        return text;
    }

    private static TableColumn<RunRow, ?> text(String title, double width, Function<RunRow, String> value) {
        return col(title, width, value);
    }

    private static TableColumn<RunDetail.Answer, ?> ansCol(String title, double width, Function<RunDetail.Answer, String> value) {
        return col(title, width, value);
    }

    private static TableColumn<JobItem, ?> jobCol(String title, double width, Function<JobItem, String> value) {
        return col(title, width, value);
    }

    /**
     * The run's id, unique over both kinds ("12" an inner-loop run, "A3" a few-shot run: {@link RunId}), sorted inner-loop
     * runs first, each kind by number.
     */
    private static TableColumn<RunRow, ?> runId() {
        TableColumn<RunRow, RunId> c = new TableColumn<>("Run");
        c.setPrefWidth(52);
        c.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(d.getValue().id()));
        c.setComparator(java.util.Comparator.naturalOrder());
        Tooltip tip = new Tooltip("The run's id: a number for an inner-loop run, A and a number for a few-shot (ARC) run "
                + "(they are numbered apart), as ./seal runs lists them");
        c.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(RunId id, boolean empty) {
                super.updateItem(id, empty);
                setText(empty || id == null ? null : id.toString());
                setTooltip(empty || id == null ? null : tip);
            }
        });
        return c;
    }

    /**
     * The run's kind in few words ({@link RunRow#shortKind()}: "few-shot" for "few-shot (ARC)", whole beside long
     * conditions), the kind as the filter names it and what it means in the tooltip. As wide as its widest text.
     */
    private static TableColumn<RunRow, ?> kind() {
        TableColumn<RunRow, RunRow> c = new TableColumn<>("Kind");
        c.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(d.getValue()));
        c.setComparator(java.util.Comparator.comparing(RunRow::shortKind));
        c.setCellFactory(col -> new TableCell<>() {
            private final Tooltip tip = new Tooltip();

            @Override
            protected void updateItem(RunRow r, boolean empty) {
                super.updateItem(r, empty);
                setText(empty || r == null ? null : r.shortKind());
                if (empty || r == null) {
                    setTooltip(null);
                    return;
                }
                tip.setText(kindMeaning(r.kind()));
                setTooltip(tip);
            }
        });
        // Wide enough for "evaluation", "rl reward" and "few-shot" in the table's font, measured (fonts differ between
        // systems), so the shared-out width never cuts a kind.
        double widest = 0;
        for (String s : List.of("evaluation", "rl reward", "few-shot")) {
            widest = Math.max(widest, new javafx.scene.text.Text(s).getLayoutBounds().getWidth());
        }
        c.setPrefWidth(Math.ceil(widest) + 24);
        c.setMinWidth(c.getPrefWidth());
        return c;
    }

    /** How many letters of a settings digest the runs table shows (a digest has 12; the first 8 tell settings apart). */
    static final int DIGEST_SHOWN = 8;

    /** A settings digest as the runs table shows it: its first {@link #DIGEST_SHOWN} letters. */
    static String shortDigest(String digest) {
        return digest == null || digest.length() <= DIGEST_SHOWN ? digest : digest.substring(0, DIGEST_SHOWN);
    }

    /** The settings digest, short ({@link #shortDigest}), whole in the tooltip; sorted by the whole digest. */
    private static TableColumn<RunRow, String> settingsColumn() {
        TableColumn<RunRow, String> c = new TableColumn<>("Settings");
        c.setPrefWidth(100);
        c.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(d.getValue().settingsDigest()));
        c.setCellFactory(col -> new TableCell<>() {
            private final Tooltip tip = org.sealworkbench.ui.Tooltips.forCell();

            @Override
            protected void updateItem(String digest, boolean empty) {
                super.updateItem(digest, empty);
                setText(empty || digest == null ? null : shortDigest(digest));
                if (empty || digest == null) {
                    setTooltip(null);
                    return;
                }
                tip.setText("settings " + digest + " (the run's detail shows them; Compare shows what differs)");
                setTooltip(tip);
            }
        });
        return c;
    }

    /** A kind and what it is, for the Kind column's tooltip. */
    static String kindMeaning(String kind) {
        return switch (kind) {
            case RunRow.FEW_SHOT -> kind + ": an ARC task's test input predicted after test-time training on its "
                    + "demonstrations (RL > Few-shot (ARC)…, ./seal arc)";
            case org.sealworkbench.jobs.charts.ChartsService.EVALUATION -> kind + ": an inner loop of an evaluation "
                    + "(Fine-tune & evaluate…, ./seal eval)";
            case org.sealworkbench.jobs.charts.ChartsService.RL -> kind + ": an inner loop that computed a self-edit's "
                    + "reward in a ReST-EM round (RL > Run ReST-EM…, ./seal rl)";
            default -> kind;
        };
    }

    /** The Score column's heading tooltip: what the number is, and its unit. */
    static final String SCORE_MEANING = "The run's accuracy under its grader, in percent (the detail gives every grader's); "
            + "a few-shot run: its test input solved or not (1/1 solved, pass@2). Sorts by the number.";

    /**
     * What a run scored ({@link ChartFactory#score}: accuracy in percent, or a few-shot run's "1/1 solved"), sorted by the
     * number behind it ({@link ChartFactory#BY_SCORE}: 9.0 % before 16.7 %).
     */
    private static TableColumn<RunRow, ?> score() {
        TableColumn<RunRow, RunRow> c = new TableColumn<>("Score");
        c.setPrefWidth(90);
        c.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(d.getValue()));
        c.setComparator(ChartFactory.BY_SCORE);
        c.getProperties().put(HEADING_TIP, SCORE_MEANING);
        c.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(RunRow r, boolean empty) {
                super.updateItem(r, empty);
                setText(empty || r == null ? null : ChartFactory.score(r));
            }
        });
        return c;
    }

    /** A numeric column that sorts by number and shows "–" for NaN. */
    private static TableColumn<RunRow, ?> number(String title, double width, Function<RunRow, Double> value,
                                                 Function<Double, String> format) {
        TableColumn<RunRow, Double> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(value.apply(d.getValue())));
        c.setComparator((a, b) -> Double.compare(a == null || a.isNaN() ? Double.NEGATIVE_INFINITY : a,
                b == null || b.isNaN() ? Double.NEGATIVE_INFINITY : b));
        c.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(Double v, boolean empty) {
                super.updateItem(v, empty);
                setText(empty || v == null ? null : v.isNaN() ? "–" : format.apply(v));
            }
        });
        return c;
    }
}
