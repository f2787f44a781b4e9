package org.sealworkbench.ui;

import org.sealworkbench.jobs.workspace.WorkspaceService;
import org.sealworkbench.jobs.workspace.StoreWorkspaceService;
import java.net.URL;
import javafx.application.Application;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.stage.Screen;
import javafx.stage.Stage;

/** The workbench window. Started by {@link WorkbenchLauncher}; tests construct it with their own parts. */
public final class WorkbenchApp extends Application {
    private StartupOptions options;
    private final DialogService dialogs;
    private final WorkspaceService.Opener opener;
    private MainViewModel viewModel;
    private MainView view;

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
    }

    @Override
    public void start(Stage stage) {
        init();
        viewModel = new MainViewModel(opener, new JobRunner(), options.sampleDir());
        view = new MainView(viewModel, dialogs, stage::close);
        // 1400x900, or less on a smaller screen (a laptop, or the headless test screen).
        Rectangle2D screen = Screen.getPrimary().getVisualBounds();
        Scene scene = new Scene(view, Math.min(1400, screen.getWidth()), Math.min(900, screen.getHeight()));
        URL css = WorkbenchApp.class.getResource("workbench.css");
        if (css != null) scene.getStylesheets().add(css.toExternalForm());
        stage.titleProperty().bind(viewModel.windowTitleProperty());
        stage.setScene(scene);
        stage.setMinWidth(800);
        stage.setMinHeight(500);
        stage.show();
        viewModel.openWorkspace(options.workspace(), true);
        viewModel.engine().probe(StoreWorkspaceService::engineDescription);
    }

    @Override
    public void stop() {
        if (viewModel != null) viewModel.close();
    }

    public MainViewModel viewModel() { return viewModel; }

    public MainView view() { return view; }
}
