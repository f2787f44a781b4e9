package org.sealworkbench.jobs;

import static org.junit.jupiter.api.Assertions.*;

import com.google.gson.JsonObject;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sealworkbench.data.Passage;
import org.sealworkbench.data.Question;
import org.sealworkbench.store.ExperimentLog;
import org.sealworkbench.store.JobRecord;
import org.sealworkbench.store.StoreException;
import org.sealworkbench.util.CancelToken;
import org.sealworkbench.util.Progress;

/**
 * A job that fails because the workspace cannot be written (a full disk: seen with a workspace on a 2 MB tmpfs) may be
 * unable to write its own ending too: an import could not delete the rows it had staged, an evaluation could not mark
 * its row failed. That second failure used to be thrown over the first: `seal import` said only "workspace.db:
 * [SQLITE_FULL] ..." without the file or "nothing imported", `seal eval` lost "(what was finished is stored)", and the
 * job's row stayed "running" with the import's rows hidden in the workspace while the window lived. Here SQLite
 * triggers play the full disk (they refuse the same writes, by SQLite's constraint code instead of SQLITE_FULL).
 */
class UnwritableEndTest {
    @TempDir
    Path tmp;

    private static void sql(Path ws, String... statements) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + ws.resolve(ExperimentLog.DB_FILE));
             Statement st = c.createStatement()) {
            st.execute("PRAGMA busy_timeout = 10000");
            for (String s : statements) st.execute(s);
        }
    }

    private static long rawCount(Path ws, String table) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + ws.resolve(ExperimentLog.DB_FILE));
             Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void anImportWhoseRowsCannotBeRemovedSaysNothingWasImportedAndTheRowsGoAtTheNextOpen() throws Exception {
        Path ws = tmp.resolve("ws");
        Path file = tmp.resolve("many.jsonl");
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int i = 0; i < 500; i++) {
                w.write("{\"title\":\"t" + i + "\",\"context\":\"passage " + i + ".\",\"questions\":[{\"question\":\"q?\",\"answer\":\"a\"}]}\n");
            }
        }
        long before;
        long staged;
        try (ExperimentLog log = ExperimentLog.open(ws)) {
            before = log.addPassage(new Passage("kept", "stored before the import.", List.of(new Question("q?", "a"))), "earlier");
        }
        // The disk "fills" after 200 passages, and then nothing can be deleted either.
        sql(ws, "CREATE TRIGGER full_insert BEFORE INSERT ON passages WHEN (SELECT COUNT(*) FROM passages) >= 200 "
                        + "BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END",
                "CREATE TRIGGER full_delete BEFORE DELETE ON passages BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END");
        try (ExperimentLog log = ExperimentLog.open(ws)) {
            // A pause at the first records keeps the import's first chunk open past its commit age, so that rows of it are
            // committed (and must be deleted again) before the disk fills.
            boolean[] paused = {false};
            Progress slow = (done, total, message) -> {
                if (!paused[0] && ImportChild.records(message) > 0) {
                    paused[0] = true;
                    try {
                        Thread.sleep(400);
                    } catch (InterruptedException x) {
                        Thread.currentThread().interrupt();
                    }
                }
            };
            JobFailedException e = assertThrows(JobFailedException.class,
                    () -> new ImportJob(file, log).run(slow, new CancelToken()),
                    "the import's own failure is what is thrown, not the failure to remove its rows");
            assertTrue(e.getMessage().startsWith(file + ": "), e.getMessage());
            assertTrue(e.getMessage().contains("database or disk is full"), e.getMessage());
            assertTrue(e.getMessage().contains("(nothing imported; the rows it had written stay hidden and are removed when"
                    + " the workspace is next opened with space to write)"), e.getMessage());
            assertEquals(1, log.counts().passages(), "readers see only what was stored before");
            staged = log.stagedRows();
            assertTrue(staged > 0, "the committed rows could not be removed yet");
            JobRecord job = log.jobs().get(log.jobs().size() - 1);
            assertEquals("failed", job.status());
            assertEquals(e.getMessage(), job.message());
        }
        assertTrue(rawCount(ws, "passages") > 1, "the disk stayed full: the staged passages are still in the file");

        sql(ws, "DROP TRIGGER full_insert", "DROP TRIGGER full_delete"); // space again
        try (ExperimentLog log = ExperimentLog.open(ws)) {
            assertEquals(0, log.stagedRows(), "the next open removed the failed import's rows");
            assertEquals(List.of(before), log.passageIdsWithSource("earlier"));
            assertEquals(1, log.counts().passages());
            JobRecord job = log.jobs().get(log.jobs().size() - 1);
            assertTrue(job.message().endsWith("; its " + staged + " partly written row(s) were removed later"), job.message());
            assertEquals("ok", log.integrityCheck());
        }
        assertEquals(1, rawCount(ws, "passages"));
        assertEquals(1, rawCount(ws, "questions"));
    }

    @Test
    void aFailureWhoseRowCannotBeWrittenIsStillReportedAndTheRowIsClosedLater() throws Exception {
        Path ws = tmp.resolve("ws");
        try (ExperimentLog log = ExperimentLog.open(ws)) {
            SealJobRun run = new SealJobRun(log, "evaluation", new JsonObject(), Progress.none());
            sql(ws, "CREATE TRIGGER full_jobs BEFORE UPDATE OF status ON jobs WHEN NEW.status <> 'running' "
                    + "BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END");
            JobFailedException e = assertThrows(JobFailedException.class, () -> run.run(cancelled -> {
                throw new StoreException(ws.resolve(ExperimentLog.DB_FILE) + ": the disk is full");
            }, new CancelToken(), r -> "done"), "the job's failure, not the failure to record it, reaches the user");
            assertEquals(ws.resolve(ExperimentLog.DB_FILE) + ": the disk is full (what was finished is stored)", e.getMessage());
            assertEquals("running", log.job(run.jobId()).orElseThrow().status(), "its row could not be written yet");

            sql(ws, "DROP TRIGGER full_jobs");
            log.markInterrupted(); // as the next run started in this process does
            JobRecord job = log.job(run.jobId()).orElseThrow();
            assertEquals("failed", job.status(), "the ending is written once the workspace can be written");
            assertEquals(e.getMessage(), job.message());
        }
    }
}
