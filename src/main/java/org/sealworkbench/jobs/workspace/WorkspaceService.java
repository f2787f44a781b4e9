package org.sealworkbench.jobs.workspace;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.sealworkbench.util.CancelToken;
import org.sealworkbench.jobs.ImportReport;
import org.sealworkbench.util.Progress;

/**
 * Everything the window asks of an open workspace, in records of its own: the one place where the window
 * reaches the store, the engine and the jobs ({@link StoreWorkspaceService} is the real one). Every method may
 * read or write the database or run the model, so the window calls them on a background task only. Safe to
 * call from several threads.
 */
public interface WorkspaceService extends AutoCloseable {
    Path dir();

    /**
     * Why the workspace is open read-only, in words ("this user may not write to the folder"); null when it may be
     * written. A read-only workspace is read as any other, and every method that writes (import, save an edit, load a
     * model, which records it, generate) throws, with a message naming the folder, before writing anything.
     */
    default String readOnlyReason() {
        return null;
    }

    List<PassageItem> passages();

    Optional<PassageText> passage(long id);

    /**
     * Every passage's context by id, for the library's filter (it searches titles and contexts): one read, where
     * {@link #passage} per passage was one read each (5,000 for 5,000 passages).
     */
    default java.util.Map<Long, String> passageContexts() {
        java.util.Map<Long, String> out = new java.util.HashMap<>();
        for (PassageItem p : passages()) passage(p.id()).ifPresent(t -> out.put(p.id(), t.context()));
        return out;
    }

    WorkspaceCounts counts();

    /** A number that changes whenever another process (the command line) adds to the workspace. */
    long changeStamp();

    ImportReport importFile(Path file, Progress progress, CancelToken cancel);

    /** The passage's self-edits, oldest first. */
    List<SelfEditItem> selfEdits(long passageId);

    /** Stores a person's edit of a self-edit as a new self-edit whose parent it is; nothing is overwritten. */
    SelfEditItem saveEdit(long parentId, String text, String editor);

    /** The family of versions a self-edit belongs to: its original first, then every edit of it, in order. */
    List<SelfEditItem> history(long selfEditId);

    /** The bundled model, then the model versions recorded in the workspace. */
    List<ModelItem> models();

    /** Loads a model folder once (validated; a clear message naming the file when the engine cannot run it). */
    ModelInfo loadModel(Path dir, Progress progress, CancelToken cancel);

    /** The loaded model, if any. */
    Optional<ModelInfo> loadedModel();

    /** The training sequences of a self-edit of a passage, exactly as the inner loop makes them, with token counts. */
    List<SequencePreview> sequences(long passageId, String selfEditText);

    /**
     * Generates k self-edits of each passage with the request's model (loaded when needed), streaming every
     * sample's text to {@code stream}; each sample is stored as soon as it ends, so a cancel keeps finished ones.
     */
    List<SelfEditItem> generate(List<Long> passageIds, GenerateRequest request, SampleStream stream,
                                Progress progress, CancelToken cancel);

    /**
     * The library's QA numbers when nothing graded has changed since {@link #libraryQa()} last computed them (a cheap
     * check, no computation); empty when they must be computed again.
     */
    default Optional<org.sealworkbench.jobs.qa.LibraryQa> libraryQaIfCurrent() {
        return Optional.empty();
    }

    /**
     * The library's QA columns: best stored accuracy and gain over passage only per passage. Reads every grade (seconds on
     * a large workspace): the window reads the library's rows first and these after, on a thread of their own.
     */
    default org.sealworkbench.jobs.qa.LibraryQa libraryQa() {
        return org.sealworkbench.jobs.qa.LibraryQa.NONE;
    }

    @Override
    void close();

    /** Opens (creating when needed) the workspace in a folder. */
    @FunctionalInterface
    interface Opener {
        WorkspaceService open(Path dir);
    }
}
