package org.sealworkbench.seal;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sealworkbench.llm.ComputeDevice;
import org.sealworkbench.llm.OpenArrays;
import org.sealworkbench.llm.ProcMemory;
import org.sealworkbench.store.ExperimentLog;

/**
 * Batched inner loops ({@link InnerLoop#runBatched}, as evaluation and ReST-EM run them by default) must not leave tensors
 * behind either (see {@link InnerLoopMemoryTest}): the count of NDArrays open in the model's manager is deterministic and
 * must not move once the first batches have filled the model's bounded caches. The slow variant runs 1,000 batched inner
 * loops (250 batches of 4) and prints resident memory every 100, for the record; in this JVM that figure includes the Java
 * heap's growth and the JIT's, so {@link BatchedInnerLoopRssTest} checks resident memory in a child JVM without them.
 */
class BatchedInnerLoopMemoryTest {
    @TempDir Path tmp;

    private static List<Integer> openArraysOver(Path tmp, int batches, int adapters, boolean printRss) throws Exception {
        SealFixtures.engine();
        List<Integer> counts = new ArrayList<>();
        try (ExperimentLog log = ExperimentLog.open(tmp.resolve("ws"));
             SealModel model = SealModel.open(SealFixtures.checkpoint(tmp.resolve("m"), 3), log, ComputeDevice.CPU)) {
            List<Long> ps = SealFixtures.passages(log, 2);
            InnerLoop il = new InnerLoop(log, model, SealFixtures.settings(), new SealFixtures.ParityGrader());
            String[] edits = {"1. a b c\n2. d e f", "1. the sky\n2. is cola\n3. land zero", "1. one line"};
            long rss0 = ProcMemory.rss();
            for (int b = 0; b < batches; b++) {
                List<InnerLoop.Spec> specs = new ArrayList<>();
                for (int k = 0; k < adapters; k++) {
                    int i = b * adapters + k;
                    specs.add(new InnerLoop.Spec(null, ps.get(i % 2), null, edits[i % 3], "t", i));
                }
                il.runBatched(specs, () -> false);
                counts.add(OpenArrays.count(model.model().manager()));
                int done = (b + 1) * adapters;
                if (printRss && done % 100 == 0) {
                    System.out.printf(Locale.ROOT, "{\"measure\":\"batched_inner_loop_memory\",\"inner_loops_done\":%d,\"rss_bytes\":%d,"
                            + "\"rss_growth_bytes\":%d,\"open_arrays\":%d}%n", done, ProcMemory.rss(), ProcMemory.rss() - rss0, counts.get(b));
                }
            }
        }
        return counts;
    }

    @Test
    void openArraysStayFlatOverBatchedInnerLoops() throws Exception {
        List<Integer> c = openArraysOver(tmp, 6, 3, false);
        assertTrue(c.get(0) > 0, "the model's own weights are open arrays: " + c);
        for (int i = 2; i < c.size(); i++) assertEquals(c.get(1), c.get(i), "open arrays after each batch: " + c);
    }

    @Test
    @Tag("slow")
    void openArraysStayFlatOverAThousandBatchedInnerLoops() throws Exception {
        List<Integer> c = openArraysOver(tmp, 250, 4, true);
        assertEquals(c.get(1), c.get(c.size() - 1), "open arrays after batch 2 and batch 250");
    }

    /**
     * The same through {@link StoredRuns#orRunAll} on 2 workers, as evaluation and ReST-EM run it: every call makes a replica
     * of the model per worker (its own projections and tables, in a sub-manager of the model's) and must close them, so the
     * count after each call stays where it was after the first.
     */
    @Test
    void openArraysStayFlatOverBatchesOnTwoWorkers() throws Exception {
        SealFixtures.engine();
        try (ExperimentLog log = ExperimentLog.open(tmp.resolve("ws"));
             SealModel model = SealModel.open(SealFixtures.checkpoint(tmp.resolve("m"), 3), log, ComputeDevice.CPU)) {
            List<Long> ps = SealFixtures.passages(log, 2);
            InnerLoop il = new InnerLoop(log, model, SealFixtures.settings(), new SealFixtures.ParityGrader());
            il.useWorkers(2);
            StoredRuns stored = new StoredRuns(log);
            String[] edits = {"1. a b c\n2. d e f", "1. the sky\n2. is cola\n3. land zero", "1. one line"};
            List<Integer> counts = new ArrayList<>();
            for (int call = 0; call < 5; call++) {
                List<InnerLoop.Spec> specs = new ArrayList<>();
                for (int k = 0; k < 6; k++) {
                    int i = call * 6 + k;
                    specs.add(new InnerLoop.Spec(null, ps.get(i % 2), null, edits[i % 3], "t", i));
                }
                assertEquals(6, stored.orRunAll(il, specs, 3, () -> false, StoredRuns.Batches.NONE).size());
                counts.add(OpenArrays.count(model.model().manager()));
            }
            for (int i = 2; i < counts.size(); i++) assertEquals(counts.get(1), counts.get(i), "open arrays after each call: " + counts);
        }
    }
}
