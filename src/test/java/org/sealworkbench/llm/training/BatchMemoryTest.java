package org.sealworkbench.llm.training;

import org.sealworkbench.llm.model.ModelConfig;
import org.sealworkbench.llm.model.ModelShapes;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/** The adapter batch's memory bound (issue 19): the per-adapter estimate and how batches in flight are cut to a budget. */
class BatchMemoryTest {
    private static final long MB = 1L << 20;

    @Test
    void sealTinysCountIsAnUpperBoundOfWhatWasMeasured() {
        ModelConfig tiny = ModelConfig.read(Path.of("assets/models/seal-tiny"));
        // LoRA r8 on all seven projections of seal-tiny: 147,968 parameters; its own self-edits' longest row: 88 tokens
        long bytes = BatchMemory.perAdapterBytes(tiny, 147_968, 88, 1);
        assertEquals(19.6, bytes / (double) MB, 0.1, "14 H + 6 I + 4 heads x 88 per token and layer, 3 V per token, 88 tokens, 6 x LoRA");
        assertTrue(bytes > 7.7 * MB, "above what seal-tiny was measured to grow per adapter (7.7 MiB): an upper bound");
        assertTrue(BatchMemory.perAdapterBytes(tiny, 147_968, 44, 1) < bytes, "shorter rows keep fewer activations");
        assertTrue(BatchMemory.perAdapterBytes(tiny, 147_968, 88, 2) > bytes, "two rows a step keep more");
        ModelConfig half = ModelShapes.of("qwen2", "qwen2.5-0.5b", 151_936);
        assertTrue(BatchMemory.perAdapterBytes(half, 1_081_344, 88, 1) > 20 * bytes, "a 0.5B model's adapter needs far more");
    }

    @Test
    void batchesThatFitAreLeftAsTheyAre() {
        assertEquals(new BatchMemory.Fit(16, 2), BatchMemory.fit(16, 2, 80 * MB, 10_000 * MB));
        assertEquals(new BatchMemory.Fit(16, 2), BatchMemory.fit(16, 2, 80 * MB, 32 * 80 * MB), "exactly full");
        assertEquals(new BatchMemory.Fit(16, 2), BatchMemory.fit(16, 2, 80 * MB, -1), "memory not known");
    }

    @Test
    void workersGoFirstThenTheBatch() {
        assertEquals(new BatchMemory.Fit(16, 2), BatchMemory.fit(16, 4, 100 * MB, 3_500 * MB), "35 fit: two batches of 16");
        assertEquals(new BatchMemory.Fit(16, 1), BatchMemory.fit(16, 4, 100 * MB, 2_000 * MB), "20 fit: one batch of 16");
        assertEquals(new BatchMemory.Fit(10, 1), BatchMemory.fit(16, 2, 100 * MB, 1_000 * MB), "10 fit: one batch of 10");
        assertEquals(new BatchMemory.Fit(1, 1), BatchMemory.fit(16, 2, 100 * MB, 10 * MB), "nothing fits: one at a time");
        assertEquals(32, BatchMemory.fit(16, 2, 1, 1 << 30).inFlight());
        assertThrows(IllegalArgumentException.class, () -> BatchMemory.fit(0, 1, MB, MB));
    }
}
