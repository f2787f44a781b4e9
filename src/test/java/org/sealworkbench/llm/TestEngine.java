package org.sealworkbench.llm;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import org.sealworkbench.app.Offline;

/**
 * Test set-up for engine tests: offline DJL, and one PyTorch intra-op thread. The test models are
 * tiny, and on a shared 2-core machine a second OpenMP thread only adds stalls (every small op waits
 * for a descheduled worker); results do not depend on the thread count.
 */
public final class TestEngine {
    private TestEngine() {}

    public static void setUp() {
        Offline.enforce();
        Engine.getInstance();
        JniUtils.setNumThreads(1);
    }

    /** A tiny random Llama checkpoint (seed 5, F32) written to {@code dir}, the one most tests fine-tune; returns {@code dir}. */
    public static java.nio.file.Path tinyLlama(java.nio.file.Path dir) throws java.io.IOException {
        return tiny(dir, "llama");
    }

    /** As {@link #tinyLlama} for another family ("qwen2"). */
    public static java.nio.file.Path tiny(java.nio.file.Path dir, String family) throws java.io.IOException {
        try (ai.djl.ndarray.NDManager nd = ai.djl.ndarray.NDManager.newBaseManager()) {
            org.sealworkbench.llm.io.RandomCheckpoint.write(dir, family, "tiny", 5, "F32", nd);
        }
        return dir;
    }

    /**
     * Sets a checkpoint's context ({@code max_position_embeddings} in its config.json) to {@code tokens}. A random "tiny"
     * checkpoint reads text byte by byte into a 512-token context, so the sample passages' prompts and training sequences
     * (600 to 800 bytes) are longer than it, and the workbench now refuses them (seal.ContextFit): tests that run SEAL on
     * those passages widen it (the rotary embedding has no length of its own; the weights are the same).
     */
    public static java.nio.file.Path widenContext(java.nio.file.Path dir, int tokens) throws java.io.IOException {
        java.nio.file.Path config = dir.resolve("config.json");
        String json = java.nio.file.Files.readString(config);
        String wider = json.replaceFirst("\"max_position_embeddings\"\\s*:\\s*\\d+", "\"max_position_embeddings\": " + tokens);
        if (wider.equals(json)) throw new IllegalStateException(config + ": no max_position_embeddings to widen");
        java.nio.file.Files.writeString(config, wider);
        return dir;
    }
}
