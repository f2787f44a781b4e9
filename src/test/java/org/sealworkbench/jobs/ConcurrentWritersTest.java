package org.sealworkbench.jobs;
import org.sealworkbench.util.Progress;
import org.sealworkbench.util.CancelToken;
import org.sealworkbench.util.CancelledException;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sealworkbench.store.ExperimentLog;

/**
 * Issue 20, bug 5: the window and the command line write one workspace at once. Each writer here has its
 * own {@link ExperimentLog} (its own SQLite connections), as two processes would.
 */
class ConcurrentWritersTest {
    @TempDir
    Path tmp;

    private Path jsonl(String name, String tag, int n) throws IOException {
        Path f = tmp.resolve(name);
        try (Writer w = Files.newBufferedWriter(f, StandardCharsets.UTF_8)) {
            for (int i = 0; i < n; i++) {
                w.write("{\"title\":\"" + tag + " " + i + "\",\"context\":\"" + tag + " passage " + i
                        + " says something.\",\"questions\":[{\"question\":\"q" + i + "?\",\"answer\":\"a" + i + "\"}]}\n");
            }
        }
        return f;
    }

    @Test
    void twoImportersAndAReaderAtOnceAllLand() throws Exception {
        Path ws = tmp.resolve("ws");
        try (ExperimentLog init = ExperimentLog.open(ws)) {
            assertEquals(0, init.counts().passages());
        }
        Path a = jsonl("a.jsonl", "alpha", 2000);
        Path b = jsonl("b.jsonl", "beta", 2000);
        ExecutorService pool = Executors.newFixedThreadPool(3);
        CountDownLatch start = new CountDownLatch(1);
        AtomicBoolean importing = new AtomicBoolean(true);
        AtomicInteger reads = new AtomicInteger();
        List<String> waits = new CopyOnWriteArrayList<>();
        try (ExperimentLog la = ExperimentLog.open(ws); ExperimentLog lb = ExperimentLog.open(ws);
             ExperimentLog reader = ExperimentLog.open(ws)) {
            Future<ImportReport> fa = pool.submit(() -> {
                start.await();
                return new ImportJob(a, la).run((d, t, m) -> { if (m.contains("waiting")) waits.add(m); }, new CancelToken());
            });
            Future<ImportReport> fb = pool.submit(() -> {
                start.await();
                return new ImportJob(b, lb).run((d, t, m) -> { if (m.contains("waiting")) waits.add(m); }, new CancelToken());
            });
            Future<Long> fr = pool.submit(() -> {
                start.await();
                long last = 0;
                do {
                    long n = reader.counts().passages();
                    assertTrue(n >= last, "a reader saw rows disappear");
                    last = n;
                    reader.passages();
                    reads.incrementAndGet();
                } while (importing.get());
                return last;
            });
            start.countDown();
            ImportReport ra = fa.get(5, TimeUnit.MINUTES);
            ImportReport rb = fb.get(5, TimeUnit.MINUTES);
            importing.set(false);
            fr.get(1, TimeUnit.MINUTES);
            assertEquals(2000, ra.passages());
            assertEquals(2000, rb.passages());
            assertEquals(4000, reader.counts().passages());
            assertEquals(4000, reader.counts().questions());
            assertTrue(reads.get() > 0);
            assertEquals(List.of("done", "done"), reader.jobs().stream().map(j -> j.status()).toList());
            for (String w : waits) assertTrue(w.contains("waiting for another job to finish writing"), w);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aWriterWaitsWithProgressWhileAnotherHoldsTheLockThenLands() throws Exception {
        Path ws = tmp.resolve("ws");
        Path file = jsonl("c.jsonl", "gamma", 10);
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch sawWaiting = new CountDownLatch(1);
        List<String> messages = new CopyOnWriteArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (ExperimentLog holder = ExperimentLog.open(ws); ExperimentLog importer = ExperimentLog.open(ws)) {
            // Another process's long write: it keeps the write lock until the importer has said it waits.
            Future<?> hold = pool.submit(() -> holder.inTransaction(() -> {
                holder.addExperiment("long write", null);
                holding.countDown();
                try {
                    assertTrue(sawWaiting.await(2, TimeUnit.MINUTES), "the importer never said it was waiting");
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }));
            assertTrue(holding.await(1, TimeUnit.MINUTES));
            Future<ImportReport> imp = pool.submit(() -> new ImportJob(file, importer).run((d, t, m) -> {
                messages.add(m);
                if (m.contains("waiting for another job to finish writing")) sawWaiting.countDown();
            }, new CancelToken()));
            ImportReport r = imp.get(3, TimeUnit.MINUTES);
            hold.get(1, TimeUnit.MINUTES);
            assertEquals(10, r.passages());
            assertTrue(messages.stream().anyMatch(m -> m.startsWith("c.jsonl: waiting for another job to finish writing")),
                    messages.toString());
            assertEquals(10, importer.counts().passages());
            assertEquals(1, importer.experiments().size());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aWaitingImportCanBeCancelledAndLeavesNothing() throws Exception {
        Path ws = tmp.resolve("ws");
        Path file = jsonl("d.jsonl", "delta", 10);
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(1);
        try (ExperimentLog holder = ExperimentLog.open(ws); ExperimentLog importer = ExperimentLog.open(ws)) {
            Future<?> hold = pool.submit(() -> holder.inTransaction(() -> {
                holding.countDown();
                try {
                    done.await(2, TimeUnit.MINUTES);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }));
            assertTrue(holding.await(1, TimeUnit.MINUTES));
            CancelToken token = new CancelToken();
            assertThrows(CancelledException.class, () -> new ImportJob(file, importer).run((d, t, m) -> {
                if (m.contains("waiting")) token.cancel();
            }, token));
            done.countDown();
            hold.get(1, TimeUnit.MINUTES);
            assertEquals(0, importer.counts().passages());
        } finally {
            pool.shutdownNow();
        }
    }
}
