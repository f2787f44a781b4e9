package org.sealworkbench.store;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * What a user reads when the workspace's database cannot be written or read: the driver's "[SQLITE_FULL] Insertion
 * failed because database is full (database or disk is full)" and "[SQLITE_READONLY_DIRECTORY] Process does not have
 * permission to create a journal file ..." reached the command line and the window's dialogs as they were (seen on a
 * 2 MB tmpfs and with a folder made read-only for the user). The messages of the driver's exceptions below are the
 * ones seen.
 */
class SqlErrorsTest {
    @TempDir
    Path tmp;

    private String said(SQLiteErrorCode code, String driverText) {
        return SqlErrors.describe(tmp.resolve("ws").resolve("workspace.db"), new SQLiteException(driverText, code));
    }

    @Test
    void aFullDiskAReadOnlyFolderAndADamagedFileAreSaidInWordsWithWhatToDo() {
        String full = said(SQLiteErrorCode.SQLITE_FULL,
                "[SQLITE_FULL] Insertion failed because database is full (database or disk is full)");
        assertEquals("the disk is full: no space is left in " + tmp.resolve("ws") + " to write the workspace; free some space"
                + " and run it again", full);

        String dir = said(SQLiteErrorCode.SQLITE_READONLY_DIRECTORY, "[SQLITE_READONLY_DIRECTORY] Process does not have "
                + "permission to create a journal file in the same directory as the database and the creation of a journal "
                + "file is a prerequisite for writing (attempt to write a readonly database)");
        assertTrue(dir.startsWith("the workspace is read-only for this user: SQLite may not create its journal files in the"
                + " folder " + tmp.resolve("ws")), dir);
        assertTrue(dir.contains("make the folder and its files writable for this user, or work on a copy of the folder"), dir);

        String file = said(SQLiteErrorCode.SQLITE_READONLY,
                "[SQLITE_READONLY] Attempt to write a readonly database (attempt to write a readonly database)");
        assertTrue(file.startsWith("the workspace is read-only for this user: it may not write workspace.db"), file);

        assertEquals("not a SQLite database: the file is damaged, or is another kind of file", said(SQLiteErrorCode.SQLITE_NOTADB,
                "[SQLITE_NOTADB] File opened that is not a database file (file is not a database)"));
        assertTrue(said(SQLiteErrorCode.SQLITE_CORRUPT, "[SQLITE_CORRUPT] The database disk image is malformed (database disk"
                + " image is malformed)").startsWith("the database file is damaged"));
        assertEquals("a disk read or write failed (Some kind of disk I/O error occurred (disk I/O error))",
                said(SQLiteErrorCode.SQLITE_IOERR_WRITE, "[SQLITE_IOERR_WRITE] Some kind of disk I/O error occurred (disk I/O error)"));
        for (SQLiteErrorCode c : new SQLiteErrorCode[] {SQLiteErrorCode.SQLITE_FULL, SQLiteErrorCode.SQLITE_READONLY_DIRECTORY,
                SQLiteErrorCode.SQLITE_NOTADB, SQLiteErrorCode.SQLITE_CANTOPEN, SQLiteErrorCode.SQLITE_PERM}) {
            assertFalse(said(c, "[" + c.name() + "] x").contains("SQLITE_"), c + ": no SQLite code in what the user reads");
        }
        // Anything else keeps the driver's words (a constraint, a busy lock: the code's own messages say those).
        assertEquals("[SQLITE_CONSTRAINT] x", said(SQLiteErrorCode.SQLITE_CONSTRAINT, "[SQLITE_CONSTRAINT] x"));
    }

    /** A workspace.db with SQLite's header and garbage after it got past the header check and read "[SQLITE_NOTADB] ...". */
    @Test
    void aDamagedWorkspaceIsNamedWithoutSqliteJargon() throws Exception {
        Path ws = Files.createDirectories(tmp.resolve("junk"));
        byte[] junk = new byte[8192];
        new java.util.Random(7).nextBytes(junk);
        byte[] head = "SQLite format 3\0garbage garbage garbage".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(head, 0, junk, 0, head.length);
        Files.write(ws.resolve(ExperimentLog.DB_FILE), junk);
        StoreException e = assertThrows(StoreException.class, () -> ExperimentLog.open(ws).close());
        assertEquals(ws.toAbsolutePath().resolve(ExperimentLog.DB_FILE)
                + ": not a SQLite database: the file is damaged, or is another kind of file", e.getMessage());
        assertArrayEquals(junk, Files.readAllBytes(ws.resolve(ExperimentLog.DB_FILE)), "the file is left as it was");
    }
}
