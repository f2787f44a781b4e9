package org.sealworkbench.ui;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.sealworkbench.ui.charts.ChartFactory;
import java.util.function.BooleanSupplier;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/**
 * The passage library: all rows, the filter text, the rows it lets through, the selected row, and the grader the QA
 * columns (best stored accuracy, gain over passage only) are by.
 */
public final class PassageLibraryViewModel {
    private final ObservableList<PassageRow> rows = FXCollections.observableArrayList();
    private final FilteredList<PassageRow> visibleRows = new FilteredList<>(rows, r -> true);
    private final StringProperty filterText = new SimpleStringProperty(this, "filterText", "");
    private final ObjectProperty<PassageRow> selected = new SimpleObjectProperty<>(this, "selected");
    private final StringProperty grader = new SimpleStringProperty(this, "grader", "");
    private final javafx.beans.property.BooleanProperty loading = new javafx.beans.property.SimpleBooleanProperty(this, "loading");
    private final javafx.beans.property.ReadOnlyBooleanWrapper qaPending = new javafx.beans.property.ReadOnlyBooleanWrapper(this, "qaPending");
    private final javafx.beans.property.BooleanProperty workspaceOpen = new javafx.beans.property.SimpleBooleanProperty(this, "workspaceOpen");
    /** En dash: what a QA cell shows when the passage has no graded run (or no passage-only run to compare with). */
    public static final String MISSING = "\u2013";

    /**
     * The passage that was selected when the filter hid it, chosen again when a later filter (Esc clears it) shows it and
     * nothing else was picked meanwhile: the studio's actions (Ctrl+G, Ctrl+Shift+F) need a selected passage, and a
     * person who searched and gave up expects to be back where they were.
     */
    private Long hiddenByFilter;

    public PassageLibraryViewModel() {
        filterText.addListener((obs, old, text) -> {
            PassageRow chosen = selected.get();
            String[] words = PassageRow.queryWords(text);
            // The table drops its selection while the rows change and then selects the same row again: no person's
            // choice, so it is not passed on (each keystroke cleared and read the passage again, on a large workspace
            // half a second of the window's time); the selection changes below only when the row is filtered out.
            replacing = true;
            try {
                visibleRows.setPredicate(words.length == 0 ? r -> true : r -> PassageRow.allWordsIn(words, r.searchText()));
            } finally {
                replacing = false;
            }
            if (chosen != null && !visibleRows.contains(chosen)) {
                selected.set(null);
                hiddenByFilter = chosen.id();
            } else if (chosen == null && hiddenByFilter != null) {
                findVisible(hiddenByFilter).ifPresent(selected::set);
            }
        });
        selected.addListener((obs, old, row) -> {
            if (row != null) hiddenByFilter = null;   // the person chose another passage
        });
    }

    public ObservableList<PassageRow> visibleRows() { return visibleRows; }
    public int totalRows() { return rows.size(); }
    public List<PassageRow> allRows() { return List.copyOf(rows); }
    public StringProperty filterTextProperty() { return filterText; }
    public ObjectProperty<PassageRow> selectedProperty() { return selected; }
    /** The grader of the QA columns; "" when nothing in the workspace is graded. */
    public StringProperty graderProperty() { return grader; }

    /** True while a workspace is being opened (the empty table then says so, not "no passages yet"). */
    public javafx.beans.property.BooleanProperty loadingProperty() { return loading; }

    /**
     * Whether a workspace is open (the main window binds it). Without one, Import is off, so the empty table points to
     * Open workspace instead.
     */
    public javafx.beans.property.BooleanProperty workspaceOpenProperty() { return workspaceOpen; }

    /**
     * Whether the open workspace is read-only (the main window binds it): Import is off, so the empty table does not
     * point to it.
     */
    public javafx.beans.property.BooleanProperty readOnlyProperty() { return readOnly; }

    private final javafx.beans.property.BooleanProperty readOnly = new javafx.beans.property.SimpleBooleanProperty(this, "readOnly");

    /**
     * True while the rows are shown without their QA numbers, which are being read (seconds on a large workspace): the
     * Best and Gain cells say so instead of an en dash ("no graded run").
     */
    public javafx.beans.property.ReadOnlyBooleanProperty qaPendingProperty() { return qaPending.getReadOnlyProperty(); }

    /** What a QA cell shows while the numbers are being read ({@link #qaPendingProperty}). */
    public static final String PENDING = "\u2026";

    /** The empty table's text: what to do next, or why nothing shows. */
    public javafx.beans.binding.StringBinding placeholderText() {
        return javafx.beans.binding.Bindings.createStringBinding(() -> loading.get() ? "Reading the passage library…"
                : !workspaceOpen.get() ? "No workspace open. Use File › Open workspace… (Ctrl+O) to open or create one."
                : (filterText.get() == null || filterText.get().isEmpty()) && readOnly.get()
                        ? "No passages in this workspace, and it is open read-only: to import some, work on a copy of its"
                        + " folder, or open another workspace (Ctrl+O)."
                : filterText.get() == null || filterText.get().isEmpty() ? "No passages yet. Use File › Import… to add some."
                : "No passage matches “" + filterText.get() + "”. Press Esc to clear the filter.", loading, workspaceOpen, filterText,
                readOnly);
    }

    /**
     * A snapshot's rows and the grader of its QA columns. A snapshot without its QA numbers keeps those the rows had
     * (by passage) until {@link #showQa} brings the new ones, so that a refresh does not blank the columns meanwhile.
     */
    public void show(LibrarySnapshot snapshot) {
        if (snapshot.qaCurrent()) {
            grader.set(snapshot.grader());
            setRows(snapshot.rows());
            qaPending.set(false);
            return;
        }
        java.util.Map<Long, org.sealworkbench.jobs.qa.PassageQaSummary> had = new java.util.HashMap<>();
        for (PassageRow r : rows) if (r.qa() != null) had.put(r.id(), r.qa());
        List<PassageRow> kept = new java.util.ArrayList<>(snapshot.rows().size());
        for (PassageRow r : snapshot.rows()) kept.add(r.qa() != null ? r : r.withQa(had.get(r.id())));
        setRows(kept);
        qaPending.set(true);
    }

    /** The QA numbers read after the rows ({@link #show} of a snapshot without them): the columns fill in. */
    public void showQa(org.sealworkbench.jobs.qa.LibraryQa qa) {
        java.util.Map<Long, org.sealworkbench.jobs.qa.PassageQaSummary> byPassage = new java.util.HashMap<>();
        for (var s : qa.passages()) byPassage.put(s.passageId(), s);
        List<PassageRow> withQa = new java.util.ArrayList<>(rows.size());
        for (PassageRow r : rows) withQa.add(r.withQa(byPassage.get(r.id())));
        grader.set(qa.grader());
        setRows(withQa);
        qaPending.set(false);
    }

    /** The QA numbers could not be read: the columns stop waiting (and show what the rows have). */
    public void qaFailed() {
        qaPending.set(false);
    }

    /**
     * "67%" of an accuracy; the en dash when there is none. The library alone writes whole percents: its pane is narrow
     * at 1280 px, and "66.7 %" and "+16.7" in Best and Gain left the title five letters (session 24). The cells' tooltips
     * give {@link #exactAccuracy}, as the rest of the window writes it.
     */
    public static String formatAccuracy(Double accuracy) {
        return accuracy == null ? MISSING : String.format(Locale.ROOT, "%.0f%%", accuracy * 100);
    }

    /** "66.7 %": an accuracy as the rest of the window writes it ({@link ChartFactory#percent}), for the cell's tooltip. */
    public static String exactAccuracy(double accuracy) {
        return ChartFactory.percent(accuracy) + ", the best of the passage's runs";
    }

    /** "+16.7 points": a gain as the rest of the window writes differences ({@link ChartFactory#signedPoints}). */
    public static String exactGain(double gain) {
        return ChartFactory.signedPoints(gain) + " points over passage only";
    }

    /** "+17" / "\u221217" / "0": a gain in accuracy in percentage points (the header says so); the en dash when there is none. */
    public static String formatGain(Double gain) {
        if (gain == null) return MISSING;
        long pts = Math.round(gain * 100);
        return pts > 0 ? "+" + pts : pts < 0 ? "\u2212" + (-pts) : "0";
    }

    /**
     * Orders numbers as numbers, with the missing ones (null) last whichever way the column sorts: a table reverses
     * its comparator for a descending sort, so the missing side flips with {@code ascending} to stay at the end.
     */
    public static Comparator<Double> missingLast(BooleanSupplier ascending) {
        return (a, b) -> {
            if (a == null && b == null) return 0;
            if (a == null || b == null) return (a == null ? 1 : -1) * (ascending.getAsBoolean() ? 1 : -1);
            return Double.compare(a, b);
        };
    }

    /** Replaces the rows, keeping the selection on the same passage when it is still there and visible. */
    public void setRows(List<PassageRow> newRows) {
        Long keepId = selected.get() == null ? null : selected.get().id();
        replacing = true;
        try {
            rows.setAll(newRows);
        } finally {
            replacing = false;
        }
        selected.set(keepId == null ? null : findVisible(keepId).orElse(null));
    }

    /** True while {@link #setRows} swaps the rows: a table losing its selection then is no user's choice. */
    public boolean isReplacingRows() {
        return replacing;
    }

    private boolean replacing;

    public Optional<PassageRow> findVisible(long id) {
        return visibleRows.stream().filter(r -> r.id() == id).findFirst();
    }
}
