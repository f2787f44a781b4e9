package org.sealworkbench.ui.annotate;

import java.net.URL;
import java.nio.file.Path;
import javafx.application.Application;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.stage.Screen;
import javafx.stage.Stage;
import org.sealworkbench.jobs.annotate.AnnotationBackend;
import org.sealworkbench.jobs.annotate.AnnotationService;
import org.sealworkbench.ui.JobRunner;

/**
 * The annotation screen in a window of its own ({@code ./seal annotate-window --workspace DIR}), for
 * annotators who only judge, and for screenshots. Inside the workbench the same view is a tab.
 */
public final class AnnotationApp extends Application {
    private static Path workspace;
    private static AnnotationBackend backend;
    private JobRunner runner;

    /** Opens the window on a workspace; returns when it is closed. */
    public static void launch(Path workspaceDir) {
        workspace = workspaceDir.toAbsolutePath();
        // Opened here, on the caller's thread, so the FX thread never waits for the log.
        backend = AnnotationService.open(workspace);
        org.sealworkbench.ui.WorkbenchLauncher.awtForDrawingOnly();
        Application.launch(AnnotationApp.class);
    }

    @Override
    public void start(Stage stage) {
        org.sealworkbench.ui.GlyphLayoutRace.prevent();
        runner = new JobRunner();
        // workbench.css uses the AtlantaFX theme's colour names.
        org.sealworkbench.ui.Theme.LIGHT.apply();
        AnnotationViewModel vm = new AnnotationViewModel(backend, runner);
        // The project's word diff (seal.WordDiff): the ranges of this side's text that the other side lacks.
        vm.setWordDifferences((text, other) -> org.sealworkbench.seal.WordDiff.diff(text, other).left().stream()
                .map(s -> new WordDifferences.Range(s.start(), s.end())).toList());
        AnnotationView view = new AnnotationView(vm, new FxAnnotationDialogs());
        Rectangle2D screen = Screen.getPrimary().getVisualBounds();
        Scene scene = new Scene(view, Math.min(1400, screen.getWidth()), Math.min(900, screen.getHeight()));
        URL css = org.sealworkbench.ui.WorkbenchApp.class.getResource("workbench.css");
        if (css != null) scene.getStylesheets().add(css.toExternalForm());
        stage.setTitle("Annotate - " + workspace);
        stage.setScene(scene);
        stage.show();
        view.focusAnnotator();
        vm.load();
    }

    @Override
    public void stop() {
        if (runner != null) runner.close();
        if (backend != null) backend.close();
    }
}
