package org.sealworkbench.ui;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.sealworkbench.util.CancelToken;
import org.sealworkbench.jobs.ImportReport;
import org.sealworkbench.util.Progress;
import org.sealworkbench.store.Counts;
import org.sealworkbench.store.PassageDetail;
import org.sealworkbench.store.PassageSummary;

/**
 * What the window needs from an open workspace. A seam so that view models are tested against a small
 * in-memory fake; {@link StoreWorkspace} is the real one on the experiment log.
 */
public interface WorkspaceBackend extends AutoCloseable {
    Path dir();

    List<PassageSummary> passages();

    Optional<PassageDetail> passage(long id);

    Counts counts();

    /** Imports one file; called on a background thread, possibly while the FX thread reads. */
    ImportReport importFile(Path file, Progress progress, CancelToken cancel);

    @Override
    void close();

    /** Opens (creating when needed) the workspace in a folder. */
    @FunctionalInterface
    interface Opener {
        WorkspaceBackend open(Path dir);
    }
}
