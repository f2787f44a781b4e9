package org.sealworkbench.ui.runs;

import java.nio.file.Path;
import javafx.application.Platform;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Orientation;
import javafx.scene.control.SplitPane;
import org.sealworkbench.jobs.runs.RunService;
import org.sealworkbench.ui.Background;
import org.sealworkbench.ui.PassageRow;
import org.sealworkbench.ui.qa.QaTab;

/**
 * The "Runs &amp; QA" tab: the live loss panel above the QA results of the selected passage. While an inner loop trains
 * its loss draws above; when a run of the shown passage is stored, the QA table reads its runs again and shows it; when
 * nothing trains, the curve of the run picked in the QA table is read from its stored training steps (when a job ends,
 * the picked run's, not the last one trained; see {@link LiveLossViewModel}).
 */
public final class RunsTab extends SplitPane {
    private final LiveLossViewModel live = new LiveLossViewModel(Platform::runLater);
    private final LiveLossView liveView = new LiveLossView(live);
    private final QaTab qa;

    /** What the loss panel says in a read-only workspace while no stored run is shown. */
    static final String NONE_READ_ONLY = "No stored run to show, and the workspace is open read-only: nothing can be trained in it"
            + " (to fine-tune & evaluate, work on a copy of its folder).";

    /** {@code libraryRead}: changes whenever the window reads the library again; the QA table then reads its runs again. */
    public RunsTab(ObservableValue<Path> workspace, ObservableValue<PassageRow> selected, ObservableValue<?> libraryRead, Background reads) {
        setOrientation(Orientation.VERTICAL);
        getStyleClass().add("runs-tab");
        qa = QaTab.following(workspace, selected, libraryRead);
        getItems().setAll(liveView, qa);
        setDividerPositions(0.33);
        live.setOnRunDone(d -> qa.refresh(d.passageId()));
        // The panel's first words say to Fine-tune & evaluate, which a read-only workspace cannot: say why it stays empty.
        qa.readOnlyProperty().addListener((o, was, now) -> {
            if (qa.shownRunProperty().getValue() != null) return;
            if (now) live.showNone(NONE_READ_ONLY);
            else live.showNone(workspace.getValue() == null ? "Open a workspace to see its runs' training loss."
                    : "No stored run of the chosen passage: Fine-tune & evaluate it (Ctrl+Shift+F) to draw its training loss here.");
        });
        qa.shownRunProperty().addListener((o, a, run) -> {
            Path dir = workspace.getValue();
            if (run != null && dir != null) live.showStored(run.runId(), run.what(), reads, new RunService(dir)::lossCurve);
            else live.showNone(dir == null ? "Open a workspace to see its runs' training loss."
                    : qa.readOnlyProperty().get() ? NONE_READ_ONLY
                    : "No stored run of the chosen passage: Fine-tune & evaluate it (Ctrl+Shift+F) to draw its training loss here.");
        });
    }

    /** Focuses the QA table's search field (Ctrl+F on this tab); false when no workspace is open. */
    public boolean focusSearch() {
        return qa.focusSearch();
    }

    public LiveLossViewModel live() {
        return live;
    }

    /** Whether the open workspace is read-only (the window binds it): the QA table's marking is off, the empty states say so. */
    public javafx.beans.property.BooleanProperty readOnlyProperty() {
        return qa.readOnlyProperty();
    }

    public QaTab qa() {
        return qa;
    }

    public LiveLossView liveView() {
        return liveView;
    }
}
