package org.sealworkbench.store;

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
    /** A writer with nobody to tell that it is waiting gives up after this long. */
    static final long UNWATCHED_WAIT_LIMIT_MS = 120_000;

    /** Told, about twice a second, while this thread waits for another writer to finish. */
    interface WriteWait {
        /** @param waitedMillis how long this write has waited so far; may throw to give up (cancel) */
        void waiting(long waitedMillis);
    }

    private final ThreadLocal<WriteWait> waitListener = new ThreadLocal<>();

    final Path file;
    private final Connection writer;
    private final Connection reader;
    private final Map<String, PreparedStatement> writerStatements = new HashMap<>();
    private final Map<String, PreparedStatement> readerStatements = new HashMap<>();
    private final ReentrantLock txLock = new ReentrantLock();

    Db(Path file) {
        this.file = file;
        Connection w = null;
        try {
            w = connect(file);
            try (Statement st = w.createStatement()) {
                st.execute("PRAGMA busy_timeout = " + WRITER_ATTEMPT_MS);
            }
            // Reading the version is the first real access: a file that is not SQLite fails here.
            Migrations.migrate(w, file, this::beginImmediate);
            this.writer = w;
            this.reader = connect(file);
        } catch (SQLException e) {
            closeQuietly(w);
            throw new StoreException(file + ": cannot open as a workspace database: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(w);
            throw e;
        }
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
        long t0 = System.nanoTime();
        lockInProcess(t0);
        try {
            if (txLock.getHoldCount() > 1) return work.run();
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
            throw new StoreException(file + ": " + e.getMessage(), e);
        } finally {
            txLock.unlock();
        }
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
        while (true) {
            try {
                exec(c, "BEGIN IMMEDIATE");
                return;
            } catch (SQLException e) {
                if (!isBusy(e)) throw e;
                waited(t0);
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
            try (Statement st = writer.createStatement(); ResultSet rs = st.executeQuery("SELECT last_insert_rowid()")) {
                rs.next();
                return rs.getLong(1);
            }
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
                throw new StoreException(file + ": " + e.getMessage(), e);
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
