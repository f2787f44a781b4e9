package org.sealworkbench.llm;

import org.sealworkbench.llm.io.FloatTensor;
import org.sealworkbench.llm.io.SafeTensors;
import org.sealworkbench.llm.io.SafeTensorsWriter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/** Writes small random Hugging Face checkpoint folders for tests, config.json written by hand. */
final class TestCheckpoints {
    private TestCheckpoints() {}

    /** Llama, GQA 4 heads over 2 KV heads, untied lm_head, plain RoPE. */
    static final ReferenceLlama.Arch LLAMA_GQA = new ReferenceLlama.Arch(40, 32, 48, 2, 4, 2, 8, 1e-5, 10000,
            false, false, false, 0, 0, 0, 0);
    /** Llama 3 style: tied, one KV head (MQA), head_dim 16 != hidden/heads, llama3 rope scaling. */
    static final ReferenceLlama.Arch LLAMA3_TIED = new ReferenceLlama.Arch(36, 32, 40, 2, 4, 1, 16, 1e-5, 10000,
            true, false, false, 8, 1, 4, 64);
    /** Qwen2: q/k/v biases, tied, rope_theta 1e6. */
    static final ReferenceLlama.Arch QWEN2 = new ReferenceLlama.Arch(44, 24, 56, 2, 4, 2, 6, 1e-6, 1_000_000,
            true, true, false, 0, 0, 0, 0);

    static String configJson(ReferenceLlama.Arch a, String modelType) {
        String scaling = a.llama3()
                ? String.format(Locale.ROOT, "{\"rope_type\": \"llama3\", \"factor\": %s, \"low_freq_factor\": %s, "
                        + "\"high_freq_factor\": %s, \"original_max_position_embeddings\": %d}", a.l3Factor(), a.l3Low(), a.l3High(), a.l3OriginalMax())
                : "null";
        return String.format(Locale.ROOT, "{\n \"architectures\": [\"X\"], \"model_type\": \"%s\", \"vocab_size\": %d,"
                        + " \"hidden_size\": %d, \"intermediate_size\": %d, \"num_hidden_layers\": %d,"
                        + " \"num_attention_heads\": %d, \"num_key_value_heads\": %d, \"head_dim\": %d,"
                        + " \"rms_norm_eps\": %s, \"rope_theta\": %s, \"rope_scaling\": %s, \"hidden_act\": \"silu\","
                        + " \"max_position_embeddings\": 256, \"tie_word_embeddings\": %s, \"bos_token_id\": 1,"
                        + " \"eos_token_id\": 2, \"torch_dtype\": \"float32\"\n}\n",
                modelType, a.vocab(), a.hidden(), a.inter(), a.layers(), a.heads(), a.kvHeads(), a.headDim(), a.eps(),
                a.theta(), scaling, a.tied());
    }

    /** Random weights by HF name and shape; norms near 1 and non-zero biases so that bugs show. */
    static Map<String, FloatTensor> randomWeights(ReferenceLlama.Arch a, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        Map<String, FloatTensor> w = new LinkedHashMap<>();
        int h = a.hidden(), q = a.heads() * a.headDim(), kv = a.kvHeads() * a.headDim();
        put(w, rng, "model.embed_tokens.weight", 1.0, 0, a.vocab(), h);
        for (int l = 0; l < a.layers(); l++) {
            String p = "model.layers." + l + ".";
            put(w, rng, p + "input_layernorm.weight", 0.2, 1, h);
            put(w, rng, p + "self_attn.q_proj.weight", 0.3, 0, q, h);
            put(w, rng, p + "self_attn.k_proj.weight", 0.3, 0, kv, h);
            put(w, rng, p + "self_attn.v_proj.weight", 0.3, 0, kv, h);
            if (a.qkvBias()) {
                put(w, rng, p + "self_attn.q_proj.bias", 0.5, 0, q);
                put(w, rng, p + "self_attn.k_proj.bias", 0.5, 0, kv);
                put(w, rng, p + "self_attn.v_proj.bias", 0.5, 0, kv);
            }
            put(w, rng, p + "self_attn.o_proj.weight", 0.2, 0, h, q);
            put(w, rng, p + "post_attention_layernorm.weight", 0.2, 1, h);
            put(w, rng, p + "mlp.gate_proj.weight", 0.2, 0, a.inter(), h);
            put(w, rng, p + "mlp.up_proj.weight", 0.2, 0, a.inter(), h);
            put(w, rng, p + "mlp.down_proj.weight", 0.2, 0, h, a.inter());
        }
        put(w, rng, "model.norm.weight", 0.2, 1, h);
        if (!a.tied()) put(w, rng, "lm_head.weight", 0.3, 0, a.vocab(), h);
        return w;
    }

    private static void put(Map<String, FloatTensor> w, SplittableRandom rng, String name, double std, double mean, long... shape) {
        long n = 1;
        for (long s : shape) n *= s;
        float[] d = new float[(int) n];
        for (int i = 0; i < d.length; i++) d[i] = (float) (mean + std * rng.nextGaussian());
        w.put(name, new FloatTensor(shape, d));
    }

    /** Writes config.json + model.safetensors; returns the weights exactly as stored (after dtype rounding). */
    static Map<String, float[]> write(Path dir, ReferenceLlama.Arch a, String modelType, long seed, String dtype) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("config.json"), configJson(a, modelType));
        Path file = dir.resolve("model.safetensors");
        SafeTensorsWriter.write(file, randomWeights(a, seed), Map.of("format", "pt"), dtype);
        Map<String, float[]> stored = new LinkedHashMap<>();
        try (SafeTensors st = SafeTensors.open(file)) {
            for (String name : st.tensors().keySet()) stored.put(name, st.readFloats(name));
        }
        return stored;
    }

    /** The Llama (grouped-query attention) and Qwen2 test checkpoints, written under {@code dir} and loaded on the CPU. */
    record Pair(org.sealworkbench.llm.model.LlamaModel llama, org.sealworkbench.llm.model.LlamaModel qwen) implements AutoCloseable {
        @Override
        public void close() {
            llama.close();
            qwen.close();
        }
    }

    static Pair llamaAndQwen(Path dir) throws IOException {
        TestEngine.setUp();
        write(dir.resolve("llama"), LLAMA_GQA, "llama", 3, "F32");
        write(dir.resolve("qwen"), QWEN2, "qwen2", 4, "F32");
        return new Pair(org.sealworkbench.llm.model.LlamaModel.load(dir.resolve("llama"), ai.djl.Device.cpu()),
                org.sealworkbench.llm.model.LlamaModel.load(dir.resolve("qwen"), ai.djl.Device.cpu()));
    }
}
