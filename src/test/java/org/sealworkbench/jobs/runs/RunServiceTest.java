package org.sealworkbench.jobs.runs;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sealworkbench.data.Passage;
import org.sealworkbench.data.Question;
import org.sealworkbench.jobs.EvaluationJob;
import org.sealworkbench.jobs.EvaluationRequest;
import org.sealworkbench.jobs.JobCancelledException;
import org.sealworkbench.jobs.Jobs;
import org.sealworkbench.llm.TestEngine;
import org.sealworkbench.seal.Conditions;
import org.sealworkbench.seal.PassageSplit;
import org.sealworkbench.store.AuthorKind;
import org.sealworkbench.store.ExperimentLog;
import org.sealworkbench.store.NewSelfEdit;
import org.sealworkbench.store.RunRecord;
import org.sealworkbench.util.CancelToken;
import org.sealworkbench.util.Progress;

/**
 * Fine-tune &amp; evaluate as the window runs it (tiny random model): the runs are the ones `seal eval` finds stored, the
 * live listener sees every stored step, a column's condition is the CLI's when it can be, and a cancel keeps what
 * finished and leaves no half-written run.
 */
class RunServiceTest {
    @TempDir
    Path tmp;
    Path ws, ckpt;
    long p1, p2;

    @BeforeEach
    void setUp() throws Exception {
        TestEngine.setUp();
        ckpt = tmp.resolve("model");
        ws = tmp.resolve("ws");
        TestEngine.tinyLlama(ckpt);
        try (ExperimentLog log = ExperimentLog.open(ws)) {
            p1 = log.addPassage(new Passage("Zed", "The capital of Zed is Ora. Zed was founded in 1901.",
                    List.of(new Question("Capital of Zed?", "Ora"), new Question("Founded when?", "1901"))), "t");
            p2 = log.addPassage(new Passage("Yul", "Yul is a river. It is 40 km long.",
                    List.of(new Question("What is Yul?", "a river"))), "t");
        }
    }

    /** seal-tiny-cpu with one repeat of one epoch and exact match: quick on the random model. */
    private static RunSettings quick() {
        RunSettings p = RunSettings.of("seal-tiny-cpu");
        return new RunSettings(p.preset(), p.loraRank(), p.loraAlpha(), p.loraDropout(), p.targets(), p.learningRate(), 1,
                p.batchSize(), p.schedule(), p.padding(), 1, "exact_match", null);
    }

    @Test
    void theAdapterBatchGoesIntoTheRequestAndLeavesTheSettingsAlone() {
        RunService service = new RunService(ws);
        RunPlan plan = new RunPlan("p1", List.of(p1, p2), List.of("passage-only"));
        EvaluationRequest byDefault = service.request(ckpt, quick(), plan);
        assertEquals(org.sealworkbench.seal.StoredRuns.DEFAULT_ADAPTER_BATCH, byDefault.adapterBatch());
        assertEquals(byDefault, service.request(ckpt, quick(), plan, 0), "0: the default");
        EvaluationRequest one = service.request(ckpt, quick(), plan, 1);
        assertEquals(1, one.adapterBatch());
        assertEquals(byDefault.settings(), one.settings());
        assertEquals(byDefault.passageIds(), one.passageIds());
        assertEquals(one, org.sealworkbench.jobs.RequestJson.read(EvaluationRequest.KIND, org.sealworkbench.jobs.RequestJson.write(one)),
                "kept in the jobs row, so a resumed job batches as it started");
    }

    @Test
    void aWindowRunIsTheRunSealEvalFindsStored() {
        RunService service = new RunService(ws);
        RunSettings settings = quick();
        List<LiveStep> steps = new CopyOnWriteArrayList<>();
        List<Long> done = new CopyOnWriteArrayList<>();
        EvaluationRequest request = service.request(ckpt, settings, new RunPlan("p1", List.of(p1), List.of("passage-only")));
        assertEquals(settings.digest(), request.settings().digest());
        assertEquals(request, org.sealworkbench.jobs.RequestJson.read(EvaluationRequest.KIND, org.sealworkbench.jobs.RequestJson.write(request)),
                "the jobs row keeps the passage ids, so `seal resume` finishes a window-started job");
        service.run(request, Progress.none(), new CancelToken(), new LiveListener() {
            @Override
            public void step(LiveStep s) {
                steps.add(s);
            }

            @Override
            public void runDone(long runId, long passageId, String condition) {
                done.add(runId);
            }
        });
        List<RunRecord> before;
        try (ExperimentLog log = ExperimentLog.open(ws)) {
            before = log.runs();
            assertEquals(1, before.size());
            RunRecord run = before.get(0);
            assertEquals(List.of(run.id()), done);
            assertEquals("done", run.status());
            assertEquals(Conditions.PASSAGE_ONLY, run.condition());
            int stored = log.trainingSteps(run.id()).size();
            assertTrue(stored > 0);
            assertEquals(stored, steps.size(), "the listener saw every stored step");
            assertTrue(steps.stream().allMatch(s -> s.runId() == run.id() && s.passageId() == p1 && s.lr() > 0 && s.tokensPerSecond() > 0));
            assertEquals(log.trainingSteps(run.id()).get(0).loss(), steps.get(0).loss(), 1e-9);
            assertEquals(stored, service.lossCurve(run.id()).size());
        }

        // `seal eval --passages 2 --condition passage-only` with the same settings (a settings file): p1 is found, p2 is run.
        EvaluationRequest cli = new EvaluationRequest(ws, ckpt, request.settings(), new PassageSplit(2), List.of("passage-only"), 2, null);
        EvaluationJob.Report report = (EvaluationJob.Report) Jobs.run(cli, Progress.none(), new CancelToken());
        assertEquals(1, report.reused(), "the window's run is reused by the CLI's job");
        try (ExperimentLog log = ExperimentLog.open(ws)) {
            List<RunRecord> after = log.runs();
            assertEquals(2, after.size());
            assertEquals(before.get(0), after.get(0));
            assertEquals(p2, after.get(1).passageId());
            assertEquals(before.get(0).experimentId(), after.get(1).experimentId(), "one experiment, as seal report shows it");
        }
        // And the other way round: the window finds the CLI's run of p2.
        List<LiveStep> again = new ArrayList<>();
        EvaluationJob.Report r2 = service.run(service.request(ckpt, settings, new RunPlan("p2", List.of(p2), List.of("passage-only"))),
                Progress.none(), new CancelToken(), new LiveListener() {
                    @Override
                    public void step(LiveStep s) {
                        again.add(s);
                    }

                    @Override
                    public void runDone(long runId, long passageId, String condition) {}
                });
        assertEquals(1, r2.reused());
        assertTrue(again.isEmpty(), "nothing was trained again");
    }

    @Test
    void aCptRunFromTheWindowIsTheRunSealEvalFindsStored() {
        RunService service = new RunService(ws);
        List<String> choices = service.conditionChoices();
        assertTrue(choices.containsAll(List.of("cpt:passage-only", "cpt:base-self-edits")), choices.toString());
        assertFalse(choices.contains("cpt:no-adaptation"), "nothing is trained without adaptation: " + choices);
        assertTrue(choices.indexOf("cpt:passage-only") > choices.indexOf("base-self-edits"), "the single-passage forms first: " + choices);

        org.sealworkbench.seal.CptSettings cpt = new org.sealworkbench.seal.CptSettings(2, 1, 1e-3, 1, 1, 1, 50, 42);   // as the form makes it for 2 passages
        EvaluationRequest request = service.request(ckpt, quick(), new RunPlan("cpt", List.of(p1, p2), List.of("cpt:passage-only"), cpt));
        assertEquals(cpt, request.cpt());
        assertEquals(request, org.sealworkbench.jobs.RequestJson.read(EvaluationRequest.KIND, org.sealworkbench.jobs.RequestJson.write(request)),
                "the jobs row keeps the CPT settings, so a resumed job trains as it started");
        assertNull(service.request(ckpt, quick(), new RunPlan("p", List.of(p1), List.of("passage-only"))).cpt(), "none: the preset's");
        EvaluationJob.Report report = service.run(request, Progress.none(), new CancelToken(), null);
        var result = report.conditions().get(0).result();
        assertEquals(List.of(p1, p2), result.passages());
        assertTrue(result.microAccuracy() >= 0 && result.microAccuracy() <= 1, "a CPT result has its micro accuracy: " + result);
        String digest;
        try (ExperimentLog log = ExperimentLog.open(ws)) {
            List<RunRecord> runs = log.runs();
            assertEquals(1, runs.size(), "one adapter over both passages: " + runs);
            assertEquals("done", runs.get(0).status());
            assertEquals(3, log.answersOfRun(runs.get(0).id()).size(), "every question of both passages");
            digest = org.sealworkbench.seal.SealSettings.digestOf(runs.get(0).settingsJson());
        }
        assertEquals(cpt.digest(request.settings()), digest, "stored under the CPT digest, as the form shows it");

        // `seal eval --passages 2 --condition cpt:passage-only --cpt-epochs 1 --cpt-batch 1 --cpt-grad-accum 1` finds it
        EvaluationRequest cli = new EvaluationRequest(ws, ckpt, request.settings(), new PassageSplit(2), List.of("cpt:passage-only"), 2,
                null, null, cpt);
        EvaluationJob.Report again = (EvaluationJob.Report) Jobs.run(cli, Progress.none(), new CancelToken());
        assertEquals(1, again.reused(), "the window's CPT run is reused by the CLI's job");
    }

    @Test
    void aColumnIsEvaluatedUnderTheCliConditionWhenItIsTheOneTheCliTakes() {
        long first, second, edit;
        try (ExperimentLog log = ExperimentLog.open(ws)) {
            long model = log.addModel(ckpt.toString(), "llama", "tiny", null);
            first = log.addSelfEdit(new NewSelfEdit(p1, "Zed's capital is Ora.", AuthorKind.MODEL, model, null, null, null, null, null));
            second = log.addSelfEdit(new NewSelfEdit(p1, "Zed: founded 1901.", AuthorKind.MODEL, model, null, null, null, null, null));
            edit = log.addSelfEdit(new NewSelfEdit(p1, "Ora is Zed's capital.", AuthorKind.HUMAN_EDIT, null, first, null, null, null, null));
        }
        RunService service = new RunService(ws);
        assertEquals("passage-only", service.conditionForColumn(null));
        assertEquals("self-edits:tiny", service.conditionForColumn(first));
        assertEquals("self-edit:" + second, service.conditionForColumn(second));
        assertEquals("self-edit:" + edit, service.conditionForColumn(edit));
        assertTrue(service.conditionChoices().containsAll(List.of("no-adaptation", "passage-only", "self-edits:tiny")));

        service.run(service.request(ckpt, quick(), new RunPlan("col", List.of(p1), List.of("self-edit:" + second))), Progress.none(),
                new CancelToken(), null);
        try (ExperimentLog log = ExperimentLog.open(ws)) {
            RunRecord run = log.runs().get(0);
            assertEquals(Conditions.selfEdit(second), run.condition());
            assertEquals(second, run.selfEditId());
        }
        // A self-edit of another passage is refused, naming both.
        var wrong = service.request(ckpt, quick(), new RunPlan("col", List.of(p2), List.of("self-edit:" + second)));
        Exception e = assertThrows(RuntimeException.class, () -> service.run(wrong, Progress.none(), new CancelToken(), null));
        assertTrue(e.getMessage().contains("belongs to passage " + p1), e.getMessage());
    }

    @Test
    void aCancelDuringTrainingKeepsTheFinishedRunsAndLeavesNoHalfWrittenRun() {
        RunService service = new RunService(ws);
        CancelToken token = new CancelToken();
        // One inner loop at a time: a batch's steps reach the live chart after the batch has trained, too late for a cancel
        // from the chart's first step (a cancel inside a batch is BatchedEvaluationTest's).
        EvaluationRequest request = service.request(ckpt, quick(), new RunPlan("both", List.of(p1, p2), List.of("no-adaptation", "passage-only")))
                .withAdapterBatch(1);
        assertThrows(JobCancelledException.class, () -> service.run(request, Progress.none(), token, new LiveListener() {
            @Override
            public void step(LiveStep s) {
                token.cancel(); // during the first inner loop's training
            }

            @Override
            public void runDone(long runId, long passageId, String condition) {}
        }));
        int finished;
        try (ExperimentLog log = ExperimentLog.open(ws)) {
            List<RunRecord> runs = log.runs();
            assertTrue(runs.stream().noneMatch(r -> r.status().equals("running")), runs.toString());
            List<RunRecord> done = runs.stream().filter(r -> r.status().equals("done")).toList();
            finished = done.size();
            assertTrue(finished >= 2 && finished < 4, "the baselines (at least) finished, not everything: " + runs);
            for (RunRecord r : done) assertEquals(r.passageId() == p1 ? 2 : 1, log.answersOfRun(r.id()).size(), "a finished run is whole");
            List<RunRecord> stopped = runs.stream().filter(r -> !r.status().equals("done")).toList();
            for (RunRecord r : stopped) {
                assertEquals("cancelled", r.status());
                assertTrue(log.answersOfRun(r.id()).isEmpty(), "no answers of a stopped run");
            }
            assertEquals("cancelled", log.jobs().get(log.jobs().size() - 1).status());
        }
        // Run again: the baselines are found, the inner loops done.
        EvaluationJob.Report report = service.run(request, Progress.none(), new CancelToken(), null);
        assertEquals(finished, report.reused(), "what finished is not redone");
    }
}
