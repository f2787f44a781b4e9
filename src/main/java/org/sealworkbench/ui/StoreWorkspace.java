package org.sealworkbench.ui;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.sealworkbench.util.CancelToken;
import org.sealworkbench.jobs.ImportJob;
import org.sealworkbench.jobs.ImportReport;
import org.sealworkbench.util.Progress;
import org.sealworkbench.store.Counts;
import org.sealworkbench.store.ExperimentLog;
import org.sealworkbench.store.PassageDetail;
import org.sealworkbench.store.PassageSummary;

/** The workspace on its SQLite experiment log. */
public final class StoreWorkspace implements WorkspaceBackend {
    private final ExperimentLog log;

    private StoreWorkspace(ExperimentLog log) {
        this.log = log;
    }

    public static StoreWorkspace open(Path dir) {
        return new StoreWorkspace(ExperimentLog.open(dir));
    }

    @Override public Path dir() { return log.workspaceDir(); }
    // The log is safe to share between threads and reads on its own connection, so the FX thread's reads
    // (selection) go on while a task writes, and see the last committed state (WAL).
    @Override public List<PassageSummary> passages() { return log.passages(); }
    @Override public Optional<PassageDetail> passage(long id) { return log.passage(id); }
    @Override public Counts counts() { return log.counts(); }

    @Override
    public ImportReport importFile(Path file, Progress progress, CancelToken cancel) {
        return new ImportJob(file, log).run(progress, cancel);
    }

    @Override
    public void close() {
        log.close();
    }
}
