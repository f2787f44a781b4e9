package org.sealworkbench.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sealworkbench.jobs.ContinualJob;
import org.sealworkbench.jobs.ContinualRequest;
import org.sealworkbench.jobs.JobCancelledException;
import org.sealworkbench.jobs.Jobs;
import org.sealworkbench.llm.TestEngine;
import org.sealworkbench.llm.training.LrSchedule;
import org.sealworkbench.seal.EvalSettings;
import org.sealworkbench.seal.GenerationSettings;
import org.sealworkbench.seal.InnerLoopSettings;
import org.sealworkbench.seal.LoraSettings;
import org.sealworkbench.seal.PassageSplit;
import org.sealworkbench.seal.PromptTemplates;
import org.sealworkbench.seal.RlSettings;
import org.sealworkbench.seal.SealSettings;
import org.sealworkbench.seal.SequenceRules;
import org.sealworkbench.seal.TrainingSettings;
import org.sealworkbench.store.JobRecord;
import org.sealworkbench.util.CancelToken;
import org.sealworkbench.util.Progress;

/** ./seal continual and ./seal eval's CPT conditions on a tiny random model; a stopped continual job resumed from its row. */
class ContinualCliTest {
    @TempDir Path tmp;

    private static SealSettings tiny() {
        return new SealSettings("cli-test", new GenerationSettings(PromptTemplates.IMPLICATIONS, 2, 1.0, 0.95, 8, 1),
                new InnerLoopSettings(new LoraSettings(4, 8, 0, InnerLoopSettings.QV),
                        new TrainingSettings(1e-2, 1, 1, LrSchedule.Kind.LINEAR, 0, 0, 1), new SequenceRules(0, false, true, 4), 1, 3),
                new EvalSettings(true, 4, "contains"),
                new RlSettings(1, 1, 2, 1, true, new RlSettings.Sft(4, 8, InnerLoopSettings.ALL_PROJECTIONS, 1e-3, 1, 2, true, true), 4));
    }

    @Test
    void continualWritesItsMatricesAndCptConditionsReport() throws Exception {
        TestEngine.setUp();
        String model = tmp.resolve("tiny").toString();
        String ws = tmp.resolve("ws").toString();
        assertEquals(0, CliTest.run("make-random-model", "--out", model, "--family", "qwen2", "--seed", "2").code());
        org.sealworkbench.llm.TestEngine.widenContext(Path.of(model), 2048);   // byte-level: the passages are 600+ tokens
        assertEquals(0, CliTest.run("import", "sample-data/passages.json", "--workspace", ws).code());
        Path settings = tmp.resolve("settings.json");
        Files.writeString(settings, tiny().toJson());

        Path csv = tmp.resolve("out/m.csv"), json = tmp.resolve("out/m.json");
        CliTest.Result c = CliTest.run("continual", "--workspace", ws, "--model", model, "--settings", settings.toString(),
                "--passages", "2", "--repeats", "2", "--csv", csv.toString(), "--json", json.toString());
        assertEquals(0, c.code(), c.err());
        assertTrue(c.out().contains("repeat 1 (rows: after step s") && c.out().contains("mean over 2 repeat(s)"), c.out());
        assertTrue(c.out().contains("4 steps trained, 0 found stored"), c.out());
        assertEquals(1 + 3 * 3, Files.readAllLines(csv).size());
        assertEquals(2, com.google.gson.JsonParser.parseString(Files.readString(json)).getAsJsonObject().getAsJsonArray("repeats").size());

        CliTest.Result cpt = CliTest.run("eval", "--workspace", ws, "--model", model, "--settings", settings.toString(),
                "--condition", "cpt:passage-only,cpt:base-self-edits", "--passages", "3");
        assertEquals(0, cpt.code(), cpt.err());
        assertTrue(cpt.out().contains("CPT: passage only: micro accuracy ") && cpt.out().contains("over 3 passages trained together"),
                cpt.out());
        assertTrue(cpt.out().contains("CPT: self-edits of tiny: micro accuracy "), cpt.out());

        CliTest.Result report = CliTest.run("report", "--workspace", ws);
        assertEquals(0, report.code(), report.err());
        assertTrue(report.out().contains("multi-passage (CPT)"), report.out());
        assertFalse(report.out().contains("continual: step"), "a continual step is not a condition of SEAL's table: " + report.out());
        assertTrue(report.out().contains("Continual self-edits: 1 sequence stored"), report.out());
        CliTest.Result runs = CliTest.run("runs", "--workspace", ws);
        assertEquals(0, runs.code(), runs.err());

        CliTest.Result bad = CliTest.run("continual", "--workspace", ws, "--model", model, "--passages", "2", "--self-edits", "poem",
                "--grader", "contains");
        assertEquals(1, bad.code());
        assertTrue(bad.err().contains("unknown self-edit source 'poem'"), bad.err());
    }

    @Test
    void aStoppedContinualJobResumesInItsRow() throws Exception {
        TestEngine.setUp();
        Path model = tmp.resolve("tiny");
        Path ws = tmp.resolve("ws");
        assertEquals(0, CliTest.run("make-random-model", "--out", model.toString(), "--family", "qwen2", "--seed", "2").code());
        org.sealworkbench.llm.TestEngine.widenContext(model, 2048);
        assertEquals(0, CliTest.run("import", "sample-data/passages.json", "--workspace", ws.toString()).code());
        ContinualRequest request = new ContinualRequest(ws, model, tiny(), new PassageSplit(10), 3, 1, "passage-only", null);
        CancelToken token = new CancelToken();
        // The job's progress is throttled to one report per 100 ms (ProgressMeter), so on a fast machine "step 3/3" could
        // be dropped and the job would finish uncancelled. Holding each report for longer than that lets every next one
        // through.
        Progress cancelAtStep3 = (d, t, m) -> {
            if (m != null && m.contains("step 3/3")) token.cancel();
            try {
                Thread.sleep(120);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        assertThrows(JobCancelledException.class, () -> Jobs.run(request, cancelAtStep3, token));
        List<JobRecord> stopped = Jobs.resumable(ws);
        assertEquals(1, stopped.size());
        ContinualJob.Report r = assertInstanceOf(ContinualJob.Report.class, Jobs.resume(ws, stopped.get(0).id(), Progress.none(), new CancelToken()));
        assertEquals(2, r.reusedSteps(), "steps 1 and 2 were stored before the cancel");
        assertEquals(3, r.trainedSteps(), "two rebuilt, one new");
        assertEquals(3, r.result().passages().size());
        assertTrue(Jobs.resumable(ws).isEmpty());
    }
}
