package org.sealworkbench.ui.history;

import org.sealworkbench.util.Counts;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import javafx.concurrent.Task;
import org.sealworkbench.jobs.charts.ChartsData.RunId;
import org.sealworkbench.jobs.charts.ChartsData.RunRow;
import org.sealworkbench.jobs.history.ArcComparison;
import org.sealworkbench.jobs.history.ArcRunDetail;
import org.sealworkbench.jobs.history.HistoryBackend;
import org.sealworkbench.jobs.history.JobItem;
import org.sealworkbench.jobs.history.RunComparison;
import org.sealworkbench.jobs.history.RunDetail;
import org.sealworkbench.ui.JobTask;
import org.sealworkbench.ui.charts.ChartsViewModel;
import org.sealworkbench.ui.charts.ChartFactory;
import org.sealworkbench.util.CancelToken;

/**
 * The History tab's state: every run of the workspace (the rows of {@code seal runs}: inner-loop and few-shot runs) with a
 * text filter and kind / status choices, the chosen run's detail (fitting its kind), two chosen runs compared (of one kind;
 * few-shot runs of one task), and the workspace's jobs: those running in another process
 * (the command line) with their progress as their rows say, and the stopped ones, which can be resumed.
 *
 * <p>Properties change only through {@code fx} (the FX thread in the window, the calling thread in tests); every read runs
 * on {@code background}. {@link #poll()} may be called from any thread, e.g. every 2 s by the screen's scheduler: it reads
 * the jobs only while some run in another process. Resuming is a job handed to {@code jobs} (the window's job runner, so it
 * shows in the jobs area with progress and cancel). Errors land in {@link #errorProperty()} for the view's dialog.
 */
public final class HistoryViewModel {
    public static final String ALL_KINDS = "All kinds";
    public static final String ALL_STATUSES = "All statuses";
    public static final String EMPTY = "No runs in this workspace yet: Self-edits > Fine-tune & evaluate… (Ctrl+Shift+F) or RL > Run "
            + "ReST-EM… (Ctrl+R) runs SEAL's inner loop here, as `./seal eval` and `./seal rl --workspace DIR` do; RL > Few-shot "
            + "(ARC)… (Ctrl+Shift+A) runs few-shot tasks, as `./seal arc --workspace DIR` does (then Refresh, F5). Every "
            + "inner-loop and few-shot run appears here.";
    /** Why an inner-loop run and a few-shot run are not compared. */
    public static final String MIXED_KINDS = "Compare is not offered for a few-shot (ARC) run and an inner-loop run: one "
            + "predicts an ARC task's grids, the other answers a passage's questions, so they share neither settings nor "
            + "answers. Choose two runs of one kind.";

    private final HistoryBackend backend;
    private final Executor background, fx;
    private final Consumer<Task<?>> jobRunner;

    private final ObservableList<RunRow> allRuns = FXCollections.observableArrayList();
    private final FilteredList<RunRow> runs = new FilteredList<>(allRuns, r -> true);
    private final StringProperty search = new SimpleStringProperty("");
    private final ObservableList<String> kinds = FXCollections.observableArrayList(ALL_KINDS);
    private final ObservableList<String> statuses = FXCollections.observableArrayList(ALL_STATUSES);
    private final StringProperty kind = new SimpleStringProperty(ALL_KINDS);
    private final StringProperty statusFilter = new SimpleStringProperty(ALL_STATUSES);
    private final ObservableList<RunRow> chosen = FXCollections.observableArrayList();
    private final ObjectProperty<RunDetail> detail = new SimpleObjectProperty<>();
    private final ObjectProperty<RunComparison> comparison = new SimpleObjectProperty<>();
    private final ObjectProperty<ArcRunDetail> arcDetail = new SimpleObjectProperty<>();
    private final ObjectProperty<ArcComparison> arcComparison = new SimpleObjectProperty<>();
    private final StringProperty compareNote = new SimpleStringProperty();
    private final ObservableList<JobItem> jobs = FXCollections.observableArrayList();
    private final IntegerProperty attached = new SimpleIntegerProperty();
    private final StringProperty jobsSummary = new SimpleStringProperty("");
    private final StringProperty emptyMessage = new SimpleStringProperty("Reading the workspace…");
    /** The workspace is read-only (the tab binds it): no job is resumed, and the empty texts do not say to run one. */
    private final javafx.beans.property.BooleanProperty readOnly = new javafx.beans.property.SimpleBooleanProperty(this, "readOnly");
    /** What Resume says while the workspace is read-only. */
    public static final String RESUME_OFF = "Off: the workspace is open read-only, and a resumed job stores its work in it."
            + " To resume jobs, work on a copy of its folder.";
    /** The runs table's empty text in a read-only workspace. */
    public static final String EMPTY_READ_ONLY = "No runs in this workspace, and it is open read-only, so none can be run in it"
            + " (to run some, work on a copy of its folder).";
    private final StringProperty status = new SimpleStringProperty("");
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private final ObjectProperty<Throwable> error = new SimpleObjectProperty<>();
    private final BooleanBinding canCompare;

    /** Read by {@link #poll()} on any thread: some job runs in another process. */
    private final AtomicBoolean watching = new AtomicBoolean();
    /** A poll failed (the workspace went away?): no more polls until the next refresh. */
    private final AtomicBoolean pollStopped = new AtomicBoolean();
    private final AtomicLong runsRequest = new AtomicLong(), detailRequest = new AtomicLong();
    private Set<Long> watched = Set.of();
    /** Polls in a row that did not read (only the poll thread touches it). */
    private int idlePolls;
    /** Without a job elsewhere, every this many polls read the jobs anyway, to find one started since. */
    public static final int DISCOVER_EVERY = 5;

    public HistoryViewModel(HistoryBackend backend, Executor background, Executor fx, Consumer<Task<?>> jobRunner) {
        this.backend = backend;
        this.background = background;
        this.fx = fx;
        this.jobRunner = jobRunner;
        search.addListener((o, a, b) -> applyFilter());
        kind.addListener((o, a, b) -> applyFilter());
        statusFilter.addListener((o, a, b) -> applyFilter());
        canCompare = Bindings.createBooleanBinding(() -> chosenRuns().size() == 2, chosen);
    }

    public ObservableList<RunRow> runs() { return runs; }
    public ObservableList<RunRow> allRuns() { return allRuns; }
    public StringProperty searchProperty() { return search; }
    public ObservableList<String> kinds() { return kinds; }
    public ObservableList<String> statuses() { return statuses; }
    public StringProperty kindProperty() { return kind; }
    public StringProperty statusFilterProperty() { return statusFilter; }
    /** The rows chosen in the table (the view keeps it equal to the table's selection). */
    public ObservableList<RunRow> chosen() { return chosen; }
    public ObjectProperty<RunDetail> detailProperty() { return detail; }
    public ObjectProperty<RunComparison> comparisonProperty() { return comparison; }
    /** The chosen few-shot run's detail (null while an inner-loop run's is shown). */
    public ObjectProperty<ArcRunDetail> arcDetailProperty() { return arcDetail; }
    /** Two few-shot runs of one task compared. */
    public ObjectProperty<ArcComparison> arcComparisonProperty() { return arcComparison; }
    /** Why the last Compare compared nothing (two runs of different kinds, or few-shot runs of different tasks); null after a comparison. */
    public StringProperty compareNoteProperty() { return compareNote; }
    public ObservableList<JobItem> jobs() { return jobs; }
    /** How many jobs run in another process (the poll runs while this is above 0). */
    public IntegerProperty attachedProperty() { return attached; }
    public StringProperty jobsSummaryProperty() { return jobsSummary; }
    public StringProperty emptyMessageProperty() { return emptyMessage; }
    public javafx.beans.property.BooleanProperty readOnlyProperty() { return readOnly; }
    public StringProperty statusProperty() { return status; }
    public BooleanProperty busyProperty() { return busy; }
    public ObjectProperty<Throwable> errorProperty() { return error; }
    /** Exactly two distinct runs are chosen. */
    public BooleanBinding canCompareProperty() { return canCompare; }

    /** The chosen runs, one row each (a run has one row per grader), in the order chosen. */
    public List<RunRow> chosenRuns() {
        java.util.Map<RunId, RunRow> byId = new java.util.LinkedHashMap<>();
        for (RunRow r : chosen) byId.putIfAbsent(r.id(), r);
        return new ArrayList<>(byId.values());
    }

    /** The ids of {@link #chosenRuns()}: "12" (inner loop), "A3" (few-shot; see {@link RunId}). */
    public List<RunId> chosenRunIds() {
        return chosenRuns().stream().map(RunRow::id).toList();
    }

    /** Reads the runs and the jobs again. */
    public void refresh() {
        long req = runsRequest.incrementAndGet();
        busy.set(true);
        emptyMessage.set("Reading the workspace…");
        read("Cannot read the runs", () -> searched(backend.runs(new CancelToken())), loaded -> {
            if (req != runsRequest.get()) return;
            busy.set(false);
            List<RunRow> rows = loaded.rows();
            // The same rows as shown (the backend read nothing new): nothing to redo on the FX thread, which spent a
            // quarter of a second on 85,000 rows after every refresh.
            if (rows == shownRows) {
                emptyMessage.set(rows.isEmpty() ? EMPTY : "No run matches the filter.");
                return;
            }
            shownRows = rows;
            searchTexts = loaded.texts();
            allRuns.setAll(rows);
            Set<String> k = new TreeSet<>(), s = new TreeSet<>();
            for (RunRow r : rows) {
                k.add(r.kind());
                s.add(r.status());
            }
            List<String> kk = new ArrayList<>(List.of(ALL_KINDS));
            kk.addAll(k);
            List<String> ss = new ArrayList<>(List.of(ALL_STATUSES));
            ss.addAll(s);
            kinds.setAll(kk);
            statuses.setAll(ss);
            if (!kinds.contains(kind.get())) kind.set(ALL_KINDS);
            if (!statuses.contains(statusFilter.get())) statusFilter.set(ALL_STATUSES);
            emptyMessage.set(rows.isEmpty() ? (readOnly.get() ? EMPTY_READ_ONLY : EMPTY) : "No run matches the filter.");
            applyFilter();
            columnSamples.set(loaded.samples());   // after the rows: the view sizes the columns once they are in
        });
        refreshJobs();
    }

    /** Reads the jobs table again. */
    public void refreshJobs() {
        pollStopped.set(false);
        read("Cannot read the jobs", backend::jobs, this::applyJobs);
    }

    /**
     * Reads the jobs on the calling thread (never call it on the FX thread) if some job runs in another process, else
     * only every {@link #DISCOVER_EVERY}th call (to find a job started elsewhere since); the screen calls it every 2 s.
     * Returns whether it read.
     */
    public boolean poll() {
        // While nothing runs elsewhere, look every DISCOVER_EVERY polls (10 s) for a job the command line started since.
        if (pollStopped.get()) return false;
        if (!watching.get() && ++idlePolls < DISCOVER_EVERY) return false;
        idlePolls = 0;
        try {
            List<JobItem> j = backend.jobs();
            fx.execute(() -> applyJobs(j));
        } catch (RuntimeException e) {
            // A background poll does not pop up dialogs: it stops, says why, and waits for Refresh.
            pollStopped.set(true);
            watching.set(false);
            fx.execute(() -> {
                jobsSummary.set("Stopped following the jobs: " + e.getMessage() + " (press Refresh to try again)");
                status.set(jobsSummary.get());
            });
        }
        return true;
    }

    private void applyJobs(List<JobItem> list) {
        jobs.setAll(list);
        Set<Long> now = new TreeSet<>();
        int resumable = 0;
        for (JobItem j : list) {
            if (j.elsewhere()) now.add(j.id());
            if (j.resumable()) resumable++;
        }
        boolean someEnded = !now.containsAll(watched);
        watched = now;
        watching.set(!now.isEmpty());
        attached.set(now.size());
        jobsSummary.set(list.isEmpty() ? (readOnly.get() ? "No jobs recorded in this workspace." : "No jobs recorded in this workspace yet.")
                : String.format(Locale.ROOT, "%d job%s, %d running in another process%s, %d stopped %s",
                list.size(), list.size() == 1 ? "" : "s", now.size(), now.isEmpty() ? "" : " (followed every 2 s)", resumable,
                readOnly.get() ? "(not resumed here: the workspace is open read-only)" : "that can be resumed"));
        if (someEnded) refresh();   // a job of another process ended: its runs are in the log now
    }

    /** The rows shown, as the backend gave them (the same list again: nothing changed). */
    private volatile List<RunRow> shownRows;
    /** Each shown row's {@link #text}, worked out on the reading thread: a keystroke in the filter only searches them. */
    private Map<RunRow, String> searchTexts = new java.util.IdentityHashMap<>();

    private record Searched(List<RunRow> rows, Map<RunRow, String> texts, List<List<String>> samples) {}

    /** The rows with their search texts and column samples, unless they are the ones shown (then without: they are kept). */
    private Searched searched(List<RunRow> rows) {
        if (rows == shownRows) return new Searched(rows, null, null);
        Map<RunRow, String> texts = new java.util.IdentityHashMap<>(2 * rows.size());
        for (RunRow r : rows) texts.put(r, text(r));
        return new Searched(rows, texts, columnSamples(rows, measured));
    }

    /** How many of a column's longest distinct texts the view measures ({@link ChartsViewModel#widestCandidates}). */
    static final int WIDTH_SAMPLES = 32;

    /** The texts of the columns the view sizes to their content ({@link #measureColumns}), per row. */
    private volatile List<Function<RunRow, List<String>>> measured = List.of();
    private final ObjectProperty<List<List<String>>> columnSamples = new SimpleObjectProperty<>(List.of());

    /**
     * The columns the view sizes to their texts, each as the texts it shows of a row (a wrapped column's: the pieces it
     * wraps between). With each read of the runs, on the reading thread, {@link #columnSamplesProperty} gets per column its
     * longest distinct texts of all runs: the view measures those (measuring every text of 85,000 rows, several times over
     * as the table's lists changed, froze the window for 2-3 s whenever the tab read a large workspace). The widths then
     * fit every run, the filtered-out ones too, so they stay as they are while the filter changes.
     */
    public void measureColumns(List<Function<RunRow, List<String>>> texts) {
        measured = List.copyOf(texts);
        List<RunRow> shown = shownRows;
        if (shown != null) columnSamples.set(columnSamples(shown, measured));   // rows read before the view asked
    }

    /** Per column of {@link #measureColumns}, the texts to measure for its width; empty before the first read. */
    public javafx.beans.property.ReadOnlyObjectProperty<List<List<String>>> columnSamplesProperty() { return columnSamples; }

    private static List<List<String>> columnSamples(List<RunRow> rows, List<Function<RunRow, List<String>>> columns) {
        List<List<String>> out = new ArrayList<>(columns.size());
        for (Function<RunRow, List<String>> column : columns) {
            List<String> texts = new ArrayList<>(rows.size());
            for (RunRow r : rows) texts.addAll(column.apply(r));
            out.add(ChartsViewModel.widestCandidates(texts, WIDTH_SAMPLES));
        }
        return List.copyOf(out);
    }

    private void applyFilter() {
        String q = search.get() == null ? "" : search.get().strip().toLowerCase(Locale.ROOT);
        String k = kind.get(), s = statusFilter.get();
        RunId exact = exactId(q);
        runs.setPredicate(r -> (k == null || ALL_KINDS.equals(k) || k.equals(r.kind()))
                && (s == null || ALL_STATUSES.equals(s) || s.equals(r.status()))
                && (q.isEmpty() || (exact != null ? exact.equals(r.id()) : searchText(r).contains(q))));
    }

    private String searchText(RunRow r) {
        String t = searchTexts.get(r);
        return t != null ? t : text(r);
    }

    /**
     * The run a filter text names exactly: "run 12", "run A3" or "#A3" (any case) is that one run, not every run whose
     * text contains it ("run 1" would also find run 10); null for any other text, which is searched for.
     */
    static RunId exactId(String query) {
        String q = query == null ? "" : query.strip().toLowerCase(Locale.ROOT);
        if (!q.startsWith("run ") && !q.startsWith("#")) return null;
        return RunId.parse(q).orElse(null);
    }

    /**
     * What the text filter searches: the run's id ("run 12", "run a3"), kind, model, passage title (a few-shot run's
     * task), condition, digest, grader and status.
     */
    static String text(RunRow r) {
        return ("run " + r.id() + " " + r.kind() + " " + r.model() + " " + r.passage() + " " + r.condition() + " "
                + r.settingsDigest() + " " + r.grader() + " " + r.status()).toLowerCase(Locale.ROOT);
    }

    /**
     * What the run's detail says in place of its loss curve when it stored no training step (an empty chart said
     * nothing): a no-adaptation run answers without fine-tuning; a run that did not finish may have stopped before its
     * first step. Null when there is a curve to draw.
     */
    public static String noLossNote(RunDetail d) {
        if (d == null || !d.loss().isEmpty()) return null;
        if (d.selfEditId() == null && d.condition() != null
                && d.condition().toLowerCase(Locale.ROOT).endsWith(org.sealworkbench.seal.Conditions.NO_ADAPTATION)) {
            return "No training loss: a no-adaptation run answers the questions without fine-tuning.";
        }
        if (!"done".equals(d.status())) return "No training steps stored: the run is " + d.status() + ".";
        return "No training steps stored for this run.";
    }

    /** Reads one inner-loop run's detail (settings, seed, loss curve, answers). */
    public void show(long runId) {
        long req = detailRequest.incrementAndGet();
        read("Cannot read run " + runId, () -> backend.detail(runId), d -> {
            if (req != detailRequest.get()) return;
            arcDetail.set(null);
            detail.set(d);
        });
    }

    /** Reads the detail fitting the row's kind: an inner-loop run's ({@link #detailProperty()}) or a few-shot run's ({@link #arcDetailProperty()}). */
    public void show(RunRow row) {
        if (compareNote.get() != null && compareNote.get().equals(status.get())) status.set("");   // about the pair chosen before
        if (!row.fewShot()) {
            show(row.runId());
            return;
        }
        long req = detailRequest.incrementAndGet();
        read("Cannot read few-shot run " + row.id(), () -> backend.arcDetail(row.runId()), d -> {
            if (req != detailRequest.get()) return;
            detail.set(null);
            arcDetail.set(d);
        });
    }

    /**
     * Compares the two chosen runs (see {@link #canCompareProperty()}): two inner-loop runs, or two few-shot runs of one
     * task; for any other pair {@link #compareNoteProperty()} and the status say why nothing is compared.
     */
    public void compare() {
        List<RunRow> two = chosenRuns();
        if (two.size() != 2) {
            status.set("Choose two runs to compare (Ctrl+click in the table).");
            return;
        }
        RunRow x = two.get(0), y = two.get(1);
        if (x.fewShot() != y.fewShot()) {
            notCompared(MIXED_KINDS);
            return;
        }
        long req = detailRequest.incrementAndGet();
        if (x.fewShot()) {
            read("Cannot compare few-shot runs " + x.id() + " and " + y.id(),
                    () -> List.of(backend.arcDetail(x.runId()), backend.arcDetail(y.runId())), d -> {
                        if (req != detailRequest.get()) return;
                        String why = ArcComparison.notOffered(d.get(0), d.get(1));
                        if (why != null) {
                            notCompared(why);
                            return;
                        }
                        ArcComparison c = ArcComparison.of(d.get(0), d.get(1));
                        compareNote.set(null);
                        arcComparison.set(c);
                        status.set(String.format(Locale.ROOT, "few-shot run %s vs few-shot run %s (task %s): %s; %s vs %s",
                                x.id(), y.id(), c.a().task(), Counts.of(c.settingsDiff().size(), "setting differs", "settings differ"),
                                c.a().scoreText(), c.b().scoreText()));
                    });
            return;
        }
        List<Long> ids = List.of(x.runId(), y.runId());
        read("Cannot compare runs " + ids.get(0) + " and " + ids.get(1),
                () -> RunComparison.of(backend.detail(ids.get(0)), backend.detail(ids.get(1))), c -> {
                    if (req != detailRequest.get()) return;
                    compareNote.set(null);
                    comparison.set(c);
                    status.set(String.format(Locale.ROOT, "run %d vs run %d: %s, ", ids.get(0), ids.get(1),
                            Counts.of(c.settingsDiff().size(), "setting differs", "settings differ")) + (samePassage(c) ? c.changedAnswers() + " of " + c.answers().size()
                            + " answers changed" : "runs of two passages"));
                });
    }

    /** Whether two compared runs are of one passage (their answers pair question by question). */
    public static boolean samePassage(RunComparison c) {
        return java.util.Objects.equals(c.a().passageId(), c.b().passageId());
    }

    /**
     * The comparison's heading: the two runs, how many settings differ, how many answers changed and the accuracy under
     * each grader. Runs of two passages answer different questions: it says so instead of "11 of 11 answers changed".
     */
    public static String compareSummary(RunComparison c) {
        // in percent and percentage points, as the window writes accuracies: "contains 16.7 % → 33.3 % (+16.7 points)"
        String acc = c.accuracies().stream().map(g -> g.grader() + " " + ChartFactory.percent(g.a()) + " → "
                + ChartFactory.percent(g.b()) + " (" + ChartFactory.signedPoints(g.difference()) + " points)")
                .collect(java.util.stream.Collectors.joining(", "));
        String answers = samePassage(c) ? c.changedAnswers() + " of " + c.answers().size() + " answers changed (highlighted)"
                : "runs of two passages: their questions differ, so no answer is paired";
        return "A: " + c.a().label() + "\nB: " + c.b().label() + "\n"
                + Counts.of(c.settingsDiff().size(), "setting differs", "settings differ") + ", " + c.sameSettings() + " the same · " + answers
                + (acc.isEmpty() ? "" : " · accuracy " + acc);
    }

    private void notCompared(String why) {
        detailRequest.incrementAndGet();   // a comparison still being read is not shown after this
        compareNote.set(null);             // the same reason twice is news twice
        compareNote.set(why);
        status.set(why);
    }

    /**
     * Resumes a stopped job from its stored request, as a job of the window (progress and cancel in the jobs area); what it
     * finished before is found in the log, not redone. Returns the task, or null when the job cannot be resumed.
     */
    public Task<Object> resume(JobItem job) {
        if (readOnly.get()) {
            error.set(new IllegalStateException(RESUME_OFF));
            return null;
        }
        if (job == null || !job.resumable()) {
            error.set(new IllegalArgumentException(job == null ? "Choose a stopped job to resume."
                    : org.sealworkbench.jobs.Jobs.REFUSED.equals(job.status()) ? "Job " + job.id() + " was refused, and "
                    + "its request would be refused again: " + job.message()
                    : "Job " + job.id() + " is " + job.status() + "; only a stopped job with its stored request can be resumed"));
            return null;
        }
        JobTask<Object> task = new JobTask<>("Resume job " + job.id() + " (" + job.kind() + ")",
                (p, c) -> backend.resume(job.id(), p, c));
        task.setOnSucceeded(e -> {
            status.set("Job " + job.id() + " (" + job.kind() + ") resumed and finished.");
            refresh();
        });
        task.setOnFailed(e -> {
            error.set(task.getException());
            refresh();
        });
        task.setOnCancelled(e -> {
            status.set("Job " + job.id() + " cancelled again; what it finished stays stored.");
            refresh();
        });
        status.set("Resuming job " + job.id() + " (" + job.kind() + ")…");
        jobRunner.accept(task);
        return task;
    }

    private <T> void read(String what, Callable<T> work, Consumer<T> onSuccess) {
        background.execute(() -> {
            try {
                T v = work.call();
                fx.execute(() -> onSuccess.accept(v));
            } catch (Exception | Error e) {
                fx.execute(() -> {
                    busy.set(false);
                    error.set(new IllegalStateException(what + ": " + e.getMessage(), e));
                });
            }
        });
    }
}
