package org.sealworkbench.jobs;
import org.sealworkbench.util.Progress;
import org.sealworkbench.util.CancelToken;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sealworkbench.seal.RunResultsFixture;
import org.sealworkbench.store.Counts;
import org.sealworkbench.store.ExperimentLog;

/** Issue 20, bugs 1, 2 and 6, each with a hand-made file: refused (or warned about) with the file and the place. */
class StrictImportTest {
    @TempDir
    Path tmp;

    private static final String MARK = "MARKER";

    private static String record(int i, boolean mark, boolean completions) {
        return "{\"title\":\"t" + i + "\",\"context\":\"Passage " + i + (mark ? " " + MARK : "") + " tells a fact.\","
                + "\"questions\":[{\"question\":\"q" + i + "?\",\"answer\":\"a" + i + "\"}]"
                + (completions ? ",\"prompt\":\"p\",\"completions\":[\"c" + i + "\"]" : "") + "}";
    }

    /** 300 records (well over 8 KiB), the marker in record 250. */
    private Path sealJson(String name, boolean completions) throws IOException {
        StringBuilder b = new StringBuilder("[\n");
        for (int i = 0; i < 300; i++) b.append(i > 0 ? ",\n" : "").append(record(i, i == 250, completions));
        return write(name, b.append("\n]\n").toString());
    }

    private Path jsonl(String name) throws IOException {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 300; i++) b.append(record(i, i == 250, false)).append('\n');
        return write(name, b.toString());
    }

    private Path squad(String name) throws IOException {
        StringBuilder b = new StringBuilder("{\"version\":\"v2.0\",\"data\":[{\"title\":\"T\",\"paragraphs\":[");
        for (int i = 0; i < 300; i++) {
            b.append(i > 0 ? "," : "").append("{\"context\":\"Paragraph ").append(i).append(i == 250 ? " " + MARK : "")
                    .append(".\",\"qas\":[{\"question\":\"q").append(i).append("?\",\"answers\":[{\"text\":\"a\",\"answer_start\":0}]}]}");
        }
        return write(name, b.append("]}]}").toString());
    }

    private Path sft(String name) throws IOException {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 300; i++) {
            b.append("{\"prompt\":\"Passage ").append(i).append(" text.\\nWrite implications.\",\"completion\":\"c")
                    .append(i).append(i == 250 ? " " + MARK : "").append("\"}\n");
        }
        return write(name, b.toString());
    }

    private Path write(String name, String text) throws IOException {
        Path f = tmp.resolve(name);
        Files.writeString(f, text, StandardCharsets.UTF_8);
        return f;
    }

    /** Puts a 0xFF byte where the marker starts; returns its offset. */
    private static long corrupt(Path f, String needle) throws IOException {
        byte[] b = Files.readAllBytes(f);
        String s = new String(b, StandardCharsets.ISO_8859_1);
        int at = s.lastIndexOf(needle);
        assertTrue(at >= 0, needle + " not in " + f);
        b[at] = (byte) 0xFF;
        Files.write(f, b);
        return at;
    }

    private String importFails(Path f) {
        return importFails(f, f);
    }

    private String importFails(Path f, Path named) {
        try (ExperimentLog log = ExperimentLog.open(tmp.resolve("ws-" + f.getFileName()))) {
            JobFailedException e = assertThrows(JobFailedException.class,
                    () -> new ImportJob(f, log).run(Progress.none(), new CancelToken()));
            Counts c = log.counts();
            assertEquals(0, c.passages() + c.questions() + c.selfEdits() + c.runs() + c.answers(), "rows left behind: " + c);
            assertTrue(e.getMessage().contains(named.toString()), e.getMessage());
            assertTrue(e.getMessage().endsWith("(nothing imported)"), e.getMessage());
            return e.getMessage();
        }
    }

    private void refusedAtOffset(Path f, String needle) throws IOException {
        long off = corrupt(f, needle);
        assertTrue(off > 8192 || f.getFileName().toString().startsWith("run"), "the bad byte should be late: " + off);
        String m = importFails(f);
        assertTrue(m.contains("not UTF-8 text") && m.contains("byte offset " + off + " (0xFF)"), m);
    }

    @Test
    void aBadByteLateInAnyFormatIsRefusedWithItsOffset() throws IOException {
        refusedAtOffset(sealJson("passages.json", false), MARK);
        refusedAtOffset(sealJson("edits.json", true), MARK);
        refusedAtOffset(jsonl("passages.jsonl"), MARK);
        refusedAtOffset(squad("squad.json"), MARK);
        refusedAtOffset(sft("sft.jsonl"), MARK);
        refusedAtOffset(RunResultsFixture.write(tmp.resolve("run_0612_101010.json"), false), "Talmey");
    }

    @Test
    void aBadByteInAMetaFileNamesTheMetaFile() throws IOException {
        Path edits = sealJson("gen.json", true);
        Path meta = write("gen.meta", "{\"model\": \"m\", \"temperature\": 1.0, \"note\": \"" + MARK + "\"}");
        long off = corrupt(meta, MARK);
        String m = importFails(edits, meta);
        assertTrue(m.contains(meta.toString()) && m.contains("byte offset " + off), m);
    }

    @Test
    void aCharacterCutAtTheEndOfTheFileIsNamed() throws IOException {
        Path f = write("cut.jsonl", record(0, false, false) + "\n");
        byte[] b = Files.readAllBytes(f);
        byte[] cut = java.util.Arrays.copyOf(b, b.length + 1);
        cut[b.length] = (byte) 0xC3; // the first byte of a two-byte character, then the end
        Files.write(f, cut);
        String m = importFails(f);
        assertTrue(m.contains("the file ends inside a UTF-8 character at byte offset " + b.length), m);
    }

    @Test
    void syntaxErrorsAreInOurWordsWithThePlace() throws IOException {
        Path seal = write("bad.json", "[\n  {\"title\": \"t\", \"context\": x, \"questions\": []}\n]\n");
        String m = importFails(seal);
        assertFalse(m.contains("setStrictness"), m);
        assertTrue(m.contains("unexpected character 'x'") && m.contains("line 2, column 29"), m);

        Path line = write("bad.jsonl", record(0, false, false) + "\n{\"title\": \"t\", \"context\": \"c\" \"questions\": []}\n");
        m = importFails(line);
        assertTrue(m.contains("line 2") && m.contains("expected ',' or '}' after a field's value, found '\"'"), m);

        Path sft = write("bad-sft.jsonl", "{\"prompt\": 'p', \"completion\": \"c\"}\n");
        m = importFails(sft);
        assertFalse(m.contains("setStrictness"), m);
        assertTrue(m.contains("line 1") && m.contains("unexpected character '''"), m);

        Path cut = write("cut.json", "[\n  {\"title\": \"t\", \"context\": \"c");
        m = importFails(cut);
        assertTrue(m.contains("truncated: the file ends inside"), m);
    }

    @Test
    void jsonlWithoutAFinalNewlineImportsWithAWarning() throws IOException {
        Path f = write("cut-at-line.jsonl", record(0, false, false) + "\n" + record(1, false, false));
        try (ExperimentLog log = ExperimentLog.open(tmp.resolve("ws"))) {
            ImportReport r = new ImportJob(f, log).run(Progress.none(), new CancelToken());
            assertEquals(2, r.passages());
            assertTrue(r.notes().stream().anyMatch(n -> n.startsWith("Warning: " + f + ": the file does not end with a newline")
                    && n.contains("2 record(s) read, the last on line 2")), r.notes().toString());
        }
        Path whole = write("whole.jsonl", record(0, false, false) + "\n");
        try (ExperimentLog log = ExperimentLog.open(tmp.resolve("ws2"))) {
            ImportReport r = new ImportJob(whole, log).run(Progress.none(), new CancelToken());
            assertTrue(r.notes().stream().noneMatch(n -> n.startsWith("Warning")), r.notes().toString());
        }
        Path sft = write("sft-cut.jsonl", "{\"prompt\": \"p\", \"completion\": \"c\"}");
        try (ExperimentLog log = ExperimentLog.open(tmp.resolve("ws3"))) {
            ImportReport r = new ImportJob(sft, log).run(Progress.none(), new CancelToken());
            assertTrue(r.notes().stream().anyMatch(n -> n.contains("does not end with a newline")), r.notes().toString());
        }
    }
}
