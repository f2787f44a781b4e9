package org.sealworkbench.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sealworkbench.app.Offline;
import org.sealworkbench.llm.lora.LoraConfig;
import org.sealworkbench.llm.io.SafeTensors;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.*;

/** ./seal finetune end to end on a tiny random Qwen2 checkpoint, and its adapter through ./seal logits. */
class FinetuneCommandTest {
    @TempDir static Path tmp;
    static Path model;
    static Path data;

    @BeforeAll
    static void setUp() throws Exception {
        Offline.enforce();
        model = tmp.resolve("qwen");
        var r = EngineCommandsTest.run("make-random-model", "--out", model.toString(), "--family", "qwen2", "--seed", "3");
        assertEquals(0, r.code(), r.err());
        data = tmp.resolve("train.jsonl");
        Files.writeString(data, """
                {"prompt": "Q: capital of France? A:", "completion": " Paris"}

                {"prompt": "Q: 2+2? A:", "completion": " 4"}
                {"text": "The sky is blue."}
                """);
    }

    private static List<Double> losses(String out) {
        List<Double> l = new ArrayList<>();
        Matcher m = Pattern.compile("step \\d+/\\d+ epoch \\d+ loss ([0-9.]+)").matcher(out);
        while (m.find()) l.add(Double.parseDouble(m.group(1)));
        return l;
    }

    @Test
    void loraFinetuneWritesAPeftAdapterThatLogitsLoads() throws Exception {
        Path out = tmp.resolve("adapter");
        var r = EngineCommandsTest.run("finetune", "--model", model.toString(), "--data", data.toString(), "--out", out.toString(),
                "--rank", "4", "--alpha", "8", "--targets", "q_proj,v_proj", "--lr", "1e-2", "--epochs", "4", "--batch", "2",
                "--schedule", "constant");
        assertEquals(0, r.code(), r.err());
        List<Double> losses = losses(r.out());
        assertEquals(8, losses.size(), r.out());              // 3 examples, batch 2 -> 2 steps per epoch
        assertTrue(losses.get(7) < losses.get(0), r.out());
        LoraConfig cfg = LoraConfig.read(out);
        assertEquals(4, cfg.r());
        assertEquals(List.of("q_proj", "v_proj"), cfg.targetModules());
        try (SafeTensors st = SafeTensors.open(out.resolve("adapter_model.safetensors"))) {
            assertEquals(2 * 2 * 2, st.tensors().size());     // 2 layers x (q, v) x (A, B)
            assertTrue(st.tensors().containsKey("base_model.model.model.layers.1.self_attn.v_proj.lora_B.weight"));
        }
        var base = EngineCommandsTest.run("logits", "--model", model.toString(), "--ids", "5,6,7");
        var adapted = EngineCommandsTest.run("logits", "--model", model.toString(), "--ids", "5,6,7", "--adapter", out.toString());
        assertEquals(0, adapted.code(), adapted.err());
        JsonArray b = JsonParser.parseString(base.out()).getAsJsonObject().getAsJsonArray("logits");
        JsonArray a = JsonParser.parseString(adapted.out()).getAsJsonObject().getAsJsonArray("logits");
        assertNotEquals(b.get(2).getAsJsonArray().get(0).getAsFloat(), a.get(2).getAsJsonArray().get(0).getAsFloat());
    }

    @Test
    void fullFinetuneWritesALoadableCheckpoint() {
        Path out = tmp.resolve("full");
        var r = EngineCommandsTest.run("finetune", "--model", model.toString(), "--data", data.toString(), "--out", out.toString(),
                "--full", "--lr", "1e-3", "--epochs", "1", "--batch", "3", "--mask", "padding");
        assertEquals(0, r.code(), r.err());
        assertEquals(1, losses(r.out()).size(), r.out());
        var l = EngineCommandsTest.run("logits", "--model", out.toString(), "--ids", "5,6");
        assertEquals(0, l.code(), l.err());
    }

    @Test
    void badDataLineIsNamed() throws Exception {
        Path bad = tmp.resolve("bad.jsonl");
        Files.writeString(bad, "{\"prompt\": \"a\", \"completion\": \"b\"}\n{\"prompt\": 3}\n");
        var r = EngineCommandsTest.run("finetune", "--model", model.toString(), "--data", bad.toString(), "--out", tmp.resolve("x").toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("bad.jsonl line 2"), r.err());
    }
}
