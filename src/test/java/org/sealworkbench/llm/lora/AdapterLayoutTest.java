package org.sealworkbench.llm.lora;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sealworkbench.llm.io.FloatTensor;
import org.sealworkbench.llm.io.SafeTensorsWriter;

/**
 * An adapter folder checked against a model before its weights are read: small constructed PEFT folders over a 4-layer
 * model (hidden 16, kv 8, MLP 24), one disagreement each. Until now a config naming [q_proj, v_proj] over weights for
 * k_proj loaded silently by its weights.
 */
class AdapterLayoutTest {
    @TempDir Path tmp;

    private static final int LAYERS = 4, H = 16, KV = 8, MLP = 24;

    /** The projections of a 4-layer model, as {@link AdapterLayout#projectionsOf} gives them. */
    private static List<AdapterLayout.Projection> model() {
        return AdapterLayout.projectionsOf(new org.sealworkbench.llm.model.ModelConfig("llama", 50, H, MLP, LAYERS, 4, 2, 4,
                1e-5, 10000, null, 128, true, false, false, null, List.of(0), null));
    }

    private static String config(int r, String targets, String extra) {
        return "{\"peft_type\": \"LORA\", \"r\": " + r + ", \"lora_alpha\": 16, \"target_modules\": " + targets
                + ", \"bias\": \"none\"" + extra + "}";
    }

    private static final Map<String, int[]> SHAPES = Map.of("q_proj", new int[] {H, H}, "k_proj", new int[] {KV, H},
            "v_proj", new int[] {KV, H}, "o_proj", new int[] {H, H});

    /** Adds a module's A [r, in] and B [out, r] under PEFT's saved key names. */
    private static void put(Map<String, FloatTensor> w, int layer, String proj, int r) {
        int out = SHAPES.get(proj)[0], in = SHAPES.get(proj)[1];
        String key = "base_model.model.model.layers." + layer + ".self_attn." + proj;
        w.put(key + ".lora_A.weight", new FloatTensor(new long[] {r, in}, new float[r * in]));
        w.put(key + ".lora_B.weight", new FloatTensor(new long[] {out, r}, new float[out * r]));
    }

    private Path adapter(String name, String config, Map<String, FloatTensor> w) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve(name));
        Files.writeString(dir.resolve("adapter_config.json"), config);
        SafeTensorsWriter.write(dir.resolve("adapter_model.safetensors"), w, Map.of("format", "pt"), "F32");
        return dir;
    }

    private static String problem(Path dir) {
        return assertThrows(IllegalArgumentException.class, () -> AdapterLayout.read(dir, model())).getMessage();
    }

    @Test
    void aConsistentAdapterGivesItsModulesInModelOrder() throws Exception {
        Map<String, FloatTensor> w = new LinkedHashMap<>();
        for (int l = LAYERS - 1; l >= 0; l--) {   // file order is not model order
            put(w, l, "v_proj", 4);
            put(w, l, "q_proj", 4);
        }
        AdapterLayout.Checked c = AdapterLayout.read(adapter("ok", config(4, "[\"q_proj\", \"v_proj\"]", ""), w), model());
        assertEquals(List.of("model.layers.0.self_attn.q_proj", "model.layers.0.self_attn.v_proj",
                "model.layers.1.self_attn.q_proj", "model.layers.1.self_attn.v_proj", "model.layers.2.self_attn.q_proj",
                "model.layers.2.self_attn.v_proj", "model.layers.3.self_attn.q_proj", "model.layers.3.self_attn.v_proj"),
                c.modules().stream().map(AdapterLayout.Module::name).toList());
        assertEquals("base_model.model.model.layers.2.self_attn.v_proj.lora_B.weight", c.modules().get(5).keyB());
        assertEquals(4, c.config().r());
    }

    @Test
    void weightsForAModuleTheConfigDoesNotNameAreRefusedByName() throws Exception {
        Map<String, FloatTensor> w = new LinkedHashMap<>();
        for (int l = 0; l < LAYERS; l++) {
            put(w, l, "q_proj", 4);
            put(w, l, "v_proj", 4);
            put(w, l, "k_proj", 4);
        }
        Path dir = adapter("extra", config(4, "[\"q_proj\", \"v_proj\"]", ""), w);
        assertEquals(dir.resolve("adapter_config.json") + " names target_modules [q_proj, v_proj] but"
                + " adapter_model.safetensors holds weights for k_proj (layers 0-3), which they do not name: the adapter is"
                + " inconsistent (its config and its weights are of different adapters, or the file was cut or edited)",
                problem(dir));
    }

    @Test
    void aTargetWithoutWeightsInSomeLayersIsRefusedNamingTheLayers() throws Exception {
        Map<String, FloatTensor> w = new LinkedHashMap<>();
        for (int l = 0; l < LAYERS; l++) put(w, l, "q_proj", 4);
        put(w, 0, "v_proj", 4);
        put(w, 1, "v_proj", 4);
        Path dir = adapter("missing", config(4, "[\"q_proj\", \"v_proj\"]", ""), w);
        assertEquals(dir.resolve("adapter_config.json") + " names target_modules [q_proj, v_proj] but"
                + " adapter_model.safetensors holds no weights for v_proj (layers 2, 3): the adapter is inconsistent (its"
                + " config and its weights are of different adapters, or the file was cut or edited)", problem(dir));

        // both at once: k_proj instead of v_proj
        Map<String, FloatTensor> swapped = new LinkedHashMap<>();
        for (int l = 0; l < LAYERS; l++) {
            put(swapped, l, "q_proj", 4);
            put(swapped, l, "k_proj", 4);
        }
        dir = adapter("swapped", config(4, "[\"q_proj\", \"v_proj\"]", ""), swapped);
        assertEquals(dir.resolve("adapter_config.json") + " names target_modules [q_proj, v_proj] but"
                + " adapter_model.safetensors holds weights for k_proj (layers 0-3), which they do not name and holds no"
                + " weights for v_proj (layers 0-3): the adapter is inconsistent (its config and its weights are of"
                + " different adapters, or the file was cut or edited)", problem(dir));
    }

    @Test
    void weightsForModulesTheModelLacksNameThemAndTheModelsProjections() throws Exception {
        Map<String, FloatTensor> w = new LinkedHashMap<>();
        for (int l = 0; l < 8; l++) put(w, l, "q_proj", 4);   // an 8-layer model's adapter
        Path dir = adapter("deeper", config(4, "[\"q_proj\"]", ""), w);
        assertEquals(dir.resolve("adapter_model.safetensors") + " holds weights for q_proj (layers 4-7), which the model"
                + " does not have (its projections: q_proj, k_proj, v_proj, o_proj, gate_proj, up_proj, down_proj (layers"
                + " 0-3)): the adapter was made for another model", problem(dir));

        Map<String, FloatTensor> gpt2 = new LinkedHashMap<>();
        gpt2.put("base_model.model.transformer.h.0.attn.c_attn.lora_A.weight", new FloatTensor(new long[] {4, H}, new float[4 * H]));
        gpt2.put("base_model.model.transformer.h.0.attn.c_attn.lora_B.weight", new FloatTensor(new long[] {3 * H, 4}, new float[12 * H]));
        dir = adapter("gpt2", config(4, "[\"c_attn\"]", ""), gpt2);
        assertEquals(dir.resolve("adapter_model.safetensors") + " holds weights for transformer.h.0.attn.c_attn, which the"
                + " model does not have (its projections: q_proj, k_proj, v_proj, o_proj, gate_proj, up_proj, down_proj"
                + " (layers 0-3)): the adapter was made for another model", problem(dir));
    }

    @Test
    void shapesAreCheckedAgainstTheProjectionAndTheConfigsRank() throws Exception {
        Map<String, FloatTensor> w = new LinkedHashMap<>();
        for (int l = 0; l < LAYERS; l++) put(w, l, "q_proj", 4);
        Path dir = adapter("rank", config(8, "[\"q_proj\"]", ""), w);
        assertEquals(dir.resolve("adapter_model.safetensors") + ": tensor \"base_model.model.model.layers.0.self_attn.q_proj"
                + ".lora_A.weight\" has shape [4, 16], expected [8, 16] (its rank is 4 but adapter_config.json says r = 8:"
                + " the config and the weights are of different adapters)", problem(dir));

        Map<String, FloatTensor> wide = new LinkedHashMap<>(w);
        wide.put("base_model.model.model.layers.1.self_attn.q_proj.lora_B.weight", new FloatTensor(new long[] {32, 4}, new float[128]));
        dir = adapter("wide", config(4, "[\"q_proj\"]", ""), wide);
        assertEquals(dir.resolve("adapter_model.safetensors") + ": tensor \"base_model.model.model.layers.1.self_attn.q_proj"
                + ".lora_B.weight\" has shape [32, 4], expected [16, 4] (the adapter was trained for a model of another"
                + " shape)", problem(dir));

        Map<String, FloatTensor> half = new LinkedHashMap<>(w);
        half.remove("base_model.model.model.layers.3.self_attn.q_proj.lora_B.weight");
        dir = adapter("half", config(4, "[\"q_proj\"]", ""), half);
        assertEquals(dir.resolve("adapter_model.safetensors") + ": module model.layers.3.self_attn.q_proj has only lora_A"
                + " (\"base_model.model.model.layers.3.self_attn.q_proj.lora_A.weight\"); a LoRA module needs both lora_A"
                + " and lora_B", problem(dir));
    }

    /** PEFT's other key forms load: without the base_model.model. prefix, and with the adapter name "default" left in. */
    @Test
    void peftsKeyFormsAreReadAndLayersToTransformIsHonoured() throws Exception {
        Map<String, FloatTensor> w = new LinkedHashMap<>();
        for (int l = 0; l < 2; l++) {
            String key = "model.layers." + l + ".self_attn.q_proj";
            w.put(key + ".lora_A.default.weight", new FloatTensor(new long[] {2, H}, new float[2 * H]));
            w.put(key + ".lora_B.default.weight", new FloatTensor(new long[] {H, 2}, new float[2 * H]));
        }
        AdapterLayout.Checked c = AdapterLayout.read(adapter("layers", config(2, "[\"q_proj\"]", ", \"layers_to_transform\": [0, 1]"), w), model());
        assertEquals(List.of("model.layers.0.self_attn.q_proj", "model.layers.1.self_attn.q_proj"),
                c.modules().stream().map(AdapterLayout.Module::name).toList());
        assertEquals(List.of(0, 1), c.config().layersToTransform());
        // without layers_to_transform the same weights leave layers 2 and 3 of q_proj without weights
        Path all = adapter("all-layers", config(2, "[\"q_proj\"]", ""), w);
        assertEquals(all.resolve("adapter_config.json") + " names target_modules [q_proj] but adapter_model.safetensors"
                + " holds no weights for q_proj (layers 2, 3): the adapter is inconsistent (its config and its weights are of"
                + " different adapters, or the file was cut or edited)", problem(all));
    }

    @Test
    void aRegexMatchingNoProjectionAndABadAlphaAreNamed() throws Exception {
        Map<String, FloatTensor> w = new LinkedHashMap<>();
        for (int l = 0; l < LAYERS; l++) put(w, l, "q_proj", 4);
        Path dir = adapter("regex", config(4, "\".*\\\\.query\"", ""), w);
        assertEquals(dir.resolve("adapter_config.json") + " names target_modules /.*\\.query/, which match no projection of"
                + " the model (its projections: q_proj, k_proj, v_proj, o_proj, gate_proj, up_proj, down_proj (layers 0-3)),"
                + " but adapter_model.safetensors holds weights for q_proj (layers 0-3): the adapter is inconsistent",
                problem(dir));

        dir = adapter("alpha", "{\"peft_type\": \"LORA\", \"r\": 4, \"lora_alpha\": 0, \"target_modules\": [\"q_proj\"]}", w);
        assertEquals(dir.resolve("adapter_config.json") + ": \"lora_alpha\" is 0; it must be a positive number (0 would make"
                + " the adapter change nothing)", problem(dir));
    }

    @Test
    void layersAreWrittenAsRanges() {
        assertEquals("layer 2", AdapterLayout.layerRanges(new TreeSet<>(List.of(2))));
        assertEquals("layers 0-3", AdapterLayout.layerRanges(new TreeSet<>(List.of(3, 1, 0, 2))));
        assertEquals("layers 0, 1, 5-7", AdapterLayout.layerRanges(new TreeSet<>(List.of(0, 1, 5, 6, 7))));
        assertEquals("q_proj, v_proj (layers 0-3); k_proj (layer 1)", AdapterLayout.describe(List.of(
                "model.layers.0.self_attn.q_proj", "model.layers.0.self_attn.v_proj", "model.layers.1.self_attn.k_proj",
                "model.layers.1.self_attn.q_proj", "model.layers.1.self_attn.v_proj", "model.layers.2.self_attn.q_proj",
                "model.layers.2.self_attn.v_proj", "model.layers.3.self_attn.q_proj", "model.layers.3.self_attn.v_proj")));
    }
}
