package org.sealworkbench.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sealworkbench.store.ExperimentLog;

/**
 * The command line on a workspace that is open read-only: the reading commands (info, report, runs, export, resume's
 * list, annotations' measures) work and say nothing they cannot do; the writing ones exit 1 with the one message naming
 * the folder, and workspace.db is not touched. The workspace is made read-only with {@link ExperimentLog#READ_ONLY_PROPERTY}
 * (the tests may run as root, whom mode bits do not stop; the store's own test covers folders really read-only).
 */
class ReadOnlyCliTest {
    @TempDir
    Path tmp;

    @Test
    void readingCommandsWorkAndWritingOnesAreRefusedInWords() throws Exception {
        Path ws = tmp.resolve("ws");
        assertEquals(0, CliTest.run("import", "sample-data/passages.json", "--workspace", ws.toString()).code());
        assertEquals(0, CliTest.run("import", "sample-data/self-edits-example.json", "--workspace", ws.toString()).code());
        Path db = ws.resolve(ExperimentLog.DB_FILE);
        byte[] bytes = Files.readAllBytes(db);
        long mtime = Files.getLastModifiedTime(db).toMillis();
        String w = ws.toString();
        String refusal = "the workspace " + ws.toAbsolutePath() + " is open read-only (opened read-only on request (seal.readOnly)):"
                + " nothing was written; to change it, work on a copy of the folder";

        System.setProperty(ExperimentLog.READ_ONLY_PROPERTY, "true");
        try {
            CliTest.Result info = CliTest.run("info", "--workspace", w);
            assertEquals(0, info.code(), info.err());
            assertTrue(info.out().contains("Read-only:      opened read-only on request (seal.readOnly)"), info.out());
            assertTrue(info.out().matches("(?s).*passages\\s+12\\n.*self-edits\\s+5\\n.*jobs\\s+2 \\(2 done\\).*"), info.out());

            CliTest.Result report = CliTest.run("report", "--workspace", w);
            assertEquals(0, report.code(), report.err());
            CliTest.Result runs = CliTest.run("runs", "--workspace", w);
            assertEquals(0, runs.code(), runs.err());
            assertEquals("no runs in " + w + " (it is open read-only, so none can be run in it)", runs.out().strip());
            CliTest.Result resume = CliTest.run("resume", "--workspace", w);
            assertEquals(0, resume.code(), resume.err());
            CliTest.Result measures = CliTest.run("annotations", "--workspace", w, "--export-csv", tmp.resolve("a.csv").toString());
            assertEquals(0, measures.code(), measures.err());
            assertTrue(measures.out().contains("Wrote 0 judgements to"), measures.out());
            assertTrue(measures.out().endsWith("No judgements in this workspace (it is open read-only, so none can be made in it).\n"),
                    measures.out());

            Path out = tmp.resolve("out.jsonl");
            CliTest.Result export = CliTest.run("export", "--workspace", w, "--format", "jsonl", "--out", out.toString());
            assertEquals(0, export.code(), export.err());
            assertTrue(export.out().contains("Wrote 12 passages"), export.out());
            assertTrue(export.out().contains("not recorded among the workspace's jobs: the workspace is open read-only"), export.out());
            assertEquals(12, Files.readAllLines(out).size());

            for (List<String> args : List.of(
                    List.of("import", "sample-data/passages.json", "--workspace", w),
                    List.of("self-edits", "--workspace", w),
                    List.of("perplexity", "--workspace", w),
                    List.of("rl", "--workspace", w),
                    List.of("annotations", "--workspace", w, "--import", out.toString()))) {
                CliTest.Result r = CliTest.run(args.toArray(String[]::new));
                assertEquals(1, r.code(), args + ": " + r.out() + r.err());
                assertEquals("seal " + args.get(0) + ": " + refusal, r.err().strip().lines().reduce((a, b) -> b).orElse(""), args.toString());
                assertFalse(r.err().contains("SQLITE"), r.err());
            }
        } finally {
            System.clearProperty(ExperimentLog.READ_ONLY_PROPERTY);
        }
        assertArrayEquals(bytes, Files.readAllBytes(db), "workspace.db unchanged");
        assertEquals(mtime, Files.getLastModifiedTime(db).toMillis());
        CliTest.Result after = CliTest.run("info", "--workspace", w);
        assertTrue(after.out().contains("jobs            2 (2 done)"), "no job recorded, not even a failed one: " + after.out());
        assertFalse(after.out().contains("Read-only"), after.out());
    }
}
