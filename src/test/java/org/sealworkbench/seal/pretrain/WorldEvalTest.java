package org.sealworkbench.seal.pretrain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
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
import org.sealworkbench.cli.Main;
import org.sealworkbench.data.Passage;
import org.sealworkbench.data.Question;
import org.sealworkbench.llm.LlamaModel;
import org.sealworkbench.llm.TestEngine;
import org.sealworkbench.llm.Tokenizer;
import org.sealworkbench.seal.ContainsGrader;
import org.sealworkbench.seal.Presets;

class WorldEvalTest {
    @BeforeAll
    static void engine() {
        TestEngine.setUp();
    }

    static WorldEval.PassageResult result(double... acc) {
        return new WorldEval.PassageResult("t", 5, acc, acc, "", List.of(), 0.1);
    }

    @Test
    void macroAccuracyAndItsTInterval() {
        // per-passage accuracies 0, 0.5, 1 for condition 0: mean 0.5, sd 0.5, t(0.975, 2) = 4.3027
        List<WorldEval.PassageResult> rs = List.of(result(0, 0, 0, 0), result(0.5, 0, 0, 0), result(1, 0, 0, 0));
        WorldEval.ConditionResult c = WorldEval.summarise(rs, false).get(0);
        assertEquals(0.5, c.mean(), 1e-12);
        double half = 4.302652729911275 * 0.5 / Math.sqrt(3);
        assertEquals(0.5 - half, c.low(), 1e-6);
        assertEquals(0.5 + half, c.high(), 1e-6);
        assertEquals(0.0, WorldEval.summarise(rs, false).get(3).high(), 1e-12);
        assertEquals("abc", WorldEval.firstLine("\n  abc \nmore"));
    }

    @Test
    void aReportWrittenBeforeTheTemplateWasRecordedReadsAsImplications() {
        WorldEval.Config old = new com.google.gson.Gson().fromJson("{\"answerTokens\": 24, \"selfEditTokens\": 320}", WorldEval.Config.class);
        assertEquals(org.sealworkbench.seal.PromptTemplates.IMPLICATIONS, old.template());
        WorldEval.Config qa = new com.google.gson.Gson().fromJson("{\"template\": \"self-qa\"}", WorldEval.Config.class);
        assertEquals(org.sealworkbench.seal.PromptTemplates.SELF_QA, qa.template());
    }

    @Test
    void innerLoopsLeaveTheBaseModelAsItWasAndTheCommandWritesResultsAndCard(@TempDir Path dir) throws Exception {
        new Pretrainer(PretrainerTest.tiny(4, 10), dir, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)).run(false, null);
        Passage p = new Passage("Zorn", "Zorn is a town. Its flag is red.", List.of(new Question("What colour is the flag of Zorn?", "red"),
                new Question("What is Zorn?", "town")));
        WorldEval.Config cfg = new WorldEval.Config(Presets.sealTinyCpu().innerLoop(), 4, 8, 1.0, 0.95, 3);
        try (LlamaModel m = LlamaModel.load(dir, Device.cpu()); Tokenizer tok = Tokenizer.load(dir)) {
            WorldEval eval = new WorldEval(m, tok, new ContainsGrader(), cfg);
            List<String> before = eval.answer(p, false);
            WorldEval.PassageResult r = eval.evaluate(p, 11);
            assertEquals(4, r.answers().size());
            assertEquals(before, r.answers().get(0));
            assertEquals(before, eval.answer(p, false), "the adapters are gone after the inner loops");
            assertTrue(m.linears().values().stream().allMatch(l -> l.deltas().isEmpty()));
            assertArrayEquals(r.accuracy(), eval.evaluate(p, 11).accuracy(), "same seed, same result");
        }
        Path passages = dir.resolve("p.json");
        Files.copy(dir.resolve("world/validation-passages.json"), passages);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int rc = Main.run("pretrain-eval", "--model", dir.toString(), "--passages", passages.toString(), "--limit", "2",
                "--self-edit-tokens", "8", "--template", "self-qa");
        assertEquals(0, rc);
        var json = JsonParser.parseString(Files.readString(dir.resolve(ModelCard.EVAL))).getAsJsonObject();
        assertEquals("self-qa", json.getAsJsonObject("config").get("template").getAsString());
        assertEquals(4, json.getAsJsonArray("conditions").size());
        assertEquals(2, json.getAsJsonArray("passages").size());
        String card = Files.readString(dir.resolve(ModelCard.FILE));
        assertTrue(card.contains("| inner loop: passage + own self-edit |"), card);
        assertTrue(card.contains("2 held-out validation passages"), card);
        assertTrue(card.contains("one sample per passage of SEAL's self-qa prompt"), card);
        assertTrue(card.contains("./seal pretrain --out DIR --world-seed 3 --entities 60"), card);
        Files.writeString(dir.resolve(ModelCard.NOTES), "Trained while the machine was busy.");
        assertEquals(0, Main.run("model-card", "--model", dir.toString()));
        String again = Files.readString(dir.resolve(ModelCard.FILE));
        assertTrue(again.contains("## Notes\n\nTrained while the machine was busy."), again);
        assertTrue(again.contains("| inner loop: passage + own self-edit |"), "the results stay in the card");
    }
}
