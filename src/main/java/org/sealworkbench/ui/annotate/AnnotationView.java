package org.sealworkbench.ui.annotate;

import java.net.URL;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import org.sealworkbench.jobs.annotate.Options;
import org.sealworkbench.jobs.annotate.PairingRule;
import org.sealworkbench.seal.annotate.Verdict;

/**
 * The annotation screen: session set-up on the left, the guideline on the right, and in the middle the
 * pairwise screen (passage on top, self-edit A | self-edit B below) and the measures. Thin: it binds to
 * {@link AnnotationViewModel} and turns keys into its actions. Usable on its own or as a tab's content.
 */
public final class AnnotationView extends BorderPane {
    // lines short enough for the middle pane at 1280 px wide (the longer three-line form was cut off at 1600)
    static final String SHORTCUTS = "1 / ←  A (left) better   2 / →  B (right) better   3  tie\n"
            + "S  skip   Z  undo   N  note   D  word differences\n"
            + "Ctrl+1…5  rate A   Alt+1…5  rate B   M  measures   P  pairs\n"
            + "Ctrl+Enter  start session   Ctrl+E / Ctrl+Shift+E  export";
    /**
     * Import judgements (JSONL): Ctrl+Shift+I, beside Ctrl+Shift+E that exports them; Ctrl+I is the window's File >
     * Import (passages), which it also meant here.
     */
    public static final KeyCombination IMPORT = new KeyCodeCombination(KeyCode.I, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN);
    /** The keys above as (key, action), for Help > Keyboard shortcuts. */
    public static final List<String[]> KEYS = List.of(
            new String[] {"1 / ←", "A (left) is better"}, new String[] {"2 / →", "B (right) is better"},
            new String[] {"3", "Tie"}, new String[] {"S", "Skip the pair"}, new String[] {"Z", "Undo the last judgement"},
            new String[] {"N", "Write a note on the pair (Enter or Esc: back to judging)"},
            new String[] {"D", "Highlight the word differences"},
            new String[] {"Ctrl+1…5 / Alt+1…5", "Rate A / B from 1 to 5"},
            new String[] {"M / P", "Show the measures / the pairs"}, new String[] {"R", "Compute the measures again (on the measures)"},
            new String[] {"Ctrl+Enter", "Start the session"},
            new String[] {"Ctrl+E / Ctrl+Shift+E", "Export the judgements as CSV / JSONL"},
            new String[] {IMPORT.getDisplayText(), "Import judgements (JSONL) from another workspace"});
    static final String MEASURES_KEYS = "R refresh · Ctrl+E CSV · Ctrl+Shift+E JSONL · Ctrl+Shift+I import · P back to the pairs";

    private final AnnotationViewModel vm;
    private final AnnotationDialogs dialogs;
    private final TabPane tabs = new TabPane();
    private final Tab pairsTab = new Tab("Pairs");
    private final Tab measuresTab = new Tab("Measures");
    private final VBox pairPane = new VBox(8);
    private final TextField note = new TextField();
    private final TextField annotator = new TextField();
    private boolean swallowNextTyped;
    private final VBox emptyBox = new VBox(12);
    private final VBox measuresBox = new VBox(8);

    public AnnotationView(AnnotationViewModel vm, AnnotationDialogs dialogs) {
        this.vm = vm;
        this.dialogs = dialogs;
        getStyleClass().add("annotate-view");
        URL css = AnnotationView.class.getResource("annotate.css");
        if (css != null) getStylesheets().add(css.toExternalForm());
        setLeft(setup());
        setRight(guideline());
        tabs.getTabs().addAll(pairsTab, measuresTab);
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        pairsTab.setContent(pairs());
        measuresTab.setContent(measures());
        measuresTab.setOnSelectionChanged(e -> {
            if (measuresTab.isSelected()) {
                vm.refreshMeasures();
                // Off the name field: the shortcuts keep working on the measures.
                javafx.application.Platform.runLater(measuresBox::requestFocus);
            } else {
                javafx.application.Platform.runLater(() -> (vm.currentProperty().get() != null ? pairPane : emptyBox).requestFocus());
            }
        });
        setCenter(tabs);
        Label status = new Label();
        status.getStyleClass().add("annotate-status");
        status.textProperty().bind(vm.statusProperty());
        status.setMaxWidth(Double.MAX_VALUE);
        setBottom(status);
        addEventFilter(KeyEvent.KEY_PRESSED, this::onKey);
        // The N that opens the note must not also be typed into it.
        addEventFilter(KeyEvent.KEY_TYPED, e -> {
            if (swallowNextTyped) {
                swallowNextTyped = false;
                e.consume();
            }
        });
        vm.failureProperty().addListener((o, was, f) -> {
            if (f == null) return;
            vm.clearFailure();
            dialogs.showError(getScene() == null ? null : getScene().getWindow(), f.what(), f.error());
        });
        // A session starts (or the pairs come back after an undo): judging keys go to the pair, not a text field.
        vm.currentProperty().addListener((o, was, p) -> {
            if (was == null && p != null) {
                tabs.getSelectionModel().select(pairsTab);
                javafx.application.Platform.runLater(pairPane::requestFocus);
            } else if (p == null && was != null) {
                // The pair pane hides; keep the focus off the text fields so that M, Z and the rest still work.
                javafx.application.Platform.runLater(emptyBox::requestFocus);
            }
        });
    }

    /** The annotator field, focused first so that a keyboard session starts by typing a name. */
    public void focusAnnotator() {
        annotator.requestFocus();
    }

    private Node setup() {
        VBox box = new VBox(6);
        box.getStyleClass().add("annotate-setup");
        box.setPrefWidth(250);
        annotator.setId("annotator");
        annotator.setPromptText("your name");
        annotator.textProperty().bindBidirectional(vm.annotatorProperty());

        ListView<Options.PassageOption> passages = new ListView<>(vm.passages());
        passages.setId("annotatePassages");
        passages.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        passages.setPlaceholder(new Label("No passage has two self-edits yet.\nImport or generate self-edits first."));
        // A long title wraps in the list's width (it ran off to the right behind a horizontal scroll bar).
        passages.setCellFactory(l -> new javafx.scene.control.ListCell<>() {
            {
                setWrapText(true);
                prefWidthProperty().bind(l.widthProperty().subtract(20));
                setMaxWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            }

            @Override
            protected void updateItem(Options.PassageOption o, boolean empty) {
                super.updateItem(o, empty);
                setText(empty || o == null ? null : o.toString());
            }
        });
        VBox.setVgrow(passages, Priority.ALWAYS);
        // The view model says which passages are chosen (all at a load; the same ones after a reload), the list shows it;
        // a person's selection in the list goes back to the view model.
        boolean[] syncing = {false};
        vm.selectedPassages().addListener((ListChangeListener<Options.PassageOption>) c -> {
            if (syncing[0]) return;
            syncing[0] = true;
            try {
                // In one call: selecting 5,000 passages one at a time (each a search of the list and a selection change)
                // froze the window for seconds when a large workspace opened.
                passages.getSelectionModel().clearSelection();
                java.util.Map<Options.PassageOption, Integer> index = new java.util.HashMap<>();
                for (int i = 0; i < passages.getItems().size(); i++) index.putIfAbsent(passages.getItems().get(i), i);
                int[] chosen = vm.selectedPassages().stream().map(index::get).filter(java.util.Objects::nonNull)
                        .mapToInt(Integer::intValue).toArray();
                if (chosen.length == passages.getItems().size()) passages.getSelectionModel().selectAll();
                else if (chosen.length > 0) passages.getSelectionModel().selectIndices(chosen[0],
                        java.util.Arrays.copyOfRange(chosen, 1, chosen.length));
            } finally {
                syncing[0] = false;
            }
        });
        passages.getSelectionModel().getSelectedItems().addListener((ListChangeListener<Options.PassageOption>) c -> {
            if (syncing[0]) return;
            syncing[0] = true;
            try {
                vm.selectedPassages().setAll(passages.getSelectionModel().getSelectedItems().stream()
                        .filter(java.util.Objects::nonNull).toList());
            } finally {
                syncing[0] = false;
            }
        });

        ComboBox<PairingRule> rule = new ComboBox<>();
        rule.setId("pairingRule");
        rule.getItems().setAll(PairingRule.values());
        rule.valueProperty().bindBidirectional(vm.ruleProperty());
        rule.setMaxWidth(Double.MAX_VALUE);
        ComboBox<String> authorA = authorBox("authorA");
        authorA.valueProperty().bindBidirectional(vm.authorAProperty());
        ComboBox<String> authorB = authorBox("authorB");
        authorB.valueProperty().bindBidirectional(vm.authorBProperty());
        var versus = Bindings.equal(rule.valueProperty(), PairingRule.AUTHOR_VS_AUTHOR);
        authorA.disableProperty().bind(versus.not());
        authorB.disableProperty().bind(versus.not());

        CheckBox blind = new CheckBox("Blind: hide author, template and reward until judged");
        blind.setWrapText(true);
        blind.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        blind.selectedProperty().bindBidirectional(vm.blindProperty());
        TextField seed = new TextField();
        seed.setId("seed");
        seed.textProperty().bindBidirectional(vm.seedProperty());
        Label seedHelp = muted("The seed decides which self-edit of each pair is shown on the left.");
        Button start = new Button("Start session (Ctrl+Enter)");
        start.setId("startSession");
        start.setMaxWidth(Double.MAX_VALUE);
        start.setDefaultButton(false);
        start.setOnAction(e -> startSession());
        box.getChildren().addAll(heading("Annotator"), annotator, heading("Passages"), passages, heading("Pairing"), rule,
                muted("Author A"), authorA, muted("Author B"), authorB, blind, heading("Seed"), seed, seedHelp, start);
        return box;
    }

    private ComboBox<String> authorBox(String id) {
        ComboBox<String> box = new ComboBox<>();
        box.setId(id);
        box.setMaxWidth(Double.MAX_VALUE);
        vm.authors().addListener((ListChangeListener<Options.AuthorOption>) c ->
                box.getItems().setAll(vm.authors().stream().map(Options.AuthorOption::author).toList()));
        return box;
    }

    private Node guideline() {
        VBox box = new VBox(6);
        box.getStyleClass().add("annotate-guideline");
        box.setPrefWidth(230);
        TextArea text = new TextArea();
        text.setId("guideline");
        text.setWrapText(true);
        text.setPromptText("How to judge: what makes one self-edit better than another. Saved in the workspace for every annotator.");
        text.textProperty().bindBidirectional(vm.guidelineProperty());
        VBox.setVgrow(text, Priority.ALWAYS);
        Button save = new Button("Save guideline");
        save.setOnAction(e -> vm.saveGuideline());
        box.getChildren().addAll(heading("Guideline"), text, save);
        return box;
    }

    private Node pairs() {
        Label title = new Label();
        title.getStyleClass().add("annotate-passage-title");
        Label passage = new Label();
        passage.setWrapText(true);
        vm.currentProperty().addListener((o, was, p) -> {
            title.setText(p == null ? "" : p.passageTitle());
            passage.setText(p == null ? "" : p.passageText());
        });
        // The passage scrolls in its own pane above the two self-edits, the divider between them movable: shown whole, a
        // long passage left the self-edits (what is judged) three lines each at 1280x800.
        ScrollPane passageScroll = new ScrollPane(passage);
        passageScroll.setFitToWidth(true);
        passageScroll.setFocusTraversable(false);
        passageScroll.getStyleClass().add("annotate-passage-text");
        VBox.setVgrow(passageScroll, Priority.ALWAYS);
        VBox passageBox = new VBox(4, title, passageScroll);
        passageBox.getStyleClass().add("annotate-passage");
        passageBox.setId("passageBox");
        passageBox.setMinHeight(60);

        SplitPane sides = new SplitPane(side("A (left)", "1 / ←", vm.leftMetaProperty(), vm.leftSpans(), vm.ratingLeftProperty(), "Ctrl", "leftText"),
                side("B (right)", "2 / →", vm.rightMetaProperty(), vm.rightSpans(), vm.ratingRightProperty(), "Alt", "rightText"));
        sides.setOrientation(Orientation.HORIZONTAL);
        SplitPane passageAndSides = new SplitPane(passageBox, sides);
        passageAndSides.setId("passageAndSides");
        passageAndSides.setOrientation(Orientation.VERTICAL);
        passageAndSides.setDividerPositions(0.3);
        VBox.setVgrow(passageAndSides, Priority.ALWAYS);

        note.setId("note");
        note.setPromptText("Note on this pair (N to write, Enter or Esc to go back to judging)");
        note.textProperty().bindBidirectional(vm.noteProperty());
        note.setOnAction(e -> pairPane.requestFocus());
        Label reveal = new Label();
        reveal.setId("reveal");
        reveal.getStyleClass().add("annotate-reveal");
        reveal.setWrapText(true);
        reveal.textProperty().bind(vm.revealProperty());
        ProgressBar bar = new ProgressBar();
        bar.setPrefWidth(180);
        bar.progressProperty().bind(Bindings.createDoubleBinding(() -> {
            int total = vm.doneProperty().get() + vm.skippedProperty().get() + vm.remainingProperty().get();
            return total == 0 ? 0.0 : (double) (vm.doneProperty().get() + vm.skippedProperty().get()) / total;
        }, vm.doneProperty(), vm.skippedProperty(), vm.remainingProperty()));
        Label progress = new Label();
        progress.setId("progress");
        progress.textProperty().bind(vm.progressTextProperty());
        // the counts are read, the bar only glanced at: at 1280 the line was cut ("remaining …") beside a 180 px bar, so
        // the line keeps its width and the bar gives way (down to 60 px)
        progress.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        bar.setMinWidth(60);
        HBox progressRow = new HBox(10, bar, progress);
        Label diffHint = muted("");
        diffHint.textProperty().bind(Bindings.when(vm.highlightDifferencesProperty())
                .then(vm.wordDifferencesAvailable() ? "Word differences highlighted (D to hide)."
                        : "Word differences: no word diff plugged in on this build.")
                .otherwise(""));
        Label shortcuts = new Label(SHORTCUTS);
        shortcuts.setId("shortcuts");
        shortcuts.getStyleClass().add("annotate-shortcuts");
        shortcuts.setMaxWidth(Double.MAX_VALUE);
        shortcuts.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);

        for (Label l : List.of(reveal, diffHint)) {   // no empty lines' worth of space taken while they say nothing
            l.visibleProperty().bind(l.textProperty().isNotEmpty());
            l.managedProperty().bind(l.visibleProperty());
        }
        pairPane.getChildren().setAll(passageAndSides, note, reveal, diffHint, progressRow, shortcuts);
        pairPane.setPadding(new Insets(10));
        pairPane.setFocusTraversable(true);
        pairPane.setId("pairPane");

        Label empty = new Label("No pair on screen.\nChoose passages and a pairing rule on the left, type your name, and press Ctrl+Enter to start a session.");
        empty.getStyleClass().add("annotate-empty");
        empty.setWrapText(true);
        // Without a session the progress line would only repeat the instructions, so it is shown with a session only.
        empty.textProperty().bind(Bindings.when(vm.sessionActiveProperty())
                .then(Bindings.concat("No pairs left in this session.\n", vm.progressTextProperty()))
                .otherwise("No pair on screen.\nChoose passages and a pairing rule on the left, type your name, and press Ctrl+Enter to start a session."));
        emptyBox.getChildren().setAll(empty, reveal2());
        emptyBox.setFocusTraversable(true);
        emptyBox.setId("emptyPairs");
        emptyBox.setPadding(new Insets(24));
        emptyBox.visibleProperty().bind(vm.currentProperty().isNull());
        pairPane.visibleProperty().bind(vm.currentProperty().isNotNull());
        // The hidden pair pane's least width (its progress line's "No session…" kept whole) made the middle wider than its
        // room at 1280, and the instructions beside it ran under the guideline: it asks for none of its own.
        pairPane.setMinWidth(0);
        return new StackPane(emptyBox, pairPane);
    }

    private Label reveal2() {
        Label l = new Label();
        l.getStyleClass().add("annotate-reveal");
        l.setWrapText(true);
        l.textProperty().bind(vm.revealProperty());
        return l;
    }

    private Node side(String name, String key, javafx.beans.value.ObservableValue<String> meta,
                      javafx.collections.ObservableList<TextSpan> spans, javafx.beans.value.ObservableValue<Integer> rating,
                      String modifier, String id) {
        Label title = new Label(name + "   " + key);
        title.getStyleClass().add("annotate-side-title");
        Label metaLabel = muted("");
        metaLabel.setWrapText(true);
        metaLabel.textProperty().bind(meta);
        TextFlow flow = new TextFlow();
        flow.setId(id);
        flow.getStyleClass().add("annotate-edit-text");
        spans.addListener((ListChangeListener<TextSpan>) c -> {
            flow.getChildren().clear();
            for (TextSpan s : spans) {
                Text t = new Text(s.text());
                if (s.changed()) t.getStyleClass().add("word-changed");
                flow.getChildren().add(t);
            }
        });
        ScrollPane scroll = new ScrollPane(flow);
        scroll.setFitToWidth(true);
        scroll.setFocusTraversable(false);
        VBox.setVgrow(scroll, Priority.ALWAYS);
        Label ratingLabel = new Label();
        ratingLabel.setId(id + "Rating");
        ratingLabel.textProperty().bind(Bindings.createStringBinding(() -> "Rating: "
                + (rating.getValue() == null ? "none" : stars(rating.getValue())) + "   (" + modifier + "+1…5)", rating));
        VBox box = new VBox(6, title, metaLabel, scroll, ratingLabel);
        box.getStyleClass().add("annotate-side");
        return box;
    }

    private static String stars(int n) {
        return "★".repeat(n) + "☆".repeat(5 - n) + " " + n + "/5";
    }

    private Node measures() {
        TextArea text = new TextArea();
        text.setId("measuresText");
        text.setEditable(false);
        text.getStyleClass().add("annotate-measures");
        text.textProperty().bind(vm.measuresTextProperty());
        VBox.setVgrow(text, Priority.ALWAYS);
        // Short names that stay whole (with the keys in them they were cut to "Refre…", "Export CSV… (C…" in the tab);
        // the keys are in the tooltips, the line below the bar and Help > Keyboard shortcuts.
        Button refresh = measuresButton("Refresh", "Compute the measures again (R)");
        refresh.setOnAction(e -> vm.refreshMeasures());
        Button csv = measuresButton("Export CSV…", "Every judgement as a CSV row (Ctrl+E)");
        csv.setOnAction(e -> exportCsv());
        Button jsonl = measuresButton("Export JSONL…", "Every judgement and retraction as JSON lines, for another workspace (Ctrl+Shift+E)");
        jsonl.setOnAction(e -> exportJsonl());
        Button imp = measuresButton("Import JSONL…", "Judgements exported from another workspace (Ctrl+Shift+I)");
        imp.setOnAction(e -> importJsonl());
        javafx.scene.layout.FlowPane bar = new javafx.scene.layout.FlowPane(8, 6, refresh, csv, jsonl, imp);
        bar.setId("measuresBar");
        Label keys = muted(MEASURES_KEYS);
        keys.setId("measuresKeys");
        measuresBox.getChildren().setAll(bar, keys, text);
        measuresBox.setPadding(new Insets(10));
        measuresBox.setFocusTraversable(true);
        return measuresBox;
    }

    private static Button measuresButton(String text, String tip) {
        Button b = new Button(text);
        b.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        b.setTooltip(new javafx.scene.control.Tooltip(tip));
        return b;
    }

    private javafx.stage.Window window() {
        return getScene() == null ? null : getScene().getWindow();
    }

    /** Starts (or restarts) a session and shows its pairs, also when the measures were shown. */
    private void startSession() {
        tabs.getSelectionModel().select(pairsTab);
        vm.startSession();
    }

    private void exportCsv() {
        dialogs.chooseExportFile(window(), "csv").ifPresent(vm::exportCsv);
    }

    private void exportJsonl() {
        dialogs.chooseExportFile(window(), "jsonl").ifPresent(vm::exportJsonl);
    }

    private void importJsonl() {
        dialogs.chooseImportFile(window()).ifPresent(vm::importJsonl);
    }

    private void onKey(KeyEvent e) {
        KeyCode k = e.getCode();
        if (e.isShortcutDown() && k == KeyCode.ENTER) {
            startSession();
            e.consume();
            return;
        }
        if (e.isShortcutDown() && k == KeyCode.E) {
            if (e.isShiftDown()) exportJsonl();
            else exportCsv();
            e.consume();
            return;
        }
        if (IMPORT.match(e)) {
            importJsonl();
            e.consume();
            return;
        }
        boolean typing = getScene() != null && getScene().getFocusOwner() instanceof TextInputControl t && t.isEditable();
        if (typing) {
            if (k == KeyCode.ESCAPE && getScene().getFocusOwner() == note) {
                pairPane.requestFocus();
                e.consume();
            }
            return;
        }
        if (k == KeyCode.M) {
            tabs.getSelectionModel().select(measuresTab);
            e.consume();
            return;
        }
        if (k == KeyCode.P) {
            tabs.getSelectionModel().select(pairsTab);
            pairPane.requestFocus();
            e.consume();
            return;
        }
        if (k == KeyCode.R && measuresTab.isSelected()) {
            vm.refreshMeasures();
            e.consume();
            return;
        }
        if (!pairsTab.isSelected() || !vm.sessionActiveProperty().get()) return;
        int digit = digit(k);
        if (digit >= 1 && digit <= 5 && (e.isControlDown() || e.isAltDown())) {
            if (e.isControlDown()) vm.rateLeft(digit);
            else vm.rateRight(digit);
            e.consume();
            return;
        }
        if (k == KeyCode.Z) {
            vm.undo();
            e.consume();
            return;
        }
        if (vm.currentProperty().get() == null) return;
        Verdict v = switch (k) {
            case LEFT, DIGIT1, NUMPAD1 -> Verdict.LEFT;
            case RIGHT, DIGIT2, NUMPAD2 -> Verdict.RIGHT;
            case DIGIT3, NUMPAD3 -> Verdict.TIE;
            case S -> Verdict.SKIP;
            default -> null;
        };
        if (v != null) {
            vm.judge(v);
            pairPane.requestFocus();
            e.consume();
        } else if (k == KeyCode.N) {
            swallowNextTyped = true;
            note.requestFocus();
            e.consume();
        } else if (k == KeyCode.D) {
            vm.highlightDifferencesProperty().set(!vm.highlightDifferencesProperty().get());
            e.consume();
        }
    }

    private static int digit(KeyCode k) {
        return switch (k) {
            case DIGIT1, NUMPAD1 -> 1;
            case DIGIT2, NUMPAD2 -> 2;
            case DIGIT3, NUMPAD3 -> 3;
            case DIGIT4, NUMPAD4 -> 4;
            case DIGIT5, NUMPAD5 -> 5;
            default -> 0;
        };
    }

    private static Label heading(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("annotate-heading");
        return l;
    }

    private static Label muted(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("annotate-muted");
        l.setWrapText(true);
        l.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        return l;
    }
}
