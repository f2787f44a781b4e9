package org.sealworkbench.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sealworkbench.llm.TestEngine;
import org.sealworkbench.seal.RestEm;
import org.sealworkbench.store.ExperimentLog;
import org.sealworkbench.store.JobRecord;
import org.sealworkbench.util.CancelToken;

/** A few-shot ReST-EM round's refusals and its round without a reward (no model written); see ArcRlEndToEndTest. */
class ArcRlJobTest {
    @TempDir
    Path tmp;

    private static final Path TRAINING = Path.of("sample-data/arc/arc-agi_training_challenges_filtered_1B_training_set.json");

    private static ArcRlRequest request(Path ws, Path model, Path tasks, int limit, int k, int selfEditTokens) {
        return new ArcRlRequest(ws, model, tasks, null, List.of(), limit, "tiny-cpu", 0, k, false, 0, 1, 0, 0, 0,
                selfEditTokens);
    }

    @Test
    void aPromptThatLeavesNoRoomInTheContextIsRefusedBeforeAnyWorkNamingEachTask() {
        TestEngine.setUp();
        Path ws = tmp.resolve("ws");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Jobs.run(request(ws,
                Path.of("assets/models/seal-tiny"), TRAINING, 2, 3, 0), (d, t, m) -> { }, new CancelToken()));
        assertTrue(e.getMessage().contains("context of 512 tokens") && e.getMessage().contains("2 of 2 tasks")
                && e.getMessage().contains("task 44f52bb0-0: its self-edit prompt is ")
                && e.getMessage().contains("task 44f52bb0-1: its self-edit prompt is "), e.getMessage());
        try (ExperimentLog log = ExperimentLog.open(ws)) {
            assertEquals(0, log.arcRuns().size(), "nothing sampled or trained");
            JobRecord job = log.jobs().get(0);
            assertEquals(ArcRlRequest.KIND, job.kind());
            assertEquals(Jobs.REFUSED, job.status(), "not failed: the same request is refused again");
            assertEquals(e.getMessage(), job.message());
        }
    }

    /**
     * A refused round is not offered for resume (History &gt; Jobs, `seal resume` and the RL round window share
     * RlService.resumableIds), and resuming it by its id says it was refused. A row an older build wrote "failed" for
     * the same refusal is still offered; resumed once, it is refused again and ends "refused", so it is offered no more.
     */
    @Test
    void aRefusedRoundIsNotOfferedForResumeAndAnOlderFailedRefusalBecomesRefusedWhenResumed() {
        TestEngine.setUp();
        Path ws = tmp.resolve("ws");
        ArcRlJob.PromptsTooLong e = assertThrows(ArcRlJob.PromptsTooLong.class, () -> Jobs.run(request(ws,
                Path.of("assets/models/seal-tiny"), TRAINING, 1, 2, 0), (d, t, m) -> { }, new CancelToken()));
        assertTrue(e.summary().startsWith("1 of 1 tasks' self-edit prompts leave no room in seal-tiny's 512-token context "
                + "(longest ") && e.summary().endsWith("; a self-edit needs 16 more)."), e.summary());
        long id;
        try (ExperimentLog log = ExperimentLog.open(ws)) {
            id = log.jobs().get(0).id();
            assertEquals(java.util.Set.of(), org.sealworkbench.jobs.rl.RlService.resumableIds(ws, log.jobs()));
        }
        assertEquals(List.of(), org.sealworkbench.jobs.rl.RlService.stoppedArcRounds(ws), "the RL round window's Resume");
        IllegalArgumentException again = assertThrows(IllegalArgumentException.class,
                () -> Jobs.resume(ws, id, (d, t, m) -> { }, new CancelToken()));
        assertTrue(again.getMessage().contains("job " + id + " was refused") && again.getMessage().contains("512 tokens"),
                again.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ArcRlJob.resume(ws, id, (d, t, m) -> { }, new CancelToken(), null),
                "the window's resume too");

        // as an older build left it: the same refusal, "failed"
        try (ExperimentLog log = ExperimentLog.open(ws)) {
            log.updateJob(id, "failed", 0, e.getMessage());
            assertEquals(java.util.Set.of(id), org.sealworkbench.jobs.rl.RlService.resumableIds(ws, log.jobs()));
        }
        assertThrows(ArcRlJob.PromptsTooLong.class, () -> Jobs.resume(ws, id, (d, t, m) -> { }, new CancelToken()));
        try (ExperimentLog log = ExperimentLog.open(ws)) {
            assertEquals(Jobs.REFUSED, log.job(id).orElseThrow().status());
            assertEquals(1, log.jobs().size(), "resumed in its own row");
            assertEquals(java.util.Set.of(), org.sealworkbench.jobs.rl.RlService.resumableIds(ws, log.jobs()));
        }
    }

    @Test
    void tasksWithoutASolutionAreRefusedNamed() throws Exception {
        Path dir = tmp.resolve("t");
        Files.createDirectories(dir);
        Path file = dir.resolve("only_challenges.json");
        Files.writeString(file, "{\"x1\": {\"train\": [{\"input\": [[1]], \"output\": [[2]]}], \"test\": [{\"input\": [[3]]}]}}");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Jobs.run(request(tmp.resolve("ws"),
                Path.of("assets/models/seal-tiny"), file, 0, 1, 0), (d, t, m) -> { }, new CancelToken()));
        assertTrue(e.getMessage().startsWith(file.toString()) && e.getMessage().contains("(x1)")
                && e.getMessage().contains("--solutions"), e.getMessage());
    }

    @Test
    void aRoundWithoutARewardSaysSoSavesNoModelAndIsReadBackOnARerun() throws Exception {
        TestEngine.setUp();
        Path model = ArcRlFixtures.longContextTiny(tmp.resolve("m"));
        Path tasks = ArcRlFixtures.constantTasks(tmp.resolve("t"), new LinkedHashMap<>(Map.of("aa", 1)));
        Path ws = tmp.resolve("ws");
        // seal-tiny as it is writes no config within 16 tokens: every draw is refused, nothing to reward
        ArcRlJob.Report first = Jobs.run(request(ws, model, tasks, 0, 1, 16), (d, t, m) -> { }, new CancelToken());
        assertEquals(0, first.pairs().size());
        assertEquals(1, first.sampling().size());
        assertEquals(20, first.sampling().get(0).draws(), "1 wanted x SEAL's 20 tries");
        assertNull(first.modelOutId());
        assertNull(first.modelDir());
        assertEquals(false, first.stored());
        try (ExperimentLog log = ExperimentLog.open(ws)) {
            assertEquals(1, log.models().size(), "only the input model: no round model row");
            assertTrue(Files.notExists(ws.resolve(RestEm.MODELS_DIR)), "no model folder");
            assertEquals(1, ArcRlJob.rounds(log).size(), "the round is recorded");
            assertEquals(0, ArcRlJob.rounds(log).get(0).getValue().getAsJsonArray("pairs").size());
            assertTrue(!ArcRlJob.rounds(log).get(0).getValue().has("model_dir"), "no model, so no folder name claimed");
            assertEquals("done", log.jobs().get(0).status());
            assertTrue(log.jobs().get(0).message().contains("no model saved"), log.jobs().get(0).message());
        }
        // again: read back, nothing sampled
        ArcRlJob.Report again = Jobs.run(request(ws, model, tasks, 0, 1, 16), (d, t, m) -> { }, new CancelToken());
        assertTrue(again.stored());
        assertEquals(20, first.sampling().get(0).problems().size(), "why each of the 20 draws was not a config");
        assertEquals(first.sampling(), again.sampling(), "nothing sampled again: the sampling read back as the record keeps it");
        assertEquals(first.digest(), again.digest());
        assertEquals(first.experimentId(), again.experimentId());
        try (ExperimentLog log = ExperimentLog.open(ws)) {
            assertEquals(1, ArcRlJob.rounds(log).size(), "no second record");
        }
        // other settings are another round
        ArcRlJob.Report other = Jobs.run(request(ws, model, tasks, 0, 2, 16), (d, t, m) -> { }, new CancelToken());
        assertEquals(false, other.stored());
        assertTrue(!other.digest().equals(first.digest()));
    }

    /** A round's SFT losses are kept in its experiment record (no schema change) and read back as they were. */
    @Test
    void theSftLossIsKeptInTheRoundsRecordAndReadBack() {
        Path ws = tmp.resolve("ws");
        try (org.sealworkbench.store.ExperimentLog log = org.sealworkbench.store.ExperimentLog.open(ws)) {
            long id = log.addExperiment("arc-rest-em round 1", "{\"kind\":\"arc-rest-em-round\",\"round\":1}");
            ArcRlJob.keepSftLoss(log, id, List.of(new org.sealworkbench.jobs.charts.ChartsData.LossPoint(1, 0.9),
                    new org.sealworkbench.jobs.charts.ChartsData.LossPoint(2, 0.5)));
            com.google.gson.JsonObject d = com.google.gson.JsonParser.parseString(log.experiments().stream()
                    .filter(e -> e.id() == id).findFirst().orElseThrow().description()).getAsJsonObject();
            assertEquals(1, d.get("round").getAsInt(), "the record's other fields kept");
            assertEquals(List.of(new org.sealworkbench.jobs.charts.ChartsData.LossPoint(1, 0.9),
                    new org.sealworkbench.jobs.charts.ChartsData.LossPoint(2, 0.5)), ArcRlJob.sftLossOf(d));
        }
        assertEquals(List.of(), ArcRlJob.sftLossOf(new com.google.gson.JsonObject()), "a round stored before: none");
    }
}
