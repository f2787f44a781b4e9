package org.sealworkbench.seal;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sealworkbench.llm.ComputeDevice;
import org.sealworkbench.llm.OpenArrays;
import org.sealworkbench.store.ExperimentLog;

/**
 * Inner loops must not leave tensors behind (issue 19: resident memory grew by ~18 MB per seal-tiny inner loop). The
 * count of NDArrays still open in the model's manager is deterministic: after the first loops have filled the
 * model's bounded caches (causal masks and rotary tables of the lengths seen), it must not move. Before the fix,
 * AdamW's per-parameter slices of its flat moment buffers stayed open: 16 more arrays, and both buffers, per loop.
 */
class InnerLoopMemoryTest {
    @TempDir Path tmp;

    private static List<Integer> openArraysOver(Path tmp, int loops) throws Exception {
        SealFixtures.engine();
        List<Integer> counts = new ArrayList<>();
        try (ExperimentLog log = ExperimentLog.open(tmp.resolve("ws"));
             SealModel model = SealModel.open(SealFixtures.checkpoint(tmp.resolve("m"), 3), log, ComputeDevice.CPU)) {
            List<Long> ps = SealFixtures.passages(log, 2);
            InnerLoop il = new InnerLoop(log, model, SealFixtures.settings(), new SealFixtures.ParityGrader());
            String[] edits = {"1. a b c\n2. d e f", "1. the sky\n2. is cola\n3. land zero"};
            for (int i = 0; i < loops; i++) {
                il.run(new InnerLoop.Spec(null, ps.get(i % 2), null, edits[i % 2], "t", i), () -> false);
                counts.add(OpenArrays.count(model.model().manager()));
            }
        }
        return counts;
    }

    @Test
    void openArraysStayFlatOverInnerLoops() throws Exception {
        List<Integer> c = openArraysOver(tmp, 8);
        assertTrue(c.get(0) > 0, "the model's own weights are open arrays: " + c);
        for (int i = 2; i < c.size(); i++) assertEquals(c.get(1), c.get(i), "open arrays after each inner loop: " + c);
    }

    @Test
    @Tag("slow")
    void openArraysStayFlatOverTwoHundredInnerLoops() throws Exception {
        List<Integer> c = openArraysOver(tmp, 200);
        assertEquals(c.get(1), c.get(c.size() - 1), "open arrays after loop 2 and loop 200");
    }
}
