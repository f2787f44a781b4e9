package org.sealworkbench.cli;

import org.sealworkbench.seal.SequenceRules;
import org.sealworkbench.seal.TrainingSettings;
import org.sealworkbench.seal.LoraSettings;
import org.sealworkbench.llm.training.LrSchedule;
import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sealworkbench.llm.TestEngine;
import org.sealworkbench.seal.EvalSettings;
import org.sealworkbench.seal.GenerationSettings;
import org.sealworkbench.seal.InnerLoopSettings;
import org.sealworkbench.seal.PromptTemplates;
import org.sealworkbench.seal.RlSettings;
import org.sealworkbench.seal.SealSettings;

/** ./seal rl, then ./seal eval under three conditions, then ./seal report, on a tiny random model. */
class SealCliTest {
    @TempDir Path tmp;

    @Test
    void rlThenEvalThenReport() throws Exception {
        TestEngine.setUp();
        String model = tmp.resolve("tiny").toString();
        String ws = tmp.resolve("ws").toString();
        assertEquals(0, CliTest.run("make-random-model", "--out", model, "--family", "qwen2", "--seed", "2").code());
        org.sealworkbench.llm.TestEngine.widenContext(Path.of(model), 2048);   // byte-level: the passages are 600+ tokens
        assertEquals(0, CliTest.run("import", "sample-data/passages.json", "--workspace", ws).code());
        SealSettings s = new SealSettings("cli-test", new GenerationSettings(PromptTemplates.IMPLICATIONS, 2, 1.0, 0.95, 8, 1),
                new InnerLoopSettings(new LoraSettings(4, 8, 0, InnerLoopSettings.QV),
                        new TrainingSettings(1e-2, 1, 1, LrSchedule.Kind.LINEAR, 0, 0, 1), new SequenceRules(0, false, true, 4), 1, 3),
                new EvalSettings(true, 4, "contains"),
                new RlSettings(1, 1, 2, 1, true, new RlSettings.Sft(4, 8, InnerLoopSettings.ALL_PROJECTIONS, 1e-3, 1, 2, true, true), 4));
        Path settings = tmp.resolve("settings.json");
        Files.writeString(settings, s.toJson());

        CliTest.Result rl = CliTest.run("rl", "--workspace", ws, "--model", model, "--settings", settings.toString(), "--validation", "2");
        assertEquals(0, rl.code(), rl.err());
        assertTrue(rl.out().contains("round 1: 1 passages (ids 3..3)"), rl.out());
        assertTrue(rl.out().contains("inner loops per minute"), rl.out());
        assertTrue(Files.isRegularFile(tmp.resolve("ws/models/round-1/model.safetensors")));

        CliTest.Result eval = CliTest.run("eval", "--workspace", ws, "--model", model, "--settings", settings.toString(),
                "--validation", "2", "--condition", "no-adaptation,passage-only", "--condition", "seal-round:1");
        assertEquals(0, eval.code(), eval.err());
        for (String label : new String[] {"no adaptation", "passage only", "SEAL round 1"}) {
            assertTrue(eval.out().contains(label + ": macro accuracy "), eval.out());
        }

        CliTest.Result report = CliTest.run("report", "--workspace", ws, "--csv");
        assertEquals(0, report.code(), report.err());
        for (String row : new String[] {"no adaptation,contains,", "passage only,contains,", "SEAL round 1,contains,"}) {
            assertTrue(report.out().contains("\n" + row), report.out());
        }

        // The reference's LLM judge, run on a local model (here the tiny one): grades carry the judge's name.
        CliTest.Result judged = CliTest.run("eval", "--workspace", ws, "--model", model, "--settings", settings.toString(),
                "--validation", "2", "--passages", "1", "--condition", "no-adaptation", "--grader", "llm_judge", "--judge", model);
        assertEquals(0, judged.code(), judged.err());
        CliTest.Result judgedReport = CliTest.run("report", "--workspace", ws, "--csv", "--grader", "llm_judge:tiny");
        assertEquals(0, judgedReport.code(), judgedReport.err());
        assertTrue(judgedReport.out().contains("\nno adaptation,llm_judge:tiny,"), judgedReport.out());

        CliTest.Result edits = CliTest.run("self-edits", "--workspace", ws, "--model", model, "--settings", settings.toString(),
                "--passages", "2", "--template", "rewrite", "--k", "3");
        assertEquals(0, edits.code(), edits.err());
        assertTrue(edits.out().startsWith("2 passages x 3 self-edits by tiny (template rewrite, tag cli)"), edits.out());
        CliTest.Result badTemplate = CliTest.run("self-edits", "--workspace", ws, "--model", model, "--template", "poem");
        assertEquals(1, badTemplate.code());
        assertTrue(badTemplate.err().contains("unknown prompt template 'poem'"), badTemplate.err());

        CliTest.Result bad = CliTest.run("eval", "--workspace", ws, "--model", model, "--condition", "bogus", "--preset", "seal-tiny-cpu");
        assertEquals(1, bad.code());
        assertTrue(bad.err().startsWith("seal eval: unknown condition 'bogus'"), bad.err());
        CliTest.Result judge = CliTest.run("eval", "--workspace", ws, "--model", model, "--condition", "no-adaptation");
        assertEquals(1, judge.code());
        assertTrue(judge.err().contains("--judge DIR"), judge.err());
        // Round 1 is done (skipped); round 2 has no fresh passage left among the 12.
        CliTest.Result full = CliTest.run("rl", "--workspace", ws, "--model", model, "--settings", settings.toString(), "--validation", "11",
                "--rounds", "2");
        assertEquals(1, full.code());
        assertTrue(full.err().contains("RL round 2 needs passages 13 to 13"), full.err());
        String empty = tmp.resolve("empty").toString();
        CliTest.Result none = CliTest.run("eval", "--workspace", empty, "--model", model, "--condition", "no-adaptation", "--grader", "contains");
        assertEquals(1, none.code());
        assertTrue(none.err().contains("the workspace has no validation passages (it has 0 passages"), none.err());
        CliTest.Result noModel = CliTest.run("rl", "--workspace", ws, "--model", tmp.resolve("nothing").toString(), "--grader", "contains");
        assertEquals(1, noModel.code());
        assertTrue(noModel.err().contains("tokenizer.json: file not found"), noModel.err());

        Files.writeString(settings, "{\"preset\": 3");
        CliTest.Result broken = CliTest.run("rl", "--workspace", ws, "--model", model, "--settings", settings.toString());
        assertEquals(1, broken.code());
        assertTrue(broken.err().startsWith("seal rl: " + settings + ": not a valid settings snapshot"), broken.err());
    }
}
