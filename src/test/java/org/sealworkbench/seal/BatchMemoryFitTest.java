package org.sealworkbench.seal;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sealworkbench.llm.ComputeDevice;
import org.sealworkbench.llm.ProcMemory;
import org.sealworkbench.store.ExperimentLog;

/**
 * The batches in flight stay within the memory there is (issue 19): with room for only a few adapters, {@link
 * StoredRuns#orRunAll} runs fewer workers and smaller batches than asked, says so once, and still stores every run.
 */
class BatchMemoryFitTest {
    @TempDir Path tmp;

    @AfterEach
    void realMemory() {
        StoredRuns.availableMemory = ProcMemory::available;
    }

    private List<Integer> batchSizes(long availableAdapters, List<String> notes) throws Exception {
        SealFixtures.engine();
        Path ws = tmp.resolve("ws-" + availableAdapters);
        try (ExperimentLog log = ExperimentLog.open(ws);
             SealModel model = SealModel.open(SealFixtures.checkpoint(tmp.resolve("m-" + availableAdapters), 3), log, ComputeDevice.CPU)) {
            List<Long> ps = SealFixtures.passages(log, 2);
            InnerLoop il = new InnerLoop(log, model, SealFixtures.settings(), new SealFixtures.ParityGrader());
            il.useWorkers(2);
            String[] edits = {"1. a b c\n2. d e f", "1. the sky\n2. is cola\n3. land zero", "1. one line"};
            List<InnerLoop.Spec> specs = new ArrayList<>();
            for (int i = 0; i < 8; i++) specs.add(new InnerLoop.Spec(null, ps.get(i % 2), null, edits[i % 3], "t", i));
            long perAdapter = il.memoryPerAdapter(specs);
            assertTrue(perAdapter > 0);
            // the budget is a share of what is available: room for this many adapters
            StoredRuns.availableMemory = () -> (long) Math.ceil(availableAdapters * perAdapter / StoredRuns.MEMORY_SHARE);
            List<Integer> sizes = new ArrayList<>();
            List<InnerLoop.Outcome> got = new StoredRuns(log).orRunAll(il, specs, 4, () -> false, new StoredRuns.Batches() {
                @Override
                public void before(List<Integer> batch) {
                    synchronized (sizes) {
                        sizes.add(batch.size());
                    }
                }

                @Override
                public void note(String message) {
                    notes.add(message);
                }
            });
            assertEquals(8, got.size());
            for (InnerLoop.Outcome o : got) assertNotNull(o, "every run stored");
            return sizes;
        }
    }

    @Test
    void roomForEverythingChangesNothing() throws Exception {
        List<String> notes = new ArrayList<>();
        List<Integer> sizes = batchSizes(1_000, notes);
        assertTrue(notes.isEmpty(), notes.toString());
        assertTrue(sizes.stream().allMatch(s -> s > 1), "batches of several: " + sizes);
    }

    @Test
    void roomForThreeAdaptersRunsOneBatchOfThreeAtATime() throws Exception {
        List<String> notes = new ArrayList<>();
        List<Integer> sizes = batchSizes(3, notes);
        assertEquals(1, notes.size(), notes.toString());
        assertTrue(notes.get(0).contains("3 inner loops at once (adapter batch 3 on 1 worker) to fit memory, not 8 (4 x 2)"), notes.get(0));
        assertTrue(sizes.stream().allMatch(s -> s <= 3), "no batch above 3: " + sizes);
        assertEquals(8, sizes.stream().mapToInt(Integer::intValue).sum());
    }

    @Test
    void roomForOneAdapterRunsOneAtATime() throws Exception {
        List<String> notes = new ArrayList<>();
        List<Integer> sizes = batchSizes(1, notes);
        assertEquals(1, notes.size(), notes.toString());
        assertTrue(sizes.stream().allMatch(s -> s == 1), "one at a time: " + sizes);
    }
}
