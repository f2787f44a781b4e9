package org.sealworkbench.store;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sealworkbench.data.Passage;
import org.sealworkbench.data.Question;

/**
 * A workspace this user may not write (a class's shared folder on a read-only mount, another user's folder with mode
 * 555 and files 444) opens read-only: what was written reads back the same, every write is refused with one exception
 * naming the folder, and not a byte or a modification time of the folder's files changes.
 *
 * <p>The tests may run as root, whom permission bits do not stop: most say "not writable" through the store's own test
 * ({@code ExperimentLog.open(dir, writable)}); {@link #aFolderWithMode555AndFiles444OpensReadOnly} makes the folder
 * really read-only, with chmod for another user and with chattr's immutable flag for root (skipped where neither is
 * possible).
 */
class ReadOnlyWorkspaceTest {
    @TempDir
    Path tmp;

    /**
     * What the tests read back: the library, the counts, a passage's self-edits, the jobs, and the graded answers counted by
     * SQLite for the results table (a query with a JSON parameter, which an {@code immutable=1} read must run too).
     */
    private record Contents(List<PassageSummary> passages, Counts counts, List<String> selfEditTexts, List<String> jobs,
                            List<ResultCell> cells) {
        static Contents of(ExperimentLog log) {
            List<String> texts = new ArrayList<>();
            for (PassageSummary p : log.passages()) log.selfEdits(p.id()).forEach(e -> texts.add(p.id() + ": " + e.text()));
            List<ResultCell> cells = log.resultCells(v -> v.startsWith("correct"));
            return new Contents(log.passages(), log.counts(), texts,
                    log.jobs().stream().map(j -> j.id() + " " + j.kind() + " " + j.status()).toList(), cells);
        }
    }

    /** A workspace with passages, questions, self-edits, a model and a finished job, closed cleanly. */
    private static Contents fill(Path ws) {
        try (ExperimentLog log = ExperimentLog.open(ws)) {
            write(log, 3);
            Contents c = Contents.of(log);
            // a cell per run (each of one passage, one grader): the first passage's answers counted by their newest grade
            assertEquals(List.of(2, 1, 1), c.cells().stream().map(ResultCell::correct).toList());
            return c;
        }
    }

    private static void write(ExperimentLog log, int passages) {
        long model = log.findOrAddModel("/models/m", "llama", "m");
        for (int i = 0; i < passages; i++) {
            long p = log.addPassage(new Passage("title " + i, "context " + i,
                    List.of(new Question("q" + i, "a" + i), new Question("r" + i, "b" + i))), "test");
            log.addSelfEdit(new NewSelfEdit(p, "edit of " + i, AuthorKind.MODEL, model, null, "implications", "prompt", "{}", "t"));
            // a run's answers, graded, one of them again
            long run = log.startRun(null, model, p, null, "passage only", "{}", i);
            for (QuestionRecord q : log.questions(p)) {
                long a = log.addAnswer(q.id(), run, "passage only", "a");
                log.addGrade(a, "contains", q.ordinal() == 0 ? "correct" : "incorrect", 0);
                if (i == 0) log.addGrade(a, "contains", "correct", 1);
            }
            log.finishRun(run, "done");
        }
        long job = log.addJob("import", "{}");
        log.updateJob(job, "done", 1.0, "ok");
    }

    /** Every file of the folder with its bytes and modification time. */
    private static Map<String, String> snapshot(Path dir) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                out.put(f.getFileName().toString(), java.util.Arrays.hashCode(Files.readAllBytes(f)) + " " + Files.size(f)
                        + " " + Files.getLastModifiedTime(f).toMillis());
            }
        }
        return out;
    }

    /** Each kind of write is refused with the one exception, naming the folder and saying it is open read-only. */
    private static void assertEveryWriteRefused(ExperimentLog log, Path ws) {
        List<Consumer<ExperimentLog>> writes = List.of(
                l -> l.addPassage(new Passage("new", "text", List.of(new Question("q", "a"))), "test"),
                l -> l.addJob("import", "{}"),
                l -> l.findOrAddModel("/models/other", "llama", "other"),
                l -> l.addAnnotation("me", "pairwise", "x", "{}"),
                l -> l.addHumanEdit(l.selfEdits(l.passages().get(0).id()).get(0).id(), "my edit", "me"),
                l -> l.updateJob(l.jobs().get(0).id(), "running", 0, "x"),
                l -> l.inTransaction(() -> l.addModel("/m", "llama", "m", null)),
                l -> l.stage(1),
                ExperimentLog::requireWritable);
        for (Consumer<ExperimentLog> w : writes) {
            ReadOnlyWorkspaceException e = assertThrows(ReadOnlyWorkspaceException.class, () -> w.accept(log));
            assertEquals(ws.toAbsolutePath(), e.workspace());
            assertTrue(e.getMessage().startsWith("the workspace " + ws.toAbsolutePath() + " is open read-only ("), e.getMessage());
            assertTrue(e.getMessage().contains("nothing was written; to change it, work on a copy of the folder"), e.getMessage());
            assertFalse(e.getMessage().contains("SQLITE"), e.getMessage());
        }
    }

    @Test
    void aWorkspaceThisUserMayNotWriteOpensReadOnlyReadsWhatWasWrittenAndChangesNothing() throws Exception {
        // A folder name that needs escaping in SQLite's file: URI.
        Path ws = tmp.resolve("class share #3 ?50% done");
        Contents written = fill(ws);
        Map<String, String> before = snapshot(ws);
        assertEquals(List.of(ExperimentLog.DB_FILE), List.copyOf(before.keySet()), "closed cleanly: no -wal, no -shm");

        try (ExperimentLog log = ExperimentLog.open(ws, p -> false)) {
            assertTrue(log.readOnly());
            assertEquals("this user may not write to the folder", log.readOnlyReason());
            assertEquals(written, Contents.of(log));
            assertEquals(Migrations.latestVersion(), log.schemaVersion());
            assertEveryWriteRefused(log, ws);
            assertEquals(written, Contents.of(log), "nothing of a refused write shows");
        }
        assertEquals(before, snapshot(ws), "no file created, changed or touched");

        // The folder writable but workspace.db not: the same, with that reason.
        try (ExperimentLog log = ExperimentLog.open(ws, p -> !p.endsWith(ExperimentLog.DB_FILE))) {
            assertEquals("this user may not write workspace.db", log.readOnlyReason());
            assertEquals(written, Contents.of(log));
            ReadOnlyWorkspaceException e = assertThrows(ReadOnlyWorkspaceException.class, () -> log.addJob("x", "{}"));
            assertTrue(e.getMessage().contains("(this user may not write workspace.db)"), e.getMessage());
            assertTrue(e.getMessage().endsWith("or make it writable for this user"), e.getMessage());
        }
        assertEquals(before, snapshot(ws));

        // And an ordinary open afterwards writes as before: the read-only session left nothing in the way.
        try (ExperimentLog log = ExperimentLog.open(ws)) {
            assertFalse(log.readOnly());
            assertNull(log.readOnlyReason());
            log.addJob("export", "{}");
        }
    }

    /**
     * A workspace whose last commits are still in its -wal (a writer is running, or was killed): read through the
     * -shm when there is one (immutable=1 would ignore the WAL and miss those rows); refused in words, with nothing
     * created, when there is none.
     */
    @Test
    void commitsStillInTheWalAreReadOrTheOpenIsRefusedWithWhatToDo() throws Exception {
        Path live = tmp.resolve("live");
        Path withShm = Files.createDirectories(tmp.resolve("with-shm"));
        Path noShm = Files.createDirectories(tmp.resolve("no-shm"));
        Contents written;
        try (ExperimentLog log = ExperimentLog.open(live)) {
            write(log, 4);
            written = Contents.of(log);
            // While the writer is open its commits are in workspace.db-wal: copy the folder as it is now.
            for (String suffix : List.of("", "-wal", "-shm")) {
                Path f = live.resolve(ExperimentLog.DB_FILE + suffix);
                assertTrue(Files.size(f) > 0 || suffix.isEmpty(), f + " holds something");
                Files.copy(f, withShm.resolve(f.getFileName()));
                if (!suffix.equals("-shm")) Files.copy(f, noShm.resolve(f.getFileName()));
            }
        }
        String withShmDb = snapshot(withShm).get(ExperimentLog.DB_FILE) + snapshot(withShm).get(ExperimentLog.DB_FILE + "-wal");
        try (ExperimentLog log = ExperimentLog.open(withShm, p -> false)) {
            assertTrue(log.readOnly());
            assertEquals(written, Contents.of(log), "the WAL's commits are read");
            assertEveryWriteRefused(log, withShm);
        }
        assertEquals(withShmDb, snapshot(withShm).get(ExperimentLog.DB_FILE) + snapshot(withShm).get(ExperimentLog.DB_FILE + "-wal"),
                "neither the database nor its WAL changed");
        assertEquals(3, snapshot(withShm).size());

        Map<String, String> before = snapshot(noShm);
        StoreException e = assertThrows(StoreException.class, () -> ExperimentLog.open(noShm, p -> false).close());
        assertEquals(noShm.toAbsolutePath().resolve(ExperimentLog.DB_FILE) + ": the workspace's last changes are still in"
                + " workspace.db-wal, which SQLite can read only with workspace.db-shm beside it, and this user may not create"
                + " that file in " + noShm.toAbsolutePath() + ": open the workspace once where it can be written (that moves"
                + " the changes into workspace.db), or work on a copy of the folder", e.getMessage());
        assertEquals(before, snapshot(noShm), "no -shm made in a folder of someone else's");
    }

    @Test
    void aReadOnlyOpenChoosesHowSqliteReadsTheFile() throws Exception {
        Path ws = tmp.resolve("uri");
        fill(ws);
        Path db = ws.toAbsolutePath().resolve(ExperimentLog.DB_FILE);
        String base = "file://" + ws.toAbsolutePath() + "/workspace.db";
        assertEquals(base + "?immutable=1", Db.readOnlyUri(db, false), "nothing pending: the file as it is");
        assertEquals(base + "?mode=ro", Db.readOnlyUri(db, true), "read-only on request: SQLite's ordinary read-only open");
        Files.write(ws.resolve("workspace.db-wal"), new byte[0]);
        assertEquals(base + "?immutable=1", Db.readOnlyUri(db, false), "an empty WAL holds nothing");
        Files.write(ws.resolve("workspace.db-wal"), new byte[32]);
        assertThrows(StoreException.class, () -> Db.readOnlyUri(db, false));
        Files.write(ws.resolve("workspace.db-shm"), new byte[32]);
        assertEquals(base + "?mode=ro", Db.readOnlyUri(db, false), "a WAL with its index: read through it");
        assertEquals("file:///a%20b/%23c%3Fd%25e/%C3%A9.db", Db.fileUri(Path.of("/a b/#c?d%e/é.db")));
    }

    /**
     * A workspace written by an older build needs a migration, which is a write: it is refused in words rather than read
     * half-way (every read uses the newest tables), and the file keeps its version.
     */
    @Test
    void anOlderSchemaIsRefusedWithWhatToDoAndLeftAsItWas() throws Exception {
        Path ws = Files.createDirectories(tmp.resolve("old"));
        Path db = ws.resolve(ExperimentLog.DB_FILE);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement st = c.createStatement()) {
            st.execute("PRAGMA journal_mode = WAL");
            for (int v = 0; v < 5; v++) for (String sql : Migrations.STEPS.get(v)) st.executeUpdate(sql);
            st.executeUpdate("PRAGMA user_version = 5");
        }
        Map<String, String> before = snapshot(ws);
        StoreException e = assertThrows(StoreException.class, () -> ExperimentLog.open(ws, p -> false).close());
        assertEquals(db.toAbsolutePath() + ": this workspace was written by an older SEAL Workbench (schema version 5; this"
                + " build reads version " + Migrations.latestVersion() + ") and must be brought up to date once, which writes"
                + " to it, but it is open read-only (this user may not write to the folder): open it once where it can be"
                + " written (or ask its owner to), or work on a copy of the folder", e.getMessage());
        assertEquals(before, snapshot(ws));

        Path empty = Files.createDirectories(tmp.resolve("empty"));
        StoreException none = assertThrows(StoreException.class, () -> ExperimentLog.open(empty, p -> false).close());
        assertEquals(empty.toAbsolutePath() + ": no workspace here (no workspace.db), and none can be made: this user may"
                + " not write to the folder", none.getMessage());
        assertEquals(List.of(), List.copyOf(snapshot(empty).keySet()));
    }

    /**
     * A workspace one index behind (schema 9, before idx_runs_passage) is read as it is, without the index and without a
     * write: an index changes how fast rows are found, not which.
     */
    @Test
    void aWorkspaceMissingOnlyANewerIndexIsReadAsItIs() throws Exception {
        Path ws = tmp.resolve("v9");
        Contents written;
        try (ExperimentLog log = ExperimentLog.open(ws)) {
            write(log, 2);
            written = Contents.of(log);
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + ws.resolve(ExperimentLog.DB_FILE));
             Statement st = c.createStatement()) {
            st.executeUpdate("DROP INDEX idx_runs_passage");
            st.executeUpdate("ALTER TABLE arc_runs DROP COLUMN answer_endings_json");
            st.executeUpdate("PRAGMA user_version = 9");
        }
        assertTrue(Migrations.readableAsIs(9));
        assertFalse(Migrations.readableAsIs(8), "step 9 adds tables");
        Map<String, String> before = snapshot(ws);
        try (ExperimentLog log = ExperimentLog.open(ws, p -> false)) {
            assertTrue(log.readOnly());
            assertEquals(9, log.schemaVersion());
            assertEquals(written, Contents.of(log));
        }
        assertEquals(before, snapshot(ws));
    }

    /**
     * The repairs an ordinary open makes are writes, so a read-only open skips them: a job of a process that is gone
     * stays "running" and the rows it staged stay (hidden, as an unfinished job's); the next writable open repairs both.
     */
    @Test
    void aReadOnlyOpenRepairsNothing() throws Exception {
        Path ws = tmp.resolve("repairs");
        Contents finished = fill(ws);
        long job;
        try (ExperimentLog log = ExperimentLog.open(ws)) {
            job = log.addJob("import", "{}");   // "running", of this process
        }
        // The import's process "dies" after staging a passage: its row points at a pid no process has, and the staged row
        // was neither kept nor undone (what a kill leaves; see CrashRecoveryTest for the real thing).
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + ws.resolve(ExperimentLog.DB_FILE));
             Statement st = c.createStatement()) {
            st.executeUpdate("UPDATE processes SET pid = 2147483600");
            st.executeUpdate("INSERT INTO passages(title, context, source_label, created) VALUES ('half', 'imported', 'test',"
                    + " '2024-01-01T00:00:00Z')");
            st.executeUpdate("INSERT INTO staged_rows(job_id, tbl, row_id) VALUES (" + job + ", 'passages', last_insert_rowid())");
        }
        Map<String, String> before = snapshot(ws);
        try (ExperimentLog log = ExperimentLog.open(ws, p -> false)) {
            assertEquals(0, log.markInterrupted(), "no repair on a read-only log");
            assertTrue(log.jobs().stream().anyMatch(j -> j.status().equals("running")), "left as it was");
            assertTrue(log.stagedRows() > 0, "the dead import's rows are still there");
            assertEquals(finished.passages(), log.passages(), "and hidden from the library");
        }
        assertEquals(before, snapshot(ws));
        try (ExperimentLog log = ExperimentLog.open(ws)) {
            assertTrue(log.jobs().stream().noneMatch(j -> j.status().equals("running")), "a writable open repairs it");
            assertEquals(0, log.stagedRows());
        }
    }

    /** {@link ExperimentLog#READ_ONLY_PROPERTY} and {@link ExperimentLog#openReadOnly}: read-only on request. */
    @Test
    void readOnlyOnRequest() throws Exception {
        Path ws = tmp.resolve("asked");
        Contents written = fill(ws);
        Map<String, String> before = snapshot(ws);
        System.setProperty(ExperimentLog.READ_ONLY_PROPERTY, "true");
        try (ExperimentLog log = ExperimentLog.open(ws)) {
            assertEquals("opened read-only on request (seal.readOnly)", log.readOnlyReason());
            assertEquals(written, Contents.of(log));
            assertEveryWriteRefused(log, ws);
            ReadOnlyWorkspaceException e = assertThrows(ReadOnlyWorkspaceException.class, () -> ExperimentLog.openWritable(ws));
            assertTrue(e.getMessage().contains("(opened read-only on request (seal.readOnly)): nothing was written"), e.getMessage());
        } finally {
            System.clearProperty(ExperimentLog.READ_ONLY_PROPERTY);
        }
        try (ExperimentLog log = ExperimentLog.openReadOnly(ws)) {
            assertEquals("opened read-only on request", log.readOnlyReason());
            assertEquals(written, Contents.of(log));
        }
        assertEquals(before.get(ExperimentLog.DB_FILE), snapshot(ws).get(ExperimentLog.DB_FILE), "workspace.db unchanged");
    }

    /**
     * A folder that is really read-only: mode 555 and files 444 for a user other than root, the immutable flag
     * (chattr +i) for root, whom mode bits do not stop. The public open decides by itself.
     */
    @Test
    void aFolderWithMode555AndFiles444OpensReadOnly() throws Exception {
        Path ws = tmp.resolve("shared");
        Contents written = fill(ws);
        Path db = ws.resolve(ExperimentLog.DB_FILE);
        boolean root = "root".equals(System.getProperty("user.name"));
        if (root) {
            assumeTrue(chattr("+i", db) && chattr("+i", ws), "root, and no chattr +i here: cannot make a folder read-only");
        } else {
            assumeFalse(System.getProperty("os.name").startsWith("Windows"));
            Files.setPosixFilePermissions(db, PosixFilePermissions.fromString("r--r--r--"));
            Files.setPosixFilePermissions(ws, PosixFilePermissions.fromString("r-xr-xr-x"));
        }
        try {
            assertFalse(Files.isWritable(ws), "the folder is read-only for this user");
            Map<String, String> before = snapshot(ws);
            try (ExperimentLog log = ExperimentLog.open(ws)) {
                assertTrue(log.readOnly());
                assertEquals("this user may not write to the folder", log.readOnlyReason());
                assertEquals(written, Contents.of(log));
                assertEveryWriteRefused(log, ws);
            }
            assertEquals(before, snapshot(ws), "no file created, changed or touched");
        } finally {
            if (root) {
                chattr("-i", ws);
                chattr("-i", db);
            } else {
                Files.setPosixFilePermissions(ws, PosixFilePermissions.fromString("rwxr-xr-x"));
                Files.setPosixFilePermissions(db, PosixFilePermissions.fromString("rw-r--r--"));
            }
        }
    }

    private static boolean chattr(String flag, Path p) {
        try {
            Process proc = new ProcessBuilder("chattr", flag, p.toString()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return proc.waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
