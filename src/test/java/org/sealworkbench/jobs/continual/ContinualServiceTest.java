package org.sealworkbench.jobs.continual;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sealworkbench.data.Passage;
import org.sealworkbench.data.Question;
import org.sealworkbench.jobs.ContinualJob;
import org.sealworkbench.jobs.ContinualRequest;
import org.sealworkbench.jobs.Jobs;
import org.sealworkbench.llm.TestEngine;
import org.sealworkbench.seal.PassageSplit;
import org.sealworkbench.seal.Presets;
import org.sealworkbench.seal.SettingsOverrides;
import org.sealworkbench.store.ExperimentLog;
import org.sealworkbench.util.CancelToken;
import org.sealworkbench.util.Progress;

/**
 * Continual self-edits as the window runs them (tiny random model): the form's choices read from the workspace, the
 * request the same as {@code ./seal continual}'s, and a sequence run here found stored by the command line's job.
 */
class ContinualServiceTest {
    @TempDir Path tmp;
    Path ws, ckpt;

    @BeforeEach
    void setUp() throws Exception {
        TestEngine.setUp();
        ckpt = tmp.resolve("model");
        ws = tmp.resolve("ws");
        TestEngine.tinyLlama(ckpt);
        try (ExperimentLog log = ExperimentLog.open(ws)) {
            log.addPassage(new Passage("Zed", "The capital of Zed is Ora.", List.of(new Question("Capital of Zed?", "Ora"))), "a.json");
            log.addPassage(new Passage("Yul", "Yul is a river.", List.of(new Question("What is Yul?", "a river"))), "a.json");
            log.addPassage(new Passage("Kem", "Kem has two moons.", List.of(new Question("Moons of Kem?", "two"))), "b.json");
            log.addModel(ckpt.toString(), "llama", "tinyauthor", null);
        }
    }

    @Test
    void theChoicesComeFromTheWorkspace() {
        ContinualService s = new ContinualService(ws);
        assertEquals(List.of("base-self-edits", "passage-only", "self-edits:tinyauthor"), s.sources());
        assertEquals(List.of("a.json", "b.json"), s.passageFiles());
        assertEquals(3, s.passagesIn(ContinualService.ALL_PASSAGES));
        assertEquals(2, s.passagesIn("a.json"));
        assertEquals(1, s.passagesIn("b.json"));
    }

    @Test
    void theRequestIsTheCommandLinesAndASequenceRunHereIsFoundStoredByIt() {
        ContinualService s = new ContinualService(ws);
        ContinualRequest r = s.request(ckpt, "seal-tiny-cpu", "exact_match", 2, 1, "passage-only", "a.json");
        assertEquals(new SettingsOverrides().grader("exact_match").apply(Presets.sealTinyCpu()).digest(), r.settings().digest(),
                "./seal continual --preset seal-tiny-cpu --grader exact_match");
        assertEquals("a.json", r.split().validationSet());
        assertEquals(2, r.passages());
        assertEquals(r, org.sealworkbench.jobs.RequestJson.read(ContinualRequest.KIND, org.sealworkbench.jobs.RequestJson.write(r)),
                "kept in the jobs row, so `seal resume` finishes a window-started sequence");
        assertThrows(IllegalArgumentException.class, () -> s.request(null, "seal-tiny-cpu", "contains", 2, 1, "passage-only", ""));
        assertThrows(IllegalArgumentException.class, () -> s.request(ckpt, "seal-tiny-cpu", "contains", 2, 1, "nonsense", ""));

        ContinualJob.Report report = s.run(r, Progress.none(), new CancelToken());
        var result = report.result();
        assertEquals(2, result.passages().size());
        assertEquals(2, report.trainedSteps());
        double[][] m = result.mean();
        assertEquals(2, m.length);
        assertTrue(Double.isNaN(m[0][1]), "passage 2 is not seen after step 1");
        assertTrue(m[1][0] >= 0 && m[1][0] <= 1 && m[1][1] >= 0 && m[1][1] <= 1);

        // `./seal continual --passages 2 --self-edits passage-only --validation-set a.json` (its default split of 200)
        ContinualRequest cli = new ContinualRequest(ws, ckpt, r.settings(), new PassageSplit(200, "a.json", null), 2, 1, "passage-only", null);
        ContinualJob.Report again = (ContinualJob.Report) Jobs.run(cli, Progress.none(), new CancelToken());
        assertEquals(0, again.trainedSteps(), "nothing trained again");
        assertEquals(2, again.reusedSteps());
        assertArrayEquals(m[1], again.result().mean()[1], 1e-12);
    }
}
