package org.sealworkbench.jobs.history;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sealworkbench.jobs.RequestJson;
import org.sealworkbench.jobs.RlRequest;
import org.sealworkbench.seal.PassageSplit;
import org.sealworkbench.seal.Presets;
import org.sealworkbench.seal.SealSettings;
import org.sealworkbench.seal.SettingsOverrides;
import org.sealworkbench.store.ExperimentLog;

/**
 * History's Jobs list marks a stopped RL job resumable as the ReST-EM window offers it: not an older failed job whose
 * settings a later job finished. Jobs of other kinds are resumable whenever they stopped with their request.
 */
class HistoryServiceJobsTest {
    @TempDir Path tmp;

    @Test
    void anRlJobALaterRunOfItsSettingsFinishedIsNotResumable() {
        Path ws = tmp.resolve("ws");
        SealSettings s = new SettingsOverrides().grader("contains").rounds(1).apply(Presets.sealTinyCpu());
        RlRequest r = new RlRequest(ws, tmp.resolve("model"), s, new PassageSplit(1), null, 1);
        long failedRl, doneRl, failedEval, cancelledRl;
        try (ExperimentLog log = ExperimentLog.open(ws)) {
            failedRl = log.addJob(RlRequest.KIND, "{}", RequestJson.write(r));
            log.updateJob(failedRl, "failed", 0.4, "out of memory");
            doneRl = log.addJob(RlRequest.KIND, "{}", RequestJson.write(r));
            log.updateJob(doneRl, "done", 1, "1 round");
            failedEval = log.addJob("evaluation", "{}", "{}");
            log.updateJob(failedEval, "failed", 0.5, "2 of 4 runs");
        }
        Map<Long, Boolean> resumable = resumable(ws);
        assertEquals(Map.of(failedRl, false, doneRl, false, failedEval, true), resumable,
                "the failed RL job's settings ran to the end since; the failed evaluation is still to finish");

        try (ExperimentLog log = ExperimentLog.open(ws)) {
            SealSettings two = new SettingsOverrides().grader("contains").rounds(2).apply(Presets.sealTinyCpu());
            cancelledRl = log.addJob(RlRequest.KIND, "{}",
                    RequestJson.write(new RlRequest(ws, tmp.resolve("model"), two, new PassageSplit(1), null, 1)));
            log.updateJob(cancelledRl, "cancelled", 0.5, "paused");
        }
        assertTrue(resumable(ws).get(cancelledRl), "the latest job of other settings, paused");
        assertFalse(resumable(ws).get(failedRl));
    }

    /** A refused job is listed with its status and message (why), and not resumable: it would be refused again. */
    @Test
    void aRefusedJobIsListedAsRefusedWithItsMessageAndIsNotResumable() {
        Path ws = tmp.resolve("ws");
        long refused, failed;
        try (ExperimentLog log = ExperimentLog.open(ws)) {
            refused = log.addJob("arc-rl", "{\"round_digest\":\"aaa\"}", "{}");
            log.updateJob(refused, org.sealworkbench.jobs.Jobs.REFUSED, 0, "seal-tiny has a context of 512 tokens, which "
                    + "leaves no room");
            failed = log.addJob("evaluation", "{}", "{}");
            log.updateJob(failed, "failed", 0.5, "2 of 4 runs");
        }
        JobItem item = new HistoryService(ws).jobs().stream().filter(j -> j.id() == refused).findFirst().orElseThrow();
        assertEquals("refused", item.status());
        assertEquals("0 % · seal-tiny has a context of 512 tokens, which leaves no room", item.progressText());
        assertFalse(item.resumable());
        assertEquals(Map.of(refused, false, failed, true), resumable(ws));
    }

    private static Map<Long, Boolean> resumable(Path ws) {
        List<JobItem> jobs = new HistoryService(ws).jobs();
        return jobs.stream().collect(Collectors.toMap(JobItem::id, JobItem::resumable));
    }
}
