package org.sealworkbench.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Two SQLite connections to one workspace file: a writer whose every write runs in a transaction
 * owned by one thread at a time, and a reader for other threads. In WAL mode the reader sees the last
 * committed state without waiting, so the GUI can browse while an import's long transaction runs.
 */
final class Db implements AutoCloseable {
    /** Maps one result row to a value. */
    interface Row<T> {
        T map(ResultSet rs) throws SQLException;
    }

    /** Work inside a transaction that may fail with SQL errors. */
    interface SqlWork<T> {
        T run() throws SQLException;
    }

    /** Readers wait this long for SQLite's rare reader locks (WAL recovery, a checkpoint). */
    private static final int BUSY_TIMEOUT_MS = 10_000;
    /**
     * The writer's busy timeout: one attempt at the write lock waits this long inside SQLite, then the
     * waiting writer is told (progress) and tries again.
     */
    static final int WRITER_ATTEMPT_MS = 500;
    /**
     * The writer's SQLite busy timeout. Kept tiny so that a waiting writer polls the lock every millisecond
     * or two (SQLite's own busy handler backs off to 100 ms sleeps, and would miss the short gaps a chunked
     * writer leaves between its transactions); {@link #beginImmediate} loops and tells the listener every
     * {@link #WRITER_ATTEMPT_MS}.
     */
    private static final int WRITER_POLL_MS = 2;
    /** A staged writer commits its open transaction once it is this old, so other writers interleave. */
    static final long CHUNK_NANOS = 200_000_000L;
    /** ... and before its next chunk leaves the lock free this long, so that a polling writer gets it. */
    private static final long CHUNK_GAP_MS = 5;
    /** A writer with nobody to tell that it is waiting gives up after this long. */
    static final long UNWATCHED_WAIT_LIMIT_MS = 120_000;

    /** Told, about twice a second, while this thread waits for another writer to finish. */
    interface WriteWait {
        /** @param waitedMillis how long this write has waited so far; may throw to give up (cancel) */
        void waiting(long waitedMillis);
    }

    private final ThreadLocal<WriteWait> waitListener = new ThreadLocal<>();

    final Path file;
    /** Why the database is open read-only, in words; null: open for writing. */
    final String readOnly;
    /** Null when read-only. */
    private final Connection writer;
    private final Connection reader;
    private final Map<String, PreparedStatement> writerStatements = new HashMap<>();
    private final Map<String, PreparedStatement> readerStatements = new HashMap<>();
    /** Fair, so that a thread writing chunk after chunk cannot starve the process's other writers. */
    private final ReentrantLock txLock = new ReentrantLock(true);

    /** A job's staged writes on one thread (see {@link #stage}). */
    private static final class Staging {
        final long jobId;
        /** Whether this thread holds an open chunk transaction (and one extra hold of txLock for it). */
        boolean open;
        long began;
        long committed;

        Staging(long jobId) {
            this.jobId = jobId;
        }
    }

    private final ThreadLocal<Staging> staging = new ThreadLocal<>();
    /** Tables whose rows are bookkeeping, never a job's staged rows. */
    private static final java.util.Set<String> UNSTAGED = java.util.Set.of("staged_rows", "jobs", "processes");
    private static final java.util.regex.Pattern INSERT_TABLE =
            java.util.regex.Pattern.compile("^\\s*INSERT\\s+INTO\\s+(\\w+)", java.util.regex.Pattern.CASE_INSENSITIVE);

    /** Opens the file for writing (creating it when missing) and migrates it to the current schema. */
    Db(Path file) {
        this.file = file;
        this.readOnly = null;
        Connection w = null;
        try {
            w = connect(file);
            try (Statement st = w.createStatement()) {
                st.execute("PRAGMA busy_timeout = " + WRITER_POLL_MS);
            }
            // Reading the version is the first real access: a file that is not SQLite fails here.
            Migrations.migrate(w, file, this::beginImmediate);
            this.writer = w;
            this.reader = connect(file);
        } catch (SQLException | RuntimeException e) {
            closeQuietly(w);
            throw openFailure(file, e);
        }
    }

    /**
     * Opens an existing file read-only: one reading connection, no migration, and every write refused with a
     * {@link ReadOnlyWorkspaceException} before anything is written (there is no writing connection to write with).
     *
     * @param reason         why, in words for the refusal ("this user may not write to the folder")
     * @param mayCreateFiles whether this user may create files in the folder and write the database (it is read-only
     *                       only on request): then SQLite may make its {@code -shm} file as usual (see {@link #readOnlyUri})
     */
    private Db(Path file, String reason, boolean mayCreateFiles) {
        this.file = file;
        this.readOnly = reason;
        Connection r = null;
        try {
            String uri = readOnlyUri(file, mayCreateFiles);
            org.sqlite.SQLiteConfig config = new org.sqlite.SQLiteConfig();
            config.setReadOnly(true);
            config.setBusyTimeout(BUSY_TIMEOUT_MS);
            r = DriverManager.getConnection("jdbc:sqlite:" + uri, config.toProperties());
            // Reading the version is the first real access: a file that is not SQLite fails here.
            Migrations.requireCurrent(r, file, reason);
            this.writer = null;
            this.reader = r;
        } catch (SQLException | RuntimeException e) {
            closeQuietly(r);
            throw openFailure(file, e);
        }
    }

    /** What a failed open throws: SQLite's failure in words, naming the file; another failure as it is. */
    private static RuntimeException openFailure(Path file, Exception e) {
        if (e instanceof RuntimeException r) return r;
        SQLException sql = (SQLException) e;
        return new StoreException(file + ": " + (SqlErrors.known(sql) ? SqlErrors.describe(file, sql)
                : "cannot open as a workspace database: " + sql.getMessage()), sql);
    }

    /** See {@link #Db(Path, String, boolean)}. */
    static Db readOnly(Path file, String reason, boolean mayCreateFiles) {
        return new Db(file, reason, mayCreateFiles);
    }

    /**
     * The SQLite URI that reads a WAL-mode database without writing anything beside it (sqlite.org/wal.html, "Read-Only
     * Databases"; sqlite.org/uri.html). A read-only connection to a WAL database still needs the {@code -shm} file (the
     * WAL's index), and opens only where it exists or can be created; in a folder this user may not write, a workspace
     * closed cleanly has neither {@code -wal} nor {@code -shm}, and SQLite refuses it (SQLITE_READONLY_DIRECTORY,
     * SQLITE_CANTOPEN; checked as a user without write access). So:
     * <ul>
     * <li>the user may write the folder and the file (read-only on request): {@code mode=ro}, SQLite's ordinary read-only
     * open, which makes the {@code -shm} as it would anyway and keeps the locks, so it reads safely beside a writer;</li>
     * <li>no {@code -wal}, or an empty one (every commit is in the database file): {@code immutable=1}, which reads the
     * file with no index, no locks and no file created. Right because nothing is pending in a WAL; it assumes no other
     * process writes meanwhile (true for a folder nobody may write; an owner who writes anyway is not seen until the
     * workspace is opened again). It is never used with a non-empty {@code -wal}: immutable ignores the WAL, and the
     * commits still in it would silently be missing (checked: a database whose tables were all in the WAL read "no such
     * table");</li>
     * <li>a non-empty {@code -wal} and a readable {@code -shm} (a writer is running, or was killed): {@code mode=ro};
     * SQLite reads the WAL through a private index in memory where it may not write the {@code -shm};</li>
     * <li>a non-empty {@code -wal} and no {@code -shm}: nothing reads those commits without creating the {@code -shm}, so
     * the open is refused with what to do (and no file is created in another user's folder: a {@code -shm} made by this
     * user, with the database's read-only mode, would stop its owner from writing).</li>
     * </ul>
     */
    static String readOnlyUri(Path file, boolean mayCreateFiles) {
        String base = fileUri(file);
        if (mayCreateFiles) return base + "?mode=ro";
        Path wal = file.resolveSibling(file.getFileName() + "-wal");
        Path shm = file.resolveSibling(file.getFileName() + "-shm");
        long walSize;
        try {
            walSize = Files.exists(wal) ? Files.size(wal) : 0;
        } catch (java.io.IOException e) {
            throw new StoreException(wal + ": cannot read its size: " + e.getMessage(), e);
        }
        if (walSize == 0) return base + "?immutable=1";
        if (Files.isReadable(shm)) return base + "?mode=ro";
        throw new StoreException(file + ": the workspace's last changes are still in " + wal.getFileName()
                + ", which SQLite can read only with " + shm.getFileName() + " beside it, and this user may not create that"
                + " file in " + file.getParent() + ": open the workspace once where it can be written (that moves the"
                + " changes into " + file.getFileName() + "), or work on a copy of the folder");
    }

    /** {@code file:///...} with every byte but letters, digits and {@code -._~/} percent-encoded (a '?', '#' or '%' in a name). */
    static String fileUri(Path file) {
        String path = file.toAbsolutePath().toString().replace('\\', '/');
        StringBuilder s = new StringBuilder("file://");
        if (!path.startsWith("/")) s.append('/');   // C:/... on Windows: file:///C:/...
        for (byte b : path.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xFF);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~/".indexOf(c) >= 0) {
                s.append(c);
            } else {
                s.append('%').append(String.format("%02X", b & 0xFF));
            }
        }
        return s.toString();
    }

    /** The refusal of a write to a read-only database, naming the workspace folder. */
    private ReadOnlyWorkspaceException refusal() {
        return new ReadOnlyWorkspaceException(file.getParent(), readOnly);
    }

    /** Throws {@link ReadOnlyWorkspaceException} when the database is open read-only. */
    void requireWritable() {
        if (readOnly != null) throw refusal();
    }

    private static Connection connect(Path file) throws SQLException {
        Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
        try (Statement st = c.createStatement()) {
            st.execute("PRAGMA busy_timeout = " + BUSY_TIMEOUT_MS);
            st.execute("PRAGMA foreign_keys = ON");
            try (ResultSet rs = st.executeQuery("PRAGMA journal_mode = WAL")) {
                if (!rs.next() || !"wal".equalsIgnoreCase(rs.getString(1))) {
                    throw new SQLException("could not switch the journal to WAL mode");
                }
            }
            // NORMAL is durable against process crashes in WAL mode; only an OS crash may lose the last commit.
            st.execute("PRAGMA synchronous = NORMAL");
        } catch (SQLException e) {
            c.close();
            throw e;
        }
        return c;
    }

    /**
     * Runs work in one transaction (joining the caller's if this thread already holds one). Any exception
     * rolls it back; SQL errors come out as StoreException naming the file, others unchanged.
     */
    <T> T tx(SqlWork<T> work) {
        requireWritable();
        long t0 = System.nanoTime();
        lockInProcess(t0);
        try {
            Staging st = staging.get();
            int chunkHold = st != null && st.open ? 1 : 0;
            if (txLock.getHoldCount() > 1 + chunkHold) return work.run();
            if (st != null) return stagedTx(st, work, t0);
            beginImmediate(writer, t0);
            boolean ok = false;
            try {
                T result = work.run();
                exec(writer, "COMMIT");
                ok = true;
                return result;
            } finally {
                if (!ok) rollbackQuietly();
            }
        } catch (SQLException e) {
            throw new StoreException(file + ": " + SqlErrors.describe(file, e), e);
        } finally {
            txLock.unlock();
        }
    }

    /**
     * One transaction of a staged job: a savepoint inside the thread's open chunk (opening one when none is
     * open), so a failed unit rolls back alone as in {@link #tx}; the chunk commits once it is
     * {@link #CHUNK_NANOS} old.
     */
    private <T> T stagedTx(Staging st, SqlWork<T> work, long t0) throws SQLException {
        if (!st.open) {
            long sinceCommit = (System.nanoTime() - st.committed) / 1_000_000;
            if (st.committed != 0 && sinceCommit < CHUNK_GAP_MS) {
                try {
                    Thread.sleep(CHUNK_GAP_MS - sinceCommit);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new StoreException(file + ": interrupted between two parts of a job's writes");
                }
            }
            beginImmediate(writer, t0);
            txLock.lock(); // held while the chunk is open, released when it commits
            st.open = true;
            st.began = System.nanoTime();
        }
        run("SAVEPOINT staged_unit");
        boolean ok = false;
        try {
            T result = work.run();
            run("RELEASE staged_unit");
            ok = true;
            if (System.nanoTime() - st.began > CHUNK_NANOS) endChunk(st, true);
            return result;
        } finally {
            if (!ok) {
                try {
                    run("ROLLBACK TO staged_unit");
                    run("RELEASE staged_unit");
                } catch (SQLException e) {
                    // The transaction itself is gone (SQLite rolled it back): so is the chunk.
                    endChunk(st, false);
                }
            }
        }
    }

    /** Runs a statement of the writer's through the prepared-statement cache (one per record adds up). */
    private void run(String sql) throws SQLException {
        prepared(writer, writerStatements, sql).execute();
    }

    /** Commits (or rolls back) this thread's open chunk and lets go of its hold of the writer. */
    private void endChunk(Staging st, boolean commit) throws SQLException {
        if (!st.open) return;
        st.open = false;
        try {
            if (commit) exec(writer, "COMMIT");
            else rollbackQuietly();
        } catch (SQLException e) {
            rollbackQuietly();
            throw e;
        } finally {
            st.committed = System.nanoTime();
            txLock.unlock();
        }
    }

    /**
     * From now on this thread's writes are job {@code jobId}'s staged writes: every inserted row is journaled
     * in {@code staged_rows} in the same transaction, and the writes commit in chunks of about
     * {@link #CHUNK_NANOS}, so other writers (threads or processes) interleave with a long job. End with
     * {@link #keepStaged} or {@link #abandonStaged}.
     */
    void stage(long jobId) {
        requireWritable();
        if (staging.get() != null) throw new IllegalStateException("this thread already stages job " + staging.get().jobId);
        staging.set(new Staging(jobId));
    }

    /** The job whose writes this thread stages, or null. */
    Long stagingJob() {
        Staging st = staging.get();
        return st == null ? null : st.jobId;
    }

    /**
     * Ends staging, keeping the rows: the journal is dropped and {@code last} runs, in the same transaction
     * as the last chunk. On failure the open chunk is rolled back and staging has ended all the same (the
     * caller then calls {@link #abandonStaged}).
     */
    <T> T keepStaged(SqlWork<T> last) {
        requireWritable();
        Staging st = staging.get();
        if (st == null) throw new IllegalStateException("no staged writes on this thread");
        staging.remove();
        long t0 = System.nanoTime();
        lockInProcess(t0);
        try {
            if (!st.open) {
                beginImmediate(writer, t0);
                txLock.lock();
                st.open = true;
            }
            boolean ok = false;
            try {
                PreparedStatement ps = prepared(writer, writerStatements, "DELETE FROM staged_rows WHERE job_id = ?");
                bind(ps, new Object[]{st.jobId});
                ps.executeUpdate();
                T r = last.run(); // its writes join the open chunk (this thread holds the writer twice)
                endChunk(st, true);
                ok = true;
                return r;
            } finally {
                if (!ok) endChunk(st, false);
            }
        } catch (SQLException e) {
            throw new StoreException(file + ": " + SqlErrors.describe(file, e), e);
        } finally {
            txLock.unlock();
        }
    }

    /**
     * Ends staging (if this thread stages) and removes every row job {@code jobId} wrote, newest first,
     * in one transaction: the open chunk is rolled back, the committed ones deleted. A row another job's
     * rows now point at is kept (the foreign key refuses its deletion). Returns {removed, kept}.
     */
    int[] abandonStaged(long jobId) {
        requireWritable();
        Staging st = staging.get();
        if (st != null && st.jobId == jobId) {
            staging.remove();
            try {
                endChunk(st, false);
            } catch (SQLException ignored) {
                // rolled back already
            }
        }
        return tx(() -> undoStaged(jobId));
    }

    /** Deletes a job's journaled rows inside the caller's transaction; returns {removed, kept}. */
    int[] undoStaged(long jobId) throws SQLException {
        List<String> tables = new ArrayList<>();
        List<Long> ids = new ArrayList<>();
        PreparedStatement sel = prepared(writer, writerStatements,
                "SELECT tbl, row_id FROM staged_rows WHERE job_id = ? ORDER BY rowid DESC");
        bind(sel, new Object[]{jobId});
        try (ResultSet rs = sel.executeQuery()) {
            while (rs.next()) {
                tables.add(rs.getString(1));
                ids.add(rs.getLong(2));
            }
        }
        int removed = 0;
        int kept = 0;
        for (int i = 0; i < ids.size(); i++) {
            String table = tables.get(i);
            if (!table.matches("\\w+")) continue;
            PreparedStatement del = prepared(writer, writerStatements, "DELETE FROM " + table + " WHERE id = ?");
            bind(del, new Object[]{ids.get(i)});
            try {
                removed += del.executeUpdate();
            } catch (SQLException e) {
                if (!String.valueOf(e.getMessage()).contains("FOREIGN KEY")) throw e;
                kept++; // another job's rows use it now (a model, a passage with their self-edits)
            }
        }
        PreparedStatement forget = prepared(writer, writerStatements, "DELETE FROM staged_rows WHERE job_id = ?");
        bind(forget, new Object[]{jobId});
        forget.executeUpdate();
        return new int[]{removed, kept};
    }

    /** Sets (or with null clears) this thread's listener for waits on the write lock. */
    void onWriteWait(WriteWait listener) {
        if (listener == null) waitListener.remove();
        else waitListener.set(listener);
    }

    WriteWait onWriteWait() {
        return waitListener.get();
    }

    /** Another thread of this process holds the writer: wait for it, telling the listener. */
    private void lockInProcess(long t0) {
        try {
            while (!txLock.tryLock(WRITER_ATTEMPT_MS, java.util.concurrent.TimeUnit.MILLISECONDS)) waited(t0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException(file + ": interrupted while waiting for another job to finish writing; nothing was written");
        }
    }

    /**
     * BEGIN IMMEDIATE: the write lock up front. A deferred transaction that reads first and then cannot
     * upgrade its lock fails at once with SQLITE_BUSY (SQLite's deadlock rule) whatever the busy timeout;
     * taking the lock at BEGIN makes a second writer wait instead. While another process writes, each
     * attempt waits {@link #WRITER_ATTEMPT_MS} and the thread's listener is told.
     */
    void beginImmediate(Connection c, long t0) throws SQLException {
        long told = System.nanoTime();
        while (true) {
            try {
                exec(c, "BEGIN IMMEDIATE");
                return;
            } catch (SQLException e) {
                if (!isBusy(e)) throw e;
                if (System.nanoTime() - told >= WRITER_ATTEMPT_MS * 1_000_000L) {
                    told = System.nanoTime();
                    waited(t0);
                }
            }
        }
    }

    private void waited(long t0) {
        long ms = (System.nanoTime() - t0) / 1_000_000;
        WriteWait l = waitListener.get();
        if (l != null) {
            l.waiting(ms);
        } else if (ms > UNWATCHED_WAIT_LIMIT_MS) {
            throw new StoreException(file + ": another job has been writing to this workspace for " + ms / 1000
                    + " s; gave up waiting, nothing was written by this one");
        }
    }

    static boolean isBusy(SQLException e) {
        return (e.getErrorCode() & 0xFF) == 5 || String.valueOf(e.getMessage()).contains("SQLITE_BUSY");
    }

    private static void exec(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    private void rollbackQuietly() {
        try {
            exec(writer, "ROLLBACK");
        } catch (SQLException ignored) {
            // The original failure is what the caller needs to see (SQLite may have rolled back already).
        }
    }

    /** Inserts a row and returns its id. Always inside a transaction. */
    long insert(String sql, Object... args) {
        return tx(() -> {
            PreparedStatement ps = prepared(writer, writerStatements, sql);
            bind(ps, args);
            ps.executeUpdate();
            long id;
            // the writer's cached statement, not a fresh one per row (an import inserts tens of thousands: 3,350 passages
            // a second with a new Statement per row, 3,650 with this; one INSERT ... RETURNING rowid was slower, 2,600-2,800)
            try (ResultSet rs = prepared(writer, writerStatements, "SELECT last_insert_rowid()").executeQuery()) {
                rs.next();
                id = rs.getLong(1);
            }
            Staging staged = staging.get();
            if (staged != null) {
                java.util.regex.Matcher m = INSERT_TABLE.matcher(sql);
                if (m.find() && !UNSTAGED.contains(m.group(1).toLowerCase(java.util.Locale.ROOT))) {
                    PreparedStatement j = prepared(writer, writerStatements,
                            "INSERT INTO staged_rows(job_id, tbl, row_id) VALUES (?, ?, ?)");
                    bind(j, new Object[]{staged.jobId, m.group(1).toLowerCase(java.util.Locale.ROOT), id});
                    j.executeUpdate();
                }
            }
            return id;
        });
    }

    /** Runs an UPDATE inside a transaction and returns the number of rows changed. */
    int update(String sql, Object... args) {
        return tx(() -> {
            PreparedStatement ps = prepared(writer, writerStatements, sql);
            bind(ps, args);
            return ps.executeUpdate();
        });
    }

    <T> List<T> query(String sql, Row<T> row, Object... args) {
        // A thread inside its own transaction must read through the writer to see its own rows.
        boolean own = txLock.isHeldByCurrentThread();
        Connection c = own ? writer : reader;
        Map<String, PreparedStatement> cache = own ? writerStatements : readerStatements;
        synchronized (c) {
            try {
                PreparedStatement ps = prepared(c, cache, sql);
                bind(ps, args);
                List<T> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) out.add(row.map(rs));
                }
                return out;
            } catch (SQLException e) {
                throw new StoreException(file + ": " + SqlErrors.describe(file, e), e);
            }
        }
    }

    <T> Optional<T> queryOne(String sql, Row<T> row, Object... args) {
        List<T> rows = query(sql, row, args);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    long scalar(String sql, Object... args) {
        return queryOne(sql, rs -> rs.getLong(1), args).orElse(0L);
    }

    private static PreparedStatement prepared(Connection c, Map<String, PreparedStatement> cache, String sql)
            throws SQLException {
        PreparedStatement ps = cache.get(sql);
        if (ps == null) {
            ps = c.prepareStatement(sql);
            cache.put(sql, ps);
        }
        return ps;
    }

    private static void bind(PreparedStatement ps, Object[] args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            Object a = args[i];
            if (a == null) ps.setNull(i + 1, Types.NULL);
            else if (a instanceof Boolean b) ps.setInt(i + 1, b ? 1 : 0);
            else ps.setObject(i + 1, a);
        }
    }

    @Override
    public void close() {
        txLock.lock();
        try {
            synchronized (reader) {
                for (PreparedStatement ps : readerStatements.values()) closeQuietly(ps);
                readerStatements.clear();
                closeQuietly(reader);
            }
            for (PreparedStatement ps : writerStatements.values()) closeQuietly(ps);
            writerStatements.clear();
            closeQuietly(writer);
        } finally {
            txLock.unlock();
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c == null) return;
        try {
            c.close();
        } catch (Exception ignored) {
            // Closing is best effort; SQLite has already made committed data durable.
        }
    }
}
