package org.sealworkbench.ui;

import org.sealworkbench.jobs.workspace.WorkspaceService;
import org.sealworkbench.jobs.workspace.StoreWorkspaceService;
import java.net.URL;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Application;
import javafx.util.Duration;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.stage.Screen;
import javafx.stage.Stage;

/** The workbench window. Started by {@link WorkbenchLauncher}; tests construct it with their own parts. */
public final class WorkbenchApp extends Application {
    /** The settings key of the Few-shot RL round's chosen generator (a model folder). */
    static final String ARC_GENERATOR = "arc.rl.generator";
    /** The settings key saying the window was maximised when it closed. */
    static final String WINDOW_MAXIMIZED = "window.maximized";
    /** The settings key of History's divider between its runs table and the run's detail (a share of the height). */
    static final String HISTORY_DIVIDER = "divider.history";
    private StartupOptions options;
    private final DialogService dialogs;
    private final WorkspaceService.Opener opener;
    private MainViewModel viewModel;
    private MainView view;
    private org.sealworkbench.app.UserSettings settings;
    private Stage stage;
    private Timeline changeCheck;
    private org.sealworkbench.ui.welcome.FirstRun firstRun;
    private AnnotateTab annotate;

    public WorkbenchApp() {
        this(null, new FxDialogService(), StoreWorkspaceService::open);
    }

    /** For tests: fixed options, scripted dialogs and a chosen backend. */
    public WorkbenchApp(StartupOptions options, DialogService dialogs, WorkspaceService.Opener opener) {
        this.options = options;
        this.dialogs = dialogs;
        this.opener = opener;
    }

    @Override
    public void init() {
        if (options == null) {
            var p = getParameters();
            options = StartupOptions.parse(p == null ? java.util.List.of() : p.getRaw());
        }
        if (firstRun == null) firstRun = org.sealworkbench.ui.welcome.FirstRun.prepare(options.workspace(), options.sampleDir());
    }

    @Override
    public void start(Stage stage) {
        init();
        org.sealworkbench.ui.GlyphLayoutRace.prevent();
        this.stage = stage;
        // The app's one settings file (app.AppDirs' config folder), shared with the first run's last workspace.
        settings = options.settingsFile() == null ? org.sealworkbench.app.UserSettings.loadDefault()
                : org.sealworkbench.app.UserSettings.load(options.settingsFile());
        Theme theme = Theme.parse(settings.get("theme", "light"));
        theme.apply();
        viewModel = new MainViewModel(opener, new JobRunner(), options.sampleDir());
        view = new MainView(viewModel, dialogs, stage::close);
        annotate = new AnnotateTab(view.tabs, viewModel.workspaceProperty(), viewModel.libraryReadProperty(), viewModel.runner(),
                org.sealworkbench.jobs.annotate.AnnotationService::open, viewModel::showError,
                viewModel.studio().annotatorProperty(), viewModel::noteOwnWrite);
        viewModel.studio().annotatorProperty().set(settings.get("annotator", System.getProperty("user.name", "")));
        (theme == Theme.DARK ? view.darkItem : view.lightItem).setSelected(true);
        view.lightItem.setOnAction(e -> switchTheme(Theme.LIGHT));
        view.darkItem.setOnAction(e -> switchTheme(Theme.DARK));
        view.tabs.select(settings.get("tab", WorkbenchTabs.SELF_EDITS));
        String generator = settings.get(ARC_GENERATOR, "");
        if (!generator.isBlank()) viewModel.arcGeneratorProperty().set(java.nio.file.Path.of(generator));
        // The remembered content size, else 1400x900, beside a window frame on the screen; maximised when it was, or
        // when that size does not fit (a laptop, or the headless test screen): WindowPlacement.
        Rectangle2D screen = Screen.getPrimary().getVisualBounds();
        WindowPlacement place = WindowPlacement.of(settings.getDouble("window.width", 1400, 800, 10000),
                settings.getDouble("window.height", 900, 500, 10000), "true".equals(settings.get(WINDOW_MAXIMIZED, "false")),
                screen.getWidth(), screen.getHeight(), !"Monocle".equalsIgnoreCase(System.getProperty("glass.platform")));
        stage.setMaximized(false);   // a stage shown before (tests reuse one) starts from its scene's size
        Scene scene = new Scene(view, place.width(), place.height());
        URL css = WorkbenchApp.class.getResource("workbench.css");
        if (css != null) scene.getStylesheets().add(css.toExternalForm());
        stage.titleProperty().bind(viewModel.windowTitleProperty());
        stage.setScene(scene);
        stage.sizeToScene();   // the scene's size, not one the stage was given before (a stage shown earlier keeps its own)
        stage.setMinWidth(WindowPlacement.MIN_WIDTH);
        stage.setMinHeight(WindowPlacement.MIN_HEIGHT);
        stage.setMaximized(place.maximized());
        stage.show();
        // Divider positions apply once the window has its size.
        view.split.setDividerPositions(settings.getDouble("divider.library", 0.22, 0.05, 0.9));
        view.studio.setDivider(settings.getDouble("divider.passage", 0.28, 0.05, 0.9));
        view.history.dividerProperty().set(settings.getDouble(HISTORY_DIVIDER, org.sealworkbench.ui.history.HistoryView.DIVIDER, 0.1, 0.9));
        if (settings.loadProblem() != null) viewModel.reportProblem(settings.loadProblem());
        firstRun.start(stage, viewModel::openWorkspace, viewModel.workspacePathProperty(), viewModel.engine().textProperty());
        viewModel.engine().probe(StoreWorkspaceService::engineDescription);
        // A cheap look at the log every few seconds notices what the command line wrote to the same workspace.
        changeCheck = new Timeline(new KeyFrame(Duration.seconds(4), e -> viewModel.checkForChanges()));
        changeCheck.setCycleCount(Animation.INDEFINITE);
        changeCheck.play();
    }

    private void switchTheme(Theme theme) {
        theme.apply();
        settings.put("theme", theme.key());
        saveSettings();
    }

    /** Writes the layout, theme and annotator; a failure is reported, never fatal. */
    void saveSettings() {
        if (settings == null || view == null) return;
        // The content's size (the scene's: the frame is the window manager's), kept from before while maximised, so
        // that un-maximising on the next start gives back the size the person chose.
        if (stage != null && stage.getScene() != null && stage.getScene().getWidth() > 0) {
            settings.put(WINDOW_MAXIMIZED, Boolean.toString(stage.isMaximized()));
            if (!stage.isMaximized()) {
                settings.putDouble("window.width", stage.getScene().getWidth());
                settings.putDouble("window.height", stage.getScene().getHeight());
            }
        }
        if (view.split.getDividerPositions().length > 0) settings.putDouble("divider.library", view.split.getDividerPositions()[0]);
        double[] studio = view.studio.dividerPositions();
        if (studio.length > 0 && view.studio.split.getItems().size() > 1) settings.putDouble("divider.passage", studio[0]);
        settings.putDouble(HISTORY_DIVIDER, view.history.dividerProperty().get());
        settings.put("tab", view.tabs.selectedName());
        settings.put("annotator", viewModel.studio().annotatorProperty().get());
        java.nio.file.Path generator = viewModel.arcGeneratorProperty().get();
        settings.put(ARC_GENERATOR, generator == null ? null : generator.toString());
        try {
            settings.save();
        } catch (RuntimeException e) {
            System.err.println("Could not save the window settings to " + settings.file() + ": " + e.getMessage());
        }
    }

    @Override
    public void stop() {
        if (changeCheck != null) changeCheck.stop();
        saveSettings();
        if (annotate != null) annotate.close();
        if (view != null) view.runs.qa().close();
        if (viewModel != null) viewModel.close();
    }

    public MainViewModel viewModel() { return viewModel; }

    public MainView view() { return view; }

    AnnotateTab annotateTab() { return annotate; }
}
