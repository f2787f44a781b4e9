package org.sealworkbench.data;

import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.MalformedJsonException;
import java.io.BufferedReader;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

/**
 * Streaming readers for SEAL JSON, JSONL and SQuAD: one record at a time goes to a {@link DataVisitor},
 * so memory stays flat however large the file. A problem stops the read with a
 * {@link DataFormatException} naming the file, the record or line, and the field.
 */
public final class DataReader {
    private DataReader() {}

    /**
     * Reads every record of {@code in} (of the given format) into the visitor and returns how many
     * records (passages or self-edit objects) it read. {@code file} is the name used in messages.
     */
    public static int read(InputStream in, String file, Format format, DataVisitor visitor) throws IOException {
        StrictUtf8Reader reader = new StrictUtf8Reader(in, file);
        return switch (format) {
            case SEAL_JSON -> readSealJson(reader, file, visitor);
            case JSONL -> readJsonl(reader, file, visitor);
            case SQUAD -> readSquad(reader, file, visitor);
            case RUN_RESULTS, SFT_JSONL -> throw new IllegalArgumentException(format.cliName()
                    + " files hold no passage records to stream; read them with RunResultsReader or SftJsonlReader");
        };
    }

    private static int readSealJson(Reader reader, String file, DataVisitor visitor) throws IOException {
        JsonReader in = new JsonReader(reader);
        RecordParser p = new RecordParser(in, file);
        int n = 0;
        try {
            checkNotEmpty(in, p);
            p.expect(JsonToken.BEGIN_ARRAY, "(top level)");
            in.beginArray();
            while (in.hasNext()) {
                p.at("record " + (n + 1));
                p.passageObject("", visitor);
                n++;
            }
            in.endArray();
            p.at("after record " + n);
            p.expectEnd("unexpected content after the closing ']'");
        } catch (EOFException | MalformedJsonException | IllegalStateException | NumberFormatException e) {
            throw translate(e, p, file);
        }
        return n;
    }

    private static int readJsonl(StrictUtf8Reader reader, String file, DataVisitor visitor) throws IOException {
        BufferedReader lines = new BufferedReader(reader, 1 << 16);
        int n = 0;
        int lineNo = 0;
        int lastRecordLine = 0;
        for (String line; (line = lines.readLine()) != null; ) {
            lineNo++;
            if (lineNo == 1 && line.startsWith("\uFEFF")) line = line.substring(1);
            if (line.isBlank()) continue;
            JsonReader in = new JsonReader(new StringReader(line));
            RecordParser p = new RecordParser(in, file);
            p.at("line " + lineNo);
            try {
                p.passageObject("", visitor);
                p.expectEnd("more than one JSON value on the line");
            } catch (EOFException e) {
                throw p.error("truncated: the line ends inside its record");
            } catch (MalformedJsonException | IllegalStateException | NumberFormatException e) {
                if (String.valueOf(e.getMessage()).startsWith("Unterminated string")) {
                    throw p.error("truncated: the line ends inside its record");
                }
                throw p.error("malformed JSON: " + JsonErrors.describe(e, JsonErrors.ofLine(line), false));
            }
            n++;
            lastRecordLine = lineNo;
        }
        if (n > 0 && reader.lastChar() != '\n') visitor.warning(truncationWarning(file, n, lastRecordLine));
        return n;
    }

    /**
     * JSONL cannot tell a file cut at a line boundary from a whole one; a missing final newline is the one
     * sign there is, so it is worth a warning (the records read are still imported).
     */
    static String truncationWarning(String file, int records, int lastLine) {
        return file + ": the file does not end with a newline, so it may have been cut short; " + records
                + " record(s) read, the last on line " + lastLine + " (check that nothing is missing)";
    }

    private static int readSquad(Reader reader, String file, DataVisitor visitor) throws IOException {
        JsonReader in = new JsonReader(reader);
        RecordParser p = new RecordParser(in, file);
        int[] count = {0};
        try {
            checkNotEmpty(in, p);
            p.expect(JsonToken.BEGIN_OBJECT, "(top level)");
            in.beginObject();
            boolean sawData = false;
            while (in.hasNext()) {
                if (!in.nextName().equals("data")) {
                    in.skipValue();
                    continue;
                }
                sawData = true;
                p.expect(JsonToken.BEGIN_ARRAY, "data");
                in.beginArray();
                for (int a = 0; in.hasNext(); a++) squadArticle(in, p, "data[" + a + "]", count, visitor);
                in.endArray();
            }
            in.endObject();
            if (!sawData) throw p.error("data", "missing (not a SQuAD file?)");
            p.expectEnd("unexpected content after the top-level object");
        } catch (EOFException | MalformedJsonException | IllegalStateException | NumberFormatException e) {
            throw translate(e, p, file);
        }
        return count[0];
    }

    /** One article; its paragraphs are held until its end so that a title written after them still applies. */
    private static void squadArticle(JsonReader in, RecordParser p, String f, int[] count, DataVisitor visitor)
            throws IOException {
        p.expect(JsonToken.BEGIN_OBJECT, f);
        in.beginObject();
        String title = "";
        List<Passage> paragraphs = new ArrayList<>();
        while (in.hasNext()) {
            String name = in.nextName();
            if (name.equals("title")) {
                title = p.string(f + ".title");
            } else if (name.equals("paragraphs")) {
                p.expect(JsonToken.BEGIN_ARRAY, f + ".paragraphs");
                in.beginArray();
                for (int i = 0; in.hasNext(); i++) {
                    p.at("record " + (count[0] + paragraphs.size() + 1));
                    paragraphs.add(squadParagraph(in, p, f + ".paragraphs[" + i + "]", title, visitor));
                }
                in.endArray();
            } else {
                in.skipValue();
            }
        }
        in.endObject();
        for (Passage para : paragraphs) {
            visitor.passage(new Passage(title, para.context(), para.questions()));
            count[0]++;
        }
    }

    /** One paragraph; {@code title}: the article's, when it came before its paragraphs (for a too-long passage's message). */
    private static Passage squadParagraph(JsonReader in, RecordParser p, String f, String title, DataVisitor visitor)
            throws IOException {
        p.expect(JsonToken.BEGIN_OBJECT, f);
        in.beginObject();
        String context = null;
        List<Question> questions = new ArrayList<>();
        while (in.hasNext()) {
            String name = in.nextName();
            if (name.equals("context")) {
                context = p.string(f + ".context");
            } else if (name.equals("qas")) {
                p.expect(JsonToken.BEGIN_ARRAY, f + ".qas");
                in.beginArray();
                for (int i = 0; in.hasNext(); i++) squadQuestion(in, p, f + ".qas[" + i + "]", questions, visitor);
                in.endArray();
            } else {
                in.skipValue();
            }
        }
        in.endObject();
        if (context == null) throw p.error(f + ".context", "missing");
        String tooLong = Passage.tooLong(title, context);
        if (tooLong != null) throw p.error(f + ".context", tooLong);
        return new Passage("", context, questions);
    }

    private static void squadQuestion(JsonReader in, RecordParser p, String f, List<Question> out, DataVisitor visitor)
            throws IOException {
        p.expect(JsonToken.BEGIN_OBJECT, f);
        in.beginObject();
        String question = null;
        String answer = null;
        boolean impossible = false;
        while (in.hasNext()) {
            String name = in.nextName();
            switch (name) {
                case "question" -> question = p.string(f + ".question");
                case "is_impossible" -> {
                    p.expect(JsonToken.BOOLEAN, f + ".is_impossible");
                    impossible = in.nextBoolean();
                }
                case "answers" -> answer = firstAnswer(in, p, f + ".answers");
                default -> in.skipValue();
            }
        }
        in.endObject();
        if (question == null) throw p.error(f + ".question", "missing");
        if (impossible || answer == null) {
            visitor.skipped(p.where() + ": unanswerable question skipped: " + question);
        } else {
            out.add(new Question(question, answer));
        }
    }

    /** SEAL keeps one gold answer: the first. Later answers are checked for shape but not kept. */
    private static String firstAnswer(JsonReader in, RecordParser p, String f) throws IOException {
        p.expect(JsonToken.BEGIN_ARRAY, f);
        in.beginArray();
        String first = null;
        for (int i = 0; in.hasNext(); i++) {
            String fi = f + "[" + i + "]";
            p.expect(JsonToken.BEGIN_OBJECT, fi);
            in.beginObject();
            String text = null;
            while (in.hasNext()) {
                if (in.nextName().equals("text")) text = p.string(fi + ".text");
                else in.skipValue();
            }
            in.endObject();
            if (text == null) throw p.error(fi + ".text", "missing");
            if (first == null) first = text;
        }
        in.endArray();
        return first;
    }

    private static void checkNotEmpty(JsonReader in, RecordParser p) throws IOException {
        // An empty file would otherwise read as "truncated", which misleads.
        try {
            in.peek();
        } catch (EOFException e) {
            throw p.error("the file is empty");
        }
    }

    private static DataFormatException translate(Exception e, RecordParser p, String file) {
        String msg = e.getMessage() == null ? "" : e.getMessage();
        // A string still open at the end of the input is how a file cut mid-value usually looks.
        String words = JsonErrors.describe(e, JsonErrors.ofFile(file), true);
        // A string still open at the end of the input is how a file cut mid-value usually looks.
        if (e instanceof EOFException || msg.startsWith("Unterminated string")) return p.error(words);
        return p.error("malformed JSON: " + words);
    }
}
