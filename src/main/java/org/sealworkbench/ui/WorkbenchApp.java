package org.sealworkbench.ui;

import java.net.URL;
import javafx.application.Application;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.stage.Screen;
import javafx.stage.Stage;
import org.sealworkbench.llm.Devices;

/** The workbench window. Started by {@link WorkbenchLauncher}; tests construct it with their own parts. */
public final class WorkbenchApp extends Application {
    private StartupOptions options;
    private final DialogService dialogs;
    private final WorkspaceBackend.Opener opener;
    private MainViewModel viewModel;
    private MainView view;
    private org.sealworkbench.ui.welcome.FirstRun firstRun;

    public WorkbenchApp() {
        this(null, new FxDialogService(), StoreWorkspace::open);
    }

    /** For tests: fixed options, scripted dialogs and a chosen backend. */
    public WorkbenchApp(StartupOptions options, DialogService dialogs, WorkspaceBackend.Opener opener) {
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
        firstRun.start(stage, viewModel::openWorkspace, viewModel.workspacePathProperty(), viewModel.engine().textProperty());
        viewModel.engine().probe(Devices::describe);
    }

    @Override
    public void stop() {
        if (viewModel != null) viewModel.close();
    }

    public MainViewModel viewModel() { return viewModel; }

    public MainView view() { return view; }
}
