package org.sealworkbench.ui.qa;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import org.sealworkbench.jobs.qa.QaAnswer;
import org.sealworkbench.jobs.qa.QaRow;
import org.sealworkbench.jobs.qa.QaRun;
import org.sealworkbench.jobs.qa.QaTable;

/**
 * The QA results of a passage: its stored runs, the chosen run's answers against the no-adaptation answers, filters
 * (all / changed / fixed / broken, by the chosen grader with a person's word counting first) and a text search, the
 * accuracy before and after with the gain, a person's overruling of a verdict, CSV export.
 *
 * <p>State lives in JavaFX properties changed only through {@code fx} (the FX thread in the window, the calling thread in
 * tests); every read and write of the workspace runs on {@code background}. A result that arrives after a newer request
 * (another passage or run picked meanwhile) is dropped. Errors land in {@link #errorProperty()} for the view's dialog.
 */
public final class QaViewModel {
    /** The table's filters. */
    public enum Filter {
        ALL("All"), CHANGED("Changed"), FIXED("Fixed (wrong → right)"), BROKEN("Broken (right → wrong)");

        private final String label;

        Filter(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /** Which answer of a row a verdict is about. */
    public enum Side {
        BEFORE, AFTER;

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final QaBackend backend;
    private final Executor background, fx;

    private final ObservableList<QaRun> runs = FXCollections.observableArrayList();
    private final ObjectProperty<QaRun> selectedRun = new SimpleObjectProperty<>();
    private final ObservableList<String> graders = FXCollections.observableArrayList();
    private final StringProperty grader = new SimpleStringProperty();
    private final ObjectProperty<Filter> filter = new SimpleObjectProperty<>(Filter.ALL);
    private final StringProperty search = new SimpleStringProperty("");
    private final ObservableList<QaRow> allRows = FXCollections.observableArrayList();
    private final FilteredList<QaRow> rows = new FilteredList<>(allRows, r -> true);
    private final ObjectProperty<QaTable> table = new SimpleObjectProperty<>();
    private final DoubleProperty accuracyBefore = new SimpleDoubleProperty(Double.NaN);
    private final DoubleProperty accuracyAfter = new SimpleDoubleProperty(Double.NaN);
    private final DoubleProperty gain = new SimpleDoubleProperty(Double.NaN);
    private final StringProperty summary = new SimpleStringProperty("");
    private final StringProperty emptyMessage = new SimpleStringProperty("Pick a passage to see its QA results.");
    private final StringProperty status = new SimpleStringProperty("");
    private final BooleanProperty busy = new SimpleBooleanProperty();
    /** The workspace is read-only (the tab binds it): a person's verdict cannot be stored, so marking is off. */
    private final BooleanProperty readOnly = new SimpleBooleanProperty(this, "readOnly");
    /** What the marking buttons say while the workspace is read-only. */
    public static final String MARK_OFF = "Off: the workspace is open read-only, so a verdict cannot be stored. To overrule"
            + " grades, work on a copy of its folder.";
    private final ObjectProperty<Throwable> error = new SimpleObjectProperty<>();

    private long passageId = -1;
    private long generation;   // bumped by every new request; older answers are dropped
    private boolean loadingRuns;
    private Runnable onWritten = () -> {};

    /** Called on the FX thread after a person's verdict is stored. */
    public void setOnWritten(Runnable r) {
        onWritten = r == null ? () -> {} : r;
    }

    public QaViewModel(QaBackend backend, Executor background, Executor fx) {
        this.backend = backend;
        this.background = background;
        this.fx = fx;
        filter.addListener((o, a, b) -> refilter());
        search.addListener((o, a, b) -> refilter());
        grader.addListener((o, a, b) -> {
            refilter();
            recount();
        });
        selectedRun.addListener((o, a, b) -> {
            if (!loadingRuns && b != null && (a == null || a.runId() != b.runId())) loadTable(b);
        });
    }

    /**
     * Shows a passage: lists its runs and opens the newest adapted one, by run number (the list is in SEAL's condition
     * order, so its last entry is no newer than a passage-only run stored after it), else the first.
     */
    public void show(long passageId) {
        this.passageId = passageId;
        long gen = ++generation;
        clearTable();
        runs.clear();
        emptyMessage.set("Reading the passage's runs…");
        submit(gen, "Reading runs", () -> backend.runs(passageId), list -> {
            loadingRuns = true;
            try {
                runs.setAll(list);
                selectedRun.set(newestAdapted(list));
            } finally {
                loadingRuns = false;
            }
            if (list.isEmpty() && readOnly.get()) {
                emptyMessage.set("No stored runs for this passage, and the workspace is open read-only: to run some, work on a"
                        + " copy of its folder.");
            } else if (list.isEmpty()) {
                emptyMessage.set("No stored runs for this passage yet: fine-tune & evaluate it (Self-edits > Fine-tune & "
                        + "evaluate…, Ctrl+Shift+F, or ./seal eval --workspace … --condition no-adaptation,passage-only), then "
                        + "its answers appear here.");
            } else {
                loadTable(selectedRun.get());
            }
        });
    }

    /** The newest run that is not a no-adaptation run, by run number; else the first; null for none. */
    private static QaRun newestAdapted(List<QaRun> list) {
        QaRun pick = null;
        for (QaRun r : list) {
            if (!r.condition().endsWith("no adaptation") && (pick == null || r.runId() > pick.runId())) pick = r;
        }
        return pick == null && !list.isEmpty() ? list.get(0) : pick;
    }

    /**
     * Reads the shown passage's runs and the chosen run's answers again (the library was read again: the command line or
     * a job stored runs or grades), keeping the chosen run while it is stored, the filter and the search; a passage
     * that had no run opens on its newest adapted one.
     */
    public void refresh() {
        if (passageId < 0) return;
        long pid = passageId;
        long gen = ++generation;
        QaRun keep = selectedRun.get();
        submit(gen, "Reading runs", () -> backend.runs(pid), list -> {
            QaRun pick = keep == null ? null : list.stream().filter(r -> r.runId() == keep.runId()).findFirst().orElse(null);
            loadingRuns = true;
            try {
                runs.setAll(list);
                selectedRun.set(pick != null ? pick : newestAdapted(list));
            } finally {
                loadingRuns = false;
            }
            if (selectedRun.get() != null) loadTable(selectedRun.get());
        });
    }

    /** Reloads the current run's table (e.g. after another process stored grades). */
    public void reload() {
        if (selectedRun.get() != null) loadTable(selectedRun.get());
    }

    private void loadTable(QaRun run) {
        long gen = ++generation;
        long pid = passageId;
        emptyMessage.set("Reading the answers…");
        submit(gen, "Reading answers", () -> backend.table(pid, run.runId()), this::setTable);
    }

    private void setTable(QaTable t) {
        String keep = grader.get();
        table.set(t);
        graders.setAll(t.graders());
        grader.set(keep != null && t.graders().contains(keep) ? keep : t.graders().isEmpty() ? null : t.graders().get(0));
        allRows.setAll(t.rows());
        recount();
        refilter();
        emptyMessage.set(t.rows().isEmpty() ? "This passage has no questions." : "No question matches the filter and search.");
        status.set(t.baseline() == null ? "No no-adaptation run of this passage: the before column is empty "
                + "(evaluate it with --condition no-adaptation)." : "Before: " + t.baseline().label() + ";  after: " + t.run().label());
    }

    private void clearTable() {
        table.set(null);
        allRows.clear();
        graders.clear();
        recount();
    }

    /** A person's verdict on the row's before or after answer, stored beside the automatic grade; reloads the table. */
    public void overrule(QaRow row, Side side, boolean correct, String note) {
        if (readOnly.get()) {
            status.set("Not stored: the workspace is open read-only.");
            return;
        }
        QaAnswer a = side == Side.BEFORE ? row.before() : row.after();
        QaRun run = selectedRun.get();
        if (a == null || run == null) {
            status.set("There is no " + (side == Side.BEFORE ? "before" : "after") + " answer to overrule for this question.");
            return;
        }
        long gen = ++generation;
        long pid = passageId;
        submit(gen, "Storing your verdict", () -> {
            backend.overrule(a.answerId(), correct, note == null || note.isBlank() ? null : note.strip());
            return backend.table(pid, run.runId());
        }, t -> {
            onWritten.run();
            setTable(t);
            status.set("Stored your verdict (" + (correct ? "right" : "wrong") + ") on question " + (row.ordinal() + 1)
                    + " beside the automatic grade.");
        });
    }

    /** Writes the rows as filtered now to a CSV file. */
    public void exportCsv(Path file) {
        QaTable t = table.get();
        if (t == null) return;
        List<QaRow> snapshot = List.copyOf(rows);
        long gen = generation;   // an export does not supersede a load
        submit(gen, "Exporting", () -> {
            backend.exportCsv(t, snapshot, file);
            return snapshot.size();
        }, n -> status.set("Exported " + n + " rows to " + file));
    }

    private <T> void submit(long gen, String what, Callable<T> work, Consumer<T> done) {
        busy.set(true);
        status.set(what + "…");
        background.execute(() -> {
            T result;
            try {
                result = work.call();
            } catch (Throwable e) {
                fx.execute(() -> {
                    busy.set(false);
                    status.set(what + " failed: " + e.getMessage());
                    error.set(e);
                });
                return;
            }
            fx.execute(() -> {
                if (gen < generation) return;   // superseded by a newer request
                busy.set(false);
                status.set("");                 // what it read is shown; done may say more
                done.accept(result);
            });
        });
    }

    private void refilter() {
        String g = grader.get();
        Filter f = filter.get();
        String q = search.get() == null ? "" : search.get().strip().toLowerCase(Locale.ROOT);
        rows.setPredicate(r -> matches(r, f, g) && (q.isEmpty() || contains(r, q)));
    }

    static boolean matches(QaRow r, Filter f, String grader) {
        return switch (f) {
            case ALL -> true;
            case CHANGED -> r.changed();
            case FIXED -> grader != null && r.fixed(grader);
            case BROKEN -> grader != null && r.broken(grader);
        };
    }

    private static boolean contains(QaRow r, String q) {
        return lower(r.question()).contains(q) || lower(r.gold()).contains(q)
                || (r.before() != null && lower(r.before().text()).contains(q))
                || (r.after() != null && lower(r.after().text()).contains(q));
    }

    private static String lower(String s) {
        return s == null ? "" : s.toLowerCase(Locale.ROOT);
    }

    private void recount() {
        QaTable t = table.get();
        String g = grader.get();
        if (t == null || g == null) {
            accuracyBefore.set(Double.NaN);
            accuracyAfter.set(Double.NaN);
            gain.set(Double.NaN);
            summary.set("");
            return;
        }
        accuracyBefore.set(t.accuracyBefore(g));
        accuracyAfter.set(t.accuracyAfter(g));
        gain.set(t.gain(g));
        // the passage named first: the library's filter may hide it, and the table would not say whose questions these are
        summary.set(String.format(Locale.ROOT, "%s: accuracy by %s (a person's verdict first): before %s, after %s, gain %s",
                t.passageTitle(), g, pct(accuracyBefore.get()), pct(accuracyAfter.get()), points(gain.get())) + cutNote(t));
    }

    /**
     * " · cut short by a limit: 2 answers before, 3 after" where the new-token limit or the model's context cut answers
     * (each is tagged in the table); "" where none was.
     */
    static String cutNote(QaTable t) {
        int before = t.cutBefore(), after = t.cutAfter();
        if (before == 0 && after == 0) return "";
        String unit = (before == 0 ? after : before) == 1 ? " answer " : " answers ";
        if (before == 0) return " · cut short by a limit: " + after + unit + "after";
        if (after == 0) return " · cut short by a limit: " + before + unit + "before";
        return " · cut short by a limit: " + before + unit + "before, " + after + " after";
    }

    /** An accuracy as the window writes it ({@link org.sealworkbench.ui.charts.ChartFactory#percent}: "16.7 %"); "–" for none. */
    static String pct(double x) {
        return Double.isNaN(x) ? "–" : org.sealworkbench.ui.charts.ChartFactory.percent(x);
    }

    /** A gain in percentage points with its sign ({@link org.sealworkbench.ui.charts.ChartFactory#signedPoints}); "–" for none. */
    static String points(double x) {
        return Double.isNaN(x) ? "–" : org.sealworkbench.ui.charts.ChartFactory.signedPoints(x) + " points";
    }

    public ObservableList<QaRun> runs() { return runs; }
    public ObjectProperty<QaRun> selectedRunProperty() { return selectedRun; }
    public ObservableList<String> graders() { return graders; }
    public StringProperty graderProperty() { return grader; }
    public ObjectProperty<Filter> filterProperty() { return filter; }
    public StringProperty searchProperty() { return search; }
    /** The rows as filtered and searched now. */
    public ObservableList<QaRow> rows() { return rows; }
    public ObjectProperty<QaTable> tableProperty() { return table; }
    public DoubleProperty accuracyBeforeProperty() { return accuracyBefore; }
    public DoubleProperty accuracyAfterProperty() { return accuracyAfter; }
    public DoubleProperty gainProperty() { return gain; }
    public StringProperty summaryProperty() { return summary; }
    public StringProperty emptyMessageProperty() { return emptyMessage; }
    public StringProperty statusProperty() { return status; }
    public BooleanProperty busyProperty() { return busy; }
    public BooleanProperty readOnlyProperty() { return readOnly; }
    public ObjectProperty<Throwable> errorProperty() { return error; }
}
