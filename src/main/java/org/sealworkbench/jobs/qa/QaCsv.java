package org.sealworkbench.jobs.qa;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The QA table as CSV (RFC 4180: comma-separated, fields with a comma, quote or line break quoted, quotes doubled, CRLF
 * line ends). Written by hand: a dozen lines, and Commons CSV would be a new dependency for one writer.
 * Columns: question, gold, answer before, answer after, changed, then per grader its verdict before and after
 * (the automatic one), then the human verdicts before and after with their notes, then where a limit cut the answer
 * before and after ("token limit (32)", "context full (512)"; empty when the answer ended as the model meant or that was
 * not recorded).
 */
public final class QaCsv {
    private QaCsv() {}

    public static void write(QaTable table, List<QaRow> rows, Writer out) throws IOException {
        List<String> head = new ArrayList<>(List.of("question", "gold", "answer_before", "answer_after", "changed"));
        for (String g : table.graders()) {
            head.add(g + " before");
            head.add(g + " after");
        }
        head.addAll(List.of("human before", "human after", "cut before", "cut after"));
        line(out, head);
        for (QaRow r : rows) {
            List<String> cells = new ArrayList<>(List.of(r.question(), r.gold(), text(r.before()), text(r.after()),
                    r.changed() ? "yes" : "no"));
            for (String g : table.graders()) {
                cells.add(verdict(r.before() == null ? null : r.before().automatic(g)));
                cells.add(verdict(r.after() == null ? null : r.after().automatic(g)));
            }
            cells.add(verdict(r.before() == null ? null : r.before().human()));
            cells.add(verdict(r.after() == null ? null : r.after().human()));
            cells.add(r.before() == null ? "" : r.before().ending().brief());
            cells.add(r.after() == null ? "" : r.after().ending().brief());
            line(out, cells);
        }
    }

    /** Writes to a temporary file beside {@code file} and moves it into place, so a failed write leaves no half file. */
    public static void write(QaTable table, List<QaRow> rows, Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".part");
        try {
            try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                write(table, rows, w);
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw new IOException(file + ": cannot write the CSV: " + e.getMessage(), e);
        }
    }

    private static String text(QaAnswer a) {
        return a == null ? "" : a.text();
    }

    private static String verdict(Verdict v) {
        return v == null ? "" : v.grader().startsWith(QaService.HUMAN_PREFIX) ? v.grader() + ": " + v.text() : v.text();
    }

    private static void line(Writer out, List<String> cells) throws IOException {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) out.write(',');
            out.write(quote(cells.get(i)));
        }
        out.write("\r\n");
    }

    static String quote(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) return s;
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
