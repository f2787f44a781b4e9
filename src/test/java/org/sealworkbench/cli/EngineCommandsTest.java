package org.sealworkbench.cli;

import static org.junit.jupiter.api.Assertions.*;

import ai.djl.Device;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sealworkbench.llm.generation.Generation;
import org.sealworkbench.llm.generation.GenerationOptions;
import org.sealworkbench.llm.generation.Generator;
import org.sealworkbench.llm.model.LlamaModel;
import org.sealworkbench.llm.lora.LoraAdapter;
import org.sealworkbench.llm.lora.LoraConfig;
import org.sealworkbench.llm.io.RandomCheckpoint;
import org.sealworkbench.llm.TestEngine;
import org.sealworkbench.llm.tokenizer.Tokenizer;

/** ./seal make-random-model, logits and generate on tiny random checkpoints. */
class EngineCommandsTest {
    @TempDir static Path tmp;
    static Path qwen;
    static Path llama;

    record Result(int code, String out, String err) {}

    static Result run(String... args) {
        PrintStream oldOut = System.out, oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = Main.run(args);
            return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @BeforeAll
    static void models() {
        TestEngine.setUp();
        qwen = tmp.resolve("qwen");
        llama = tmp.resolve("llama");
        Result q = run("make-random-model", "--out", qwen.toString(), "--family", "qwen2", "--seed", "5");
        assertEquals(0, q.code(), q.err());
        assertTrue(q.out().contains("qwen2 tiny"), q.out());
        Result l = run("make-random-model", "--out", llama.toString(), "--family", "llama", "--dtype", "BF16");
        assertEquals(0, l.code(), l.err());
    }

    @Test
    void logitsPrintsOneVocabularyRowPerPosition() {
        Result r = run("logits", "--model", qwen.toString(), "--ids", "1,2,3");
        assertEquals(0, r.code(), r.err());
        JsonArray rows = JsonParser.parseString(r.out()).getAsJsonObject().getAsJsonArray("logits");
        assertEquals(3, rows.size());
        assertEquals(RandomCheckpoint.TOKENIZER_SIZE, rows.get(0).getAsJsonArray().size());
        // Same numbers as the engine computes directly.
        try (LlamaModel m = LlamaModel.load(qwen, Device.cpu()); NDScope s = new NDScope()) {
            float[] direct = m.forward(m.manager().create(new long[] {1, 2, 3}, new Shape(1, 3)), false).toFloatArray();
            for (int t = 0; t < 3; t++) {
                for (int v = 0; v < 261; v += 37) {
                    assertEquals(direct[t * 261 + v], rows.get(t).getAsJsonArray().get(v).getAsFloat(), 0f);
                }
            }
        }
    }

    @Test
    void generateJsonGivesTheNewIdsAndTheirText() throws Exception {
        Result r = run("generate", "--model", qwen.toString(), "--prompt", "Hello", "--max-new", "6", "--json");
        assertEquals(0, r.code(), r.err());
        JsonObject o = JsonParser.parseString(r.out()).getAsJsonObject();
        JsonArray ids = o.getAsJsonArray("ids");
        assertTrue(ids.size() >= 1 && ids.size() <= 6);
        try (LlamaModel m = LlamaModel.load(qwen, Device.cpu()); Tokenizer tok = Tokenizer.load(qwen)) {
            int[] prompt = tok.encode("Hello");
            assertArrayEquals(new int[] {'H', 'e', 'l', 'l', 'o'}, prompt); // byte-level, no BOS for qwen2
            Generation g = new Generator(m, tok).generate(java.util.List.of(prompt), GenerationOptions.greedy(6), null).get(0);
            for (int i = 0; i < ids.size(); i++) assertEquals(g.tokens()[i], ids.get(i).getAsInt());
            assertEquals(g.text(), o.get("text").getAsString());
        }
    }

    @Test
    void generateFromIdsIsSeededAndPlainTextByDefault() {
        String[] args = {"generate", "--model", llama.toString(), "--ids", "259,72,105", "--max-new", "8", "--temperature", "1",
            "--top-p", "0.9", "--top-k", "50", "--seed", "11", "--json"};
        Result a = run(args), b = run(args);
        assertEquals(0, a.code(), a.err());
        assertEquals(a.out(), b.out());
        Result text = run("generate", "--model", llama.toString(), "--prompt", "Hi", "--max-new", "4");
        assertEquals(0, text.code(), text.err());
        assertFalse(text.out().startsWith("{"));
    }

    @Test
    void badInputGivesOneClearLine() {
        Result r = run("logits", "--model", qwen.toString(), "--ids", "1,x");
        assertEquals(1, r.code());
        assertTrue(r.err().contains("seal logits: --ids must be comma-separated integers"), r.err());
        r = run("logits", "--model", qwen.toString(), "--ids", "1,9999");
        assertTrue(r.err().contains("9999") && r.err().contains("vocabulary"), r.err());
        r = run("generate", "--model", tmp.resolve("none").toString(), "--ids", "1");
        assertEquals(1, r.code());
        assertTrue(r.err().contains("checkpoint folder not found"), r.err());
        r = run("generate", "--model", qwen.toString(), "--ids", "1", "--adapter", tmp.resolve("no-adapter").toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("no-adapter"), r.err());
        r = run("make-random-model", "--out", tmp.resolve("x").toString(), "--family", "gpt2");
        assertTrue(r.err().contains("--family must be llama or qwen2"), r.err());
    }

    @Test
    void generateWithAnAdapterUsesIt() throws Exception {
        Path adapterDir = tmp.resolve("adapter");
        String[] args = {"generate", "--model", qwen.toString(), "--ids", "72,101,108", "--max-new", "8", "--json"};
        int[] expected;
        try (LlamaModel m = LlamaModel.load(qwen, Device.cpu())) {
            LoraAdapter a = LoraAdapter.create("default", m.linears(), LoraConfig.of(4, 8, 0, java.util.List.of("q_proj", "v_proj")), 1, m.manager());
            for (var e : a.parameters().entrySet()) {
                if (e.getKey().contains("lora_B")) e.getValue().set(m.manager().randomNormal(e.getValue().getShape()).toFloatArray());
            }
            a.save(adapterDir);
            a.attach(m.linears());
            expected = new Generator(m, null).generate(java.util.List.of(new int[] {72, 101, 108}), GenerationOptions.greedy(8), null).get(0).tokens();
        }
        Result with = run(java.util.stream.Stream.concat(java.util.Arrays.stream(args), java.util.stream.Stream.of("--adapter", adapterDir.toString())).toArray(String[]::new));
        assertEquals(0, with.code(), with.err());
        JsonArray ids = JsonParser.parseString(with.out()).getAsJsonObject().getAsJsonArray("ids");
        for (int i = 0; i < expected.length; i++) assertEquals(expected[i], ids.get(i).getAsInt());
        assertNotEquals(run(args).out(), with.out(), "a strong random adapter should change the greedy output");
    }

    @Test
    void localModelGeneratesFromText() {
        try (org.sealworkbench.llm.LocalModel lm = org.sealworkbench.llm.LocalModel.open(llama, Device.cpu())) {
            assertEquals(java.util.List.of(RandomCheckpoint.EOS), lm.generationConfig().eosTokenIds());
            java.util.List<Generation> gs = lm.generator().sampleText("Hi", 2, GenerationOptions.greedy(5), null);
            int[] direct = lm.generator().generate(java.util.List.of(new int[] {RandomCheckpoint.BOS, 'H', 'i'}),
                    GenerationOptions.greedy(5), null).get(0).tokens();
            for (Generation g : gs) assertArrayEquals(direct, g.tokens()); // BOS was added for the llama base model
        }
    }

    @Test
    void stopStringEndsTheText() throws Exception {
        try (LlamaModel m = LlamaModel.load(qwen, Device.cpu()); Tokenizer tok = Tokenizer.load(qwen)) {
            Generator gen = new Generator(m, tok);
            GenerationOptions opts = GenerationOptions.sampling(20, 1.0, 1.0, 3).withEos(java.util.List.of());
            Generation free = gen.generate(java.util.List.of(tok.encode("abc")), opts, null).get(0);
            assertEquals(20, free.tokens().length);
            String stop = free.text().substring(5, 7);
            int at = free.text().indexOf(stop);
            Generation cut = gen.generate(java.util.List.of(tok.encode("abc")), opts.withStopStrings(java.util.List.of(stop)), null).get(0);
            assertEquals(Generation.Finish.STOP_STRING, cut.finish());
            assertEquals(free.text().substring(0, at), cut.text());
        }
    }
}
