package org.sealworkbench.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliTest {
    @TempDir
    Path tmp;

    /** Exit code, stdout and stderr of one command line. */
    record Result(int code, String out, String err) {}

    static Result run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = Main.run(args);
            return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    void importInfoExportRoundTrip() throws Exception {
        String ws = tmp.resolve("ws").toString();
        Result imp = run("import", "sample-data/passages.json", "--workspace", ws);
        assertEquals(0, imp.code(), imp.err());
        assertTrue(imp.out().contains("Found SEAL passage JSON"), imp.out());
        assertTrue(imp.out().contains("Imported 12 passages, 55 questions, 0 self-edits; 0 skipped"), imp.out());
        assertEquals("", imp.err()); // no progress bar when stderr is not a terminal

        Result se = run("import", "sample-data/self-edits-example.json", "--workspace", ws);
        assertEquals(0, se.code(), se.err());
        assertTrue(se.out().contains("Found SEAL generated self-edits JSON"), se.out());
        assertTrue(se.out().contains("5 self-edits"), se.out());

        Result info = run("info", "--workspace", ws);
        assertEquals(0, info.code(), info.err());
        assertTrue(info.out().matches("(?s).*passages\\s+12\\n.*questions\\s+55\\n.*self-edits\\s+5\\n.*models\\s+1\\n.*"), info.out());

        Path out = tmp.resolve("out.jsonl");
        Result exp = run("export", "--workspace", ws, "--format", "jsonl", "--out", out.toString());
        assertEquals(0, exp.code(), exp.err());
        assertTrue(exp.out().contains("Wrote 12 passages"), exp.out());
        assertEquals(12, Files.readAllLines(out).size());

        Path edits = tmp.resolve("edits.json");
        Result expSe = run("export", "--workspace", ws, "--format", "seal-json", "--out", edits.toString(), "--what", "self-edits");
        assertEquals(0, expSe.code(), expSe.err());
        assertTrue(expSe.out().contains("Wrote 5 self-edits of 2 passages"), expSe.out());
        assertTrue(Files.readString(edits).contains("\"completions\""));
    }

    @Test
    void failuresGiveOneLineAndNonZeroExit() throws Exception {
        String ws = tmp.resolve("ws").toString();
        Path bad = tmp.resolve("bad.json");
        Files.writeString(bad, "[{\"title\":\"t\",\"context\":7,\"questions\":[]}]");
        Result r = run("import", bad.toString(), "--workspace", ws);
        assertEquals(1, r.code());
        assertEquals("seal import: " + bad + ": record 1: field \"context\": expected a string, found NUMBER (nothing imported)",
                r.err().strip());
        assertEquals("", r.out());

        Result info = run("info", "--workspace", tmp.resolve("nowhere").toString());
        assertEquals(1, info.code());
        assertTrue(info.err().startsWith("seal info: no workspace at "), info.err());
        assertEquals(1, info.err().strip().lines().count());

        Result fmt = run("export", "--workspace", ws, "--format", "csv", "--out", tmp.resolve("x").toString());
        assertEquals(1, fmt.code());
        assertEquals("seal export: unknown --format 'csv' (use seal-json or jsonl)", fmt.err().strip());

        Result usage = run("import", "--workspace", ws);
        assertEquals(2, usage.code());
        assertEquals(1, usage.err().strip().lines().count(), usage.err());
        assertTrue(usage.err().startsWith("seal import: Missing required parameter"), usage.err());
    }

    @Test
    void importBenchPrintsOneJsonLine() {
        Result r = run("import-bench", "--passages", "50");
        assertEquals(0, r.code(), r.err());
        String line = r.out().strip();
        assertEquals(1, line.lines().count(), line);
        var o = com.google.gson.JsonParser.parseString(line).getAsJsonObject();
        assertEquals(50, o.get("passages").getAsInt());
        assertEquals(200, o.get("questions").getAsInt());
        assertTrue(o.get("file_mb").getAsDouble() > 0);
        assertTrue(o.get("passages_per_s").getAsDouble() > 0);
        assertTrue(o.get("heap_used_max_mb").getAsDouble() >= o.get("heap_before_mb").getAsDouble());
    }

    @Test
    void everyCommandsHelpFormatsWithoutWarnings() {
        // picocli formats descriptions with String.format: a bare '%' (as in "60 %") printed three warnings per --help.
        var names = new picocli.CommandLine(new Main()).getSubcommands().keySet();
        assertTrue(names.size() > 20, names.toString());
        for (String cmd : names) {
            Result r = run(cmd, "--help");
            assertEquals(0, r.code(), cmd);
            assertFalse(r.err().contains("picocli WARN"), cmd + ": " + r.err());
        }
    }

    @Test
    void everyCommandsSummaryInTheMainHelpIsAWholeSentence() {
        // `seal --help` lists each command by the first line of its description: six of them ended mid-sentence
        // ("...written from the", "...write it as Hugging Face") where the description was split into lines
        for (var e : new picocli.CommandLine(new Main()).getSubcommands().entrySet()) {
            if (e.getKey().equals("help")) continue;   // picocli's own
            String[] d = e.getValue().getCommandSpec().usageMessage().description();
            assertTrue(d.length > 0, e.getKey() + " has no description");
            String first = d[0].strip();
            assertTrue(first.endsWith(".") || first.endsWith(")"), e.getKey() + "'s summary ends mid-sentence: " + first);
        }
    }

    @Test
    void everyNewCommandHasHelp() {
        for (String cmd : new String[] {"import", "export", "info", "import-bench"}) {
            Result r = run(cmd, "--help");
            assertEquals(0, r.code(), cmd);
            assertTrue(r.out().contains("Usage: seal " + cmd), r.out());
        }
    }
}
