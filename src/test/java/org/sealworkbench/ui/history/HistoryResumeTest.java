package org.sealworkbench.ui.history;

import static org.junit.jupiter.api.Assertions.*;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javafx.concurrent.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sealworkbench.data.Passage;
import org.sealworkbench.data.Question;
import org.sealworkbench.jobs.EvaluationRequest;
import org.sealworkbench.jobs.JobCancelledException;
import org.sealworkbench.jobs.Jobs;
import org.sealworkbench.jobs.history.HistoryService;
import org.sealworkbench.jobs.history.JobItem;
import org.sealworkbench.llm.TestEngine;
import org.sealworkbench.llm.io.RandomCheckpoint;
import org.sealworkbench.seal.PassageSplit;
import org.sealworkbench.seal.Presets;
import org.sealworkbench.seal.SealSettings;
import org.sealworkbench.seal.SettingsOverrides;
import org.sealworkbench.store.ExperimentLog;
import org.sealworkbench.store.RunRecord;
import org.sealworkbench.ui.FxThread;
import org.sealworkbench.util.CancelToken;

/**
 * Re-attach (issue 15 part 3) through the History view model on a real workspace: a job of another live process is shown
 * with the progress its row says and followed by the poll; a job whose process died shows as interrupted and is resumed
 * from its stored request without redoing what it finished, leaving no "running" row.
 */
class HistoryResumeTest {
    @TempDir
    Path tmp;

    @Test
    void aDeadProcesssJobIsInterruptedAndResumesFromTheViewModel() throws Exception {
        TestEngine.setUp();
        FxThread.start();
        Path ckpt = tmp.resolve("m");
        try (NDManager nd = NDManager.newBaseManager()) {
            RandomCheckpoint.write(ckpt, "llama", "tiny", 5, "F32", nd);
        }
        Path ws = tmp.resolve("ws");
        try (ExperimentLog log = ExperimentLog.open(ws)) {
            log.addPassage(new Passage("Owls", "Owls hunt at night.", List.of(new Question("When do owls hunt?", "night"))), "t");
            log.addPassage(new Passage("Bees", "Bees make honey.", List.of(new Question("What do bees make?", "honey"))), "t");
        }
        SealSettings tiny = new SettingsOverrides().grader("contains").innerRepeats(1).apply(Presets.sealTinyCpu());
        EvaluationRequest request = new EvaluationRequest(ws, ckpt, tiny, new PassageSplit(2),
                List.of("no-adaptation", "passage-only"), 2, null);
        // Stop it once the first condition (no adaptation, both passages) is done. Each report is held 120 ms so that
        // the next one passes ProgressMeter's 100 ms throttle: on a fast run the report after the first condition was
        // otherwise dropped and the job finished before anything cancelled it.
        CancelToken token = new CancelToken();
        assertThrows(JobCancelledException.class, () -> Jobs.run(request, (d, t, m) -> {
            if (t > 0 && d >= 1000) token.cancel();
            try {
                Thread.sleep(120);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, token));
        Set<Long> doneBefore;
        try (ExperimentLog log = ExperimentLog.open(ws)) {
            doneBefore = log.runs().stream().filter(r -> r.status().equals("done")).map(RunRecord::id).collect(Collectors.toSet());
            assertTrue(doneBefore.size() >= 2 && doneBefore.size() < 4, "some, not all, runs finished: " + doneBefore);
        }
        long jobId = 1;
        // As a killed process leaves it: the row still "running", its process gone.
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + ws.resolve(ExperimentLog.DB_FILE));
             Statement s = c.createStatement()) {
            String host;
            try (ResultSet rs = s.executeQuery("SELECT host FROM processes LIMIT 1")) {
                rs.next();
                host = rs.getString(1);
            }
            long dead = insertProcess(c, 999_999_999L, "2020-01-01T00:00:00Z", host);
            s.executeUpdate("UPDATE jobs SET status = 'running', message = '2 of 4 runs', process_id = " + dead + " WHERE id = " + jobId);
        }

        // A job of another live process (a `sleep` standing in for the command line), at 40 %.
        Process other = new ProcessBuilder("sleep", "120").start();
        try {
            long otherJob;
            try (ExperimentLog log = ExperimentLog.open(ws)) {
                otherJob = log.addJob("evaluation", "{}", null);
            }
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + ws.resolve(ExperimentLog.DB_FILE));
                 Statement s = c.createStatement()) {
                String host;
                try (ResultSet rs = s.executeQuery("SELECT host FROM processes LIMIT 1")) {
                    rs.next();
                    host = rs.getString(1);
                }
                long p = insertProcess(c, other.pid(), other.info().startInstant().orElseThrow().toString(), host);
                s.executeUpdate("UPDATE jobs SET progress = 0.4, message = 'inner loop 3 of 8', process_id = " + p
                        + " WHERE id = " + otherJob);
            }

            Runnable[] submitted = {null};
            HistoryViewModel vm = new HistoryViewModel(new HistoryService(ws), Runnable::run, Runnable::run,
                    t -> submitted[0] = t);
            vm.refresh();
            JobItem stopped = vm.jobs().stream().filter(j -> j.id() == jobId).findFirst().orElseThrow();
            assertEquals("interrupted", stopped.status());
            assertTrue(stopped.resumable());
            assertTrue(stopped.message().contains("2 of 4 runs"), "what it had finished: " + stopped.message());
            JobItem elsewhere = vm.jobs().stream().filter(j -> j.id() == otherJob).findFirst().orElseThrow();
            assertEquals("running", elsewhere.status());
            assertTrue(elsewhere.elsewhere());
            assertEquals("another process", elsewhere.where());
            assertFalse(elsewhere.resumable());
            assertEquals(0.4, elsewhere.progress(), 1e-9);
            assertEquals(1, vm.attachedProperty().get());

            // The other process writes progress; the poll reads it.
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + ws.resolve(ExperimentLog.DB_FILE));
                 Statement s = c.createStatement()) {
                s.executeUpdate("UPDATE jobs SET progress = 0.75, message = 'inner loop 6 of 8' WHERE id = " + otherJob);
            }
            assertTrue(vm.poll());
            JobItem later = vm.jobs().stream().filter(j -> j.id() == otherJob).findFirst().orElseThrow();
            assertEquals(0.75, later.progress(), 1e-9);
            assertEquals("inner loop 6 of 8", later.message());

            // The other process dies: the next poll finds its row interrupted and stops polling.
            other.destroyForcibly();
            assertTrue(other.waitFor(30, TimeUnit.SECONDS));
            assertTrue(vm.poll());
            assertEquals("interrupted", vm.jobs().stream().filter(j -> j.id() == otherJob).findFirst().orElseThrow().status());
            assertEquals(0, vm.attachedProperty().get());
            assertFalse(vm.poll(), "no job of another process left: the next poll reads nothing");

            // Resume the interrupted evaluation from the view model, as the Resume button does.
            Task<Object> task = vm.resume(stopped);
            assertNotNull(task);
            assertSame(task, submitted[0]);
            task.run();   // the job runner's thread, here the test's
            FxThread.run(() -> {});   // let the FX thread deliver the task's state
            Throwable failure = FxThread.call(task::getException);
            assertNull(failure, () -> String.valueOf(failure));
            assertEquals(javafx.concurrent.Worker.State.SUCCEEDED, FxThread.call(task::getState));
            assertTrue(FxThread.call(() -> vm.statusProperty().get()).contains("resumed and finished"));
        } finally {
            other.destroyForcibly();
        }

        try (ExperimentLog log = ExperimentLog.open(ws)) {
            assertEquals("done", log.job(jobId).orElseThrow().status());
            List<RunRecord> runs = log.runs();
            assertTrue(runs.stream().noneMatch(r -> r.status().equals("running")), "no running row left");
            List<RunRecord> done = runs.stream().filter(r -> r.status().equals("done")).toList();
            assertEquals(4, done.size(), "2 passages x 2 conditions, each once: " + runs);
            assertTrue(done.stream().map(RunRecord::id).collect(Collectors.toSet()).containsAll(doneBefore),
                    "the runs finished before the kill are reused, not redone");
            assertFalse(log.statusCounts("jobs").containsKey("running"), log.statusCounts("jobs").toString());
        }
        // The rows the table shows after the resume: every run, one per run and grader.
        HistoryViewModel after = new HistoryViewModel(new HistoryService(ws), Runnable::run, Runnable::run, t -> {});
        after.refresh();
        assertTrue(after.jobs().stream().noneMatch(j -> j.id() == jobId && j.resumable()));
        assertTrue(after.allRuns().stream().filter(r -> r.status().equals("done")).count() >= 4);
    }

    private static long insertProcess(Connection c, long pid, String started, String host) throws Exception {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO processes(pid, started, host, created) VALUES (?, ?, ?, ?)",
                Statement.RETURN_GENERATED_KEYS)) {
            ps.setLong(1, pid);
            ps.setString(2, started);
            ps.setString(3, host);
            ps.setString(4, "2020-01-01T00:00:00Z");
            ps.executeUpdate();
            try (ResultSet k = ps.getGeneratedKeys()) {
                k.next();
                return k.getLong(1);
            }
        }
    }
}
