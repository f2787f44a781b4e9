package org.sealworkbench.ui;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.sealworkbench.util.CancelToken;
import org.sealworkbench.jobs.ImportReport;
import org.sealworkbench.util.Progress;
import org.sealworkbench.store.Counts;
import org.sealworkbench.store.PassageDetail;
import org.sealworkbench.store.PassageSummary;
import org.sealworkbench.store.QuestionRecord;

/** An in-memory workspace: "files" are registered with the passages they hold, or the error they raise. */
final class FakeWorkspace implements WorkspaceBackend {
    private final Path dir;
    private final List<PassageDetail> passages = new ArrayList<>();
    private final Map<Path, List<String[]>> files = new HashMap<>();
    private final Map<Path, RuntimeException> failures = new HashMap<>();
    private long nextId = 1;
    volatile CountDownLatch blockImports;
    final CountDownLatch importStarted = new CountDownLatch(1);
    volatile boolean closed;

    FakeWorkspace(Path dir) {
        this.dir = dir;
    }

    /** Registers a file; each passage is {title, context, question, answer, question, answer, ...}. */
    FakeWorkspace file(Path file, String[]... passages) {
        files.put(file, List.of(passages));
        return this;
    }

    FakeWorkspace failing(Path file, RuntimeException error) {
        failures.put(file, error);
        return this;
    }

    synchronized FakeWorkspace add(String... passage) {
        long id = nextId++;
        List<QuestionRecord> qs = new ArrayList<>();
        for (int i = 2; i + 1 < passage.length; i += 2) {
            qs.add(new QuestionRecord(id * 100 + i, id, qs.size(), passage[i], passage[i + 1]));
        }
        passages.add(new PassageDetail(id, passage[0], passage[1], List.copyOf(qs)));
        return this;
    }

    @Override public Path dir() { return dir; }

    @Override
    public synchronized List<PassageSummary> passages() {
        return passages.stream().map(p -> new PassageSummary(p.id(), p.title(), p.questions().size(), 0)).toList();
    }

    @Override
    public synchronized Optional<PassageDetail> passage(long id) {
        return passages.stream().filter(p -> p.id() == id).findFirst();
    }

    @Override
    public synchronized Counts counts() {
        long q = passages.stream().mapToLong(p -> p.questions().size()).sum();
        return new Counts(passages.size(), q, 0, 0, 0, 0, 0, 0);
    }

    @Override
    public ImportReport importFile(Path file, Progress progress, CancelToken cancel) {
        importStarted.countDown();
        progress.update(1, 2, "reading " + file.getFileName());
        CountDownLatch block = blockImports;
        if (block != null) {
            // Stands for a long import: waits until released or cancelled.
            while (!awaitQuietly(block)) cancel.throwIfCancelled();
        }
        cancel.throwIfCancelled();
        if (failures.containsKey(file)) throw failures.get(file);
        List<String[]> content = files.get(file);
        if (content == null) throw new IllegalArgumentException(file + ": no such file");
        int questions = 0;
        for (String[] p : content) {
            add(p);
            questions += (p.length - 2) / 2;
        }
        progress.update(1, 1, "done");
        return new ImportReport(file, "seal-json", content.size(), questions, 0, 0, List.of());
    }

    private static boolean awaitQuietly(CountDownLatch latch) {
        try {
            return latch.await(10, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    @Override
    public void close() {
        closed = true;
    }
}
