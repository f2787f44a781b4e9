package org.sealworkbench.ui;

import org.sealworkbench.jobs.workspace.WorkspaceService;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import java.util.function.BiConsumer;
import javafx.concurrent.Task;
import org.sealworkbench.ui.studio.ModelsViewModel;
import org.sealworkbench.ui.studio.SelfEditsViewModel;
import org.sealworkbench.util.CancelToken;
import org.sealworkbench.util.CancelledException;
import org.sealworkbench.jobs.ImportReport;
import org.sealworkbench.util.Counts;
import org.sealworkbench.util.Progress;
import org.sealworkbench.jobs.workspace.WorkspaceCounts;

/**
 * The main window's state: the open workspace, the library and detail view models, the status bar's
 * texts, and the actions (open a workspace, import a file) that run as background tasks. All methods are
 * called on the FX thread; the work itself runs on the {@link JobRunner}.
 */
public final class MainViewModel implements AutoCloseable {
    static final String APP_NAME = "SEAL Workbench";

    private final WorkspaceService.Opener opener;
    private final JobRunner runner;
    private final Path sampleDir;
    private final PassageLibraryViewModel library = new PassageLibraryViewModel();
    private final PassageDetailViewModel detail = new PassageDetailViewModel();
    private final EngineStatusViewModel engine = new EngineStatusViewModel();
    private final SelfEditsViewModel studio;
    private final ModelsViewModel models;
    /** The last error to show as a dialog (title and cause); the view shows each one once. */
    private final ObjectProperty<UiError> error = new SimpleObjectProperty<>(this, "error");
    private long lastChangeStamp = Long.MIN_VALUE;
    /** Counts this window's own writes, so that a change check running across one does not report it. */
    private int ownWrites;
    private int detailToken;

    private final ObjectProperty<WorkspaceService> workspace = new SimpleObjectProperty<>(this, "workspace");
    private final javafx.beans.property.ReadOnlyLongWrapper libraryRead = new javafx.beans.property.ReadOnlyLongWrapper(this, "libraryRead");
    private final ObjectProperty<Path> workspacePath = new SimpleObjectProperty<>(this, "workspacePath");
    private final ObjectProperty<Path> arcGenerator = new SimpleObjectProperty<>(this, "arcGenerator");
    private final StringProperty windowTitle = new SimpleStringProperty(this, "windowTitle", APP_NAME);
    private final StringProperty countsText = new SimpleStringProperty(this, "countsText", "");
    private final StringProperty statusMessage = new SimpleStringProperty(this, "statusMessage", "Ready");
    private final ObjectProperty<JobState> importState = new SimpleObjectProperty<>(this, "importState", JobState.IDLE);
    private final ObjectProperty<JobState> openState = new SimpleObjectProperty<>(this, "openState", JobState.IDLE);
    /** Why the open workspace is read-only, in words; null when it may be written (or none is open). */
    private final javafx.beans.property.ReadOnlyStringWrapper readOnlyReason =
            new javafx.beans.property.ReadOnlyStringWrapper(this, "readOnlyReason");
    private final javafx.beans.property.ReadOnlyBooleanWrapper readOnly =
            new javafx.beans.property.ReadOnlyBooleanWrapper(this, "readOnly");
    private final javafx.beans.binding.StringBinding readOnlyTip = Bindings.createStringBinding(
            () -> readOnlyReason.get() == null ? null : readOnlyTip(readOnlyReason.get()), readOnlyReason);
    private final javafx.beans.binding.BooleanBinding canWrite = workspacePath.isNotNull().and(readOnly.not());

    /** @param sampleDir where first-start sample passages come from (may not exist) */
    public MainViewModel(WorkspaceService.Opener opener, JobRunner runner, Path sampleDir) {
        this.opener = opener;
        this.runner = runner;
        this.sampleDir = sampleDir;
        BiConsumer<String, Throwable> errors = (title, e) -> error.set(new UiError(title, e));
        studio = new SelfEditsViewModel(workspace::get, runner.reads(), runner, errors);
        models = new ModelsViewModel(workspace::get, runner.reads(), runner, errors);
        studio.setOnStored(this::refreshQuietly);
        // Jobs started elsewhere in the window (the studio's generation, loading a model, Fine-tune & evaluate) say in
        // the status bar how they ended. This view model's own jobs are followed by the bar while they run and report
        // their end more precisely themselves, so a line is not put over them.
        runner.lastEndedProperty().addListener((o, was, line) -> {
            if (line != null && !statusMessage.isBound()) statusMessage.set(line);
        });
        // A job of this window that ended between two change checks (none saw it running) wrote to the workspace itself:
        // the next check starts afresh rather than calling those writes a change on disk (a ReST-EM run that failed at
        // once was reported so), and a check already under way is ignored.
        runner.active().addListener((javafx.collections.ListChangeListener<javafx.concurrent.Task<?>>) change -> {
            while (change.next()) {
                if (change.wasRemoved()) {
                    ownWrites++;
                    lastChangeStamp = Long.MIN_VALUE;
                }
            }
        });
        library.loadingProperty().bind(openState.isEqualTo(JobState.RUNNING));
        library.workspaceOpenProperty().bind(workspacePath.isNotNull());
        readOnly.bind(readOnlyReason.isNotNull());
        library.readOnlyProperty().bind(readOnly);
        studio.readOnlyProperty().bind(readOnly);
        models.readOnlyProperty().bind(readOnly);
        // Loading a model registers it in the workspace (a write of this window, not a change on disk).
        models.setOnLoaded(() -> {
            studio.refreshSequences();
            refreshQuietly();
        });
        library.selectedProperty().addListener((obs, old, row) -> {
            // A refreshed row of the same passage (new counts) is no new selection.
            if (old != null && row != null && old.id() == row.id()) return;
            showDetail(row);
        });
    }

    /** An error for a dialog: what failed, and why (the exception, with its detail expandable). */
    public record UiError(String title, Throwable cause) {}

    public SelfEditsViewModel studio() { return studio; }
    public ModelsViewModel models() { return models; }
    public ReadOnlyObjectProperty<UiError> errorProperty() { return error; }

    /** The ids of the passages the library shows (for "generate for the visible passages"). */
    public List<Long> visiblePassageIds() {
        return library.visibleRows().stream().map(PassageRow::id).toList();
    }

    public List<Long> allPassageIds() {
        return library.allRows().stream().map(PassageRow::id).toList();
    }

    public PassageLibraryViewModel library() { return library; }
    public PassageDetailViewModel detail() { return detail; }
    public EngineStatusViewModel engine() { return engine; }
    public JobRunner runner() { return runner; }
    public ReadOnlyObjectProperty<Path> workspacePathProperty() { return workspacePath; }

    /**
     * The generator chosen in the Few-shot window's RL round (null: none chosen, the round follows the Few-shot window's
     * model); the app keeps it in its settings file, so the round offers it again after a restart.
     */
    public ObjectProperty<Path> arcGeneratorProperty() { return arcGenerator; }
    public ReadOnlyStringProperty windowTitleProperty() { return windowTitle; }
    public ReadOnlyStringProperty countsTextProperty() { return countsText; }
    public ReadOnlyStringProperty statusMessageProperty() { return statusMessage; }

    /**
     * The last note of a job ("job title: note", e.g. that its inner loops ran in smaller batches to fit memory), kept
     * above the status bar until dismissed or replaced by the next; null: none.
     */
    public ReadOnlyStringProperty noticeProperty() { return runner.lastNoteProperty(); }

    /** Hides the notice (its close button). */
    public void dismissNotice() { runner.clearLastNote(); }
    public ReadOnlyObjectProperty<JobState> importStateProperty() { return importState; }

    /**
     * Whether the open workspace is read-only (this user may not write it, see {@code store.ExperimentLog.open}): it is
     * browsed, charted and exported as any other, and every action that would store something is off.
     */
    public javafx.beans.property.ReadOnlyBooleanProperty readOnlyProperty() { return readOnly.getReadOnlyProperty(); }

    /** Why the open workspace is read-only ("this user may not write to the folder"); null when it may be written. */
    public ReadOnlyStringProperty readOnlyReasonProperty() { return readOnlyReason.getReadOnlyProperty(); }

    /** What the actions a read-only workspace turns off say (their tooltips, the banner); null when it may be written. */
    public javafx.beans.binding.StringBinding readOnlyTipProperty() { return readOnlyTip; }

    /**
     * Whether the actions that store something in the workspace are on (Import, ReST-EM, Continual self-edits): a
     * workspace is open and it may be written.
     */
    public javafx.beans.binding.BooleanBinding canWriteProperty() { return canWrite; }

    /** The words for an action a read-only workspace turns off. */
    public static String readOnlyTip(String reason) {
        return "The workspace is open read-only (" + reason + "): nothing can be stored in it. To change it, work on a copy"
                + " of its folder.";
    }
    public ReadOnlyObjectProperty<JobState> openStateProperty() { return openState; }
    /** The model loaded in the open workspace, if any (in memory, no I/O). */
    public java.util.Optional<org.sealworkbench.jobs.workspace.ModelInfo> loadedModel() {
        WorkspaceService ws = workspace.get();
        return ws == null ? java.util.Optional.empty() : ws.loadedModel();
    }

    /** The open workspace's service; a reopen of the same folder sets a new one (its path stays equal). */
    public ReadOnlyObjectProperty<WorkspaceService> workspaceProperty() { return workspace; }
    /**
     * Counts the times the library was read again from the workspace (opened, imported, refreshed, after a job of this
     * window stored something, after another process wrote): views with data of their own (the Annotate tab) follow it.
     */
    public javafx.beans.property.ReadOnlyLongProperty libraryReadProperty() { return libraryRead.getReadOnlyProperty(); }
    public boolean hasWorkspace() { return workspace.get() != null; }

    private record Opened(WorkspaceService backend, LibrarySnapshot snapshot, List<String> seedNotes) {}

    private record Imported(ImportReport report, LibrarySnapshot snapshot, long stamp) {}

    /**
     * Opens a workspace in the background and, when {@code seedSamples} and the workspace is new, imports
     * the sample passages first. The current workspace stays open until the new one is ready.
     */
    public Task<?> openWorkspace(Path dir, boolean seedSamples) {
        Path target = dir.toAbsolutePath().normalize();
        JobTask<Opened> task = new JobTask<>("Opening workspace " + target.getFileName(), (progress, cancel) -> {
            progress.update(0, -1, "Opening " + target);
            WorkspaceService backend = opener.open(target);
            try {
                // a read-only workspace is read as it is: no sample data goes into it
                List<String> notes = seedSamples && backend.readOnlyReason() == null ? seed(backend, progress, cancel) : List.of();
                progress.update(0, -1, "Reading the passage library");
                return new Opened(backend, LibrarySnapshot.read(backend), notes);
            } catch (RuntimeException | Error e) {
                backend.close();
                throw e;
            }
        });
        openState.set(JobState.RUNNING);
        task.setOnSucceeded(e -> {
            Opened opened = task.getValue();
            WorkspaceService old = workspace.get();
            // before the workspace and its path: what follows them (the tabs) opens knowing whether it may write
            readOnlyReason.set(opened.backend().readOnlyReason());
            workspace.set(opened.backend());
            if (old != null && old != opened.backend()) old.close();
            workspacePath.set(opened.backend().dir());
            windowTitle.set(APP_NAME + " — " + workspaceName(opened.backend().dir()) + (readOnly.get() ? " (read-only)" : ""));
            library.selectedProperty().set(null);
            lastChangeStamp = Long.MIN_VALUE;
            apply(opened.snapshot());
            models.refresh();
            // Start on the first passage so the detail pane shows something useful at once.
            if (!library.visibleRows().isEmpty()) library.selectedProperty().set(library.visibleRows().get(0));
            openState.set(JobState.SUCCEEDED);
            // the workspace's name: the status bar shows its folder beside this line already
            String status = "Opened " + workspaceName(opened.backend().dir()) + " (" + Counts.of(opened.snapshot().counts().passages(), "passage") + ")";
            if (readOnly.get()) status += ", read-only: " + readOnlyReason.get();
            if (!opened.seedNotes().isEmpty()) status += "; " + String.join("; ", opened.seedNotes());
            report(status);
        });
        task.setOnFailed(e -> {
            openState.set(JobState.FAILED);
            report("Could not open workspace " + target + ": " + describe(task.getException()));
            error.set(new UiError("Could not open the workspace " + target, task.getException()));
        });
        task.setOnCancelled(e -> {
            openState.set(JobState.CANCELLED);
            report("Opening " + target + " cancelled");
        });
        return submit(task);
    }

    /** Imports the sample files when the workspace is new; returns lines for the status bar. */
    private List<String> seed(WorkspaceService backend, Progress progress, CancelToken cancel) {
        if (!SampleSeeder.needsSeeding(backend)) return List.of();
        List<Path> files = SampleSeeder.sampleFiles(sampleDir);
        if (files.isEmpty()) return List.of();
        List<String> notes = new ArrayList<>();
        int passages = 0;
        for (int i = 0; i < files.size(); i++) {
            Path file = files.get(i);
            int index = i;
            // One file's progress scaled into its share of the whole, in thousandths.
            Progress scaled = (d, t, msg) -> progress.update(
                    t <= 0 ? 0 : Math.round(1000 * (index + Progress.fraction(d, t))), t <= 0 ? -1 : 1000L * files.size(),
                    "Sample data " + file.getFileName() + ": " + msg);
            try {
                passages += backend.importFile(file, scaled, cancel).passages();
            } catch (CancelledException e) {
                throw e;
            } catch (RuntimeException e) {
                notes.add("sample " + importFailure(file, e));
            }
        }
        SampleSeeder.markSeeded(backend.dir());
        notes.add(0, "imported " + Counts.of(passages, "sample passage"));
        return notes;
    }

    /** Imports one file in the background, then refreshes the library; the status bar reports the outcome. */
    public Task<?> importFile(Path file) {
        WorkspaceService backend = workspace.get();
        if (backend == null) throw new IllegalStateException("No workspace is open");
        String name = String.valueOf(file.getFileName());
        if (readOnly.get()) {
            // Import is off in a read-only workspace; a call that gets here anyway is refused in words, not run to fail.
            report("Not imported: " + name + ": the workspace is open read-only");
            error.set(new UiError("Could not import " + name, new IllegalStateException(readOnlyTip.get())));
            return null;
        }
        JobTask<Imported> task = new JobTask<>("Importing " + name, (progress, cancel) -> {
            ImportReport report = backend.importFile(file, progress, cancel);
            progress.update(0, -1, "Refreshing the library");
            // The stamp after this window's own import, so that the change check does not call it a change on disk.
            long stamp = backend.changeStamp();
            return new Imported(report, LibrarySnapshot.read(backend), stamp);
        });
        importState.set(JobState.RUNNING);
        task.setOnSucceeded(e -> {
            Imported done = task.getValue();
            if (workspace.get() == backend) {
                apply(done.snapshot());
                lastChangeStamp = done.stamp();
            }
            importState.set(JobState.SUCCEEDED);
            report(describe(done.report()));
        });
        task.setOnFailed(e -> {
            importState.set(JobState.FAILED);
            report(importFailure(file, task.getException()));
            // the dialog's heading names the file; its text is the problem (the same line twice read as a stutter)
            error.set(new UiError("Could not import " + name, task.getException()));
        });
        task.setOnCancelled(e -> {
            importState.set(JobState.CANCELLED);
            report("Import of " + name + " cancelled; nothing was imported");
        });
        return submit(task);
    }

    /** Re-reads the library of the open workspace (e.g. after another process wrote to it). */
    public Task<?> refresh() {
        WorkspaceService backend = workspace.get();
        if (backend == null) throw new IllegalStateException("No workspace is open");
        JobTask<LibrarySnapshot> task = new JobTask<>("Refreshing library", (p, c) -> LibrarySnapshot.read(backend));
        task.setOnSucceeded(e -> {
            if (workspace.get() == backend) {
                apply(task.getValue());
                studio.reload();
                models.refresh();
            }
            report("Library refreshed");
        });
        task.setOnFailed(e -> {
            report("Could not read the library: " + describe(task.getException()));
            error.set(new UiError("Could not read the library", task.getException()));
        });
        return submit(task);
    }

    /**
     * Call on the FX thread after a job of this window stored something (a run finished, self-edits, a model): the
     * library re-reads its rows, counts and QA columns, and the change check does not call it a change on disk.
     */
    public void workspaceWritten() {
        refreshQuietly();
    }

    /**
     * A part of this window that writes through a connection of its own (the Annotate tab's judgements, the QA table's
     * verdicts) stored something: the change check does not report it as a change on disk (it said "The workspace changed
     * on disk; refreshed" after each judgement). Call on the FX thread once the write is done.
     */
    public void noteOwnWrite() {
        ownWrites++;
        lastChangeStamp = Long.MIN_VALUE;
    }

    /** Re-reads the library's rows and counts without a job in the jobs area (after this window stored something). */
    private void refreshQuietly() {
        WorkspaceService backend = workspace.get();
        if (backend == null) return;
        // This window's own write: the change check starts afresh from the stamp it reads next, and a check already
        // under way (it may have read the stamp after the write) is ignored.
        ownWrites++;
        lastChangeStamp = Long.MIN_VALUE;
        runner.reads().run("library", () -> LibrarySnapshot.read(backend), snap -> {
            if (workspace.get() == backend) apply(snap, false);
        }, e -> error.set(new UiError("Could not read the library", e)));
        models.refresh(); // a generation may have loaded a model: show what it is
    }

    /**
     * The cheap periodic check: asks the workspace for its change stamp in the background and refreshes when
     * another process (the command line) wrote to it since the last look. Keeps the selection.
     */
    public void checkForChanges() {
        WorkspaceService backend = workspace.get();
        if (backend == null || studio.generatingProperty().get()) return;
        if (!runner.active().isEmpty()) {
            // A job of this window is writing (an import, a fine-tune & evaluate, ReST-EM): its writes are no change on
            // disk. Look afresh once it is over (the job's own end refreshes what it changed).
            lastChangeStamp = Long.MIN_VALUE;
            return;
        }
        int writes = ownWrites;
        runner.reads().run("change check", backend::changeStamp, stamp -> {
            if (workspace.get() != backend || writes != ownWrites) return;
            boolean changed = lastChangeStamp != Long.MIN_VALUE && stamp != lastChangeStamp;
            lastChangeStamp = stamp;
            if (changed) {
                runner.reads().run("library", () -> LibrarySnapshot.read(backend), snap -> {
                    if (workspace.get() != backend) return;
                    apply(snap, false);
                    studio.reload();
                    models.refresh();
                    report("The workspace changed on disk; refreshed");
                }, e -> error.set(new UiError("Could not read the library", e)));
            }
        }, e -> { /* a locked or busy database: the next check tries again */ });
    }

    private <T> Task<T> submit(Task<T> task) {
        statusMessage.bind(Bindings.concat(task.titleProperty(), "… ", task.messageProperty()));
        return runner.submit(task);
    }

    /** Shows an error dialog (title and cause) for a part of the window outside this view model. */
    public void showError(String title, Throwable cause) {
        error.set(new UiError(title, cause));
    }

    /** Puts a message in the status bar (e.g. why the settings file was not read). */
    public void reportProblem(String message) {
        report(message);
    }

    /** The status bar's message after a job: stops following the job's own progress messages. */
    private void report(String message) {
        statusMessage.unbind();
        statusMessage.set(message);
    }

    private void apply(LibrarySnapshot snapshot) {
        apply(snapshot, true);
    }

    private void apply(LibrarySnapshot snapshot, boolean reloadDetail) {
        Long before = library.selectedProperty().get() == null ? null : library.selectedProperty().get().id();
        library.show(snapshot);
        if (!snapshot.qaCurrent()) readQa();
        libraryRead.set(libraryRead.get() + 1);
        WorkspaceCounts c = snapshot.counts();
        countsText.set(Counts.of(c.passages(), "passage") + " · " + Counts.of(c.questions(), "question") + " · "
                + Counts.of(c.selfEdits(), "self-edit"));
        PassageRow now = library.selectedProperty().get();
        if (reloadDetail || now == null || !Long.valueOf(now.id()).equals(before)) showDetail(now);
    }

    /** Whether the library's QA numbers are being read, and whether to read them again once that ends. */
    private boolean qaReading;
    private boolean qaAgain;

    /**
     * Reads the library's QA numbers (every grade: seconds on a large workspace) on the runner's slow-read thread, after
     * the rows are shown; one read at a time, and one more when asked again meanwhile (the newest numbers win).
     */
    private void readQa() {
        WorkspaceService backend = workspace.get();
        if (backend == null) return;
        if (qaReading) {
            qaAgain = true;
            return;
        }
        qaReading = true;
        runner.slowReads().run("library QA", backend::libraryQa, qa -> {
            qaDone();
            if (workspace.get() == backend) library.showQa(qa);
        }, e -> {
            qaDone();
            if (workspace.get() != backend) return;
            library.qaFailed();
            error.set(new UiError("Could not read the library's QA results (Best, Gain)", e));
        });
    }

    private void qaDone() {
        qaReading = false;
        if (qaAgain) {
            qaAgain = false;
            readQa();
        }
    }

    /** Reads the selected passage in the background (never on the FX thread) and shows it in the detail and studio. */
    private void showDetail(PassageRow row) {
        WorkspaceService backend = workspace.get();
        int token = ++detailToken;
        if (row == null || backend == null) {
            detail.clear();
            studio.showPassage(null);
            return;
        }
        long id = row.id();
        runner.reads().run("passage " + id, () -> backend.passage(id), p -> {
            if (token != detailToken) return;
            p.ifPresentOrElse(detail::show, detail::clear);
        }, e -> error.set(new UiError("Could not read passage " + id, e)));
        studio.showPassage(id);
    }

    static String describe(ImportReport r) {
        StringBuilder s = new StringBuilder("Imported ").append(Counts.of(r.passages(), "passage"))
                .append(", ").append(Counts.of(r.questions(), "question"));
        if (r.selfEdits() > 0) s.append(", ").append(Counts.of(r.selfEdits(), "self-edit"));
        s.append(" from ").append(r.file().getFileName());
        if (r.format() != null && !r.format().isBlank()) s.append(" (").append(r.format()).append(")");
        if (r.skipped() > 0) s.append("; skipped ").append(r.skipped());
        return s.toString();
    }

    static String importFailure(Path file, Throwable error) {
        String name = String.valueOf(file.getFileName());
        String message = describe(error);
        return message.contains(name) ? "Import failed: " + message : "Import failed: " + name + ": " + message;
    }

    static String describe(Throwable error) {
        if (error == null) return "unknown error";
        String m = error.getMessage();
        return (m == null || m.isBlank()) ? error.getClass().getSimpleName() : m;
    }

    static String workspaceName(Path dir) {
        Path name = dir.getFileName();
        return name == null ? dir.toString() : name.toString();
    }

    @Override
    public void close() {
        WorkspaceService backend = workspace.get();
        if (backend != null) backend.close();
        runner.close();
    }
}
