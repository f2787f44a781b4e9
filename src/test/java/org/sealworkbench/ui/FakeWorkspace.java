package org.sealworkbench.ui;

import org.sealworkbench.jobs.workspace.WorkspaceService;
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
import org.sealworkbench.jobs.workspace.GenerateRequest;
import org.sealworkbench.jobs.workspace.ModelInfo;
import org.sealworkbench.jobs.workspace.ModelItem;
import org.sealworkbench.jobs.workspace.SampleStream;
import org.sealworkbench.jobs.workspace.SelfEditItem;
import org.sealworkbench.jobs.workspace.SequencePreview;
import org.sealworkbench.jobs.workspace.WorkspaceCounts;
import org.sealworkbench.jobs.workspace.PassageText;
import org.sealworkbench.jobs.workspace.PassageItem;
import org.sealworkbench.jobs.workspace.QuestionItem;

/** An in-memory workspace: "files" are registered with the passages they hold, or the error they raise. */
final class FakeWorkspace implements WorkspaceService {
    private final Path dir;
    private final List<PassageText> passages = new ArrayList<>();
    private final Map<Path, List<String[]>> files = new HashMap<>();
    private final Map<Path, RuntimeException> failures = new HashMap<>();
    private long nextId = 1;
    volatile CountDownLatch blockImports;
    /** While set and not counted down, a generation waits after its first sample's first words (the columns stream). */
    volatile CountDownLatch blockGeneration;
    final CountDownLatch generationStarted = new CountDownLatch(1);
    /** When set, a generation throws it after its first sample's first words. */
    volatile RuntimeException failGeneration;
    final CountDownLatch importStarted = new CountDownLatch(1);
    volatile boolean closed;

    FakeWorkspace(Path dir) {
        this.dir = dir;
    }

    /**
     * Makes an empty experiment log in {@code dir}: the window's History tab reads the jobs from the real log as soon as a
     * workspace opens, and without one it shows a modal error dialog that takes every later click (a test run on its
     * own failed that way).
     */
    static void withEmptyLog(Path dir) throws java.io.IOException {
        try (org.sealworkbench.store.ExperimentLog log = org.sealworkbench.store.ExperimentLog.open(dir)) {
            log.counts();
        }
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
        List<QuestionItem> qs = new ArrayList<>();
        for (int i = 2; i + 1 < passage.length; i += 2) {
            qs.add(new QuestionItem(id * 100 + i, id, qs.size(), passage[i], passage[i + 1]));
        }
        passages.add(new PassageText(id, passage[0], passage[1], List.copyOf(qs)));
        return this;
    }

    @Override public Path dir() { return dir; }

    /** Why the workspace is read-only (null: it may be written); it then refuses every write, as the real one does. */
    volatile String readOnlyReason;

    @Override public String readOnlyReason() { return readOnlyReason; }

    synchronized int modelsLoaded() {
        return modelsLoaded;
    }

    @Override
    public synchronized List<PassageItem> passages() {
        return passages.stream().map(p -> new PassageItem(p.id(), p.title(), p.questions().size(), 0)).toList();
    }

    @Override
    public synchronized Optional<PassageText> passage(long id) {
        return passages.stream().filter(p -> p.id() == id).findFirst();
    }

    @Override
    public synchronized WorkspaceCounts counts() {
        long q = passages.stream().mapToLong(p -> p.questions().size()).sum();
        return new WorkspaceCounts(passages.size(), q, edits.size(), 0);
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

    // ---- self-edits, in memory ----
    private final List<SelfEditItem> edits = new ArrayList<>();
    private long nextEditId = 1000;

    synchronized SelfEditItem addSelfEdit(long passageId, String text) {
        SelfEditItem e = new SelfEditItem(nextEditId++, passageId, text, SelfEditItem.Author.IMPORT, "fixture", null,
                "implications", "", java.time.Instant.EPOCH, null);
        edits.add(e);
        return e;
    }

    /** Models loaded: loading registers the model in a real workspace, so it changes the stamp here too. */
    private int modelsLoaded;
    /** What {@link #libraryQa()} answers (a test sets it as if a run had finished). */
    volatile org.sealworkbench.jobs.qa.LibraryQa qa = org.sealworkbench.jobs.qa.LibraryQa.NONE;

    /** While set and not yet counted down, {@link #libraryQa()} waits for it (the seconds it takes on a large workspace). */
    volatile java.util.concurrent.CountDownLatch qaGate;
    /** How many times the QA numbers were computed. */
    final java.util.concurrent.atomic.AtomicInteger qaReads = new java.util.concurrent.atomic.AtomicInteger();

    @Override
    public org.sealworkbench.jobs.qa.LibraryQa libraryQa() {
        java.util.concurrent.CountDownLatch gate = qaGate;
        if (gate != null) {
            try {
                gate.await(30, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        qaReads.incrementAndGet();
        return qa;
    }

    /** Writes through another connection to the same log (the Annotate tab's judgements): they change the stamp too. */
    volatile long otherWrites;

    @Override
    public long changeStamp() {
        synchronized (this) {
            return passages.size() * 1000L + edits.size() + modelsLoaded * 1_000_000L + otherWrites * 1_000_000_000L;
        }
    }

    @Override
    public synchronized List<SelfEditItem> selfEdits(long passageId) {
        return edits.stream().filter(e -> e.passageId() == passageId).toList();
    }

    @Override
    public synchronized SelfEditItem saveEdit(long parentId, String text, String editor) {
        SelfEditItem parent = edits.stream().filter(e -> e.id() == parentId).findFirst().orElseThrow();
        SelfEditItem e = new SelfEditItem(nextEditId++, parent.passageId(), text, SelfEditItem.Author.HUMAN_EDIT, editor,
                parentId, parent.template(), "", java.time.Instant.EPOCH, null);
        edits.add(e);
        return e;
    }

    @Override
    public synchronized List<SelfEditItem> history(long selfEditId) {
        SelfEditItem at = edits.stream().filter(e -> e.id() == selfEditId).findFirst().orElseThrow();
        while (at.parentId() != null) {
            long p = at.parentId();
            at = edits.stream().filter(e -> e.id() == p).findFirst().orElseThrow();
        }
        List<SelfEditItem> out = new ArrayList<>(List.of(at));
        for (int i = 0; i < out.size(); i++) {
            long id = out.get(i).id();
            edits.stream().filter(e -> e.parentId() != null && e.parentId() == id).forEach(out::add);
        }
        return out;
    }

    @Override
    public List<ModelItem> models() {
        return List.of(new ModelItem(null, "fake", dir.resolve("fake-model"), "llama", "fake"));
    }

    @Override
    public ModelInfo loadModel(Path modelDir, Progress progress, CancelToken cancel) {
        synchronized (this) {
            modelsLoaded++;
        }
        return new ModelInfo(1, "fake", modelDir, "llama", 1000, "F32", "cpu()", 4000);
    }

    @Override
    public Optional<ModelInfo> loadedModel() {
        return Optional.empty();
    }

    @Override
    public synchronized List<SequencePreview> sequences(long passageId, String text) {
        PassageText p = passage(passageId).orElseThrow();
        return org.sealworkbench.seal.SelfEditSequences.build(p.title(), p.context(), text).stream()
                .map(s -> new SequencePreview(s, s.length())).toList();
    }

    /** Writes each sample as "sample i of passage p" in two deltas, storing each. */
    @Override
    public List<SelfEditItem> generate(List<Long> passageIds, GenerateRequest request, SampleStream stream,
                                       Progress progress, CancelToken cancel) {
        List<SelfEditItem> out = new ArrayList<>();
        for (long p : passageIds) {
            stream.started(p, request.k());
            for (int i = 0; i < request.k(); i++) {
                cancel.throwIfCancelled();
                stream.text(p, i, "sample " + i);
                if (failGeneration != null) throw failGeneration;
                CountDownLatch gate = blockGeneration;
                if (gate != null) {
                    generationStarted.countDown();
                    while (!awaitQuietly(gate)) cancel.throwIfCancelled();
                }
                stream.text(p, i, " of passage " + p);
                SelfEditItem e;
                synchronized (this) {
                    e = new SelfEditItem(nextEditId++, p, "sample " + i + " of passage " + p, SelfEditItem.Author.MODEL,
                            "fake", null, request.template(), "", java.time.Instant.EPOCH, null);
                    edits.add(e);
                }
                stream.stored(p, i, e, org.sealworkbench.seal.Ending.NONE);
                out.add(e);
            }
        }
        return out;
    }

    @Override
    public void close() {
        closed = true;
    }
}
