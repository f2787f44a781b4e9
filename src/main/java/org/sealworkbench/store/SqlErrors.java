package org.sealworkbench.store;

import java.nio.file.Path;
import java.sql.SQLException;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * SQLite's failures in words a user can act on. The driver's own text ("[SQLITE_FULL] Insertion failed because
 * database is full (database or disk is full)", "[SQLITE_READONLY_DIRECTORY] Process does not have permission to
 * create a journal file ...") reached the command line and the window's error dialogs as it was; the conditions a
 * person meets (a full disk, a read-only folder, a file that is not a workspace or is damaged) are said here instead,
 * with what to do. Other errors keep the driver's text. The original exception stays the cause, for the log.
 */
final class SqlErrors {
    private SqlErrors() {
    }

    /** SQLite's primary result codes met here (sqlite.org/rescode.html). */
    private static final int PERM = 3;
    private static final int READONLY = 8;
    private static final int IOERR = 10;
    private static final int CORRUPT = 11;
    private static final int FULL = 13;
    private static final int CANTOPEN = 14;
    private static final int NOTADB = 26;

    /** The problem with {@code file} that {@code e} reports, in plain words (without the file's name). */
    static String describe(Path file, SQLException e) {
        SQLiteErrorCode code = e instanceof SQLiteException s ? s.getResultCode() : null;
        int primary = (code != null ? code.code : e.getErrorCode()) & 0xFF;
        Path dir = file.toAbsolutePath().getParent();
        return switch (primary) {
            case FULL -> "the disk is full: no space is left in " + dir + " to write the workspace; free some space"
                    + " and run it again";
            case READONLY -> "the workspace is read-only for this user: "
                    + (code == SQLiteErrorCode.SQLITE_READONLY_DIRECTORY
                        ? "SQLite may not create its journal files in the folder " + dir
                        : "it may not write " + file.getFileName() + " or its journal files in " + dir)
                    + " (make the folder and its files writable for this user, or work on a copy of the folder)";
            case PERM -> "permission denied (make the folder " + dir + " and its files readable and writable for this user)";
            case CANTOPEN -> "cannot open the database file (check that the folder " + dir
                    + " exists and that this user may read and write it)";
            case NOTADB -> "not a SQLite database: the file is damaged, or is another kind of file";
            case CORRUPT -> "the database file is damaged (SQLite found it malformed); restore it from a backup, or"
                    + " recover what can be read with the sqlite3 tool's .recover command";
            case IOERR -> "a disk read or write failed (" + stripCode(e.getMessage()) + ")";
            default -> String.valueOf(e.getMessage());
        };
    }

    /**
     * Whether {@code e} says that this user may not write the database (read-only file or folder, permission denied, or
     * a file that cannot be opened for writing): {@link ExperimentLog#open} then opens it read-only.
     */
    static boolean cannotWrite(SQLException e) {
        int primary = (e instanceof SQLiteException s ? s.getResultCode().code : e.getErrorCode()) & 0xFF;
        return primary == READONLY || primary == PERM || primary == CANTOPEN;
    }

    /** Whether {@code e} is one of the conditions {@link #describe} words itself (else its text is the driver's). */
    static boolean known(SQLException e) {
        int primary = (e instanceof SQLiteException s ? s.getResultCode().code : e.getErrorCode()) & 0xFF;
        return switch (primary) {
            case FULL, READONLY, PERM, CANTOPEN, NOTADB, CORRUPT, IOERR -> true;
            default -> false;
        };
    }

    /** "[SQLITE_IOERR_WRITE] Some text (disk I/O error)" without the bracketed code. */
    private static String stripCode(String message) {
        String m = String.valueOf(message);
        return m.startsWith("[") && m.indexOf("] ") > 0 ? m.substring(m.indexOf("] ") + 2) : m;
    }
}
