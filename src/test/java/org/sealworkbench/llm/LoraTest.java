package org.sealworkbench.llm;

import org.sealworkbench.llm.io.FloatTensor;
import org.sealworkbench.llm.io.SafeTensors;
import org.sealworkbench.llm.io.SafeTensorsWriter;
import org.sealworkbench.llm.lora.AdapterSet;
import org.sealworkbench.llm.lora.LoraAdapter;
import org.sealworkbench.llm.lora.LoraConfig;
import org.sealworkbench.llm.lora.LoraLayer;
import org.sealworkbench.llm.training.TrainableModel;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sealworkbench.app.Offline;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

class LoraTest {
    @TempDir
    Path dir;

    private static float[] logits(TrainableModel m, long[] ids) {
        try (NDArray x = m.manager().create(ids, new Shape(1, ids.length)); NDArray y = m.forward(x, false)) {
            return y.toFloatArray();
        }
    }

    private static void randomizeB(LoraAdapter a, long seed) {
        Random r = new Random(seed);
        for (LoraLayer l : a.layers().values()) {
            l.loraB().set(ToyLm.rand(r, (int) l.loraB().size(), 0.3));
        }
    }

    @Test
    void initFollowsPeftAndStartsAsTheBaseModel() {
        Offline.enforce();
        try (NDManager nd = NDManager.newBaseManager()) {
            ToyLm m = new ToyLm(nd, 11, 16, 1);
            float[] base = logits(m, new long[]{1, 2, 3});
            try (LoraAdapter a = LoraAdapter.create("a", m.linears(), LoraConfig.of(4, 8, 0, List.of("q_proj", "v_proj")), 7, nd)) {
                assertEquals(List.of("model.layers.0.self_attn.q_proj", "model.layers.0.self_attn.v_proj"), List.copyOf(a.layers().keySet()));
                LoraLayer q = a.layers().get("model.layers.0.self_attn.q_proj");
                assertEquals(new Shape(4, 16), q.loraA().getShape());
                assertEquals(new Shape(16, 4), q.loraB().getShape());
                assertEquals(2.0, q.scale());
                float[] av = q.loraA().toFloatArray();
                double bound = 1 / Math.sqrt(16), maxAbs = 0;
                for (float f : av) maxAbs = Math.max(maxAbs, Math.abs(f));
                assertTrue(maxAbs <= bound && maxAbs > 0.8 * bound, "A ~ U(-1/sqrt(in), 1/sqrt(in)), max |A| " + maxAbs);
                assertEquals(0f, q.loraB().abs().sum().getFloat());
                a.attach(m.linears());
                assertArrayEquals(base, logits(m, new long[]{1, 2, 3}), 0f);   // B = 0: no change
            }
        }
    }

    @Test
    void savesPeftFormatAndLoadsItBack() throws Exception {
        Offline.enforce();
        try (NDManager nd = NDManager.newBaseManager()) {
            ToyLm m = new ToyLm(nd, 11, 16, 1);
            long[] ids = {4, 1, 9, 2};
            float[] base = logits(m, ids);
            float[] adapted;
            try (LoraAdapter a = LoraAdapter.create("a", m.linears(), LoraConfig.of(4, 8, 0.05, List.of("v_proj")).withBaseModel("toy"), 7, nd)) {
                randomizeB(a, 3);
                a.attach(m.linears());
                adapted = logits(m, ids);
                assertFalse(java.util.Arrays.equals(base, adapted));
                a.save(dir.resolve("ad"));
            }
            assertArrayEquals(base, logits(m, ids), 0f);               // closing detached it
            JsonObject cfg = JsonParser.parseString(Files.readString(dir.resolve("ad/adapter_config.json"))).getAsJsonObject();
            assertEquals(4, cfg.get("r").getAsInt());
            assertEquals(8, cfg.get("lora_alpha").getAsInt());
            assertEquals(0.05, cfg.get("lora_dropout").getAsDouble());
            assertEquals("CAUSAL_LM", cfg.get("task_type").getAsString());
            assertEquals("LORA", cfg.get("peft_type").getAsString());
            assertEquals("none", cfg.get("bias").getAsString());
            assertEquals("toy", cfg.get("base_model_name_or_path").getAsString());
            assertFalse(cfg.get("fan_in_fan_out").getAsBoolean());
            assertEquals("v_proj", cfg.getAsJsonArray("target_modules").get(0).getAsString());
            try (SafeTensors st = SafeTensors.open(dir.resolve("ad/adapter_model.safetensors"))) {
                assertEquals(List.of("base_model.model.model.layers.0.self_attn.v_proj.lora_A.weight",
                        "base_model.model.model.layers.0.self_attn.v_proj.lora_B.weight"), List.copyOf(st.tensors().keySet()));
                assertArrayEquals(new long[]{4, 16}, st.tensors().get("base_model.model.model.layers.0.self_attn.v_proj.lora_A.weight").shape());
                assertArrayEquals(new long[]{16, 4}, st.tensors().get("base_model.model.model.layers.0.self_attn.v_proj.lora_B.weight").shape());
            }
            try (LoraAdapter b = LoraAdapter.load(dir.resolve("ad"), "b", m.linears(), nd)) {
                b.attach(m.linears());
                assertArrayEquals(adapted, logits(m, ids), 1e-6f);
            }
        }
    }

    @Test
    void loadsPeftKeysWithDefaultAdapterNameAndRejectsWrongShapes() throws Exception {
        Offline.enforce();
        try (NDManager nd = NDManager.newBaseManager()) {
            ToyLm m = new ToyLm(nd, 11, 16, 1);
            LoraConfig.of(2, 4, 0, List.of("q_proj")).write(dir.resolve("p"));
            Map<String, FloatTensor> t = new LinkedHashMap<>();
            Random r = new Random(1);
            t.put("base_model.model.model.layers.0.self_attn.q_proj.lora_A.default.weight", new FloatTensor(new long[]{2, 16}, ToyLm.rand(r, 32, 1)));
            t.put("base_model.model.model.layers.0.self_attn.q_proj.lora_B.default.weight", new FloatTensor(new long[]{16, 2}, ToyLm.rand(r, 32, 1)));
            SafeTensorsWriter.write(dir.resolve("p/adapter_model.safetensors"), t, Map.of(), "F32");
            try (LoraAdapter a = LoraAdapter.load(dir.resolve("p"), "p", m.linears(), nd)) {
                assertArrayEquals(t.get("base_model.model.model.layers.0.self_attn.q_proj.lora_B.default.weight").data(),
                        a.layers().get("model.layers.0.self_attn.q_proj").loraB().toFloatArray());
            }
            t.put("base_model.model.model.layers.0.self_attn.q_proj.lora_B.default.weight", new FloatTensor(new long[]{15, 2}, ToyLm.rand(r, 30, 1)));
            SafeTensorsWriter.write(dir.resolve("p/adapter_model.safetensors"), t, Map.of(), "F32");
            var e = assertThrows(IllegalArgumentException.class, () -> LoraAdapter.load(dir.resolve("p"), "p", m.linears(), nd));
            assertTrue(e.getMessage().contains("[15, 2]") && e.getMessage().contains("[16, 2]") && e.getMessage().contains("adapter_model.safetensors"), e.getMessage());
            var e2 = assertThrows(IllegalArgumentException.class, () -> LoraAdapter.load(dir.resolve("none"), "x", m.linears(), nd));
            assertTrue(e2.getMessage().contains("adapter_config.json"), e2.getMessage());
        }
    }

    /** The window checks an adapter folder against a model's config without loading it: the same names and shapes. */
    @Test
    void theProjectionsOfAConfigAreTheLoadedModelsLinears() {
        Offline.enforce();
        try (org.sealworkbench.llm.model.LlamaModel m = org.sealworkbench.llm.model.LlamaModel.load(
                Path.of("assets/models/seal-tiny"), ai.djl.Device.cpu())) {
            List<String> loaded = new java.util.ArrayList<>();
            m.linears().forEach((name, lin) -> loaded.add(name + " " + lin.outFeatures() + "x" + lin.inFeatures()));
            List<String> fromConfig = org.sealworkbench.llm.lora.AdapterLayout.projectionsOf(m.config()).stream()
                    .map(p -> p.name() + " " + p.out() + "x" + p.in()).toList();
            assertEquals(loaded, fromConfig);
            assertEquals(28, fromConfig.size());
        }
    }

    @Test
    void mergedWeightsGiveTheAdapterLogits() {
        Offline.enforce();
        try (NDManager nd = NDManager.newBaseManager()) {
            ToyLm m = new ToyLm(nd, 11, 16, 1);
            long[] ids = {3, 5, 7, 1};
            try (LoraAdapter a = LoraAdapter.create("a", m.linears(), LoraConfig.of(4, 16, 0, LoraConfig.ALL_PROJECTIONS), 7, nd)) {
                randomizeB(a, 5);
                a.attach(m.linears());
                float[] adapted = logits(m, ids);
                a.mergeInto(m.linears());
                assertFalse(a.isAttached());
                assertTrue(m.linears().values().stream().allMatch(l -> l.deltas().isEmpty()));
                assertArrayEquals(adapted, logits(m, ids), 1e-4f);
            }
        }
    }

    @Test
    void severalAdaptersAttachAndDetachByName() {
        Offline.enforce();
        try (NDManager nd = NDManager.newBaseManager()) {
            ToyLm m = new ToyLm(nd, 11, 16, 1);
            long[] ids = {3, 5, 7};
            float[] base = logits(m, ids);
            try (AdapterSet set = new AdapterSet(m.linears())) {
                LoraAdapter x = LoraAdapter.create("x", m.linears(), LoraConfig.of(2, 2, 0, List.of("q_proj")), 1, nd);
                LoraAdapter y = LoraAdapter.create("y", m.linears(), LoraConfig.of(2, 2, 0, List.of("q_proj", "v_proj")), 2, nd);
                randomizeB(x, 1);
                randomizeB(y, 2);
                set.add(x);
                set.add(y);
                set.attach("x");
                float[] onlyX = logits(m, ids);
                set.activateOnly("y");
                float[] onlyY = logits(m, ids);
                assertEquals(List.of("y"), set.attached());
                assertFalse(java.util.Arrays.equals(onlyX, onlyY));
                set.attach("x");
                assertEquals(List.of("x", "y"), set.attached());
                set.detach("y");
                assertArrayEquals(onlyX, logits(m, ids), 0f);
                set.activateOnly(null);
                assertArrayEquals(base, logits(m, ids), 0f);
                assertThrows(IllegalArgumentException.class, () -> set.attach("z"));
            }
        }
    }
}
