package org.sealworkbench.store;

import static org.junit.jupiter.api.Assertions.*;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sealworkbench.data.Passage;
import org.sealworkbench.data.Question;

/** Issue 20, bug 4: "running" rows mean running. A killed process's rows become interrupted, a resume supersedes them. */
class JobHonestyTest {
    @TempDir
    Path tmp;

    @Test
    void killedChildsRowsBecomeInterruptedAndTheResumedRunLeavesNoRunningRow() throws Exception {
        Path ws = tmp.resolve("ws");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), JobWriter.class.getName(),
                ws.toString()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        long jobId;
        long runId;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line = out.readLine();
            assertNotNull(line, "child died before starting its job");
            String[] parts = line.split(" ");
            assertEquals("ready", parts[0]);
            jobId = Long.parseLong(parts[1]);
            runId = Long.parseLong(parts[2]);
            // While it is alive, another opener must leave its rows alone.
            try (ExperimentLog log = ExperimentLog.open(ws)) {
                assertEquals("running", log.job(jobId).orElseThrow().status());
                assertEquals("running", log.run(runId).orElseThrow().status());
            }
        } finally {
            child.destroyForcibly(); // SIGKILL: no shutdown hooks, nothing closed
            assertTrue(child.waitFor(30, TimeUnit.SECONDS), "child did not die");
        }

        try (ExperimentLog log = ExperimentLog.open(ws)) {
            assertEquals("ok", log.integrityCheck());
            JobRecord job = log.job(jobId).orElseThrow();
            assertEquals("interrupted", job.status());
            assertTrue(job.message().startsWith("interrupted: its process ended"), job.message());
            RunRecord stale = log.run(runId).orElseThrow();
            assertEquals("interrupted", stale.status());
            assertNotNull(stale.finished());
            assertFalse(log.statusCounts("runs").containsKey("running"), log.statusCounts("runs").toString());
            assertFalse(log.statusCounts("jobs").containsKey("running"), log.statusCounts("jobs").toString());

            // The resumed unit of work (same experiment, model, passage, self-edit, condition and seed).
            long resumed = log.startRun(null, stale.modelId(), stale.passageId(), null, "passage only", "{}", 7);
            log.finishRun(resumed, "done");
            assertEquals("superseded", log.run(runId).orElseThrow().status());
            assertEquals(resumed, log.supersededBy(runId).orElseThrow());
            Map<String, Long> runs = log.statusCounts("runs");
            assertEquals(Map.of("done", 1L, "superseded", 1L), runs);
        }
    }

    @Test
    void anotherUnitOfWorkDoesNotSupersedeAndLiveRowsStay() {
        Path ws = tmp.resolve("ws2");
        try (ExperimentLog a = ExperimentLog.open(ws)) {
            long p = a.addPassage(new Passage("t", "c", List.of(new Question("q", "a"))), "test");
            long m = a.findOrAddModel("m", null, "m");
            long live = a.startRun(null, m, p, null, "passage only", "{}", 1);
            long job = a.addJob("inner loops", "{}");
            try (ExperimentLog b = ExperimentLog.open(ws)) {
                assertEquals(0, b.markInterrupted());
                assertEquals("running", b.run(live).orElseThrow().status());
                assertEquals("running", b.job(job).orElseThrow().status());
                long other = b.startRun(null, m, p, null, "passage only", "{}", 2); // another seed: another unit
                assertEquals("running", b.run(live).orElseThrow().status());
                assertTrue(b.supersededBy(live).isEmpty());
                b.finishRun(other, "done");
            }
            a.finishRun(live, "done");
            a.updateJob(job, "done", 1.0, "ok");
        }
    }

    @Test
    void aProcessThatIsGoneIsToldFromALiveOneByPidAndStartTime() throws Exception {
        // A real process that has ended: its pid is free (or reused by a process started later).
        Process gone = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-version")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String started = gone.info().startInstant().map(Object::toString).orElse(null);
        assertTrue(gone.waitFor(60, TimeUnit.SECONDS));
        ProcessIdentity dead = new ProcessIdentity(gone.pid(), started, ProcessIdentity.current().host());
        assertFalse(dead.isAliveSeenFrom(ProcessIdentity.current()));
        assertTrue(ProcessIdentity.current().isAliveSeenFrom(ProcessIdentity.current()));
        // Another host's process cannot be checked: it is left alone.
        ProcessIdentity remote = new ProcessIdentity(gone.pid(), started, "elsewhere-" + ProcessIdentity.current().host());
        assertTrue(remote.isAliveSeenFrom(ProcessIdentity.current()));
    }
}
