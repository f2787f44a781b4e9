package org.sealworkbench.ui.qa;

import java.nio.file.Path;
import javafx.beans.value.ObservableValue;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import org.sealworkbench.ui.PassageRow;

/**
 * The "Runs & QA" tab's content: a {@link QaScreen} on the open workspace (a new one when another workspace opens, the
 * old one closed), showing the library's selected passage. Plugged in with one line in the main view.
 */
public final class QaTab extends StackPane {
    private QaScreen screen;
    private Runnable written = () -> {};
    private final ObservableValue<PassageRow> selected;
    private final javafx.beans.property.ObjectProperty<org.sealworkbench.jobs.qa.QaRun> shownRun =
            new javafx.beans.property.SimpleObjectProperty<>();
    private final javafx.beans.property.BooleanProperty readOnly = new javafx.beans.property.SimpleBooleanProperty(this, "readOnly");

    private QaTab(ObservableValue<Path> workspace, ObservableValue<PassageRow> selected) {
        this.selected = selected;
        getStyleClass().add("qa-tab");
        workspace.addListener((o, old, dir) -> open(dir));
        selected.addListener((o, old, row) -> {
            if (screen != null && row != null && (old == null || old.id() != row.id())) screen.show(row.id());
        });
        open(workspace.getValue());
    }

    /** Call on the FX thread. */
    public static QaTab following(ObservableValue<Path> workspace, ObservableValue<PassageRow> selected) {
        return new QaTab(workspace, selected);
    }

    /**
     * As {@link #following(ObservableValue, ObservableValue)}, reading the shown passage's runs again whenever
     * {@code libraryRead} changes (the window read the library again: F5, a change on disk from the command line, a job's
     * end), keeping the chosen run.
     */
    public static QaTab following(ObservableValue<Path> workspace, ObservableValue<PassageRow> selected, ObservableValue<?> libraryRead) {
        QaTab tab = new QaTab(workspace, selected);
        libraryRead.addListener((o, was, now) -> {
            if (tab.screen != null && selected.getValue() != null) tab.screen.viewModel().refresh();
        });
        return tab;
    }

    /** The run whose table is shown (null when none), for the live loss panel to draw its stored curve. */
    public javafx.beans.value.ObservableValue<org.sealworkbench.jobs.qa.QaRun> shownRunProperty() {
        return shownRun;
    }

    /** Whether the open workspace is read-only (the window binds it): marking verdicts is then off. */
    public javafx.beans.property.BooleanProperty readOnlyProperty() {
        return readOnly;
    }

    /** Told after a person's verdict is stored (the window's change check then does not call it a change on disk). */
    public void setOnWritten(Runnable r) {
        written = r == null ? () -> {} : r;
        if (screen != null) screen.viewModel().setOnWritten(written);
    }

    /** The shown screen's view model (tests); null without a workspace. */
    QaViewModel viewModel() {
        return screen == null ? null : screen.viewModel();
    }

    /** Focuses the search field of the shown QA table; false when no workspace is open (there is none). */
    public boolean focusSearch() {
        if (screen == null) return false;
        screen.view().focusSearch();
        return true;
    }

    /** Reads the passage's runs again when it is the one shown (a run of it was just stored). */
    public void refresh(long passageId) {
        PassageRow row = selected.getValue();
        if (screen != null && row != null && row.id() == passageId) screen.show(passageId);
    }

    /**
     * Closes the screen's connection to the workspace (the window's exit): SQLite folds its write-ahead log into
     * workspace.db and removes the -wal and -shm files only when the last connection closes, and this one was left
     * open, so a workspace copied after quitting could miss its last commits.
     */
    public void close() {
        if (screen != null) screen.close();
        screen = null;
    }

    private void open(Path dir) {
        if (screen != null) screen.close();
        screen = null;
        shownRun.unbind();
        shownRun.set(null);
        if (dir == null) {
            Label none = new Label("Open a workspace (File > Open workspace…, Ctrl+O) to see its QA results.");
            none.setWrapText(true);
            getChildren().setAll(none);
            return;
        }
        screen = QaScreen.open(dir);
        screen.viewModel().setOnWritten(written);
        screen.viewModel().readOnlyProperty().bind(readOnly);
        shownRun.bind(screen.viewModel().selectedRunProperty());
        getChildren().setAll(screen.view());
        PassageRow row = selected.getValue();
        if (row != null) screen.show(row.id());
    }
}
