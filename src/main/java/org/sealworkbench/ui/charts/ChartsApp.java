package org.sealworkbench.ui.charts;

import java.net.URL;
import java.nio.file.Path;
import javafx.application.Application;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.stage.Screen;
import javafx.stage.Stage;
import org.sealworkbench.jobs.charts.ChartsService;
import org.sealworkbench.ui.JobRunner;

/** The charts view in a window of its own ({@code ./seal charts-window --workspace DIR}); in the workbench it is a tab. */
public final class ChartsApp extends Application {
    private static Path workspace;
    private JobRunner runner;

    /** Opens the window on a workspace; returns when it is closed. */
    public static void launch(Path workspaceDir) {
        workspace = workspaceDir.toAbsolutePath();
        Application.launch(ChartsApp.class);
    }

    /** The view on a workspace, reading it at once (off the FX thread). */
    public static ChartsView create(Path workspace, JobRunner runner) {
        ChartsViewModel vm = new ChartsViewModel(new ChartsService(workspace), runner);
        ChartsView view = new ChartsView(vm);
        vm.refresh();
        return view;
    }

    @Override
    public void start(Stage stage) {
        runner = new JobRunner();
        ChartsView view = create(workspace, runner);
        Rectangle2D screen = Screen.getPrimary().getVisualBounds();
        Scene scene = new Scene(view, screen.getWidth(), screen.getHeight());
        URL css = org.sealworkbench.ui.WorkbenchApp.class.getResource("workbench.css");
        if (css != null) scene.getStylesheets().add(css.toExternalForm());
        stage.setTitle("Charts - " + workspace);
        stage.setScene(scene);
        stage.setMaximized(true);
        stage.show();
    }

    @Override
    public void stop() {
        if (runner != null) runner.close();
    }
}
