package org.sealworkbench.ui.charts;

import java.net.URL;
import java.nio.file.Path;
import javafx.application.Application;
import javafx.beans.value.ObservableValue;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.stage.Screen;
import javafx.stage.Stage;
import org.sealworkbench.jobs.charts.ChartsService;
import org.sealworkbench.ui.JobRunner;

/** The charts view in a window of its own ({@code ./seal charts-window --workspace DIR}); in the workbench it is a tab. */
public final class ChartsApp extends Application {
    private static Path workspace;
    private static String theme = "light";
    private JobRunner runner;

    /** Opens the window on a workspace; returns when it is closed. */
    public static void launch(Path workspaceDir) {
        launch(workspaceDir, "light");
    }

    /** Opens the window on a workspace in a theme ("light" or "dark"); returns when it is closed. */
    public static void launch(Path workspaceDir, String themeName) {
        workspace = workspaceDir.toAbsolutePath();
        theme = themeName;
        org.sealworkbench.ui.WorkbenchLauncher.awtForDrawingOnly();
        Application.launch(ChartsApp.class);
    }

    /** The view on a workspace, reading it at once (off the FX thread). */
    public static ChartsView create(Path workspace, JobRunner runner) {
        ChartsViewModel vm = new ChartsViewModel(new ChartsService(workspace), runner);
        ChartsView view = new ChartsView(vm);
        vm.refresh();
        return view;
    }

    /**
     * The workbench's Charts tab: a view on whichever workspace is open, rebuilt when another is opened and read only
     * while the tab is shown (so opening a workspace does not queue a read, or its error, behind the user's back);
     * until a workspace is open it says what to do.
     */
    public static Node tab(ObservableValue<Path> workspace, ObservableValue<Boolean> shown, JobRunner runner) {
        return tab(workspace, shown, runner, id -> {});
    }

    /** As {@link #tab(ObservableValue, ObservableValue, JobRunner)}; a click on a passage's point calls {@code openPassage}. */
    public static Node tab(ObservableValue<Path> workspace, ObservableValue<Boolean> shown, JobRunner runner,
                           java.util.function.LongConsumer openPassage) {
        return tab(workspace, shown, runner, openPassage, new javafx.beans.property.SimpleBooleanProperty(false));
    }

    /**
     * As {@link #tab(ObservableValue, ObservableValue, JobRunner, java.util.function.LongConsumer)}, following whether the
     * workspace is read-only ('Compute perplexities' off, the empty charts saying why nothing can be made).
     */
    public static Node tab(ObservableValue<Path> workspace, ObservableValue<Boolean> shown, JobRunner runner,
                           java.util.function.LongConsumer openPassage, ObservableValue<Boolean> readOnly) {
        StackPane holder = new StackPane();
        boolean[] read = {false};
        Runnable readIfShown = () -> {
            if (!read[0] && Boolean.TRUE.equals(shown.getValue()) && holder.getChildren().size() == 1
                    && holder.getChildren().get(0) instanceof ChartsView v) {
                read[0] = true;
                v.viewModel().refresh();
            }
        };
        Runnable show = () -> {
            Path ws = workspace.getValue();
            read[0] = false;
            if (ws == null) {
                Label l = new Label("Open a workspace (File > Open workspace…) to see its charts.");
                l.setWrapText(true);
                holder.getChildren().setAll(l);
            } else {
                ChartsViewModel vm = new ChartsViewModel(new ChartsService(ws), runner);
                vm.setOnOpenPassage(openPassage);
                vm.readOnlyProperty().bind(readOnly);
                holder.getChildren().setAll(new ChartsView(vm));
                readIfShown.run();
            }
        };
        workspace.addListener((o, a, b) -> show.run());
        shown.addListener((o, a, b) -> readIfShown.run());
        show.run();
        return holder;
    }

    @Override
    public void start(Stage stage) {
        org.sealworkbench.ui.GlyphLayoutRace.prevent();
        org.sealworkbench.ui.Theme.parse(theme).apply();
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
