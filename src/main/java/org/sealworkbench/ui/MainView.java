package org.sealworkbench.ui;

import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.concurrent.Task;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Separator;
import javafx.scene.control.Tooltip;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import java.util.List;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.ToggleGroup;
import javafx.stage.Window;
import org.sealworkbench.ui.studio.GenerateFormViewModel;
import org.sealworkbench.ui.studio.SelfEditsView;
import org.controlsfx.control.TaskProgressView;

/** The main window's content: menus, a toolbar, library | detail, the jobs area and the status bar. */
public final class MainView extends BorderPane {
    final MenuItem openItem = new MenuItem("Open workspace…");
    final MenuItem importItem = new MenuItem("Import…");
    final MenuItem quitItem = new MenuItem("Quit");
    final MenuItem aboutItem = new MenuItem("About SEAL Workbench");
    final MenuItem shortcutsItem = new MenuItem("Keyboard shortcuts");
    final TaskProgressView<Task<?>> jobs = new TaskProgressView<>();
    final MenuItem refreshItem = new MenuItem("Refresh");
    final MenuItem generateItem = new MenuItem("Generate self-edits…");
    final MenuItem annotatorItem = new MenuItem("Annotator name…");
    final MenuItem modelsItem = new MenuItem("Models…");
    final MenuItem fineTuneItem = new MenuItem("Fine-tune & evaluate…");
    final MenuItem rlItem = new MenuItem("Run ReST-EM…");
    final MenuItem continualItem = new MenuItem("Continual self-edits…");
    final MenuItem arcItem = new MenuItem("Few-shot (ARC)…");
    private org.sealworkbench.ui.arc.ArcWindow arcWindow;
    private org.sealworkbench.ui.rl.RlWindow rlWindow;
    private org.sealworkbench.ui.continual.ContinualWindow continualWindow;
    final RadioMenuItem lightItem = new RadioMenuItem("Light theme");
    final RadioMenuItem darkItem = new RadioMenuItem("Dark theme");
    final PassageLibraryView library;
    final PassageDetailView detail;
    final WorkbenchTabs tabs = new WorkbenchTabs();
    final SelfEditsView studio;
    final org.sealworkbench.ui.runs.RunsTab runs;
    final org.sealworkbench.ui.runs.FineTuneAction fineTune;
    final org.sealworkbench.ui.history.HistoryTab history;
    final SplitPane split;
    private final MainViewModel vm;
    private final DialogService dialogs;

    public MainView(MainViewModel vm, DialogService dialogs, Runnable quit) {
        getStyleClass().add("main-view");
        this.vm = vm;
        this.dialogs = dialogs;
        library = new PassageLibraryView(vm.library());
        detail = new PassageDetailView(vm.detail());
        studio = new SelfEditsView(vm.studio(), vm.models(), detail, this::generate, () ->
                dialogs.chooseModelFolder(window()).ifPresent(dir -> vm.models().openFolder(dir, () -> { })));
        tabs.plug(WorkbenchTabs.SELF_EDITS, studio);
        runs = new org.sealworkbench.ui.runs.RunsTab(vm.workspacePathProperty(), vm.library().selectedProperty(),
                vm.libraryReadProperty(), vm.runner().reads());
        tabs.plug(WorkbenchTabs.RUNS, runs);
        runs.qa().setOnWritten(vm::noteOwnWrite);
        runs.readOnlyProperty().bind(vm.readOnlyProperty());
        runs.live().setPassageNames(id -> vm.library().allRows().stream().filter(r -> r.id() == id).map(PassageRow::title)
                .findFirst().orElse(null));
        fineTune = new org.sealworkbench.ui.runs.FineTuneAction(vm, dialogs, runs.live());
        tabs.plug(WorkbenchTabs.CHARTS, org.sealworkbench.ui.charts.ChartsApp.tab(vm.workspacePathProperty(),
                tabs.getSelectionModel().selectedItemProperty().map(t -> WorkbenchTabs.CHARTS.equals(t.getText())), vm.runner(),
                this::showPassage, vm.readOnlyProperty()));
        history = org.sealworkbench.ui.history.HistoryTab.following(vm.workspacePathProperty(),
                tabs.getSelectionModel().selectedItemProperty().map(t -> WorkbenchTabs.HISTORY.equals(t.getText())),
                vm.libraryReadProperty(), vm.runner());
        history.readOnlyProperty().bind(vm.readOnlyProperty());
        tabs.plug(WorkbenchTabs.HISTORY, history);

        openItem.setAccelerator(KeyCombination.keyCombination("Shortcut+O"));
        importItem.setAccelerator(KeyCombination.keyCombination("Shortcut+I"));
        quitItem.setAccelerator(KeyCombination.keyCombination("Shortcut+Q"));
        // A read-only workspace turns off what would store something in it; the banner under the toolbar says why.
        importItem.disableProperty().bind(vm.canWriteProperty().not());
        Runnable chooseImport = () -> dialogs.chooseImportFile(window()).ifPresent(vm::importFile);
        Runnable chooseWorkspace = () -> dialogs.chooseWorkspace(window(), vm.workspacePathProperty().get())
                .ifPresent(dir -> vm.openWorkspace(dir, false));
        openItem.setOnAction(e -> chooseWorkspace.run());
        importItem.setOnAction(e -> chooseImport.run());
        quitItem.setOnAction(e -> quit.run());
        aboutItem.setOnAction(e -> {
            var model = vm.models().selectedProperty().get();
            dialogs.showAbout(window(), vm.workspacePathProperty().get(), model == null ? null : model.dir());
        });
        refreshItem.setAccelerator(KeyCombination.keyCombination("F5"));
        refreshItem.disableProperty().bind(vm.workspacePathProperty().isNull());
        refreshItem.setOnAction(e -> vm.refresh());
        generateItem.setAccelerator(KeyCombination.keyCombination("Shortcut+G"));
        generateItem.disableProperty().bind(studio.generate.disabledProperty());
        generateItem.setOnAction(e -> generate());
        annotatorItem.setOnAction(e -> dialogs.askAnnotator(window(), vm.studio().annotatorProperty().get())
                .ifPresent(vm.studio().annotatorProperty()::set));
        ToggleGroup themes = new ToggleGroup();
        lightItem.setToggleGroup(themes);
        darkItem.setToggleGroup(themes);
        lightItem.setSelected(true);
        MenuItem diffItem = new MenuItem("Toggle diff highlighting");
        diffItem.setAccelerator(KeyCombination.keyCombination("Shortcut+D"));
        diffItem.setOnAction(e -> vm.studio().diffOnProperty().set(!vm.studio().diffOnProperty().get()));
        MenuItem seqItem = new MenuItem("Toggle training sequences");
        seqItem.setAccelerator(KeyCombination.keyCombination("Shortcut+T"));
        seqItem.setOnAction(e -> vm.studio().showSequencesProperty().set(!vm.studio().showSequencesProperty().get()));
        MenuItem saveItem = new MenuItem("Save edit of the focused column");
        saveItem.setAccelerator(KeyCombination.keyCombination("Shortcut+S"));
        saveItem.setOnAction(e -> studio.saveFocused());
        saveItem.disableProperty().bind(vm.readOnlyProperty());
        Menu file = new Menu("File", null, openItem, importItem, new SeparatorMenuItem(), quitItem);
        modelsItem.setAccelerator(KeyCombination.keyCombination("Shortcut+M"));
        modelsItem.setOnAction(e -> showModels());
        fineTuneItem.setAccelerator(KeyCombination.keyCombination("Shortcut+Shift+F"));
        fineTuneItem.disableProperty().bind(vm.studio().passageProperty().isNull().or(vm.readOnlyProperty()));
        fineTuneItem.setOnAction(e -> fineTune.open(window()));
        Menu edit = new Menu("Self-edits", null, generateItem, fineTuneItem, saveItem, new SeparatorMenuItem(), modelsItem);
        rlItem.setAccelerator(KeyCombination.keyCombination("Shortcut+R"));
        rlItem.disableProperty().bind(vm.canWriteProperty().not());
        rlItem.setOnAction(e -> showRl());
        continualItem.setAccelerator(KeyCombination.keyCombination("Shortcut+Shift+K"));
        continualItem.disableProperty().bind(vm.canWriteProperty().not());
        continualItem.setOnAction(e -> showContinual());
        // no workspace needed: the tasks come from a file and nothing is stored
        arcItem.setAccelerator(KeyCombination.keyCombination("Shortcut+Shift+A"));
        arcItem.setOnAction(e -> showArc());
        Menu rl = new Menu("RL", null, rlItem, continualItem, arcItem);
        Menu view = new Menu("View", null, refreshItem, diffItem, seqItem, new SeparatorMenuItem(), lightItem, darkItem,
                new SeparatorMenuItem(), annotatorItem);
        Menu help = new Menu("Help", null, shortcutsItem, new SeparatorMenuItem(), aboutItem);
        MenuBar menus = new MenuBar(file, edit, rl, view, help);
        shortcutsItem.setAccelerator(KeyCombination.keyCombination("F1"));
        shortcutsItem.setOnAction(e -> dialogs.showShortcuts(window(), ShortcutsHelp.of(menus)));

        // A slim toolbar with the two actions a newcomer looks for first.
        Label brand = new Label("SEAL Workbench");
        brand.getStyleClass().add("brand");
        Label workspaceName = new Label();
        workspaceName.getStyleClass().add("workspace-chip");
        workspaceName.setId("workspaceChip");
        workspaceName.textProperty().bind(Bindings.createStringBinding(() -> {
            var p = vm.workspacePathProperty().get();
            return p == null ? "no workspace" : MainViewModel.workspaceName(p) + (vm.readOnlyProperty().get() ? " · read-only" : "");
        }, vm.workspacePathProperty(), vm.readOnlyProperty()));
        Button importButton = new Button("Import…");
        importButton.setId("importButton");
        importButton.getStyleClass().add("accent");
        importButton.disableProperty().bind(vm.canWriteProperty().not());
        importButton.setOnAction(e -> chooseImport.run());
        Button openButton = new Button("Open workspace…");
        openButton.setOnAction(e -> chooseWorkspace.run());
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        Button rlButton = new Button("ReST-EM…");
        rlButton.setId("rlButton");
        rlButton.setTooltip(new Tooltip("Run SEAL's RL (ReST-EM) and watch the rewards arrive (Ctrl+R)"));
        rlButton.disableProperty().bind(vm.canWriteProperty().not());
        rlButton.setOnAction(e -> showRl());
        HBox toolbar = new HBox(10, brand, workspaceName, grow, OffReason.wrap(rlButton, vm.readOnlyTipProperty()), openButton,
                OffReason.wrap(importButton, vm.readOnlyTipProperty()));
        toolbar.getStyleClass().add("app-toolbar");
        toolbar.setAlignment(Pos.CENTER_LEFT);
        setTop(new VBox(menus, toolbar, readOnlyBar(vm)));

        split = new SplitPane(library, tabs);
        split.setOrientation(Orientation.HORIZONTAL);
        split.setDividerPositions(0.22);
        SplitPane.setResizableWithParent(library, false);
        setCenter(split);

        // Jobs area: shown while any background task runs, with progress and a cancel button per task.
        jobs.setId("jobs");
        jobs.getStyleClass().add("jobs-area");
        // As tall as its tasks, up to three and a quarter of the window's height (more scroll): at 1280x800 three queued
        // jobs left Runs & QA about one row of its table.
        jobs.prefHeightProperty().bind(Bindings.createDoubleBinding(
                () -> jobsAreaHeight(jobs.getTasks().size(), getHeight()), jobs.getTasks(), heightProperty()));
        jobs.setMinHeight(Region.USE_PREF_SIZE);
        jobs.setMaxHeight(Region.USE_PREF_SIZE);
        vm.runner().active().addListener((ListChangeListener<Task<?>>) change -> {
            while (change.next()) {
                for (Task<?> t : change.getAddedSubList()) {
                    if (!jobs.getTasks().contains(t)) jobs.getTasks().add(t);
                }
            }
        });
        jobs.visibleProperty().bind(Bindings.isNotEmpty(jobs.getTasks()));
        jobs.managedProperty().bind(jobs.visibleProperty());

        setBottom(new VBox(jobs, noticeBar(vm), statusBar(vm)));

        vm.errorProperty().addListener((o, a, err) -> {
            if (err != null) dialogs.showError(window(), err.title(), err.cause());
        });

        // Shortcut+F jumps to the shown tab's search (Runs & QA: "Search (Ctrl+F)"), else, or when the focus is in the
        // library, to the library filter, as in most research tools.
        tabs.onFind(WorkbenchTabs.RUNS, runs::focusSearch);
        KeyCombination find = KeyCombination.keyCombination("Shortcut+F");
        addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (find.match(e)) {
                e.consume();
                if (!within(getScene() == null ? null : getScene().getFocusOwner(), library) && tabs.findInSelected()) return;
                library.filterField.requestFocus();
                library.filterField.selectAll();
            }
        });
    }

    /** The Models dialog (not modal): list, details of the chosen model, Use and Open folder. */
    org.sealworkbench.ui.studio.ModelsDialog showModels() {
        var dialogVm = new org.sealworkbench.ui.studio.ModelsDialogViewModel(vm.models(), vm::loadedModel);
        var dialog = new org.sealworkbench.ui.studio.ModelsDialog(window(), dialogVm, () -> dialogs.chooseModelFolder(window()));
        dialog.show();
        return dialog;
    }

    /** The ReST-EM window (one per main window, kept while the app runs so a run goes on when it is closed). */
    org.sealworkbench.ui.rl.RlWindow showRl() {
        if (rlWindow == null) rlWindow = org.sealworkbench.ui.rl.RlWindow.create(window(), vm, () -> tabs.select(WorkbenchTabs.SELF_EDITS));
        rlWindow.show();
        rlWindow.toFront();
        return rlWindow;
    }

    /** The Continual self-edits window (one per main window, kept so a sequence goes on when it is closed). */
    org.sealworkbench.ui.continual.ContinualWindow showContinual() {
        if (continualWindow == null) {
            var cvm = new org.sealworkbench.ui.continual.ContinualViewModel(vm.runner(), vm.runner().reads(), vm::showError);
            cvm.workspaceProperty().bind(vm.workspacePathProperty());
            cvm.modelProperty().bind(vm.models().selectedProperty());
            cvm.onFinished(vm::workspaceWritten);   // the library's counts (self-edits sampled for the sequence)
            continualWindow = new org.sealworkbench.ui.continual.ContinualWindow(window(), cvm);
        }
        continualWindow.show();
        continualWindow.toFront();
        return continualWindow;
    }

    /** The Few-shot (ARC) window (one per main window, kept so a run goes on when it is closed). */
    org.sealworkbench.ui.arc.ArcWindow showArc() {
        if (arcWindow == null) {
            var avm = new org.sealworkbench.ui.arc.ArcViewModel(vm.runner(), vm.runner().reads(), vm::showError);
            avm.modelProperty().bind(vm.models().selectedProperty().map(m -> m.dir()));
            avm.workspaceProperty().bind(vm.workspacePathProperty());
            avm.offReasonProperty().bind(vm.readOnlyTipProperty());   // a read-only workspace: Run off, saying why
            avm.rl().onFinished(vm::workspaceWritten);   // a round's model: Models… lists it
            // the round's generator chosen in an earlier session (the settings file), and each new choice remembered
            if (!avm.rl().restoreGenerator(vm.arcGeneratorProperty().get())) vm.arcGeneratorProperty().set(null);
            avm.rl().chosenGeneratorProperty().addListener((o, was, now) -> vm.arcGeneratorProperty().set(now));
            arcWindow = new org.sealworkbench.ui.arc.ArcWindow(window(), avm);
        }
        arcWindow.show();
        arcWindow.toFront();
        return arcWindow;
    }

    /** Opens the Generate form and starts the job for the shown passage, the visible ones, or all. */
    void generate() {
        if (vm.studio().passageProperty().get() == null || vm.studio().generatingProperty().get()) return;
        GenerateFormViewModel form = new GenerateFormViewModel();
        form.models().setAll(vm.models().models());
        form.modelProperty().set(vm.models().selectedProperty().get());
        if (!dialogs.askGenerate(window(), form)) return;
        form.request().ifPresent(request -> {
            vm.models().selectedProperty().set(form.modelProperty().get());
            List<Long> ids = switch (form.scopeProperty().get()) {
                case SHOWN_PASSAGE -> List.of(vm.studio().passageProperty().get().id());
                case VISIBLE_PASSAGES -> vm.visiblePassageIds();
                case ALL_PASSAGES -> vm.allPassageIds();
            };
            vm.studio().generate(request, ids);
        });
    }

    /**
     * Under the toolbar while the workspace is read-only: that it is, why, what still works, and what to do to change it
     * (the menu items it turns off cannot carry a tooltip).
     */
    private HBox readOnlyBar(MainViewModel vm) {
        HBox bar = textBar("readOnlyBar", "Read-only", "readOnlyText", Bindings.createStringBinding(
                () -> vm.readOnlyReasonProperty().get() == null ? "" : "This workspace is open read-only ("
                        + vm.readOnlyReasonProperty().get() + "). Browse, compare, chart and export as usual; importing,"
                        + " generating, running, saving edits and judgements are off. To change it, work on a copy of its"
                        + " folder.", vm.readOnlyReasonProperty()), vm.readOnlyProperty());
        bar.getStyleClass().add("read-only-bar");
        return bar;
    }

    /** A job's note, wrapped whole (the status bar would cut it), with a close button; shown while there is one. */
    private HBox noticeBar(MainViewModel vm) {
        Button close = new Button("Dismiss");
        close.setId("noticeDismiss");
        close.getStyleClass().add("small");
        close.setMinWidth(Region.USE_PREF_SIZE);
        close.setOnAction(e -> vm.dismissNotice());
        HBox bar = textBar("notice", "Note", "noticeText", vm.noticeProperty(), vm.noticeProperty().isNotNull());
        bar.getChildren().add(close);
        return bar;
    }

    /** A bar of a bold title and a text wrapped whole, shown while {@code shown}. */
    private static HBox textBar(String id, String titleText, String textId, javafx.beans.value.ObservableValue<String> words,
                                javafx.beans.value.ObservableValue<Boolean> shown) {
        Label title = new Label(titleText);
        title.getStyleClass().add("notice-title");
        title.setMinWidth(Region.USE_PREF_SIZE);
        Label text = new Label();
        text.setId(textId);
        text.setWrapText(true);
        text.setMaxWidth(Double.MAX_VALUE);
        text.textProperty().bind(words);
        HBox.setHgrow(text, Priority.ALWAYS);
        HBox bar = new HBox(10, title, text);
        bar.setId(id);
        bar.getStyleClass().add("notice-bar");
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.visibleProperty().bind(shown);
        bar.managedProperty().bind(bar.visibleProperty());
        return bar;
    }

    private HBox statusBar(MainViewModel vm) {
        Label path = new Label();
        path.setId("statusWorkspace");
        path.textProperty().bind(Bindings.createStringBinding(() -> {
            var p = vm.workspacePathProperty().get();
            return p == null ? "No workspace open" : p.toString();
        }, vm.workspacePathProperty()));
        path.setMinWidth(120);
        // the end of the path names the workspace; the message beside it matters more than the folders above
        path.setMaxWidth(280);
        path.setTextOverrun(javafx.scene.control.OverrunStyle.LEADING_ELLIPSIS);
        Label readOnly = new Label("read-only");
        readOnly.setId("statusReadOnly");
        readOnly.getStyleClass().add("status-read-only");
        readOnly.setMinWidth(Region.USE_PREF_SIZE);
        readOnly.visibleProperty().bind(vm.readOnlyProperty());
        readOnly.managedProperty().bind(readOnly.visibleProperty());
        Tooltip readOnlyTip = Tooltips.wrapped();
        readOnlyTip.textProperty().bind(vm.readOnlyTipProperty());
        readOnly.setTooltip(readOnlyTip);
        Label counts = new Label();
        counts.setId("statusCounts");
        counts.textProperty().bind(vm.countsTextProperty());
        counts.setMinWidth(Region.USE_PREF_SIZE);
        Label message = new Label();
        message.setId("statusMessage");
        message.textProperty().bind(vm.statusMessageProperty());
        message.getStyleClass().add("status-message");
        message.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(message, Priority.ALWAYS);
        message.setAlignment(Pos.CENTER_RIGHT);
        // A job's last word (its result: "… done · passage only: macro accuracy 40.0 % over 2 passages") wraps onto a second line rather than
        // being cut to "macro ac…" beside the path, the counts and the engine; three lines at most.
        message.setWrapText(true);
        message.maxHeightProperty().bind(Bindings.createDoubleBinding(() -> 3.4 * message.getFont().getSize() * 1.25,
                message.fontProperty()));
        Tooltip messageTip = new Tooltip();
        messageTip.textProperty().bind(vm.statusMessageProperty());
        message.setTooltip(messageTip);
        Tooltip pathTip = new Tooltip();
        pathTip.textProperty().bind(path.textProperty());
        path.setTooltip(pathTip);
        Label engine = new Label();
        engine.setId("statusEngine");
        engine.textProperty().bind(vm.engine().textProperty());
        Tooltip engineTip = Tooltips.wrapped();   // the line names the natives' folder and MKL's kernels: wider than most screens
        engineTip.textProperty().bind(vm.engine().detailProperty());
        engine.setTooltip(engineTip);
        engine.setMinWidth(Region.USE_PREF_SIZE);
        HBox bar = new HBox(10, path, readOnly, new Separator(Orientation.VERTICAL), counts, message,
                new Separator(Orientation.VERTICAL), engine);
        bar.getStyleClass().add("status-bar");
        bar.setAlignment(Pos.CENTER_LEFT);
        return bar;
    }

    private static boolean within(javafx.scene.Node node, javafx.scene.Node ancestor) {
        for (javafx.scene.Node n = node; n != null; n = n.getParent()) if (n == ancestor) return true;
        return false;
    }

    private Window window() {
        return getScene() == null ? null : getScene().getWindow();
    }

    /** Selects a passage in the library (a chart's point was clicked), clearing the filter when it hides the passage. */
    void showPassage(long passageId) {
        PassageLibraryViewModel lib = vm.library();
        if (lib.findVisible(passageId).isEmpty()) lib.filterTextProperty().set("");
        lib.findVisible(passageId).ifPresent(lib.selectedProperty()::set);
    }

    /** One job's row in the jobs area, and the area's padding (ControlsFX's task cells at the workbench's font). */
    static final double JOB_ROW = 66.0, JOBS_PADDING = 10.0;

    /**
     * The jobs area's height for {@code tasks} jobs in a window content {@code height} px tall: a row per job, at most
     * three and at most what fits in a quarter of the height, never less than one row (the rest scroll).
     */
    static double jobsAreaHeight(int tasks, double height) {
        int fit = (int) Math.floor((height / 4 - JOBS_PADDING) / JOB_ROW);
        int rows = Math.max(1, Math.min(Math.min(3, fit), tasks));
        return JOBS_PADDING + JOB_ROW * rows;
    }
}
