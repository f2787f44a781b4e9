package org.sealworkbench.seal.pretrain;

import org.sealworkbench.seal.SequenceRules;
import org.sealworkbench.seal.TrainingSettings;
import org.sealworkbench.seal.LoraSettings;
import org.sealworkbench.llm.training.LrSchedule;
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
import org.sealworkbench.llm.model.LlamaModel;
import org.sealworkbench.llm.TestEngine;
import org.sealworkbench.llm.tokenizer.Tokenizer;
import org.sealworkbench.seal.ContainsGrader;
import org.sealworkbench.seal.Grader;
import org.sealworkbench.seal.InnerLoopSettings;
import org.sealworkbench.seal.Presets;

class WorldEvalTest {
    @BeforeAll
    static void engine() {
        TestEngine.setUp();
    }

    static WorldEval.PassageResult result(double... acc) {
        return new WorldEval.PassageResult("t", 5, acc, acc, "", List.of(), 0.1, 0.1);
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
    void pairedGainIsTheMeanPerPassageDifferenceWithItsInterval() {
        // differences self-edit - passage only: 0.2, 0.4, 0.0 -> mean 0.2, sd 0.2
        List<WorldEval.PassageResult> rs = List.of(result(0, 0, 0.2, 0.4), result(0, 0, 0.4, 0.8), result(0, 0, 0.6, 0.6));
        WorldEval.ConditionResult g = WorldEval.pairedGain(rs);
        assertEquals(0.2, g.mean(), 1e-12);
        double half = 4.302652729911275 * 0.2 / Math.sqrt(3);
        assertEquals(0.2 - half, g.low(), 1e-9);
        assertEquals(0.2 + half, g.high(), 1e-9);
        assertEquals(3, g.passages());
    }

    @Test
    void aReportWrittenBeforeTheTemplateWasRecordedReadsAsImplications() {
        WorldEval.Config old = new com.google.gson.Gson().fromJson("{\"answerTokens\": 24, \"selfEditTokens\": 320}", WorldEval.Config.class);
        assertEquals(org.sealworkbench.seal.PromptTemplates.IMPLICATIONS, old.template());
        assertEquals(1, old.repeats(), "reports from before repeats were recorded ran one inner loop per condition");
        WorldEval.Config qa = new com.google.gson.Gson().fromJson("{\"template\": \"self-qa\"}", WorldEval.Config.class);
        assertEquals(org.sealworkbench.seal.PromptTemplates.SELF_QA, qa.template());
    }

    @Test
    void repeatsAverageFreshSeedsOverOneSelfEdit(@TempDir Path dir) throws Exception {
        // A random model (its answers are random bytes that every LoRA seed changes) and a grader that depends on the
        // answer's text, so each inner loop counts.
        try (ai.djl.ndarray.NDManager nd = ai.djl.ndarray.NDManager.newBaseManager()) {
            org.sealworkbench.llm.io.RandomCheckpoint.write(dir, "qwen2", "tiny", 5, "F32", nd);
        }
        // A grader that says whether the model answered at all: on a random model, the LoRA seed decides that.
        Grader byText = new Grader() {
            public String name() {
                return "empty";
            }

            public org.sealworkbench.seal.Grade grade(String q, String gold, String answer) {
                return org.sealworkbench.seal.Grade.of(answer.isEmpty(), "", name());
            }
        };
        Passage p = new Passage("Zorn", "Zorn is a town. Its flag is red.", List.of(new Question("What colour is the flag of Zorn?", "red"),
                new Question("What is Zorn?", "town"), new Question("Where is Zorn?", "north")));
        // lr 3e-2: strong enough that the LoRA seed decides whether a random model answers (1, 2/3 and 0 of 3 here)
        InnerLoopSettings inner = new InnerLoopSettings(new LoraSettings(8, 16, 0, InnerLoopSettings.ALL_PROJECTIONS),
                new TrainingSettings(3e-2, 5, 1, LrSchedule.Kind.LINEAR, 0, 0, 1), new SequenceRules(0, false, true, 15), 1, 42);
        WorldEval.Config cfg = new WorldEval.Config(inner, 6, 12, 1.0, 0.95, 3);
        try (LlamaModel m = LlamaModel.load(dir, Device.cpu()); Tokenizer tok = Tokenizer.load(dir)) {
            WorldEval one = new WorldEval(m, tok, byText, cfg);
            WorldEval.Config three = new WorldEval.Config(inner, 6, 12, 1.0, 0.95, 3, cfg.template(), 3);
            WorldEval.PassageResult r3 = new WorldEval(m, tok, byText, three).evaluate(p, 11);
            double[] passageOnly = new double[3], withEdit = new double[3];
            for (int i = 0; i < 3; i++) {
                long seed = WorldEval.repeatSeed(11, i);
                passageOnly[i] = WorldEval.grade(byText, p, one.innerLoop(p, "", seed));
                withEdit[i] = WorldEval.grade(byText, p, one.innerLoop(p, r3.selfEdit(), seed));
            }
            assertTrue(passageOnly[0] != passageOnly[1] || passageOnly[0] != passageOnly[2] || withEdit[0] != withEdit[1]
                    || withEdit[0] != withEdit[2], "the repeats' seeds change some grade, so averaging them is tested");
            assertEquals(java.util.Arrays.stream(passageOnly).average().orElseThrow(), r3.accuracy()[2], 1e-12);
            assertEquals(java.util.Arrays.stream(withEdit).average().orElseThrow(), r3.accuracy()[3], 1e-12);
            assertEquals(one.evaluate(p, 11).selfEdit(), r3.selfEdit(), "one self-edit per passage, sampled with the passage's seed");
            assertEquals(one.innerLoop(p, "", 11), r3.answers().get(2), "the answers shown are the first repeat's");
            assertTrue(r3.maxInnerLoopSeconds() >= r3.innerLoopSeconds());
        }
    }

    @Test
    void innerLoopsLeaveTheBaseModelAsItWasAndTheCommandWritesResultsAndCard(@TempDir Path dir) throws Exception {
        // a context of 256 tokens: the passages' prompts fit it (the generator refuses a prompt longer than the context)
        new Pretrainer(PretrainerTest.tiny(4, 10, 256), dir, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)).run(false, null);
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
                "--self-edit-tokens", "8", "--template", "self-qa", "--repeats", "2");
        assertEquals(0, rc);
        var json = JsonParser.parseString(Files.readString(dir.resolve(ModelCard.EVAL))).getAsJsonObject();
        assertEquals("self-qa", json.getAsJsonObject("config").get("template").getAsString());
        assertEquals(2, json.getAsJsonObject("config").get("repeats").getAsInt());
        assertEquals(2, json.getAsJsonObject("pairedGain").get("passages").getAsInt());
        assertEquals(4, json.getAsJsonArray("conditions").size());
        assertEquals(2, json.getAsJsonArray("passages").size());
        String card = Files.readString(dir.resolve(ModelCard.FILE));
        assertTrue(card.contains("| inner loop: passage + own self-edit |"), card);
        assertTrue(card.contains("2 held-out validation passages"), card);
        assertTrue(card.contains("one sample per passage of SEAL's self-qa prompt"), card);
        assertTrue(card.contains("2 inner loops per passage for passage only and for own self-edit"), card);
        assertTrue(card.contains("Paired over the same passages and LoRA seeds, own self-edit − passage only"), card);
        assertTrue(card.contains("./seal pretrain --out DIR --world-seed 3 --entities 60"), card);
        Files.writeString(dir.resolve(ModelCard.NOTES), "Trained while the machine was busy.");
        assertEquals(0, Main.run("model-card", "--model", dir.toString()));
        String again = Files.readString(dir.resolve(ModelCard.FILE));
        assertTrue(again.contains("## Notes\n\nTrained while the machine was busy."), again);
        assertTrue(again.contains("| inner loop: passage + own self-edit |"), "the results stay in the card");
    }
    /** A passage whose prompts do not fit the model's context (32 tokens here) is refused before any condition runs, named. */
    @Test
    void aPassageLongerThanTheContextIsRefusedNamingIt(@TempDir Path dir) throws Exception {
        new Pretrainer(PretrainerTest.tiny(2, 10), dir, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)).run(false, null);
        Passage p = new Passage("Zorn", "Zorn is a town. Its flag is red.", List.of(new Question("What colour is the flag of Zorn?", "red")));
        WorldEval.Config cfg = new WorldEval.Config(Presets.sealTinyCpu().innerLoop(), 4, 8, 1.0, 0.95, 3);
        try (LlamaModel m = LlamaModel.load(dir, Device.cpu()); Tokenizer tok = Tokenizer.load(dir)) {
            IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> new WorldEval(m, tok, new ContainsGrader(), cfg).evaluate(p, 11));
            assertTrue(e.getMessage().startsWith("passage \"Zorn\" does not fit the model's context of 32 tokens: its self-edit"
                    + " prompt is ") && e.getMessage().contains("; its longest question prompt with the passage in context is "),
                    e.getMessage());
            assertTrue(m.linears().values().stream().allMatch(l -> l.deltas().isEmpty()), "nothing trained");
        }
    }
}
