package org.sealworkbench.jobs;

import com.google.gson.JsonObject;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sealworkbench.llm.TestEngine;
import org.sealworkbench.llm.io.RandomCheckpoint;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** `seal bench --only inner-loop`: real inner loops on the sample self-edits, reported as JSON lines. */
class InnerLoopBenchTest {
    @TempDir Path tmp;

    @Test
    void runsInnerLoopsOnTheSampleSelfEditsAndSaysWhereTheTimeWent() throws Exception {
        Path ckpt = tinyModel();
        List<JsonObject> lines = new ArrayList<>();
        InnerLoopBench.run(ckpt, Path.of("sample-data/self-edits-example.json"), "seal-tiny-cpu", 3, 1, 2, lines::add);

        List<JsonObject> memory = lines.stream().filter(o -> o.get("measure").getAsString().equals("inner_loop_memory")
                && o.get("mode").getAsString().equals("one_at_a_time")).toList();
        assertEquals(List.of(1, 2, 3), memory.stream().map(o -> o.get("inner_loops_done").getAsInt()).toList());
        assertTrue(memory.get(0).get("rss_bytes").getAsLong() > 0);
        assertTrue(memory.get(0).get("open_arrays").getAsInt() > 0, "the model's weights at least: " + memory.get(0));

        JsonObject one = lines.stream().filter(o -> o.get("measure").getAsString().equals("inner_loop")
                && o.get("mode").getAsString().equals("one_at_a_time")).findFirst().orElseThrow();
        assertEquals(3, one.get("inner_loops").getAsInt());
        assertEquals(5, one.get("self_edits").getAsInt(), "the sample file holds 3 + 2 self-edits");
        // seal-tiny-cpu trains 5 epochs at batch 1: at least 5 steps per inner loop (the passage alone is one sequence)
        assertTrue(one.get("optimizer_steps").getAsInt() >= 15, one.toString());
        double secs = one.get("seconds").getAsDouble();
        assertTrue(one.get("train_s").getAsDouble() > 0 && one.get("answer_s").getAsDouble() > 0, one.toString());
        assertTrue(one.get("train_s").getAsDouble() + one.get("answer_s").getAsDouble() <= secs + 0.01, one.toString());
        assertEquals(3 * 60.0 / secs, one.get("inner_loops_per_minute").getAsDouble(), 0.01 * 3 * 60.0 / secs + 0.01);

        JsonObject batched = lines.stream().filter(o -> o.get("measure").getAsString().equals("inner_loop")
                && o.get("mode").getAsString().equals("batched")).findFirst().orElseThrow();
        assertEquals(2, batched.get("adapters").getAsInt());
        assertEquals(3, batched.get("inner_loops").getAsInt());
        assertEquals(one.get("optimizer_steps").getAsInt(), batched.get("optimizer_steps").getAsInt(), "the same inner loops: " + batched);
        // tokens: each loop's sequences x epochs, the same in both modes; at least 2 tokens per optimizer step (batch 1)
        long tokens = one.get("train_tokens").getAsLong();
        assertEquals(tokens, batched.get("train_tokens").getAsLong());
        assertTrue(tokens >= 2L * one.get("optimizer_steps").getAsInt(), one.toString());
        assertEquals(tokens / one.get("train_s").getAsDouble(), one.get("train_tokens_per_s").getAsDouble(),
                0.01 * tokens / one.get("train_s").getAsDouble() + 0.01);
        assertTrue(one.get("train_gflops").getAsDouble() > 0, one.toString());
        JsonObject matmul = lines.stream().filter(o -> o.get("measure").getAsString().equals("matmul_model_shapes")).findFirst()
                .orElseThrow();
        assertTrue(matmul.get("gflops").getAsDouble() > 0 && matmul.get("products").getAsInt() >= 2, matmul.toString());
        assertTrue(batched.get("train_s").getAsDouble() > 0 && batched.get("answer_s").getAsDouble() > 0, batched.toString());
        // the memory bound's estimate per adapter, beside what the process holds; no batch was cut on this machine
        assertTrue(batched.get("memory_per_adapter_estimate_bytes").getAsLong() > 0, batched.toString());
        assertTrue(batched.get("peak_rss_bytes").getAsLong() >= batched.get("rss_bytes").getAsLong(), batched.toString());
        assertFalse(batched.has("memory_note"), batched.toString());
        assertFalse(one.has("memory_per_adapter_estimate_bytes"), "one at a time has no batch to bound");
        // batches of 2 over 3 loops: memory after 2 and after 3
        assertEquals(List.of(2, 3), lines.stream().filter(o -> o.get("measure").getAsString().equals("inner_loop_memory")
                && o.get("mode").getAsString().equals("batched")).map(o -> o.get("inner_loops_done").getAsInt()).toList());
    }

    @Test
    void aFileWithoutSelfEditsIsRefusedNamingTheFile() throws Exception {
        Path ckpt = tinyModel();
        Path passages = Path.of("sample-data/passages.json");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> InnerLoopBench.run(ckpt, passages, "seal-tiny-cpu", 1, 0, o -> {}));
        assertTrue(e.getMessage().contains("passages.json") && e.getMessage().contains("no self-edits"), e.getMessage());
    }

    @Test
    void aWorkspaceIsUsedForItsModelWrittenSelfEditsAndLeftAsItWas() throws Exception {
        Path ckpt = tinyModel();
        Path notWs = java.nio.file.Files.createDirectories(tmp.resolve("empty"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> InnerLoopBench.run(ckpt, notWs, "seal-tiny-cpu", 1, 0, o -> {}));
        assertTrue(e.getMessage().contains("empty") && e.getMessage().contains("not a workspace"), e.getMessage());

        // imported self-edits are not the model's own: the bench says so, and the workspace is not touched
        Path ws = tmp.resolve("ws");
        ImportJob.run(new ImportRequest(ws, Path.of("sample-data/self-edits-example.json"), null),
                org.sealworkbench.util.Progress.none(), new org.sealworkbench.util.CancelToken());
        Path db = ws.resolve(org.sealworkbench.store.ExperimentLog.DB_FILE);
        byte[] before = java.nio.file.Files.readAllBytes(db);
        e = assertThrows(IllegalArgumentException.class, () -> InnerLoopBench.run(ckpt, ws, "seal-tiny-cpu", 1, 0, o -> {}));
        assertTrue(e.getMessage().contains("no model-written self-edits"), e.getMessage());
        assertArrayEquals(before, java.nio.file.Files.readAllBytes(db));
    }

    @Test
    void batchedOnlyLeavesOutTheOneAtATimeMode() throws Exception {
        Path ckpt = tinyModel();
        List<JsonObject> lines = new ArrayList<>();
        InnerLoopBench.run(ckpt, Path.of("sample-data/self-edits-example.json"), "seal-tiny-cpu", 4, 2, 2, true, lines::add);
        assertEquals(List.of("batched"), lines.stream().filter(o -> o.get("measure").getAsString().equals("inner_loop"))
                .map(o -> o.get("mode").getAsString()).toList());
        assertEquals(List.of(2, 4), lines.stream().filter(o -> o.get("measure").getAsString().equals("inner_loop_memory"))
                .map(o -> o.get("inner_loops_done").getAsInt()).toList(), "memory lines of the batched mode only");
    }

    /** A tiny random Llama checkpoint in the test's folder. */
    private Path tinyModel() throws Exception {
        TestEngine.setUp();
        Path ckpt = tmp.resolve("m");
        try (NDManager nd = NDManager.newBaseManager()) {
            RandomCheckpoint.write(ckpt, "llama", "tiny", 5, "F32", nd);
        }
        // byte-level: the sample passages are 600+ tokens, longer than the tiny shape's 512 (refused since seal.ContextFit)
        return org.sealworkbench.llm.TestEngine.widenContext(ckpt, 2048);
    }
}
