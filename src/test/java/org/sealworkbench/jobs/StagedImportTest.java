package org.sealworkbench.jobs;

import static org.junit.jupiter.api.Assertions.*;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sealworkbench.data.Passage;
import org.sealworkbench.data.Question;
import org.sealworkbench.store.ExperimentLog;
import org.sealworkbench.store.JobRecord;
import org.sealworkbench.util.CancelToken;

/**
 * Issue 20, bug 5: a long import commits in small staged transactions, so another writer lands while it runs;
 * yet an import that fails, is cancelled or is killed after some of its chunks committed leaves nothing of its
 * file. Each writer has its own {@link ExperimentLog} (its own connections), as two processes would.
 */
class StagedImportTest {
    @TempDir
    Path tmp;

    private Path jsonl(String name, String tag, int n, String lastLine) throws IOException {
        Path f = tmp.resolve(name);
        try (Writer w = Files.newBufferedWriter(f, StandardCharsets.UTF_8)) {
            for (int i = 0; i < n; i++) {
                w.write("{\"title\":\"" + tag + " " + i + "\",\"context\":\"" + tag + " passage " + i
                        + " says something.\",\"questions\":[{\"question\":\"q" + i + "?\",\"answer\":\"a" + i + "\"}]}\n");
            }
            if (lastLine != null) w.write(lastLine + "\n");
        }
        return f;
    }

    /**
     * A listener that pauses at the first record report for longer than a chunk may stay open (so the next
     * record commits one), then at the next report counts the passages another connection sees.
     */
    /** What another connection saw mid-import: passages counted * 1e6 + passages listed * 1e3 + questions counted. */
    private final AtomicLong shown = new AtomicLong(-1);

    private Progress pauseThenLook(ExperimentLog other, AtomicLong seen, Runnable afterLook) {
        int[] phase = {0};
        return (d, t, m) -> {
            if (ImportChild.records(m) <= 0) return;
            if (phase[0] == 0) {
                sleep(ImportChild.PAUSE_MS);
                phase[0] = 1;
            } else if (phase[0] == 1) {
                seen.set(other.stagedRows());
                // committed, yet not shown: what readers see, checked by the test once the import has ended
                shown.set(other.counts().passages() * 1_000_000 + other.passages().size() * 1_000 + other.counts().questions());
                phase[0] = 2;
                afterLook.run();
            }
        };
    }

    private interface Progress extends org.sealworkbench.util.Progress {}

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void anImportThatFailsAfterCommittedChunksLeavesNothingOfItsFile() throws Exception {
        Path ws = tmp.resolve("ws");
        Path file = jsonl("bad.jsonl", "alpha", 3000, "{\"title\": \"cut\", \"context\": ");
        try (ExperimentLog log = ExperimentLog.open(ws); ExperimentLog other = ExperimentLog.open(ws)) {
            // A passage already in the workspace, which the file repeats: reused, so it must survive the failure.
            long kept = log.addPassage(new Passage("alpha 5", "alpha passage 5 says something.",
                    List.of(new Question("q5?", "a5"))), "earlier");
            AtomicLong seen = new AtomicLong(-1);
            JobFailedException e = assertThrows(JobFailedException.class,
                    () -> new ImportJob(file, log).run(pauseThenLook(other, seen, () -> {}), new CancelToken()));
            assertTrue(seen.get() > 1, "chunks of the import were committed (seen by another connection) before it failed: "
                    + seen.get());
            assertEquals(0, other.stagedRows(), "the failed import's journal is gone with its rows");
            assertEquals(1_001_001, shown.get(), "mid-import, readers saw only the passage from before (and its question)");
            assertTrue(e.getMessage().contains("bad.jsonl"), e.getMessage());
            assertTrue(e.getMessage().contains("line 3001"), e.getMessage());
            assertTrue(e.getMessage().contains("nothing imported"), e.getMessage());
            assertEquals(1, other.counts().passages(), "only the passage from before the import is left");
            assertEquals(1, other.counts().questions());
            assertEquals(List.of(kept), other.passageIdsWithSource("earlier"));
            JobRecord job = other.jobs().get(0);
            assertEquals("failed", job.status());
            assertTrue(job.message().contains("nothing imported"), job.message());
            assertEquals("ok", other.integrityCheck());
            // The same file, fixed, imports whole afterwards (no journal of the failed import is in its way).
            Files.writeString(file, Files.readString(file).replace("{\"title\": \"cut\", \"context\": \n", ""));
            ImportReport r = new ImportJob(file, log).run(org.sealworkbench.util.Progress.none(), new CancelToken());
            assertEquals(2999, r.passages());
            assertEquals(3000, other.counts().passages());
        }
    }

    @Test
    void aCancelAfterCommittedChunksLeavesNothing() throws Exception {
        Path ws = tmp.resolve("ws");
        Path file = jsonl("big.jsonl", "beta", 20_000, null);
        try (ExperimentLog log = ExperimentLog.open(ws); ExperimentLog other = ExperimentLog.open(ws)) {
            AtomicLong seen = new AtomicLong(-1);
            CancelToken token = new CancelToken();
            JobCancelledException e = assertThrows(JobCancelledException.class,
                    () -> new ImportJob(file, log).run(pauseThenLook(other, seen, token::cancel), token));
            assertTrue(seen.get() > 0, "chunks were committed before the cancel: " + seen.get());
            assertEquals(0, shown.get(), "mid-import, readers saw none of its passages or questions");
            assertTrue(e.getMessage().contains("nothing imported"), e.getMessage());
            assertEquals(0, other.counts().passages());
            assertEquals(0, other.counts().questions());
            assertEquals("cancelled", other.jobs().get(0).status());
        }
    }

    @Test
    void aSecondImportLandsWhileALongImportRuns() throws Exception {
        Path ws = tmp.resolve("ws");
        int big = 30_000;
        Path a = jsonl("a.jsonl", "gamma", big, null);
        Path b = jsonl("b.jsonl", "delta", 10, null);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        AtomicInteger aRecords = new AtomicInteger();
        AtomicReference<Future<ImportReport>> second = new AtomicReference<>();
        try (ExperimentLog la = ExperimentLog.open(ws); ExperimentLog lb = ExperimentLog.open(ws)) {
            AtomicInteger aWhenBLanded = new AtomicInteger(-1);
            Future<ImportReport> fa = pool.submit(() -> new ImportJob(a, la).run((d, t, m) -> {
                int n = ImportChild.records(m);
                if (n > 0) aRecords.set(n);
                // Start the second import once the first is well under way.
                if (n > 0 && second.get() == null) {
                    second.set(pool.submit(() -> {
                        ImportReport r = new ImportJob(b, lb).run(org.sealworkbench.util.Progress.none(), new CancelToken());
                        aWhenBLanded.set(aRecords.get());
                        return r;
                    }));
                }
            }, new CancelToken()));
            ImportReport ra = fa.get(5, TimeUnit.MINUTES);
            ImportReport rb = second.get().get(1, TimeUnit.MINUTES);
            assertEquals(big, ra.passages());
            assertEquals(10, rb.passages());
            assertTrue(aWhenBLanded.get() > 0 && aWhenBLanded.get() < big,
                    "the second import finished while the first was still importing (at its record "
                            + aWhenBLanded.get() + " of " + big + "), not after it");
            assertEquals(big + 10, la.counts().passages());
            assertEquals(List.of("done", "done"), la.jobs().stream().map(JobRecord::status).toList());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anImportKilledAfterCommittedChunksIsRemovedWhenTheWorkspaceIsNextOpened() throws Exception {
        Path ws = tmp.resolve("ws");
        try (ExperimentLog init = ExperimentLog.open(ws)) {
            init.addPassage(new Passage("before", "a passage from before", List.of()), "earlier");
        }
        Path file = jsonl("killed.jsonl", "eps", 20_000, null);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                ImportChild.class.getName(), ws.toString(), file.toString()).redirectErrorStream(true).start();
        List<String> seen = new ArrayList<>();
        long partial = -1;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                seen.add(line);
                if (line.equals("committed")) {
                    try (ExperimentLog look = ExperimentLog.open(ws)) {
                        partial = look.stagedRows();
                        assertEquals(1, look.counts().passages(), "readers see only the passage from before");
                        assertEquals("running", look.jobs().get(0).status(), "the child's job is alive, not interrupted");
                    }
                    child.destroyForcibly();
                    break;
                }
            }
        } finally {
            child.destroyForcibly();
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        }
        assertTrue(partial > 1, "the child committed part of its import before it was killed: " + partial + " " + seen);
        assertFalse(seen.contains("finished"), "killed mid-import: " + seen);
        try (ExperimentLog log = ExperimentLog.open(ws)) {
            assertEquals(1, log.counts().passages(), "the killed import's rows were removed; the earlier passage stays");
            assertEquals(List.of("earlier"), log.passageSources());
            JobRecord job = log.jobs().get(0);
            assertEquals("interrupted", job.status());
            assertTrue(job.message().contains("row(s) were removed"), job.message());
            assertEquals("ok", log.integrityCheck());
            // Resumed from its row, the import lands whole.
            ImportReport r = (ImportReport) Jobs.resume(ws, job.id(), org.sealworkbench.util.Progress.none(), new CancelToken());
            assertEquals(20_000, r.passages());
        }
        try (ExperimentLog log = ExperimentLog.open(ws)) {
            assertEquals(20_001, log.counts().passages());
            assertEquals("done", log.jobs().get(0).status());
        }
    }
}
