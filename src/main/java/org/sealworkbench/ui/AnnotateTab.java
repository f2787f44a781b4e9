package org.sealworkbench.ui;

import java.nio.file.Path;
import java.util.function.BiConsumer;
import java.util.function.Function;
import javafx.beans.value.ObservableValue;
import javafx.scene.control.Label;
import org.sealworkbench.jobs.annotate.AnnotationBackend;
import org.sealworkbench.jobs.workspace.WorkspaceService;
import org.sealworkbench.seal.WordDiff;
import org.sealworkbench.ui.annotate.AnnotationView;
import org.sealworkbench.ui.annotate.AnnotationViewModel;
import org.sealworkbench.ui.annotate.FxAnnotationDialogs;
import org.sealworkbench.ui.annotate.WordDifferences;

/**
 * Keeps the Annotate tab on the open workspace: when a workspace opens, its annotation backend is opened on the
 * read thread (never the FX thread) and the annotation screen is plugged into the tab; the previous backend is
 * closed when the workspace changes and when the window closes. The theme is the application's (AtlantaFX user
 * agent stylesheet), so the screen follows the View menu's theme without anything of its own.
 *
 * <p>The screen's reads and writes (a session's pairs, each judgement, the measures) run on a job thread of the tab's
 * own, not the window's job runner: they take milliseconds, and behind the runner they waited for a whole Fine-tune &amp;
 * evaluate or generation to finish (a session did not start while one ran). They still run one after another, so a
 * judgement's undo follows its write. Whenever the library is read again ({@code libraryRead} changes: self-edits were
 * generated, imported or edited, here or by another process), the screen's passages and authors are read again.
 */
final class AnnotateTab implements AutoCloseable {
    static final String EMPTY = "Open a workspace (Ctrl+O) to judge its self-edits here";

    private final WorkbenchTabs tabs;
    private final JobRunner runner;
    /** The screen's own job thread (see the class comment); closed with the tab. */
    private final JobRunner own = new JobRunner();
    private final Function<Path, AnnotationBackend> opener;
    private final BiConsumer<String, Throwable> errors;
    private final ObservableValue<String> annotatorName;
    /** Told after each judgement is stored (the window's change check then does not call it a change on disk). */
    private final Runnable written;
    private AnnotationBackend backend;
    private AnnotationViewModel viewModel;
    private Path wanted; // the folder asked for last (by identity: a reopen of the same folder is a new request)
    private boolean closed;

    AnnotateTab(WorkbenchTabs tabs, ObservableValue<WorkspaceService> workspace, ObservableValue<?> libraryRead,
                JobRunner runner, Function<Path, AnnotationBackend> opener, BiConsumer<String, Throwable> errors,
                ObservableValue<String> annotatorName, Runnable written) {
        this.annotatorName = annotatorName;
        this.written = written;
        // View > Annotator name… later: the judge's name follows (it was read once, when the workspace opened)
        annotatorName.addListener((o, was, name) -> {
            if (viewModel != null && name != null && !name.isBlank()) viewModel.annotatorProperty().set(name);
        });
        this.tabs = tabs;
        this.runner = runner;
        this.opener = opener;
        this.errors = errors;
        show(message(EMPTY));
        // By the service, not the path: reopening the same folder gives a new service and a fresh screen.
        workspace.addListener((obs, old, ws) -> open(ws));
        if (workspace.getValue() != null) open(workspace.getValue());
        libraryRead.addListener((o, was, now) -> {
            if (viewModel != null) viewModel.reloadOptions();
        });
    }

    /** The annotation screen's view model while one is shown (for tests), else null. */
    AnnotationViewModel viewModel() { return viewModel; }

    /**
     * What the tab says in a read-only workspace instead of the judging screen: every judgement (and a session's start)
     * is stored in the workspace, so judging is off, and the stored judgements are read by the command line.
     */
    static String readOnlyText(Path dir, String reason) {
        return "Judging is off: the workspace is open read-only (" + reason + "), and each judgement is stored in it. The"
                + " judgements it holds are measured by `./seal annotations --workspace " + dir + "` (add --export-csv FILE or"
                + " --export-jsonl FILE to copy them out). To judge, work on a copy of its folder.";
    }

    private void open(WorkspaceService ws) {
        if (ws != null && ws.readOnlyReason() != null) {
            closeBackend();
            wanted = ws.dir();
            show(message(readOnlyText(ws.dir(), ws.readOnlyReason())));
            return;
        }
        open(ws == null ? null : ws.dir());
    }

    private void open(Path dir) {
        closeBackend();
        wanted = dir;
        if (dir == null) {
            show(message(EMPTY));
            return;
        }
        show(message("Opening the annotations of " + dir + "…"));
        runner.reads().run("annotations of " + dir, () -> opener.apply(dir), opened -> {
            if (closed || dir != wanted) {
                closeQuietly(opened); // the workspace changed (or the window closed) while this one opened
                return;
            }
            backend = opened;
            viewModel = new AnnotationViewModel(opened, own);
            viewModel.setOnWritten(written);
            // The project's word diff (seal.WordDiff), as the stand-alone annotation window uses.
            viewModel.setWordDifferences((text, other) -> WordDiff.diff(text, other).left().stream()
                    .map(s -> new WordDifferences.Range(s.start(), s.end())).toList());
            // The workbench's annotator name (View > Annotator name…), so the judge need not type it again.
            String name = annotatorName.getValue();
            if (name != null && !name.isBlank()) viewModel.annotatorProperty().set(name);
            AnnotationView view = new AnnotationView(viewModel, new FxAnnotationDialogs());
            view.setId("annotationScreen");
            show(view);
            viewModel.load();
        }, e -> {
            if (dir != wanted) return;
            show(message("Could not open the annotations of " + dir + ": " + MainViewModel.describe(e)));
            errors.accept("Could not open the annotations of the workspace " + dir, e);
        });
    }

    private static Label message(String text) {
        Label l = new Label(text);
        l.setId("annotateEmpty");
        l.getStyleClass().add("not-built");
        l.setWrapText(true);
        return l;
    }

    private void show(javafx.scene.Node node) {
        tabs.plug(WorkbenchTabs.ANNOTATE, node);
    }

    private void closeBackend() {
        AnnotationBackend old = backend;
        backend = null;
        viewModel = null;
        if (old == null) return;
        if (closed) {
            closeQuietly(old);
        } else {
            // after the judgements still queued on the screen's thread are written
            own.submit(new JobTask<Void>("Closing the annotation log", (p, c) -> {
                closeQuietly(old);
                return null;
            }));
        }
    }

    private static void closeQuietly(AnnotationBackend b) {
        try {
            b.close();
        } catch (RuntimeException e) {
            System.err.println("Could not close the annotation log: " + e.getMessage());
        }
    }

    @Override
    public void close() {
        closed = true;
        own.closeAfterQueued(2000);   // the last judgements are written before the log closes
        closeBackend();
    }
}
