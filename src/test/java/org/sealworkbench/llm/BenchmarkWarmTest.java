package org.sealworkbench.llm;

import static org.junit.jupiter.api.Assertions.*;

import org.sealworkbench.llm.model.LlamaModel;

import ai.djl.Device;
import com.google.gson.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The bench's steady-state figures: measured after a warm-up of the asked length, and only when asked for. */
class BenchmarkWarmTest {
    @TempDir Path dir;

    @Test
    void decodeAndLoraMeasureAgainAfterTheirWarmUpAndNotWithoutOne() throws Exception {
        TestCheckpoints.write(dir, TestCheckpoints.LLAMA_GQA, "llama", 1, "F32");
        List<JsonObject> lines = new ArrayList<>();
        Benchmark b = new Benchmark(lines::add);
        try (LlamaModel model = LlamaModel.load(dir, Device.cpu())) {
            b.decode(model, 4, 3, 0.3);
            b.training(model, 8, 2, false, 0.3);
            b.decode(model, 4, 3, 0);
            b.training(model, 8, 2, false, 0);
        }
        // decode: cache on at batch 1 and 5, then cache off at both (no warm figure: the reference path)
        for (int i = 0; i < 2; i++) {
            JsonObject d = lines.get(i);
            assertTrue(d.get("cache").getAsBoolean());
            assertTrue(d.get("warm_up_s").getAsDouble() >= 0.3, d.toString());
            assertTrue(d.get("warm_up_steps").getAsLong() >= 3, "at least one call of 3 tokens: " + d);
            assertTrue(d.get("ms_per_step_median_warm").getAsDouble() > 0, d.toString());
        }
        for (int i = 2; i < 4; i++) assertFalse(lines.get(i).has("ms_per_step_median_warm"), lines.get(i).toString());
        JsonObject lora = lines.get(4);
        assertEquals("train_lora", lora.get("measure").getAsString());
        assertTrue(lora.get("warm_up_s").getAsDouble() >= 0.3, lora.toString());
        assertTrue(lora.get("warm_up_steps").getAsLong() >= 1, lora.toString());
        assertTrue(lora.get("tokens_per_s_median_warm").getAsDouble() > 0, lora.toString());
        for (int i = 5; i < 9; i++) assertFalse(lines.get(i).has("ms_per_step_median_warm"), lines.get(i).toString());
        assertFalse(lines.get(9).has("tokens_per_s_median_warm"), "no warm-up asked: no warm figure");
    }
}
