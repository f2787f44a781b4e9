package org.sealworkbench.seal.pretrain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sealworkbench.llm.generation.Generation;
import org.sealworkbench.llm.generation.GenerationOptions;
import org.sealworkbench.llm.generation.Generator;
import org.sealworkbench.llm.model.LlamaModel;
import org.sealworkbench.llm.model.ModelConfig;
import org.sealworkbench.llm.TestEngine;
import org.sealworkbench.llm.tokenizer.Tokenizer;
import ai.djl.Device;

class PretrainerTest {
    @BeforeAll
    static void engine() {
        TestEngine.setUp();
    }

    /** A world of the minimum size, a 2-layer model of hidden 32 and a BPE vocabulary of 320. */
    static PretrainSettings tiny(long steps, int checkpointEvery) {
        return tiny(steps, checkpointEvery, 32);
    }

    /** As {@link #tiny(long, int)} with a context of {@code context} tokens (windows and max_position_embeddings). */
    static PretrainSettings tiny(long steps, int checkpointEvery, int context) {
        return new PretrainSettings(3, 60, new CorpusSpec(1, 1, 1, 1), 320, 2, 32, 4, 2, 64, context, steps, 2, 3e-3, 2, 0.0, 7,
                checkpointEvery);
    }

    static List<Double> losses(Path dir) throws Exception {
        return Files.readAllLines(dir.resolve(Pretrainer.LOG)).stream()
                .map(l -> JsonParser.parseString(l).getAsJsonObject().get("loss").getAsDouble()).toList();
    }

    @Test
    void producesALoadableHuggingFaceFolderWhoseGenerateWorks(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        Pretrainer.Summary s = new Pretrainer(tiny(6, 4), dir, new PrintStream(progress, true, StandardCharsets.UTF_8)).run(false, null);
        assertEquals(6, s.steps());
        for (String f : List.of("config.json", "model.safetensors", "tokenizer.json", "tokenizer_config.json", "generation_config.json",
                Pretrainer.LOG, "world/validation-passages.json")) {
            assertTrue(Files.exists(dir.resolve(f)), f);
        }
        ModelConfig cfg = ModelConfig.read(dir);
        assertEquals("llama", cfg.modelType());
        assertEquals(2, cfg.numHiddenLayers());
        List<String> log = Files.readAllLines(dir.resolve(Pretrainer.LOG));
        assertEquals(6, log.size());
        JsonObject last = JsonParser.parseString(log.get(5)).getAsJsonObject();
        assertEquals(6, last.get("step").getAsInt());
        for (String key : List.of("loss", "lr", "tokens_per_s", "elapsed_s")) assertTrue(last.has(key), key);
        // warmup of 2 steps: the first step runs at lr 0, as Hugging Face's schedule does
        assertEquals(0.0, JsonParser.parseString(log.get(0)).getAsJsonObject().get("lr").getAsDouble());
        assertTrue(progress.toString(StandardCharsets.UTF_8).contains("step 6/6"));

        try (LlamaModel m = LlamaModel.load(dir, Device.cpu()); Tokenizer tok = Tokenizer.load(dir)) {
            int eos = tok.eosIds().get(0);
            assertEquals(tok.tokenId(WorldCorpus.SEPARATOR), eos);
            assertEquals(eos, tok.padId());
            int[] prompt = tok.encode("Let's answer a question directly and concisely.\nQuestion: ", false);
            Generation g = new Generator(m, tok).generate(List.of(prompt), GenerationOptions.greedy(5), null).get(0);
            assertTrue(g.tokens().length >= 1 && g.tokens().length <= 5);
            assertEquals(m.config().vocabSize(), tok.size());
        }
    }

    @Test
    void resumingFromACheckpointContinuesTheSameLossCurve(@TempDir Path root) throws Exception {
        Path whole = root.resolve("whole");
        Path parts = root.resolve("parts");
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        new Pretrainer(tiny(8, 3), whole, quiet).run(false, null);
        // The first run stops (as a kill would) after step 4; its checkpoint is step 3's.
        int[] calls = {0};
        assertEquals(null, new Pretrainer(tiny(8, 3), parts, quiet).run(false, () -> calls[0]++ >= 4));
        assertFalse(Files.exists(parts.resolve("model.safetensors")));
        assertEquals(4, losses(parts).size());
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        new Pretrainer(tiny(8, 3), parts, new PrintStream(progress, true, StandardCharsets.UTF_8)).run(true, null);
        assertTrue(progress.toString(StandardCharsets.UTF_8).contains("at step 3"), progress.toString(StandardCharsets.UTF_8));
        // Same data order, same weights and moments: the same losses, step for step (bit-exact on one thread).
        assertEquals(losses(whole), losses(parts));
        assertEquals(Files.readString(whole.resolve("config.json")), Files.readString(parts.resolve("config.json")));
        assertTrue(java.util.Arrays.equals(Files.readAllBytes(whole.resolve("model.safetensors")),
                Files.readAllBytes(parts.resolve("model.safetensors"))));
    }

    @Test
    void refusesToResumeWithOtherSettings(@TempDir Path dir) throws Exception {
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        int[] calls = {0};
        new Pretrainer(tiny(8, 2), dir, quiet).run(false, () -> calls[0]++ >= 3);
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new Pretrainer(tiny(8, 3), dir, quiet).run(true, null));
        assertTrue(e.getMessage().contains("other settings"), e.getMessage());
        IllegalArgumentException fewer = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new Pretrainer(tiny(5, 2), dir, quiet).run(true, null));
        assertTrue(fewer.getMessage().contains("only --steps may grow"), fewer.getMessage());
    }

    @Test
    void aFinishedRunResumedWithMoreStepsTrainsOnFromItsLastStep(@TempDir Path dir) throws Exception {
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        new Pretrainer(tiny(6, 3), dir, quiet).run(false, null);
        List<Double> first = losses(dir);
        assertEquals(6, first.size());
        Pretrainer.Summary longer = new Pretrainer(tiny(10, 3), dir, quiet).run(true, null);
        List<Double> all = losses(dir);
        assertEquals(10, all.size(), "4 more steps appended to the log");
        assertEquals(first, all.subList(0, 6), "the first 6 steps are kept, not re-run");
        assertEquals(10, longer.steps());
        List<Double> lrs = Files.readAllLines(dir.resolve(Pretrainer.LOG)).stream()
                .map(l -> JsonParser.parseString(l).getAsJsonObject().get("lr").getAsDouble()).toList();
        assertTrue(lrs.get(6) > lrs.get(5), "the stretched cosine raises the learning rate again: " + lrs);
        assertEquals(10, PretrainSettings.read(dir).steps());
    }
}
