package org.sealworkbench.ui.history;

import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.beans.value.ObservableValue;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import org.sealworkbench.jobs.history.HistoryService;
import org.sealworkbench.ui.JobRunner;

/**
 * The History tab's content: a {@link HistoryView} on the open workspace, rebuilt when another opens. Reads run on a
 * thread of the tab's own (a poll must not wait behind a whole evaluation on the window's job runner); the same thread
 * polls the jobs table every 2 s while jobs of another process are running, so their progress follows their rows. The
 * runs are read again whenever the tab is shown, and while it is shown whenever the window reads the library again (View >
 * Refresh, F5; the change check found that another process, e.g. {@code ./seal eval}, wrote to the workspace; a job of the
 * window stored something); the jobs as soon as a workspace opens. Resuming a job goes to the window's job runner (jobs
 * area, with progress and cancel). Plugged in with one line in the main view.
 */
public final class HistoryTab extends StackPane {
    /** How often the jobs of another process are read while some run. */
    public static final long POLL_MILLIS = 2_000;

    private final ObservableValue<Boolean> shown;
    private final JobRunner runner;
    private ScheduledExecutorService thread;
    private HistoryView view;

    private HistoryTab(ObservableValue<Path> workspace, ObservableValue<Boolean> shown, ObservableValue<?> libraryRead,
                       JobRunner runner) {
        this.shown = shown;
        this.runner = runner;
        getStyleClass().add("history-tab");
        workspace.addListener((o, a, dir) -> open(dir));
        shown.addListener((o, a, now) -> {
            if (Boolean.TRUE.equals(now) && view != null) view.viewModel().refresh();
        });
        // F5 and "The workspace changed on disk; refreshed" said the window was up to date while this table still lacked
        // the runs the command line had just stored (its empty state even says "then Refresh, F5")
        libraryRead.addListener((o, a, now) -> {
            if (Boolean.TRUE.equals(shown.getValue()) && view != null) view.viewModel().refresh();
        });
        open(workspace.getValue());
    }

    /**
     * Call on the FX thread.
     *
     * @param libraryRead changes whenever the window reads the library again (the main view model's count of reads): the
     *                    runs are read again then while the tab is shown
     */
    public static HistoryTab following(ObservableValue<Path> workspace, ObservableValue<Boolean> shown,
                                       ObservableValue<?> libraryRead, JobRunner runner) {
        return new HistoryTab(workspace, shown, libraryRead, runner);
    }

    /** Whether the open workspace is read-only (the window binds it): Resume is then off. */
    public javafx.beans.property.BooleanProperty readOnlyProperty() {
        return readOnly;
    }

    private final javafx.beans.property.BooleanProperty readOnly = new javafx.beans.property.SimpleBooleanProperty(this, "readOnly");

    public HistoryView view() {
        return view;
    }

    /**
     * Where the divider between the runs table and the detail is (a share of the height; {@link HistoryView#DIVIDER} to
     * start): each workspace's view starts there and follows it, and dragging the divider sets it. The window stores it
     * with its other dividers (the settings' divider.history).
     */
    public javafx.beans.property.DoubleProperty dividerProperty() {
        return divider;
    }

    private final javafx.beans.property.DoubleProperty divider =
            new javafx.beans.property.SimpleDoubleProperty(this, "divider", HistoryView.DIVIDER);

    private void open(Path dir) {
        if (thread != null) thread.shutdownNow();
        thread = null;
        if (view != null) view.dividerProperty().unbindBidirectional(divider);
        view = null;
        if (dir == null) {
            Label none = new Label("Open a workspace (File > Open workspace…, Ctrl+O) to see the history of its runs and jobs.");
            none.setWrapText(true);
            getChildren().setAll(none);
            return;
        }
        ScheduledExecutorService t = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread th = new Thread(r, "seal-history");
            th.setDaemon(true);
            return th;
        });
        thread = t;
        HistoryViewModel vm = new HistoryViewModel(new HistoryService(dir), t, Platform::runLater, runner::submit);
        vm.readOnlyProperty().bind(readOnly);
        view = new HistoryView(vm);
        view.dividerProperty().set(divider.get());
        // both ways: a drag is remembered, a stored position (set by the window at its start) is shown
        view.dividerProperty().bindBidirectional(divider);
        getChildren().setAll(view);
        t.scheduleWithFixedDelay(vm::poll, POLL_MILLIS, POLL_MILLIS, TimeUnit.MILLISECONDS);
        if (Boolean.TRUE.equals(shown.getValue())) vm.refresh();
        else vm.refreshJobs();
    }

    /** Stops the poll (the window is closing). */
    public void close() {
        if (thread != null) thread.shutdownNow();
    }
}
