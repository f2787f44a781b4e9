package org.sealworkbench.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.sealworkbench.data.Passage;
import org.sealworkbench.data.Question;

/**
 * The experiment log of one workspace folder: {@code workspace.db}, a SQLite file in WAL mode.
 * Rows are only ever added (a human edit of a self-edit is a new row pointing at its parent); the
 * only updates are the status fields of runs, RL rounds and jobs. Every write runs in a transaction;
 * {@link #inTransaction} groups many writes into one. Safe to share between threads.
 */
public final class ExperimentLog implements AutoCloseable {
    /** The database file's name inside a workspace folder. */
    public static final String DB_FILE = "workspace.db";

    private static final byte[] SQLITE_MAGIC = "SQLite format 3\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private final Path workspaceDir;
    private final Db db;

    private ExperimentLog(Path workspaceDir, Db db) {
        this.workspaceDir = workspaceDir;
        this.db = db;
        // a workspace open read-only at an older schema has no answers.finish (Migrations.readableAsIs): read as unknown
        this.answerSql = db.readOnly == null || schemaVersion() >= Migrations.ANSWER_FINISH_VERSION ? ANSWER_SQL : ANSWER_SQL_BEFORE_FINISH;
        this.arcRunSql = ARC_RUN_SQL.formatted(db.readOnly == null || schemaVersion() >= Migrations.ARC_ANSWER_ENDINGS_VERSION
                ? "answer_endings_json" : "NULL");
    }

    /** Opens an existing workspace's log; a folder without {@value #DB_FILE} is refused rather than made a workspace. */
    public static ExperimentLog openExisting(Path workspaceDir) {
        if (!Files.isRegularFile(workspaceDir.resolve(DB_FILE))) {
            throw new IllegalArgumentException(workspaceDir + ": no workspace here (no " + DB_FILE + ")");
        }
        return open(workspaceDir);
    }

    /**
     * When this system property is "true", every workspace opens read-only (as {@link #openReadOnly}): to browse a
     * finished experiment with no risk of changing it ({@code SEAL_JAVA_OPTS=-Dseal.readOnly=true ./seal gui}), and the
     * way tests and screenshots make a workspace read-only where they run as root, whom permission bits do not stop.
     */
    public static final String READ_ONLY_PROPERTY = "seal.readOnly";

    /**
     * Opens (creating if needed) the workspace folder and its database, migrating it to the current schema. A workspace
     * this user may not write (its folder or {@value #DB_FILE} not writable, or SQLite refusing to write it) opens
     * read-only instead: see {@link #readOnly()}. Nothing is then changed in the folder: no migration, no repair of job
     * states, no cleanup of a failed import's rows; every write is refused with a {@link ReadOnlyWorkspaceException}.
     */
    public static ExperimentLog open(Path workspaceDir) {
        return open(workspaceDir, Files::isWritable);
    }

    /** Opens an existing workspace read-only whether or not this user may write it (see {@link #open}). */
    public static ExperimentLog openReadOnly(Path workspaceDir) {
        Path dir = workspaceDir.toAbsolutePath();
        Path file = dir.resolve(DB_FILE);
        return openReadOnly(dir, file, "opened read-only on request", Files.isWritable(dir) && Files.isWritable(file));
    }

    /**
     * Opens a workspace for a job that writes: as {@link #open}, but a workspace that can only be read is refused at once
     * (a {@link ReadOnlyWorkspaceException}), before the job loads a model or reads its inputs.
     */
    public static ExperimentLog openWritable(Path workspaceDir) {
        ExperimentLog log = open(workspaceDir);
        try {
            log.requireWritable();
            return log;
        } catch (RuntimeException e) {
            log.close();
            throw e;
        }
    }

    /**
     * {@link #open} with the test of whether this user may write a path given: the tests run as root, for whom
     * {@link Files#isWritable} is true of a folder with mode 555, so they say "not writable" here instead.
     */
    static ExperimentLog open(Path workspaceDir, java.util.function.Predicate<Path> writable) {
        Path dir = workspaceDir.toAbsolutePath();
        Path file = dir.resolve(DB_FILE);
        if (Boolean.getBoolean(READ_ONLY_PROPERTY) && Files.isDirectory(dir)) {
            return openReadOnly(dir, file, "opened read-only on request (" + READ_ONLY_PROPERTY + ")",
                    writable.test(dir) && writable.test(file));
        }
        if (Files.isDirectory(dir) && !writable.test(dir)) {
            return openReadOnly(dir, file, "this user may not write to the folder", false);
        }
        if (Files.isRegularFile(file) && !writable.test(file)) {
            return openReadOnly(dir, file, "this user may not write " + DB_FILE, false);
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new StoreException(file + ": cannot create the workspace folder: " + e.getMessage(), e);
        }
        checkHeader(file);
        Db db;
        try {
            db = new Db(file);
        } catch (StoreException e) {
            // Permissions that Files.isWritable does not see (a -shm file of another user's, an ACL, a read-only mount it
            // misjudged): SQLite's own refusal to write an existing workspace makes it read-only, as the check would have.
            if (!Files.isRegularFile(file) || !(e.getCause() instanceof java.sql.SQLException sql) || !SqlErrors.cannotWrite(sql)) {
                throw e;
            }
            return openReadOnly(dir, file, "SQLite may not write " + DB_FILE + " or its journal files in the folder", false);
        }
        ExperimentLog log = new ExperimentLog(dir, db);
        Object key = fileKey(file);
        if (key != null) HEADER_CHECKED.add(key);
        try {
            log.markInterrupted();
            log.removeLeftoverStagedRows();
        } catch (StoreException e) {
            // Another process holds the write lock for a long time, or the disk is full: the next open will close the rows.
        }
        return log;
    }

    /**
     * The read-only open: nothing is written, so the repairs an ordinary open makes (rows of dead processes marked
     * interrupted, a failed import's leftover rows removed) are left for the next open that may write; until then the
     * window shows such jobs as they were left, and a killed import's rows stay hidden as rows of an unfinished job.
     */
    private static ExperimentLog openReadOnly(Path dir, Path file, String reason, boolean mayCreateFiles) {
        if (!Files.isRegularFile(file)) {
            throw new StoreException(dir + ": no workspace here (no " + DB_FILE + "), and none can be made: " + reason);
        }
        checkHeader(file);
        ExperimentLog log = new ExperimentLog(dir, Db.readOnly(file, reason, mayCreateFiles));
        Object key = fileKey(file);
        if (key != null) HEADER_CHECKED.add(key);
        return log;
    }

    /** Whether this log is open read-only (see {@link #open}); every write then throws {@link ReadOnlyWorkspaceException}. */
    public boolean readOnly() {
        return db.readOnly != null;
    }

    /** Why the log is open read-only, in words ("this user may not write to the folder"); null when it may be written. */
    public String readOnlyReason() {
        return db.readOnly;
    }

    /** Throws the {@link ReadOnlyWorkspaceException} a write would, when the log is open read-only. */
    public void requireWritable() {
        db.requireWritable();
    }

    /**
     * Database files this process has opened through SQLite. Their header is not read again: closing any descriptor of a
     * file drops every POSIX lock this process holds on it, SQLite's connections' included (sqlite.org/howtocorrupt.html,
     * 2.2.1), and without those locks another process (the command line) may take this one's connections for gone and
     * reset the WAL under them (seen: SQLITE_IOERR_SHORT_READ and lost rows while the window polled a workspace every
     * few seconds during a job).
     */
    private static final java.util.Set<Object> HEADER_CHECKED = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** The file's identity (device and inode where the platform has them), read without opening it; null if unknown. */
    private static Object fileKey(Path file) {
        try {
            Object key = Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class).fileKey();
            return key == null ? null : java.util.List.of(file, key);   // a file replaced under the same name is read again
        } catch (IOException e) {
            return null;
        }
    }

    /** SQLite would happily treat some junk as an empty database; refuse any non-empty file that is not one. */
    private static void checkHeader(Path file) {
        if (!Files.isRegularFile(file)) return;
        Object key = fileKey(file);
        if (key != null && HEADER_CHECKED.contains(key)) return;
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(SQLITE_MAGIC.length);
            if (head.length > 0 && !Arrays.equals(head, SQLITE_MAGIC)) {
                throw new StoreException(file + ": not a SQLite database (wrong file header)");
            }
        } catch (IOException e) {
            throw new StoreException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    // ---- processes: which rows are really running -------------------------------------------

    /** This log's row in {@code processes}, added with its first job or run. */
    private volatile Long processId;

    private long processId() {
        Long id = processId;
        if (id != null) return id;
        synchronized (this) {
            if (processId == null) {
                ProcessIdentity me = ProcessIdentity.current();
                processId = db.insert("INSERT INTO processes(pid, started, host, created) VALUES (?, ?, ?, ?)",
                        me.pid(), me.started(), me.host(), now());
            }
            return processId;
        }
    }

    /**
     * Marks "interrupted" every job and inner-loop run left "running" by a process that is gone (killed,
     * crashed, the machine lost power), so that "running" means running. Runs on open, and before a run
     * is started. Rows written from another host are left alone (their process cannot be checked).
     * Returns how many rows it closed.
     */
    public int markInterrupted() {
        if (readOnly()) return 0;   // a repair, and nothing may be written
        endUnended();
        List<Long> ids = new java.util.ArrayList<>();
        List<ProcessIdentity> open = new java.util.ArrayList<>();
        db.query("""
                SELECT id, pid, started, host FROM processes WHERE id IN (
                  SELECT process_id FROM jobs WHERE status = 'running'
                  UNION SELECT process_id FROM inner_loop_runs WHERE status = 'running'
                  UNION SELECT process_id FROM rl_rounds WHERE status = 'running')""",
                rs -> {
                    ids.add(rs.getLong(1));
                    open.add(new ProcessIdentity(rs.getLong(2), rs.getString(3), rs.getString(4)));
                    return null;
                });
        ProcessIdentity me = ProcessIdentity.current();
        List<Long> gone = new java.util.ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            if (!open.get(i).isAliveSeenFrom(me)) gone.add(ids.get(i));
        }
        if (gone.isEmpty()) return 0;
        return inTransaction(() -> {
            int n = 0;
            String now = now();
            for (long p : gone) {
                // A killed import's rows are removed whole, as if it had failed (see stage()).
                List<Long> staged = db.query("SELECT DISTINCT s.job_id FROM staged_rows s JOIN jobs j ON j.id = s.job_id "
                        + "WHERE j.process_id = ? AND j.status = 'running'", rs -> rs.getLong(1), p);
                for (long job : staged) noteOnJob(job, undoStaged(job, ""));
                n += db.update("UPDATE jobs SET status = 'interrupted', updated = ?, message = "
                        + "'interrupted: its process ended without finishing it' || COALESCE(' (last: ' || message || ')', '') "
                        + "WHERE process_id = ? AND status = 'running'", now, p);
                n += db.update("UPDATE inner_loop_runs SET status = 'interrupted', finished = ? "
                        + "WHERE process_id = ? AND status = 'running'", now, p);
                n += db.update("UPDATE rl_rounds SET status = 'interrupted' WHERE process_id = ? AND status = 'running'", p);
            }
            return n;
        });
    }

    /**
     * Removes the staged rows of jobs that ended without removing them: a failed or cancelled import whose rows could
     * not be deleted at the time (the disk was full). Readers never see such rows; this frees them. Rows of running jobs
     * are left alone (those of a killed process are {@link #markInterrupted}'s). Returns how many jobs' rows it removed.
     */
    int removeLeftoverStagedRows() {
        if (readOnly()) return 0;
        List<Long> jobs = db.query("SELECT DISTINCT s.job_id FROM staged_rows s JOIN jobs j ON j.id = s.job_id "
                + "WHERE j.status <> 'running'", rs -> rs.getLong(1));
        if (jobs.isEmpty()) return 0;
        return inTransaction(() -> {
            int n = 0;
            for (long job : jobs) {
                noteOnJob(job, undoStaged(job, " later"));
                n++;
            }
            return n;
        });
    }

    /**
     * A job's writes from this thread, staged: they commit in small transactions (about 0.2 s each) so that
     * other jobs and processes write in between, and every row they add is journaled, so that a failed,
     * cancelled or killed job can still be removed whole. Rows of a job in progress are visible to readers
     * as they land. End with {@link StagedWrites#keep}; closing without keeping removes the rows (a killed
     * process's are removed when the workspace is next opened, see {@link #markInterrupted}).
     */
    public StagedWrites stage(long jobId) {
        db.stage(jobId);
        return new StagedWrites(jobId);
    }

    /** See {@link #stage}. Use on the thread that opened it. */
    public final class StagedWrites implements AutoCloseable {
        private final long jobId;
        private boolean ended;
        private int removed;
        private int kept;

        private StagedWrites(long jobId) {
            this.jobId = jobId;
        }

        /**
         * Keeps the job's rows: its last writes and {@code last} (e.g. the job's status) commit together and
         * the journal is dropped. If this fails, nothing of the job is kept (close removes it).
         */
        public void keep(Runnable last) {
            if (ended) throw new IllegalStateException("staged writes of job " + jobId + " already ended");
            db.keepStaged(() -> {
                last.run();
                return null;
            });
            ended = true;
        }

        /**
         * Removes every row the job wrote; idempotent. When the workspace cannot be written just then (a full disk), the
         * rows stay hidden from readers and are removed later ({@link #endJob}); the failure is thrown on.
         */
        public void abandon() {
            if (ended) return;
            ended = true;
            int[] r;
            try {
                r = db.abandonStaged(jobId);
            } catch (StoreException e) {
                unended().putIfAbsent(jobId, new String[2]);
                throw e;
            }
            removed = r[0];
            kept = r[1];
        }

        /** After {@link #abandon}: rows removed. */
        public int removed() {
            return removed;
        }

        /** After {@link #abandon}: rows kept because rows of other jobs now point at them. */
        public int kept() {
            return kept;
        }

        @Override
        public void close() {
            abandon();
        }
    }

    /** How many rows of {@code inner_loop_runs} ("runs"), {@code jobs} ("jobs") or {@code rl_rounds} ("rounds") have each status. */
    public java.util.Map<String, Long> statusCounts(String what) {
        String table = switch (what) {
            case "runs" -> "inner_loop_runs";
            case "jobs" -> "jobs";
            case "rounds" -> "rl_rounds";
            default -> throw new IllegalArgumentException("runs, jobs or rounds, not " + what);
        };
        java.util.Map<String, Long> out = new java.util.TreeMap<>();
        db.query("SELECT status, COUNT(*) FROM " + table + " GROUP BY status",
                rs -> out.put(rs.getString(1), rs.getLong(2)));
        return out;
    }

    /** The run that superseded this one (a resumed unit of work), if any. */
    public Optional<Long> supersededBy(long runId) {
        return db.queryOne("SELECT superseded_by FROM inner_loop_runs WHERE id = ? AND superseded_by IS NOT NULL",
                rs -> rs.getLong(1), runId);
    }

    /** A registration of a listener; close it to remove the listener. */
    public interface Registration extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Tells {@code listener} (on this thread, about twice a second, with the milliseconds waited so far)
     * while this thread's writes wait for another job or process to finish writing; the listener may throw
     * (e.g. on cancel) to give up, and then nothing of that transaction is written. Without a listener a
     * write gives up after two minutes with a message naming the file.
     */
    public Registration onWriteWait(java.util.function.LongConsumer listener) {
        Db.WriteWait previous = db.onWriteWait();
        db.onWriteWait(listener::accept);
        return () -> db.onWriteWait(previous);
    }

    /** What a job's progress message says while it waits for the write lock. */
    public static final String WAITING = "waiting for another job to finish writing";

    /** The message a job shows while it waits for the write lock. */
    public static String waitingMessage(long waitedMillis) {
        return WAITING + " to " + DB_FILE + " (" + waitedMillis / 1000 + " s)";
    }

    public Path workspaceDir() {
        return workspaceDir;
    }

    public Path databaseFile() {
        return db.file;
    }

    /** The schema version of the open database ({@code PRAGMA user_version}). */
    public int schemaVersion() {
        return (int) db.scalar("PRAGMA user_version");
    }

    /** SQLite's own consistency check; "ok" when the file is sound. */
    public String integrityCheck() {
        return String.join("\n", db.query("PRAGMA integrity_check", rs -> rs.getString(1)));
    }

    /** Runs work in one transaction: all its writes commit together or, on any exception, none do. */
    public <T> T inTransaction(Supplier<T> work) {
        return db.tx(work::get);
    }

    public void inTransaction(Runnable work) {
        db.tx(() -> {
            work.run();
            return null;
        });
    }

    // ---- experiments -------------------------------------------------------------------------

    public long addExperiment(String name, String description) {
        return db.insert("INSERT INTO experiments(name, description, created) VALUES (?, ?, ?)", name, description, now());
    }

    /** Replaces an experiment's description (e.g. a few-shot round's record gaining its SFT's losses once they exist). */
    public void setExperimentDescription(long id, String description) {
        db.update("UPDATE experiments SET description = ? WHERE id = ?", description, id);
    }

    public List<ExperimentRecord> experiments() {
        return db.query("SELECT id, name, description, created FROM experiments ORDER BY id",
                rs -> new ExperimentRecord(rs.getLong(1), rs.getString(2), rs.getString(3), instant(rs, 4)));
    }

    // ---- passages and questions ---------------------------------------------------------------

    /** Adds a passage and its questions (ordinals 0..n-1) in one transaction; returns the passage id. */
    public long addPassage(Passage passage, String sourceLabel) {
        return inTransaction(() -> {
            String title = passage.title() == null ? "" : passage.title();
            long id = db.insert("INSERT INTO passages(title, context, source_label, content_hash, created) VALUES (?, ?, ?, ?, ?)",
                    title, passage.context(), sourceLabel, contentHash(title, passage.context()), now());
            int ordinal = 0;
            for (Question q : passage.questions()) {
                db.insert("INSERT INTO questions(passage_id, ordinal, question, answer) VALUES (?, ?, ?, ?)",
                        id, ordinal++, q.question(), q.answer());
            }
            return id;
        });
    }

    /** The first stored passage with exactly this title and context, if any. */
    public Optional<Long> findPassage(String title, String context) {
        String t = title == null ? "" : title;
        // Not a passage another unfinished job has staged: if that job fails its passage goes, and a reuse
        // here (which adds no row pointing at it) would go with it.
        Long mine = db.stagingJob();
        return db.queryOne("SELECT id FROM passages WHERE content_hash = ? AND title = ? AND context = ? AND "
                        + settled("passages", "passages") + " ORDER BY id LIMIT 1",
                rs -> rs.getLong(1), contentHash(t, context), t, context, mine);
    }

    private static String contentHash(String title, String context) {
        try {
            java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-256");
            md.update(title.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            md.update((byte) 0);
            md.update(context.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(md.digest(), 0, 16);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /**
     * SQL that is true when row {@code alias}.id of {@code table} is not staged by an unfinished job other than this
     * thread's own ({@link #stage}): the rows of an import in progress stay out of readers' lists and counts until it
     * ends, because a failed or cancelled import deletes them again. One placeholder: bind {@link Db#stagingJob()}.
     */
    private static String settled(String table, String alias) {
        return "NOT EXISTS (SELECT 1 FROM staged_rows st WHERE st.tbl = '" + table + "' AND st.row_id = " + alias
                + ".id AND st.job_id IS NOT ?)";
    }

    /** The passages readers see (not those of an unfinished import, {@link #settled}), with their question and self-edit counts. */
    public List<PassageSummary> passages() {
        Long mine = db.stagingJob();
        return db.query("SELECT p.id, p.title, (SELECT COUNT(*) FROM questions q WHERE q.passage_id = p.id AND "
                        + settled("questions", "q") + "), (SELECT COUNT(*) FROM self_edits s WHERE s.passage_id = p.id AND "
                        + settled("self_edits", "s") + ") FROM passages p WHERE " + settled("passages", "p") + " ORDER BY p.id",
                rs -> new PassageSummary(rs.getLong(1), rs.getString(2), rs.getInt(3), rs.getInt(4)), mine, mine, mine);
    }

    /**
     * The passages readers see ({@link #passages()}' rows), each with its title and context, in one query: what the
     * library's filter searches (it read them passage by passage, 5,000 queries for 5,000 passages).
     */
    public Map<Long, String> passageContexts() {
        Map<Long, String> out = new HashMap<>();
        db.query("SELECT p.id, p.context FROM passages p WHERE " + settled("passages", "p"),
                rs -> out.put(rs.getLong(1), rs.getString(2)), db.stagingJob());
        return out;
    }

    /** Ids of the passages stored with this source label (an import's file name), oldest first; not an unfinished import's. */
    public List<Long> passageIdsWithSource(String sourceLabel) {
        return db.query("SELECT id FROM passages p WHERE source_label = ? AND " + settled("passages", "p") + " ORDER BY id",
                rs -> rs.getLong(1), sourceLabel, db.stagingJob());
    }

    /** The distinct source labels of the stored passages, in order of first appearance; not an unfinished import's. */
    public List<String> passageSources() {
        return db.query("SELECT source_label FROM passages p WHERE source_label IS NOT NULL AND " + settled("passages", "p")
                + " GROUP BY source_label ORDER BY MIN(id)", rs -> rs.getString(1), db.stagingJob());
    }

    /** Rows that unfinished jobs have committed in staged chunks ({@link #stage}) and that readers do not see yet. */
    public long stagedRows() {
        return db.queryOne("SELECT COUNT(*) FROM staged_rows", rs -> rs.getLong(1)).orElse(0L);
    }

    public Optional<PassageDetail> passage(long id) {
        return db.queryOne(PASSAGE_BY_ID,
                rs -> new PassageDetail(rs.getLong(1), rs.getString(2), rs.getString(3), questions(id)), id);
    }

    /** The passage with its questions, as the data package's record (for export). */
    public Optional<Passage> passageData(long id) {
        return passage(id).map(d -> new Passage(d.title(), d.context(),
                d.questions().stream().map(q -> new Question(q.question(), q.answer())).toList()));
    }

    public List<QuestionRecord> questions(long passageId) {
        return db.query(QUESTIONS_OF_PASSAGE,
                rs -> new QuestionRecord(rs.getLong(1), rs.getLong(2), rs.getInt(3), rs.getString(4), rs.getString(5)),
                passageId);
    }

    // ---- models ------------------------------------------------------------------------------

    public long addModel(String path, String family, String name, Long parentModelId) {
        return db.insert("INSERT INTO models(path, family, name, parent_model_id, created) VALUES (?, ?, ?, ?, ?)",
                path, family, name, parentModelId, now());
    }

    /** The first model recorded with this path, adding one when there is none. */
    public long findOrAddModel(String path, String family, String name) {
        return inTransaction(() -> db.queryOne("SELECT id FROM models WHERE path = ? ORDER BY id LIMIT 1",
                rs -> rs.getLong(1), path).orElseGet(() -> addModel(path, family, name, null)));
    }

    public List<ModelRecord> models() {
        return db.query(MODEL_SQL + " ORDER BY id", ExperimentLog::model);
    }

    public Optional<ModelRecord> model(long id) {
        return db.queryOne(MODEL_SQL + " WHERE id = ?", ExperimentLog::model, id);
    }

    /** The first model recorded with this path (a folder's absolute, normalised path), if any. */
    public Optional<ModelRecord> modelAt(String path) {
        return db.queryOne(MODEL_SQL + " WHERE path = ? ORDER BY id LIMIT 1", ExperimentLog::model, path);
    }

    private static final String MODEL_SQL = "SELECT id, path, family, name, parent_model_id, created FROM models";

    private static ModelRecord model(ResultSet rs) throws SQLException {
        return new ModelRecord(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), longOrNull(rs, 5),
                instant(rs, 6));
    }

    // ---- self-edits --------------------------------------------------------------------------

    public long addSelfEdit(NewSelfEdit e) {
        return db.insert("""
                INSERT INTO self_edits(passage_id, text, author_kind, model_id, parent_self_edit_id, prompt_template,
                                       prompt_text, sampling_json, source_label, created)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                e.passageId(), e.text(), e.author().dbValue(), e.modelId(), e.parentId(), e.promptTemplate(),
                e.promptText(), e.samplingJson(), e.sourceLabel(), now());
    }

    /** Records a person's edit of a self-edit as a new row pointing at it; the original stays as it was. */
    public long addHumanEdit(long parentSelfEditId, String newText, String editor) {
        return inTransaction(() -> {
            SelfEditRecord parent = selfEdit(parentSelfEditId)
                    .orElseThrow(() -> new StoreException(db.file + ": no self-edit with id " + parentSelfEditId));
            return addSelfEdit(new NewSelfEdit(parent.passageId(), newText, AuthorKind.HUMAN_EDIT, null, parent.id(),
                    parent.promptTemplate(), parent.promptText(), null, editor));
        });
    }

    public Optional<SelfEditRecord> selfEdit(long id) {
        return db.queryOne(SELF_EDIT_SQL + " WHERE id = ?", ExperimentLog::selfEdit, id);
    }

    /** All self-edits of a passage, oldest first (edits come after the rows they edit). */
    public List<SelfEditRecord> selfEdits(long passageId) {
        return db.query(SELF_EDITS_OF_PASSAGE,
                ExperimentLog::selfEdit, passageId, db.stagingJob());
    }

    /** How many self-edits of one passage one author made ({@link #selfEditAuthors}). */
    public record AuthorCount(long passageId, Long modelId, AuthorKind author, String sourceLabel, int count) {}

    /**
     * The self-edits readers see ({@link #selfEdits}), counted per passage and author (model, kind, source label), by
     * passage id and then by each author's first self-edit in the passage: in one query, not one per passage.
     */
    public List<AuthorCount> selfEditAuthors() {
        return db.query("SELECT s.passage_id, s.model_id, s.author_kind, s.source_label, COUNT(*) FROM self_edits s "
                        + "WHERE " + settled("self_edits", "s") + " GROUP BY s.passage_id, s.model_id, s.author_kind, s.source_label "
                        + "ORDER BY s.passage_id, MIN(s.id)",
                rs -> new AuthorCount(rs.getLong(1), longOrNull(rs, 2), AuthorKind.fromDb(rs.getString(3)), rs.getString(4),
                        rs.getInt(5)), db.stagingJob());
    }

    /** The direct edits of a self-edit. */
    public List<SelfEditRecord> editsOf(long selfEditId) {
        return db.query(EDITS_OF, ExperimentLog::selfEdit, selfEditId);
    }

    private static final String SELF_EDIT_SQL = """
            SELECT id, passage_id, text, author_kind, model_id, parent_self_edit_id, prompt_template, prompt_text,
                   sampling_json, source_label, created FROM self_edits""";

    private static SelfEditRecord selfEdit(ResultSet rs) throws SQLException {
        return new SelfEditRecord(rs.getLong(1), rs.getLong(2), rs.getString(3), AuthorKind.fromDb(rs.getString(4)),
                longOrNull(rs, 5), longOrNull(rs, 6), rs.getString(7), rs.getString(8), rs.getString(9),
                rs.getString(10), instant(rs, 11));
    }

    // ---- inner-loop runs and training steps ---------------------------------------------------

    /** Starts a run with status "running"; returns its id. */
    public long startRun(Long experimentId, long modelId, Long passageId, Long selfEditId, String condition,
                         String settingsJson, long seed) {
        markInterrupted();
        return inTransaction(() -> {
            long id = db.insert("""
                    INSERT INTO inner_loop_runs(experiment_id, model_id, passage_id, self_edit_id, condition, settings_json,
                                                seed, status, started, process_id)
                    VALUES (?, ?, ?, ?, ?, ?, ?, 'running', ?, ?)""",
                    experimentId, modelId, passageId, selfEditId, condition, settingsJson, seed, now(), processId());
            // A resumed unit of work supersedes the rows its killed attempts left behind.
            db.update("""
                    UPDATE inner_loop_runs SET status = 'superseded', superseded_by = ?
                    WHERE status = 'interrupted' AND id <> ? AND experiment_id IS ? AND model_id = ? AND passage_id IS ?
                      AND self_edit_id IS ? AND condition = ? AND seed = ?""",
                    id, id, experimentId, modelId, passageId, selfEditId, condition, seed);
            return id;
        });
    }

    /** Sets a run's final status (e.g. "done", "failed", "cancelled") and finish time. */
    public void finishRun(long runId, String status) {
        finishRun(runId, status, null);
    }

    /**
     * As {@link #finishRun(long, String)}, with the run's own wall time when it ran in a batch of adapters (its share of
     * the batch's time; its started..finished span the whole batch).
     */
    public void finishRun(long runId, String status, Double seconds) {
        if (db.update("UPDATE inner_loop_runs SET status = ?, finished = ?, seconds = ? WHERE id = ?", status, now(), seconds, runId) != 1) {
            throw new StoreException(db.file + ": no inner-loop run with id " + runId);
        }
    }

    public Optional<RunRecord> run(long id) {
        return db.queryOne(RUN_SQL + " WHERE id = ?", ExperimentLog::run, id);
    }

    /**
     * Every run, oldest first. A large workspace holds tens of thousands, each with its settings snapshot (about 1 kB);
     * consecutive runs nearly always share one, so SQLite compares each with the previous row's and sends only those
     * that differ: the runs then share one String per snapshot (reading 85,000 runs took 2.1 s, most of it decoding the
     * same snapshot again).
     */
    public List<RunRecord> runs() {
        String[] last = {null};
        return db.query(RUN_SQL.replace("settings_json,", SETTINGS_IF_CHANGED + ",") + " ORDER BY id", rs -> {
            if (rs.getString(7) != null) last[0] = rs.getString(7);
            return run(rs, last[0]);
        });
    }

    /**
     * The settings column as {@link #runs()} reads it, rows in id order: NULL where it equals the previous run's (by id;
     * the column is NOT NULL). The previous run is found by its primary key: a window function ({@code LAG() OVER (ORDER
     * BY id)}) first copied every run's snapshot into a temporary table, 0.3 s of a large workspace's 0.4 s read.
     */
    private static final String SETTINGS_IF_CHANGED = "CASE WHEN settings_json IS (SELECT p.settings_json FROM inner_loop_runs p "
            + "WHERE p.id < inner_loop_runs.id ORDER BY p.id DESC LIMIT 1) THEN NULL ELSE settings_json END";

    /** The runs of one passage (not the multi-passage runs, which have none), oldest first; by index. */
    public List<RunRecord> runsOfPassage(long passageId) {
        return db.query(RUNS_OF_PASSAGE, ExperimentLog::run, passageId);
    }

    /**
     * The runs without a passage of their own (multi-passage CPT) that answered a question of this passage, oldest first:
     * through the passage's questions and their answers, by index.
     */
    public List<RunRecord> passagelessRunsAnswering(long passageId) {
        return db.query(PASSAGELESS_RUNS_ANSWERING, ExperimentLog::run, passageId);
    }

    /** How many training steps each inner-loop run stored, by run id, in one pass over the steps' index (none: absent). */
    public Map<Long, Integer> trainingStepCounts() {
        Map<Long, Integer> counts = new HashMap<>();
        db.query(TRAINING_STEP_COUNTS, rs -> counts.put(rs.getLong(1), rs.getInt(2)));
        return counts;
    }

    public List<RunRecord> runsOfSelfEdit(long selfEditId) {
        return db.query(RUN_SQL + " WHERE self_edit_id = ? ORDER BY id", ExperimentLog::run, selfEditId);
    }

    private static final String RUN_SQL = """
            SELECT id, experiment_id, model_id, passage_id, self_edit_id, condition, settings_json, seed, status,
                   started, finished, seconds FROM inner_loop_runs""";

    private static RunRecord run(ResultSet rs) throws SQLException {
        return run(rs, rs.getString(7));
    }

    private static RunRecord run(ResultSet rs, String settingsJson) throws SQLException {
        return new RunRecord(rs.getLong(1), longOrNull(rs, 2), rs.getLong(3), longOrNull(rs, 4), longOrNull(rs, 5),
                rs.getString(6), settingsJson, rs.getLong(8), rs.getString(9), instant(rs, 10), instant(rs, 11),
                rs.getObject(12) == null ? null : rs.getDouble(12));
    }

    public void addTrainingStep(long runId, int step, double loss, double lr) {
        db.insert("INSERT INTO training_steps(run_id, step, loss, lr) VALUES (?, ?, ?, ?)", runId, step, loss, lr);
    }

    public List<TrainingStepRecord> trainingSteps(long runId) {
        return db.query(TRAINING_STEPS_OF_RUN,
                rs -> new TrainingStepRecord(rs.getLong(1), rs.getInt(2), rs.getDouble(3), rs.getDouble(4)), runId);
    }

    // ---- few-shot ARC runs --------------------------------------------------------------------

    /** Stores a finished few-shot inner loop and its training steps in one transaction; returns its id. */
    public long addArcRun(ArcRunRecord.New r) {
        return inTransaction(() -> {
            long id = db.insert("""
                    INSERT INTO arc_runs(model_id, task_set, task, config_json, self_edit_text, settings_json, texts,
                                         texts_too_long, steps, last_loss, not_trained, prompts, readable, attempt_1,
                                         attempt_2, solved, answers_json, train_seconds, predict_seconds, created,
                                         answer_endings_json)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                    r.modelId(), r.taskSet(), r.task(), r.configJson(), r.selfEditText(), r.settingsJson(), r.texts(),
                    r.textsTooLong(), r.steps(), r.lastLoss(), r.notTrained(), r.prompts(), r.readable(), r.attempt1(),
                    r.attempt2(), r.solved() == null ? null : (r.solved() ? 1 : 0), r.answersJson(), r.trainSeconds(),
                    r.predictSeconds(), now(), r.answerEndingsJson());
            for (TrainingStepRecord st : r.trainingSteps()) {
                db.insert("INSERT INTO arc_training_steps(run_id, step, loss, lr) VALUES (?, ?, ?, ?)", id, st.step(),
                        st.loss(), st.lr());
            }
            return id;
        });
    }

    /** How many few-shot runs are stored (each finished; see {@link #addArcRun}). */
    public long arcRunCount() {
        return db.queryOne("SELECT COUNT(*) FROM arc_runs", rs -> rs.getLong(1)).orElse(0L);
    }

    /** Every stored few-shot run, oldest first. */
    public List<ArcRunRecord> arcRuns() {
        return db.query(arcRunSql + " ORDER BY id", ExperimentLog::arcRun);
    }

    /** One stored few-shot run by its id (ids of {@code arc_runs}, apart from the inner-loop runs' ids). */
    public Optional<ArcRunRecord> arcRun(long id) {
        return db.queryOne(arcRunSql + " WHERE id = ?", ExperimentLog::arcRun, id);
    }

    /**
     * The stored run of this model, task and self-edit under these settings (the first, if several): what a rerun
     * finds instead of training again. {@code configJson} null looks up the baseline.
     */
    public Optional<ArcRunRecord> findArcRun(long modelId, String taskSet, String task, String configJson,
            String settingsJson) {
        return db.queryOne(arcRunSql + " WHERE model_id = ? AND task_set = ? AND task = ? AND config_json IS ?"
                + " AND settings_json = ? ORDER BY id LIMIT 1", ExperimentLog::arcRun, modelId, taskSet, task, configJson,
                settingsJson);
    }

    /** How many training steps each few-shot run stored, by run id, in one query (runs without steps are absent). */
    public Map<Long, Integer> arcTrainingStepCounts() {
        Map<Long, Integer> counts = new HashMap<>();
        db.query("SELECT run_id, COUNT(*) FROM arc_training_steps GROUP BY run_id",
                rs -> counts.put(rs.getLong(1), rs.getInt(2)));
        return counts;
    }

    public List<TrainingStepRecord> arcTrainingSteps(long runId) {
        return db.query("SELECT run_id, step, loss, lr FROM arc_training_steps WHERE run_id = ? ORDER BY step",
                rs -> new TrainingStepRecord(rs.getLong(1), rs.getInt(2), rs.getDouble(3), rs.getDouble(4)), runId);
    }

    private static final String ARC_RUN_SQL = """
            SELECT id, model_id, task_set, task, config_json, self_edit_text, settings_json, texts, texts_too_long, steps,
                   last_loss, not_trained, prompts, readable, attempt_1, attempt_2, solved, answers_json, train_seconds,
                   predict_seconds, created, %s FROM arc_runs""";   // answer_endings_json, or NULL before step 12 (read-only)

    /** {@link #ARC_RUN_SQL} for this workspace's schema. */
    private final String arcRunSql;

    private static ArcRunRecord arcRun(ResultSet rs) throws SQLException {
        return new ArcRunRecord(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getInt(8), rs.getInt(9), rs.getInt(10),
                rs.getObject(11) == null ? null : rs.getDouble(11), rs.getString(12), rs.getInt(13), rs.getInt(14),
                rs.getString(15), rs.getString(16), rs.getObject(17) == null ? null : rs.getInt(17) == 1,
                rs.getString(18), rs.getDouble(19), rs.getDouble(20), instant(rs, 21), rs.getString(22));
    }

    // ---- answers and grades -----------------------------------------------------------------

    /** An answer whose ending is not known (an imported run result's): its finish and limit stay NULL. */
    public long addAnswer(long questionId, Long runId, String condition, String text) {
        return addAnswer(questionId, runId, condition, text, null, null);
    }

    /**
     * An answer with why it ended: {@code finish} as the generation stopped ("eos", "max_tokens", "context"; null: not
     * known), {@code finishLimit} the limit that cut it in tokens (the new-token limit, the model's context; null: none).
     */
    public long addAnswer(long questionId, Long runId, String condition, String text, String finish, Integer finishLimit) {
        return db.insert("INSERT INTO answers(question_id, run_id, condition, text, created, finish, finish_limit) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?)", questionId, runId, condition, text, now(), finish, finishLimit);
    }

    public List<AnswerRecord> answersOfRun(long runId) {
        return db.query(answerSql + ANSWERS_OF_RUN_WHERE, ExperimentLog::answer, runId);
    }

    public List<AnswerRecord> answersToQuestion(long questionId) {
        return db.query(answerSql + " WHERE question_id = ? ORDER BY id", ExperimentLog::answer, questionId);
    }

    private static final String ANSWER_SQL = "SELECT id, question_id, run_id, condition, text, created, finish, finish_limit FROM answers";
    /** The same columns from a workspace of a schema before {@link Migrations#ANSWER_FINISH_VERSION} (read-only). */
    private static final String ANSWER_SQL_BEFORE_FINISH =
            "SELECT id, question_id, run_id, condition, text, created, NULL, NULL FROM answers";
    /** {@link #ANSWER_SQL} or, read-only at an older schema, {@link #ANSWER_SQL_BEFORE_FINISH}. */
    private final String answerSql;

    private static AnswerRecord answer(ResultSet rs) throws SQLException {
        Object limit = rs.getObject(8);
        return new AnswerRecord(rs.getLong(1), rs.getLong(2), longOrNull(rs, 3), rs.getString(4), rs.getString(5),
                instant(rs, 6), rs.getString(7), limit == null ? null : ((Number) limit).intValue());
    }

    public long addGrade(long answerId, String grader, String verdict, double score) {
        return db.insert("INSERT INTO grades(answer_id, grader, verdict, score, created) VALUES (?, ?, ?, ?, ?)",
                answerId, grader, verdict, score, now());
    }

    /** The grades of every answer of a run, by answer id, oldest grade first (one query, not one per answer). */
    public Map<Long, List<GradeRecord>> gradesOfRun(long runId) {
        Map<Long, List<GradeRecord>> out = new HashMap<>();
        db.query(GRADES_OF_RUN,
                rs -> out.computeIfAbsent(rs.getLong(2), k -> new java.util.ArrayList<>()).add(new GradeRecord(rs.getLong(1),
                        rs.getLong(2), rs.getString(3), rs.getString(4), rs.getDouble(5), instant(rs, 6))), runId);
        return out;
    }

    public List<GradeRecord> grades(long answerId) {
        return db.query(GRADES_OF_ANSWER,
                rs -> new GradeRecord(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getDouble(5),
                        instant(rs, 6)), answerId);
    }

    // ---- rewards and RL rounds ----------------------------------------------------------------

    public long addReward(long selfEditId, Long rlRoundId, List<Long> runIds, double value) {
        return inTransaction(() -> {
            long id = db.insert("INSERT INTO rewards(self_edit_id, rl_round_id, value, created) VALUES (?, ?, ?, ?)",
                    selfEditId, rlRoundId, value, now());
            for (long runId : runIds) db.insert("INSERT INTO reward_runs(reward_id, run_id) VALUES (?, ?)", id, runId);
            return id;
        });
    }

    public List<RewardRecord> rewards(long selfEditId) {
        return db.query(REWARDS_OF_SELF_EDIT,
                rs -> new RewardRecord(rs.getLong(1), rs.getLong(2), longOrNull(rs, 3),
                        db.query(RUNS_OF_REWARD,
                                r -> r.getLong(1), rs.getLong(1)),
                        rs.getDouble(4), instant(rs, 5)), selfEditId);
    }

    /** A reward of an RL round with its self-edit's passage and text ({@link #roundRewards}). */
    public record RoundReward(long rlRoundId, long passageId, long selfEditId, double value, String text) {}

    /**
     * Every reward that belongs to an RL round, with its self-edit's passage and text, by passage, then self-edit, then
     * reward (the order of reading each passage's self-edits and then each one's rewards), in one query; not the self-edits
     * of an unfinished import.
     */
    public List<RoundReward> roundRewards() {
        return db.query("SELECT r.rl_round_id, s.passage_id, s.id, r.value, s.text FROM rewards r "
                        + "JOIN self_edits s ON s.id = r.self_edit_id WHERE r.rl_round_id IS NOT NULL AND "
                        + settled("self_edits", "s") + " ORDER BY s.passage_id, s.id, r.id",
                rs -> new RoundReward(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getDouble(4), rs.getString(5)),
                db.stagingJob());
    }

    public long startRlRound(int roundNumber, long modelInId) {
        markInterrupted();
        return db.insert("INSERT INTO rl_rounds(round_number, model_in_id, status, created, process_id) VALUES (?, ?, 'running', ?, ?)",
                roundNumber, modelInId, now(), processId());
    }

    /**
     * Sets a round's status and model out. Setting "running" (a resumed round taking over its interrupted
     * row) also records this process as the one running it, so that the row is not taken for its killed
     * predecessor's.
     */
    public void finishRlRound(long roundId, Long modelOutId, String status) {
        int n = "running".equals(status)
                ? inTransaction(() -> db.update("UPDATE rl_rounds SET model_out_id = ?, status = ?, process_id = ? WHERE id = ?",
                        modelOutId, status, processId(), roundId))
                : db.update("UPDATE rl_rounds SET model_out_id = ?, status = ? WHERE id = ?", modelOutId, status, roundId);
        if (n != 1) {
            throw new StoreException(db.file + ": no RL round with id " + roundId);
        }
    }

    public List<RlRoundRecord> rlRounds() {
        return db.query("SELECT id, round_number, model_in_id, model_out_id, status, created FROM rl_rounds ORDER BY id",
                rs -> new RlRoundRecord(rs.getLong(1), rs.getInt(2), rs.getLong(3), longOrNull(rs, 4), rs.getString(5),
                        instant(rs, 6)));
    }

    // ---- learnability (self-edit perplexities) --------------------------------------------------

    /** Stores a self-edit's mean token loss under a model (replacing an earlier one of the same pair); returns its id. */
    public long putPerplexity(long selfEditId, long modelId, double meanTokenLoss, long tokens, String settingsDigest) {
        return inTransaction(() -> {
            db.update("DELETE FROM self_edit_perplexity WHERE self_edit_id = ? AND model_id = ?", selfEditId, modelId);
            return db.insert("INSERT INTO self_edit_perplexity(self_edit_id, model_id, mean_token_loss, tokens, settings_digest, "
                    + "created) VALUES (?, ?, ?, ?, ?, ?)", selfEditId, modelId, meanTokenLoss, tokens, settingsDigest, now());
        });
    }

    public List<PerplexityRecord> perplexities() {
        return db.query("SELECT id, self_edit_id, model_id, mean_token_loss, tokens, settings_digest, created "
                + "FROM self_edit_perplexity ORDER BY id", rs -> new PerplexityRecord(rs.getLong(1), rs.getLong(2),
                rs.getLong(3), rs.getDouble(4), rs.getLong(5), rs.getString(6), instant(rs, 7)));
    }

    // ---- annotations -------------------------------------------------------------------------

    public long addAnnotation(String annotator, String kind, String target, String payloadJson) {
        return db.insert("INSERT INTO annotations(annotator, kind, target, payload_json, created) VALUES (?, ?, ?, ?, ?)",
                annotator, kind, target, payloadJson, now());
    }

    /** Annotations of one target, or all when target is null. */
    public List<AnnotationRecord> annotations(String target) {
        String sql = "SELECT id, annotator, kind, target, payload_json, created FROM annotations";
        Db.Row<AnnotationRecord> row = rs -> new AnnotationRecord(rs.getLong(1), rs.getString(2), rs.getString(3),
                rs.getString(4), rs.getString(5), instant(rs, 6));
        return target == null ? db.query(sql + " ORDER BY id", row) : db.query(sql + " WHERE target = ? ORDER BY id", row, target);
    }

    // ---- jobs --------------------------------------------------------------------------------

    /** Records a new job with status "running"; returns its id. */
    public long addJob(String kind, String paramsJson) {
        return addJob(kind, paramsJson, null);
    }

    /** Records a new job with status "running" and the request it was built from (JSON); returns its id. */
    public long addJob(String kind, String paramsJson, String requestJson) {
        endUnended();
        String now = now();
        return inTransaction(() -> db.insert("INSERT INTO jobs(kind, params_json, status, progress, message, created, updated, "
                + "request_json, process_id) VALUES (?, ?, 'running', 0, NULL, ?, ?, ?, ?)",
                kind, paramsJson, now, now, requestJson, processId()));
    }

    /**
     * Sets a job's status, progress and message. Setting "running" (a resumed job) also records this process
     * as the one running it, so that its row is not taken for its killed predecessor's.
     */
    public void updateJob(long jobId, String status, double progress, String message) {
        int n = "running".equals(status)
                ? inTransaction(() -> db.update("UPDATE jobs SET status = ?, progress = ?, message = ?, updated = ?, "
                        + "process_id = ? WHERE id = ?", status, progress, message, now(), processId(), jobId))
                : db.update("UPDATE jobs SET status = ?, progress = ?, message = ?, updated = ? WHERE id = ?",
                        status, progress, message, now(), jobId);
        if (n != 1) throw new StoreException(db.file + ": no job with id " + jobId);
    }

    /**
     * Ends a job's row as {@link #updateJob} does, for the paths that end a job after a failure: when the workspace
     * cannot be written just then (the failure may be a full disk), the ending is remembered and written, with the
     * removal of any rows the job staged, at the next {@link #markInterrupted} of this process (the workspace opened
     * again, a run started) or the next job added, instead of being thrown over the failure it reports. Returns
     * whether the row was written now.
     */
    public boolean endJob(long jobId, String status, double progress, String message) {
        try {
            updateJob(jobId, status, progress, message);
            return true;
        } catch (StoreException e) {
            unended().put(jobId, new String[] {status, message});
            return false;
        }
    }

    /**
     * Endings this process could not write, by database file: job id -> {status, message} (both null: only the job's
     * staged rows are left to remove). Process-wide, because the window opens a workspace's log more than once.
     */
    private static final java.util.Map<Path, java.util.Map<Long, String[]>> UNENDED = new java.util.concurrent.ConcurrentHashMap<>();

    private java.util.Map<Long, String[]> unended() {
        return UNENDED.computeIfAbsent(db.file.normalize(), f -> new java.util.concurrent.ConcurrentHashMap<>());
    }

    /**
     * Removes the rows job {@code job} staged (inside the caller's transaction) and words it for the job's message ("its
     * 3 partly written row(s) were removed{when}"), or null when it had none.
     */
    private String undoStaged(long job, String when) {
        int[] undone = db.tx(() -> db.undoStaged(job));
        if (undone[0] == 0 && undone[1] == 0) return null;
        return "its " + undone[0] + " partly written row(s) were removed" + when
                + (undone[1] > 0 ? ", " + undone[1] + " kept because other rows now use them" : "");
    }

    /** Appends {@code note} (if any) to a job's message. */
    private void noteOnJob(long job, String note) {
        if (note != null) db.update("UPDATE jobs SET message = COALESCE(message || '; ', '') || ? WHERE id = ?", note, job);
    }

    /** Writes the endings {@link #endJob} and {@link StagedWrites#abandon} could not; those that still fail wait on. */
    private void endUnended() {
        java.util.Map<Long, String[]> pending = UNENDED.get(db.file.normalize());
        if (pending == null || pending.isEmpty()) return;
        for (java.util.Map.Entry<Long, String[]> e : List.copyOf(pending.entrySet())) {
            long job = e.getKey();
            String status = e.getValue()[0];
            String message = e.getValue()[1];
            try {
                inTransaction(() -> {
                    String removed = undoStaged(job, " later");
                    if (status != null) {
                        db.update("UPDATE jobs SET status = ?, message = ?, updated = ? WHERE id = ? AND status = 'running'",
                                status, removed == null ? message : message + "; " + removed, now(), job);
                    } else {
                        noteOnJob(job, removed);
                    }
                    return null;
                });
                pending.remove(job);
            } catch (StoreException still) {
                // Still cannot write (the disk is still full): the next open or run tries again.
            }
        }
    }

    public Optional<JobRecord> job(long id) {
        return db.queryOne(JOB_SQL + " WHERE id = ?", ExperimentLog::job, id);
    }

    public List<JobRecord> jobs() {
        return db.query(JOB_SQL + " ORDER BY id", ExperimentLog::job);
    }

    /**
     * Ids of the jobs "running" in another process than this one (another pid, or another host), e.g. the command line
     * while the window is open: the window re-attaches to them by reading their rows. Call {@link #markInterrupted()}
     * first so that rows of dead processes are not among them.
     */
    public java.util.Set<Long> jobsRunningInOtherProcesses() {
        ProcessIdentity me = ProcessIdentity.current();
        java.util.Set<Long> ids = new java.util.TreeSet<>();
        db.query("SELECT j.id FROM jobs j JOIN processes p ON p.id = j.process_id WHERE j.status = 'running' "
                + "AND NOT (p.pid = ? AND p.host = ?)", rs -> ids.add(rs.getLong(1)), me.pid(), me.host());
        return ids;
    }

    private static final String JOB_SQL = "SELECT id, kind, params_json, status, progress, message, created, updated, request_json FROM jobs";

    private static JobRecord job(ResultSet rs) throws SQLException {
        return new JobRecord(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getDouble(5),
                rs.getString(6), instant(rs, 7), instant(rs, 8), rs.getString(9));
    }

    // ---- counts ------------------------------------------------------------------------------

    /** What readers see: passages, questions and self-edits of an unfinished import are not counted ({@link #stagedRows}). */
    public Counts counts() {
        Long mine = db.stagingJob();
        return db.queryOne("SELECT (SELECT COUNT(*) FROM passages p WHERE " + settled("passages", "p") + "), "
                        + "(SELECT COUNT(*) FROM questions q WHERE " + settled("questions", "q") + "), "
                        + "(SELECT COUNT(*) FROM self_edits s WHERE " + settled("self_edits", "s") + "), "
                        + "(SELECT COUNT(*) FROM models), (SELECT COUNT(*) FROM inner_loop_runs), (SELECT COUNT(*) FROM answers), "
                        + "(SELECT COUNT(*) FROM grades), (SELECT COUNT(*) FROM annotations)",
                rs -> new Counts(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
                        rs.getLong(6), rs.getLong(7), rs.getLong(8)), mine, mine, mine).orElseThrow();
    }

    // ---- results (added for the results table and the importers) --------------------------------

    /**
     * What results computed from the graded answers depend on, as numbers that change whenever a grade, answer or run is
     * added or removed (counts and the newest ids): equal stamps, equal results. Rows are only removed by undoing a job's
     * staged rows, and the ids SQLite hands out next may then be the removed ones again: the jobs' count and newest id are
     * part of the stamp, so that a failed import and a second one writing as many rows do not look like no change. A few
     * index scans, milliseconds.
     */
    public List<Long> resultsStamp() {
        return db.queryOne("SELECT (SELECT COUNT(*) FROM grades), (SELECT MAX(id) FROM grades), (SELECT COUNT(*) FROM answers), "
                        + "(SELECT MAX(id) FROM answers), (SELECT COUNT(*) FROM inner_loop_runs), (SELECT MAX(id) FROM inner_loop_runs), "
                        + "(SELECT COUNT(*) FROM jobs), (SELECT MAX(id) FROM jobs)",
                rs -> List.of(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6),
                        rs.getLong(7), rs.getLong(8))).orElseThrow();
    }

    /**
     * What the runs table (History, {@code seal runs}) is computed from, as numbers that change whenever it would: the
     * {@link #resultsStamp}, each run status's count (a run that ends changes them), the newest training step, the models,
     * and the few-shot runs and their steps. A few index scans, milliseconds.
     */
    public List<Object> runsStamp() {
        List<Object> out = new java.util.ArrayList<>(resultsStamp());
        out.add(statusCounts("runs"));
        out.addAll(db.queryOne("SELECT (SELECT MAX(id) FROM training_steps), (SELECT COUNT(*) FROM models), "
                        + "(SELECT COUNT(*) FROM arc_runs), (SELECT MAX(id) FROM arc_runs), (SELECT MAX(rowid) FROM arc_training_steps)",
                rs -> List.of(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5))).orElseThrow());
        return out;
    }

    /** How many grades each grader (automatic or {@code human:NAME}) made, by grader name. */
    public Map<String, Long> graderCounts() {
        Map<String, Long> out = new java.util.TreeMap<>();
        db.query("SELECT grader, COUNT(*) FROM grades GROUP BY grader", rs -> out.put(rs.getString(1), rs.getLong(2)));
        return out;
    }

    /**
     * Every grade of every answer, oldest grade first, joined with the answer's question, run and condition;
     * only the runs of one experiment when experimentId is not null.
     */
    public List<GradedAnswer> gradedAnswers(Long experimentId) {
        // A run's self-edit, experiment and settings snapshot are read once per run, not once per answer (a large
        // workspace's 420,000 grades carried 370 MB of the same few snapshots), and every answer of a run shares its run's.
        Map<Long, RunKeys> runs = runKeys();
        Map<String, String> words = new HashMap<>();   // conditions, graders, verdicts: a few distinct values, shared
        String sql = "SELECT g.id, a.id, a.question_id, q.passage_id, a.run_id, a.condition, g.grader, g.verdict, g.score "
                + "FROM grades g JOIN answers a ON a.id = g.answer_id JOIN questions q ON q.id = a.question_id";
        Object[] last = {null, null};   // the previous answer's run id and keys: a run's answers mostly come together
        Db.Row<GradedAnswer> row = rs -> {
            Long runId = longOrNull(rs, 5);
            RunKeys run;
            if (runId != null && runId.equals(last[0])) {
                run = (RunKeys) last[1];
            } else {
                run = runId == null ? null : runs.get(runId);
                last[0] = runId;
                last[1] = run;
            }
            return new GradedAnswer(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), runId,
                    run == null ? null : run.selfEditId(), run == null ? null : run.experimentId(), shared(words, rs.getString(6)),
                    run == null ? null : run.settingsJson(), shared(words, rs.getString(7)), shared(words, rs.getString(8)),
                    rs.getDouble(9));
        };
        return experimentId == null ? db.query(sql + " ORDER BY g.id", row)
                : db.query(sql + " JOIN inner_loop_runs r ON r.id = a.run_id WHERE r.experiment_id = ? ORDER BY g.id", row,
                        experimentId);
    }

    /** How many answers of an inner-loop run got a verdict as their newest grade by a grader ({@link #runVerdictCounts}). */
    public record VerdictCount(long runId, String grader, String verdict, int answers) {}

    /**
     * Per inner-loop run, grader and verdict: how many of the run's answers have that verdict as their newest grade by that
     * grader (the grade with the highest id of the answer and grader, as {@link #gradedAnswers} lists them oldest first),
     * by run and then grader and verdict. SQLite counts them: the runs table needs these few numbers per run, not the
     * 420,000 graded answers of a large workspace (1.5 s to read into Java). Cheaper than {@link #resultCells} (a third
     * less time on a large workspace): what the runs table reads when no cells were counted at the results' stamp.
     */
    public List<VerdictCount> runVerdictCounts() {
        Map<String, String> words = new HashMap<>();   // graders and verdicts: a few distinct values, shared
        return db.query(RUN_VERDICT_COUNTS, rs -> new VerdictCount(rs.getLong(1), shared(words, rs.getString(2)),
                shared(words, rs.getString(3)), rs.getInt(4)));
    }

    /**
     * {@link #runVerdictCounts}: the grades {@link #gradedAnswers} joins (scanned in id order, each answer and question by
     * its key), an older grade of the same answer and grader left out through the grades' index.
     */
    static final String RUN_VERDICT_COUNTS = "SELECT a.run_id, g.grader, g.verdict, COUNT(*) FROM grades g "
            + "JOIN answers a ON a.id = g.answer_id JOIN questions q ON q.id = a.question_id WHERE a.run_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM grades n "
            + "WHERE n.answer_id = g.answer_id AND n.grader = g.grader AND n.id > g.id) "
            + "GROUP BY a.run_id, g.grader, g.verdict ORDER BY a.run_id, g.grader, g.verdict";

    /**
     * Every (run, passage, answer condition, grader)'s newest grades counted by SQLite ({@link ResultCell}), oldest cell
     * first (by {@link ResultCell#firstGradeId}): everything the results table and the runs table need of the graded
     * answers ({@link #gradedAnswers} lists each one: 420,000 on a large workspace, a second and more to read into Java;
     * these are one per run and grader). A verdict counts as correct when {@code correct} says so, the caller's rule: the
     * distinct verdicts are read first and those it accepts handed to the query.
     */
    public List<ResultCell> resultCells(java.util.function.Predicate<String> correct) {
        com.google.gson.JsonArray accepted = new com.google.gson.JsonArray();
        for (String v : db.query("SELECT DISTINCT verdict FROM grades", rs -> rs.getString(1))) {
            if (correct.test(v)) accepted.add(v);
        }
        Map<Long, RunKeys> runs = runKeys();
        Map<String, String> words = new HashMap<>();   // conditions, graders, question lists: few distinct values, shared
        List<ResultCell> cells = db.query(RESULT_CELLS, rs -> {
            Long runId = longOrNull(rs, 1);
            RunKeys run = runId == null ? null : runs.get(runId);
            return new ResultCell(runId, rs.getLong(2), shared(words, rs.getString(3)), shared(words, rs.getString(4)),
                    rs.getInt(5), rs.getInt(6), rs.getLong(7), shared(words, rs.getString(8)),
                    run == null ? null : run.selfEditId(), run == null ? null : run.experimentId(),
                    run == null ? null : run.settingsJson());
        }, accepted.toString());
        List<ResultCell> sorted = new java.util.ArrayList<>(cells);
        sorted.sort(java.util.Comparator.comparingLong(ResultCell::firstGradeId));
        return sorted;
    }

    /**
     * {@link #resultCells}: the grades {@link #gradedAnswers} joins, an older grade of the same answer and grader left out
     * (as {@link #gradedAnswers}' readers do), grouped; ?1 is the JSON array of the verdicts that count as correct.
     */
    static final String RESULT_CELLS = "SELECT a.run_id, q.passage_id, a.condition, g.grader, COUNT(*), "
            + "SUM(g.verdict IN (SELECT value FROM json_each(?1))), MIN(g.id), group_concat(a.question_id) FROM grades g "
            + "JOIN answers a ON a.id = g.answer_id JOIN questions q ON q.id = a.question_id WHERE NOT EXISTS (SELECT 1 "
            + "FROM grades n WHERE n.answer_id = g.answer_id AND n.grader = g.grader AND n.id > g.id) "
            + "GROUP BY a.run_id, q.passage_id, a.condition, g.grader";

    /** What a graded answer takes from its run. */
    private record RunKeys(Long selfEditId, Long experimentId, String settingsJson) {}

    /** Every run's self-edit, experiment and settings by run id; one String per run of equal consecutive snapshots. */
    private Map<Long, RunKeys> runKeys() {
        Map<Long, RunKeys> out = new HashMap<>();
        String[] last = {null};
        db.query("SELECT id, self_edit_id, experiment_id, " + SETTINGS_IF_CHANGED + " FROM inner_loop_runs ORDER BY id", rs -> {
            if (rs.getString(4) != null) last[0] = rs.getString(4);
            return out.put(rs.getLong(1), new RunKeys(longOrNull(rs, 2), longOrNull(rs, 3), last[0]));
        });
        return out;
    }

    private static String shared(Map<String, String> words, String s) {
        if (s == null) return null;
        String had = words.putIfAbsent(s, s);
        return had == null ? s : had;
    }

    /** Adds a question to a stored passage after its last one; returns the question's id. */
    public long addQuestion(long passageId, String question, String answer) {
        return inTransaction(() -> {
            long next = db.queryOne("SELECT COALESCE(MAX(ordinal) + 1, 0) FROM questions WHERE passage_id = ?",
                    rs -> rs.getLong(1), passageId).orElse(0L);
            return db.insert("INSERT INTO questions(passage_id, ordinal, question, answer) VALUES (?, ?, ?, ?)",
                    passageId, next, question, answer);
        });
    }

    /** The oldest self-edit of a passage with exactly this text and author model (modelId null: no model). */
    public Optional<Long> findSelfEdit(long passageId, Long modelId, String text) {
        return modelId == null
                ? db.queryOne("SELECT id FROM self_edits WHERE passage_id = ? AND model_id IS NULL AND text = ? ORDER BY id LIMIT 1",
                        rs -> rs.getLong(1), passageId, text)
                : db.queryOne("SELECT id FROM self_edits WHERE passage_id = ? AND model_id = ? AND text = ? ORDER BY id LIMIT 1",
                        rs -> rs.getLong(1), passageId, modelId, text);
    }

    // ---- the window's hot queries ---------------------------------------------------------------
    // What selecting a passage, a run or a self-edit reads, one row or a few by key: each must find its rows through an
    // index (HotQueryPlansTest reads SQLite's plan of each), since a scan reads the whole table on every click (the runs
    // of a passage scanned 85,000 runs). Rows found by an index come in id order, so ORDER BY id costs no sort.

    static final String PASSAGE_BY_ID = "SELECT id, title, context FROM passages WHERE id = ?";
    static final String QUESTIONS_OF_PASSAGE =
            "SELECT id, passage_id, ordinal, question, answer FROM questions WHERE passage_id = ? ORDER BY ordinal";
    static final String SELF_EDITS_OF_PASSAGE = SELF_EDIT_SQL + " WHERE passage_id = ? AND " + settled("self_edits", "self_edits")
            + " ORDER BY id";
    static final String EDITS_OF = SELF_EDIT_SQL + " WHERE parent_self_edit_id = ? ORDER BY id";
    static final String REWARDS_OF_SELF_EDIT =
            "SELECT id, self_edit_id, rl_round_id, value, created FROM rewards WHERE self_edit_id = ? ORDER BY id";
    static final String RUNS_OF_REWARD = "SELECT run_id FROM reward_runs WHERE reward_id = ? ORDER BY run_id";
    static final String RUNS_OF_PASSAGE = RUN_SQL + " WHERE passage_id = ? ORDER BY id";
    static final String PASSAGELESS_RUNS_ANSWERING = RUN_SQL + " WHERE passage_id IS NULL AND id IN (SELECT a.run_id "
            + "FROM questions q JOIN answers a ON a.question_id = q.id WHERE q.passage_id = ?) ORDER BY id";
    private static final String ANSWERS_OF_RUN_WHERE = " WHERE run_id = ? ORDER BY id";
    static final String ANSWERS_OF_RUN = ANSWER_SQL + ANSWERS_OF_RUN_WHERE;
    /** By answer, each answer's grades oldest first. */
    static final String GRADES_OF_RUN = "SELECT g.id, g.answer_id, g.grader, g.verdict, g.score, g.created FROM answers a "
            + "JOIN grades g ON g.answer_id = a.id WHERE a.run_id = ? ORDER BY a.id, g.id";
    static final String GRADES_OF_ANSWER =
            "SELECT id, answer_id, grader, verdict, score, created FROM grades WHERE answer_id = ? ORDER BY id";
    static final String TRAINING_STEPS_OF_RUN = "SELECT run_id, step, loss, lr FROM training_steps WHERE run_id = ? ORDER BY step";
    /** Every run's step count: one pass over the steps' index, not over the steps. */
    static final String TRAINING_STEP_COUNTS = "SELECT run_id, COUNT(*) FROM training_steps GROUP BY run_id";

    /** SQLite's plan for a query (EXPLAIN QUERY PLAN), one line per step, for tests of the hot queries. */
    String queryPlan(String sql, Object... args) {
        return String.join("\n", db.query("EXPLAIN QUERY PLAN " + sql, rs -> rs.getString(4), args));
    }

    @Override
    public void close() {
        db.close();
    }

    private static String now() {
        return Instant.now().toString();
    }

    private static Instant instant(ResultSet rs, int col) throws SQLException {
        String s = rs.getString(col);
        return s == null ? null : parseInstant(s);
    }

    /**
     * A stored time, as {@link Instant#toString} wrote it ("2025-12-06T09:46:23.123456Z", UTC, 0-9 fraction digits): read
     * by hand, as {@link Instant#parse} took a third of the time of reading 85,000 runs; any other form goes to it.
     */
    static Instant parseInstant(String s) {
        int n = s.length();
        if (n < 20 || n > 30 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T' || s.charAt(13) != ':'
                || s.charAt(16) != ':' || s.charAt(n - 1) != 'Z' || (n > 20 && (s.charAt(19) != '.' || n == 21))) {
            return Instant.parse(s);
        }
        int year = digits(s, 0, 4), month = digits(s, 5, 7), day = digits(s, 8, 10);
        int hour = digits(s, 11, 13), minute = digits(s, 14, 16), second = digits(s, 17, 19);
        int nanos = 0;
        if (n > 20) {
            nanos = digits(s, 20, n - 1);
            for (int i = n - 1 - 20; i < 9; i++) nanos *= 10;
        }
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour > 23 || minute < 0 || minute > 59
                || second < 0 || second > 59 || nanos < 0) {
            return Instant.parse(s);   // not the usual form (or out of range): the JDK's parser says what is wrong
        }
        long epochDay;
        try {
            epochDay = java.time.LocalDate.of(year, month, day).toEpochDay();
        } catch (java.time.DateTimeException e) {
            return Instant.parse(s);   // a 30 February: the JDK's parser says what is wrong, as before
        }
        return Instant.ofEpochSecond(epochDay * 86_400L + hour * 3_600L + minute * 60L + second, nanos);
    }

    /** The decimal number in s[from, to), or -1 when a character there is not a digit. */
    private static int digits(String s, int from, int to) {
        int v = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') return -1;
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private static Long longOrNull(ResultSet rs, int col) throws SQLException {
        long v = rs.getLong(col);
        return rs.wasNull() ? null : v;
    }
}
