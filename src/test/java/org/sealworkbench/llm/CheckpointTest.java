package org.sealworkbench.llm;

import org.sealworkbench.llm.generation.GenerationConfig;
import org.sealworkbench.llm.io.CheckpointException;
import org.sealworkbench.llm.io.FloatTensor;
import org.sealworkbench.llm.io.SafeTensorsWriter;
import org.sealworkbench.llm.model.LlamaModel;
import org.sealworkbench.llm.model.ModelConfig;
import org.sealworkbench.llm.tokenizer.TokenizerConfig;

import static org.junit.jupiter.api.Assertions.*;

import ai.djl.Device;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading checkpoint folders, and the messages for folders the engine cannot run. */
class CheckpointTest {
    @TempDir Path tmp;

    @BeforeAll
    static void offline() {
        TestEngine.setUp();
    }

    private Path good(String name) throws Exception {
        Path dir = tmp.resolve(name);
        TestCheckpoints.write(dir, TestCheckpoints.LLAMA_GQA, "llama", 1, "F32");
        return dir;
    }

    private static String loadError(Path dir) {
        CheckpointException e = assertThrows(CheckpointException.class, () -> LlamaModel.load(dir, Device.cpu()).close());
        return e.getMessage();
    }

    @Test
    void readsTheConfigFields() throws Exception {
        ModelConfig c = ModelConfig.read(good("cfg"));
        assertEquals("llama", c.modelType());
        assertEquals(40, c.vocabSize());
        assertEquals(2, c.numKeyValueHeads());
        assertEquals(8, c.headDim());
        assertEquals(2, c.groups());
        assertEquals(1, c.bosTokenId());
        assertEquals(List.of(2), c.eosTokenIds());
        assertFalse(c.tieWordEmbeddings());
        assertEquals(c, ModelConfig.read(writeConfig(tmp.resolve("rt"), c.toJson("float32"))));
    }

    @Test
    void qwen2ImpliesQkvBiasAndHeadDimDefaultsToHiddenOverHeads() throws Exception {
        Path dir = writeConfig(tmp.resolve("q"), "{\"model_type\": \"qwen2\", \"vocab_size\": 10, \"hidden_size\": 16,"
                + " \"intermediate_size\": 8, \"num_hidden_layers\": 1, \"num_attention_heads\": 4, \"num_key_value_heads\": 2,"
                + " \"eos_token_id\": [5, 6]}");
        ModelConfig c = ModelConfig.read(dir);
        assertTrue(c.attentionBias());
        assertFalse(c.outputBias());
        assertEquals(4, c.headDim());
        assertEquals(List.of(5, 6), c.eosTokenIds());
    }

    @Test
    void missingFolderConfigAndWeightsAreNamed() throws Exception {
        assertTrue(loadError(tmp.resolve("nope")).contains("nope"));
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        String msg = loadError(empty);
        assertTrue(msg.contains("config.json") && msg.contains("not found"), msg);
        Path noWeights = good("noweights");
        Files.delete(noWeights.resolve("model.safetensors"));
        msg = loadError(noWeights);
        assertTrue(msg.contains("model.safetensors") && msg.contains("model.safetensors.index.json"), msg);
    }

    @Test
    void unsupportedModelTypeAndRopeScalingSayWhatIsSupported() throws Exception {
        Path dir = good("gpt");
        Files.writeString(dir.resolve("config.json"), Files.readString(dir.resolve("config.json")).replace("\"llama\"", "\"gpt2\""));
        String msg = loadError(dir);
        assertTrue(msg.contains("config.json") && msg.contains("gpt2") && msg.contains("llama, qwen2, mistral"), msg);

        Path yarn = good("yarn");
        Files.writeString(yarn.resolve("config.json"), Files.readString(yarn.resolve("config.json"))
                .replace("\"rope_scaling\": null", "\"rope_scaling\": {\"rope_type\": \"yarn\", \"factor\": 4}"));
        msg = loadError(yarn);
        assertTrue(msg.contains("yarn") && msg.contains("llama3"), msg);
    }

    @Test
    void malformedConfigIsNamed() throws Exception {
        Path dir = good("bad");
        Files.writeString(dir.resolve("config.json"), "{\"model_type\": \"llama\", ");
        String msg = loadError(dir);
        assertTrue(msg.contains("config.json") && msg.contains("malformed JSON"), msg);
        Files.writeString(dir.resolve("config.json"), "{\"model_type\": \"llama\", \"hidden_size\": \"big\"}");
        msg = loadError(dir);
        assertTrue(msg.contains("hidden_size") && msg.contains("integer"), msg);
    }

    @Test
    void wrongShapeNamesTheTensorAndBothShapes() throws Exception {
        Path dir = tmp.resolve("shape");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("config.json"), TestCheckpoints.configJson(TestCheckpoints.LLAMA_GQA, "llama"));
        Map<String, FloatTensor> w = TestCheckpoints.randomWeights(TestCheckpoints.LLAMA_GQA, 1);
        w.put("model.layers.1.self_attn.k_proj.weight", new FloatTensor(new long[] {16, 30}, new float[480]));
        SafeTensorsWriter.write(dir.resolve("model.safetensors"), w, Map.of(), "F32");
        String msg = loadError(dir);
        assertTrue(msg.contains("model.layers.1.self_attn.k_proj.weight") && msg.contains("[16, 30]") && msg.contains("[16, 32]"), msg);
    }

    @Test
    void missingTensorIsNamed() throws Exception {
        Path dir = tmp.resolve("missing");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("config.json"), TestCheckpoints.configJson(TestCheckpoints.LLAMA_GQA, "llama"));
        Map<String, FloatTensor> w = TestCheckpoints.randomWeights(TestCheckpoints.LLAMA_GQA, 1);
        w.remove("lm_head.weight"); // untied config: lm_head is required
        SafeTensorsWriter.write(dir.resolve("model.safetensors"), w, Map.of(), "F32");
        String msg = loadError(dir);
        assertTrue(msg.contains("lm_head.weight") && msg.contains("missing"), msg);
    }

    @Test
    void truncatedWeightsFileIsNamed() throws Exception {
        Path dir = good("trunc");
        Path file = dir.resolve("model.safetensors");
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(raf.length() - 100);
        }
        String msg = loadError(dir);
        assertTrue(msg.contains("model.safetensors"), msg);
    }

    @Test
    void shardedCheckpointLoadsLikeTheSingleFile() throws Exception {
        Path single = good("single");
        Path sharded = tmp.resolve("sharded");
        Files.createDirectories(sharded);
        Files.copy(single.resolve("config.json"), sharded.resolve("config.json"));
        Map<String, FloatTensor> w = TestCheckpoints.randomWeights(TestCheckpoints.LLAMA_GQA, 1);
        Map<String, FloatTensor> a = new LinkedHashMap<>(), b = new LinkedHashMap<>();
        StringBuilder map = new StringBuilder();
        int i = 0;
        for (Map.Entry<String, FloatTensor> e : w.entrySet()) {
            String shard = i++ % 2 == 0 ? "model-00001-of-00002.safetensors" : "model-00002-of-00002.safetensors";
            (shard.startsWith("model-00001") ? a : b).put(e.getKey(), e.getValue());
            map.append(map.length() == 0 ? "" : ",").append('"').append(e.getKey()).append("\": \"").append(shard).append('"');
        }
        SafeTensorsWriter.write(sharded.resolve("model-00001-of-00002.safetensors"), a, Map.of(), "F32");
        SafeTensorsWriter.write(sharded.resolve("model-00002-of-00002.safetensors"), b, Map.of(), "BF16");
        Files.writeString(sharded.resolve("model.safetensors.index.json"), "{\"metadata\": {}, \"weight_map\": {" + map + "}}");
        try (LlamaModel m1 = LlamaModel.load(single, Device.cpu()); LlamaModel m2 = LlamaModel.load(sharded, Device.cpu());
             NDScope s = new NDScope()) {
            float[] l1 = m1.forward(m1.manager().create(new long[] {1, 2, 3}, new Shape(1, 3)), false).toFloatArray();
            float[] l2 = m2.forward(m2.manager().create(new long[] {1, 2, 3}, new Shape(1, 3)), false).toFloatArray();
            // Half of the tensors went through BF16, so close but not equal.
            double maxDiff = 0;
            for (int k = 0; k < l1.length; k++) maxDiff = Math.max(maxDiff, Math.abs(l1[k] - l2[k]));
            assertTrue(maxDiff > 0 && maxDiff < 0.2, "diff " + maxDiff);
        }
        Files.delete(sharded.resolve("model-00002-of-00002.safetensors"));
        String msg = loadError(sharded);
        assertTrue(msg.contains("model-00002-of-00002.safetensors") && msg.contains("not found"), msg);
    }

    @Test
    void tokenizerAndGenerationConfigs() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("tok"));
        Files.writeString(dir.resolve("tokenizer_config.json"), "{\"add_bos_token\": true, \"bos_token\": {\"content\": \"<s>\","
                + " \"lstrip\": false}, \"eos_token\": \"</s>\", \"pad_token\": null,"
                + " \"chat_template\": [{\"name\": \"tool_use\", \"template\": \"T\"}, {\"name\": \"default\", \"template\": \"D\"}]}");
        TokenizerConfig t = TokenizerConfig.read(dir);
        assertEquals("<s>", t.bosToken());
        assertEquals("</s>", t.eosToken());
        assertNull(t.padToken());
        assertTrue(t.addBosToken());
        assertEquals("D", t.chatTemplate());
        assertEquals(TokenizerConfig.empty(), TokenizerConfig.read(tmp));

        Files.writeString(dir.resolve("generation_config.json"), "{\"eos_token_id\": [7, 9], \"temperature\": 0.7, \"do_sample\": true}");
        GenerationConfig g = GenerationConfig.read(dir);
        assertEquals(List.of(7, 9), g.eosTokenIds());
        assertEquals(0.7, g.temperature());
        assertTrue(g.doSample());
        Files.writeString(dir.resolve("generation_config.json"), "{\"eos_token_id\": \"x\"}");
        CheckpointException e = assertThrows(CheckpointException.class, () -> GenerationConfig.read(dir));
        assertTrue(e.getMessage().contains("generation_config.json") && e.getMessage().contains("eos_token_id"), e.getMessage());
    }

    private static Path writeConfig(Path dir, String json) throws Exception {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("config.json"), json);
        return dir;
    }
}
