package org.sealworkbench.jobs.rl;

import static org.junit.jupiter.api.Assertions.*;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sealworkbench.data.Passage;
import org.sealworkbench.data.Question;
import org.sealworkbench.jobs.JobCancelledException;
import org.sealworkbench.jobs.RlJob;
import org.sealworkbench.jobs.RlRequest;
import org.sealworkbench.llm.TestEngine;
import org.sealworkbench.llm.io.RandomCheckpoint;
import org.sealworkbench.seal.PassageSplit;
import org.sealworkbench.seal.Presets;
import org.sealworkbench.seal.SealSettings;
import org.sealworkbench.seal.SettingsOverrides;
import org.sealworkbench.store.ExperimentLog;
import org.sealworkbench.store.JobRecord;
import org.sealworkbench.store.RunRecord;
import org.sealworkbench.util.CancelToken;
import org.sealworkbench.util.Progress;

/**
 * The RL job as the window runs it, on a tiny random model: units reported as they are computed, a pause after the
 * unit in flight that leaves a resumable job, and a resume from the row that recomputes nothing and reports the
 * stored rewards again.
 */
class RlServiceTest {
    @TempDir Path tmp;

    /** Records every event; pauses (asked between units) once the first reward has arrived, when told to. */
    static final class Recorder implements RlJob.Watch {
        final List<String> events = new ArrayList<>();
        boolean pauseAfterFirstReward;
        Long jobId;

        @Override public void jobStarted(long id) { jobId = id; events.add("job " + id); }
        @Override public void selfEdits(int round, long pid, String title, int index, int of, List<Long> ids, List<String> texts) {
            events.add("edits " + pid + " " + title + " " + ids.size() + " " + (index + 1) + "/" + of);
        }
        @Override public void baseline(int round, long pid, double accuracy) { events.add("baseline " + pid); }
        @Override public void reward(int round, long pid, int index, long id, double reward) { events.add("reward " + pid + " " + index + " " + id + " " + reward); }
        @Override public void best(int round, long pid, int index, boolean kept) { events.add("best " + pid + " " + index); }
        @Override public boolean pauseRequested() { return pauseAfterFirstReward && events.stream().anyMatch(e -> e.startsWith("reward")); }

        List<String> rewards() {
            return events.stream().filter(e -> e.startsWith("reward") || e.startsWith("best")).toList();
        }
    }

    @Test
    void pausedAfterTheUnitInFlightThenResumedFromItsRow() throws Exception {
        Path ws = tmp.resolve("ws");
        // one at a time: the unit in flight is one inner loop
        RlRequest request = request(ws, 1);
        RlService service = new RlService();
        assertEquals(List.of("train.json"), service.passageSets(ws));

        Recorder paused = new Recorder();
        paused.pauseAfterFirstReward = true;
        assertThrows(JobCancelledException.class, () -> service.run(request, paused, Progress.none(), new CancelToken()));
        assertEquals(List.of("reward 2 0"), paused.rewards().stream().map(s -> s.substring(0, 10)).toList(),
                "the inner loop in flight finished and gave its reward; the next one never started");
        List<RlBackend.StoppedRl> stopped = service.stopped(ws);
        assertEquals(1, stopped.size());
        assertEquals(paused.jobId, stopped.get(0).jobId());
        assertEquals("cancelled", stopped.get(0).status(), "a resumable status");
        assertTrue(stopped.get(0).message().startsWith("paused after the unit in flight"), stopped.get(0).message());
        int doneBefore;
        try (ExperimentLog log = ExperimentLog.open(ws)) {
            doneBefore = done(log).size();
            assertEquals(3, doneBefore, "both passages' baselines (taken before any inner loop) and passage 2's first self-edit's inner loop");
        }

        Recorder resumed = new Recorder();
        RlJob.Report report = service.resume(ws, paused.jobId, resumed, Progress.none(), new CancelToken());
        assertEquals(paused.jobId, resumed.jobId, "the same row");
        assertEquals(1, report.rounds().size());
        assertEquals(paused.rewards().get(0), resumed.rewards().get(0), "the stored reward reported again, the same value");
        assertEquals(6, resumed.rewards().size(), "2 passages x (2 rewards + best)");
        assertTrue(resumed.events.contains("edits 3 Moles 2 2/2"), resumed.events.toString());
        try (ExperimentLog log = ExperimentLog.open(ws)) {
            List<RunRecord> done = done(log);
            assertEquals(2 * (1 + 2), done.size(), "2 passages x (baseline + 2 inner loops), none twice");
            JobRecord row = log.job(paused.jobId).orElseThrow();
            assertEquals("done", row.status());
        }
        assertEquals(List.of(), service.stopped(ws));
        assertThrows(IllegalArgumentException.class, () -> service.resume(ws, 999, resumed, Progress.none(), new CancelToken()));
    }

    /** Three one-question passages (the first for validation), one round of 2 passages, k 2, 1 repeat. */
    private RlRequest request(Path ws, int adapterBatch) throws Exception {
        TestEngine.setUp();
        Path ckpt = tmp.resolve("m");
        try (NDManager nd = NDManager.newBaseManager()) {
            RandomCheckpoint.write(ckpt, "llama", "tiny", 5, "F32", nd);
        }
        try (ExperimentLog log = ExperimentLog.open(ws)) {
            for (String[] p : new String[][] {{"Owls", "Owls hunt at night.", "When do owls hunt?", "night"},
                    {"Bees", "Bees make honey.", "What do bees make?", "honey"},
                    {"Moles", "Moles dig tunnels.", "What do moles dig?", "tunnels"}}) {
                log.addPassage(new Passage(p[0], p[1], List.of(new Question(p[2], p[3]))), "train.json");
            }
        }
        SealSettings tiny = new SettingsOverrides().grader("contains").rounds(1).passagesPerRound(2).rlK(2).rlRepeats(1)
                .maxTokens(8).apply(Presets.sealTinyCpu());
        return new RlRequest(ws, ckpt, tiny, new PassageSplit(1), null, adapterBatch);
    }

    /**
     * The default adapter batch: the round's 4 inner loops (2 passages x k 2) are 2 batches of 2 computing side by side on
     * the workers (or one batch of 4 on one core). A pause asked once the first reward is in lets the batches in flight
     * finish and be stored, so every reward and both passages' best arrive, and the round stops before its SFT; the resume
     * recomputes nothing, reports the same rewards again and finishes the round.
     */
    @Test
    void pausedAfterTheBatchesInFlightThenResumedWithoutRecomputing() throws Exception {
        Path ws = tmp.resolve("ws");
        RlRequest request = request(ws, 0);
        RlService service = new RlService();
        Recorder paused = new Recorder();
        paused.pauseAfterFirstReward = true;
        assertThrows(JobCancelledException.class, () -> service.run(request, paused, Progress.none(), new CancelToken()));
        List<String> got = paused.rewards();
        assertEquals(6, got.size(), "the batches in flight finished: 2 passages x (2 rewards + best): " + got);
        assertEquals(List.of("best 2", "best 3"), got.stream().filter(e -> e.startsWith("best")).map(s -> s.substring(0, 6)).sorted().toList());
        try (ExperimentLog log = ExperimentLog.open(ws)) {
            assertEquals(2 * (1 + 2), done(log).size(), "both baselines and all 4 inner loops");
            assertTrue(log.rlRounds().stream().noneMatch(r -> "done".equals(r.status())), "the round stopped before its SFT");
        }
        Recorder resumed = new Recorder();
        service.resume(ws, paused.jobId, resumed, Progress.none(), new CancelToken());
        assertEquals(got.stream().sorted().toList(), resumed.rewards().stream().sorted().toList(), "the stored rewards, the same values");
        try (ExperimentLog log = ExperimentLog.open(ws)) {
            assertEquals(2 * (1 + 2), done(log).size(), "2 passages x (baseline + 2 inner loops), none twice");
            assertTrue(log.rlRounds().stream().anyMatch(r -> "done".equals(r.status())), "the round finished");
        }
        // The same run again: the round is done, nothing is computed, and the watcher is told its stored rows (self-edits,
        // baselines, rewards, bests), as the window shows them.
        Recorder again = new Recorder();
        service.run(request, again, Progress.none(), new CancelToken());
        assertEquals(got.stream().sorted().toList(), again.rewards().stream().sorted().toList(), "the stored rewards and bests: " + again.events);
        assertEquals(2, again.events.stream().filter(e -> e.startsWith("edits ")).count(), again.events.toString());
        assertEquals(2, again.events.stream().filter(e -> e.startsWith("baseline ")).count(), again.events.toString());
        try (ExperimentLog log = ExperimentLog.open(ws)) {
            assertEquals(2 * (1 + 2), done(log).size(), "nothing computed again");
        }
    }

    /**
     * Resume is offered for the latest job of a run's settings only, when it stopped: an older failed job is not offered
     * once a later job of the same settings finished (the window offered it, and its Resume redid nothing but a finished
     * run), nor while a later one runs; the adapter batch and workers do not make other settings, the rounds do.
     */
    @Test
    void onlyTheLatestJobOfARunsSettingsIsOfferedAndOnlyWhenItStopped() {
        Path ws = tmp.resolve("ws");
        SealSettings one = new SettingsOverrides().grader("contains").rounds(1).apply(Presets.sealTinyCpu());
        SealSettings two = new SettingsOverrides().grader("contains").rounds(2).apply(Presets.sealTinyCpu());
        Path model = tmp.resolve("m");
        RlService service = new RlService();
        long failed;
        try (ExperimentLog log = ExperimentLog.open(ws)) {
            failed = job(log, new RlRequest(ws, model, one, new PassageSplit(1), null, 1), "failed", "out of memory");
        }
        assertEquals(List.of(failed), ids(service.stopped(ws)), "a failed job alone is offered");

        long finished;
        try (ExperimentLog log = ExperimentLog.open(ws)) {
            // the same settings run again (another adapter batch and workers: how, not what) and finished
            finished = job(log, new RlRequest(ws, model, one, new PassageSplit(1), null, 4, 2), "done", "1 round");
        }
        assertEquals(List.of(), ids(service.stopped(ws)), "a later run of the same settings finished: nothing to resume");

        long otherFailed, otherCancelled;
        try (ExperimentLog log = ExperimentLog.open(ws)) {
            otherFailed = job(log, new RlRequest(ws, model, two, new PassageSplit(1), null, 1), "failed", "disk full");
            otherCancelled = job(log, new RlRequest(ws, model, two, new PassageSplit(1), null, 1), "cancelled", "paused");
        }
        List<RlBackend.StoppedRl> offered = service.stopped(ws);
        assertEquals(List.of(otherCancelled), ids(offered), "of two stopped jobs of other settings (2 rounds), the later one");
        assertEquals(2, offered.get(0).rounds());
        assertEquals("cancelled", offered.get(0).status());

        long interrupted, running;
        try (ExperimentLog log = ExperimentLog.open(ws)) {
            interrupted = job(log, new RlRequest(ws, model, one, new PassageSplit(1), null, 1), "interrupted", "killed");
            // still running in a live process (this one): the 2-round settings' work goes on there
            running = job(log, new RlRequest(ws, model, two, new PassageSplit(1), null, 1), "running", "round 1");
        }
        assertEquals(List.of(interrupted), ids(service.stopped(ws)),
                "the 1-round settings' latest job stopped again; the 2-round settings' latest job runs");
        assertTrue(failed < finished && finished < otherFailed && otherFailed < otherCancelled && otherCancelled < interrupted
                && interrupted < running, "rows in the order written");
    }

    private static long job(ExperimentLog log, RlRequest r, String status, String message) {
        long id = log.addJob(RlRequest.KIND, "{}", org.sealworkbench.jobs.RequestJson.write(r));
        log.updateJob(id, status, status.equals("done") ? 1 : 0.5, message);
        return id;
    }

    private static List<Long> ids(List<RlBackend.StoppedRl> stopped) {
        return stopped.stream().map(RlBackend.StoppedRl::jobId).toList();
    }

    /**
     * A few-shot round (arc-rl) is offered for resuming only as the latest job of its round (its "round_digest"): one
     * stopped and then run again to the end is not offered; another round, stopped, is.
     */
    @Test
    void anArcRoundIsOfferedOnlyAsTheLatestJobOfItsRound() {
        java.time.Instant t = java.time.Instant.parse("2026-01-01T00:00:00Z");
        String req = "{}";
        List<JobRecord> jobs = List.of(
                new JobRecord(1, "arc-rl", "{\"round_digest\":\"aaa\"}", "cancelled", 0, "cancelled", t, t, req),
                new JobRecord(2, "arc-rl", "{\"round_digest\":\"bbb\"}", "cancelled", 0, "cancelled", t, t, req),
                new JobRecord(3, "arc-rl", "{\"round_digest\":\"aaa\"}", "done", 1, "round 1: …", t, t, req),
                new JobRecord(4, "arc", "{}", "cancelled", 0, "cancelled", t, t, req));
        assertEquals(java.util.Set.of(2L, 4L), RlService.resumableIds(tmp, jobs));
    }

    /**
     * A refused round (its prompts do not fit the generator's context) is not offered: the same request is refused again.
     * Nor is an older stopped job of that round; another job refused is not offered either, whatever its kind.
     */
    @Test
    void aRefusedJobIsNotOfferedNorAnOlderJobOfItsRound() {
        java.time.Instant t = java.time.Instant.parse("2026-01-01T00:00:00Z");
        String req = "{}";
        List<JobRecord> jobs = List.of(
                new JobRecord(1, "arc-rl", "{\"round_digest\":\"aaa\"}", "failed", 0, "out of memory", t, t, req),
                new JobRecord(2, "arc-rl", "{\"round_digest\":\"aaa\"}", org.sealworkbench.jobs.Jobs.REFUSED, 0,
                        "seal-tiny has a context of 512 tokens, …", t, t, req),
                new JobRecord(3, "arc-rl", "{\"round_digest\":\"bbb\"}", org.sealworkbench.jobs.Jobs.REFUSED, 0, "…", t, t, req),
                new JobRecord(4, "arc", "{}", org.sealworkbench.jobs.Jobs.REFUSED, 0, "…", t, t, req),
                new JobRecord(5, "arc-rl", "{\"round_digest\":\"ccc\"}", "failed", 0, "disk full", t, t, req));
        assertEquals(java.util.Set.of(5L), RlService.resumableIds(tmp, jobs));
    }

    private static List<RunRecord> done(ExperimentLog log) {
        return log.runs().stream().filter(r -> r.status().equals("done")).toList();
    }
}
