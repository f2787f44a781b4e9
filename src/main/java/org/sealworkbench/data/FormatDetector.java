package org.sealworkbench.data;

import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.MalformedJsonException;
import java.io.BufferedReader;
import java.io.EOFException;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Decides a file's format from its shape, not its name: a top-level array is SEAL JSON; a top-level
 * object with "data"/"version" is SQuAD; one with "overall"/"articles" is a SEAL run-result file; a first
 * line that is a whole {prompt, completion} object is SFT JSONL, a whole SEAL object JSONL. It reads
 * only the start of the file (for SEAL JSON, the keys of the first record).
 */
public final class FormatDetector {
    private FormatDetector() {}

    public static Detection detect(Path path) throws IOException {
        String file = path.toString();
        if (!Files.isRegularFile(path)) throw new DataFormatException(file + ": no such file");
        if (Files.size(path) == 0) throw new DataFormatException(file + ": the file is empty");
        try (BufferedReader r = new BufferedReader(StrictUtf8Reader.open(path), 1 << 16)) {
            int c = firstNonSpace(r);
            if (c < 0) throw new DataFormatException(file + ": the file is empty (only white space)");
            if (c == '[') return detectArray(path, file);
            if (c == '{') return detectObject(path, file);
            throw new DataFormatException(file + ": not JSON or JSONL (it starts with '" + (char) c + "')");
        }
    }

    private static int firstNonSpace(BufferedReader r) throws IOException {
        for (int c; (c = r.read()) >= 0; ) {
            if (c != '\uFEFF' && !Character.isWhitespace(c)) return c;
        }
        return -1;
    }

    private static Detection detectArray(Path path, String file) throws IOException {
        try (JsonReader in = new JsonReader(new BufferedReader(StrictUtf8Reader.open(path), 1 << 16))) {
            in.beginArray();
            if (!in.hasNext()) {
                return new Detection(Format.SEAL_JSON, false, "SEAL passage JSON (an empty array: no passages)");
            }
            if (in.peek() != JsonToken.BEGIN_OBJECT) {
                throw new DataFormatException(file + ": record 1: expected an object, found " + RecordParser.name(in.peek())
                        + " (a SEAL file is an array of {title, context, questions} objects)");
            }
            Set<String> keys = keysOfObject(in);
            return seal(Format.SEAL_JSON, keys, file, "record 1");
        } catch (EOFException | MalformedJsonException e) {
            throw new DataFormatException(file + ": record 1: not valid JSON: " + JsonErrors.describe(e, JsonErrors.ofFile(file), true), e);
        }
    }

    private static Detection detectObject(Path path, String file) throws IOException {
        try (BufferedReader r = new BufferedReader(StrictUtf8Reader.open(path), 1 << 16);
             JsonReader in = new JsonReader(r)) {
            in.beginObject();
            // Stop at the first telling key: a SQuAD file is one big object, which must not be read whole here.
            Set<String> keys = new LinkedHashSet<>();
            while (in.hasNext()) {
                String name = in.nextName();
                if (name.equals("data") || name.equals("version")) {
                    return new Detection(Format.SQUAD, false,
                            "SQuAD JSON (object with \"" + name + "\"; data[].paragraphs[].qas[])");
                }
                if (name.equals("overall") || name.equals("articles")) {
                    return new Detection(Format.RUN_RESULTS, false, "SEAL run results JSON (object with \"" + name
                            + "\"; articles[].completions[].questions[] with baseline and adapter verdicts)");
                }
                keys.add(name);
                in.skipValue();
            }
            Detection d = keys.contains("prompt") && keys.contains("completion") && !keys.contains("context")
                    ? new Detection(Format.SFT_JSONL, true, "SFT JSONL ({\"prompt\", \"completion\"} per line)")
                    : seal(Format.JSONL, keys, file, "line 1");
            if (!firstLineIsWholeValue(path)) {
                throw new DataFormatException(file + ": line 1: a SEAL object spread over several lines; "
                        + "JSONL needs one object per line, SEAL JSON an array [ ... ]");
            }
            return d;
        } catch (EOFException | MalformedJsonException e) {
            throw new DataFormatException(file + ": line 1: not valid JSON: " + JsonErrors.describe(e, JsonErrors.ofFile(file), true), e);
        }
    }

    private static Set<String> keysOfObject(JsonReader in) throws IOException {
        Set<String> keys = new LinkedHashSet<>();
        in.beginObject();
        while (in.hasNext()) {
            keys.add(in.nextName());
            in.skipValue();
        }
        in.endObject();
        return keys;
    }

    private static Detection seal(Format format, Set<String> keys, String file, String where) throws DataFormatException {
        String shape = format == Format.SEAL_JSON ? "JSON" : "JSONL";
        if (keys.contains("completions")) {
            return new Detection(format, true, "SEAL generated self-edits " + shape
                    + " (objects with title, context, questions, prompt, completions)");
        }
        if (keys.contains("context")) {
            return new Detection(format, false, "SEAL passage " + shape + " (objects with title, context, questions)");
        }
        throw new DataFormatException(file + ": " + where + ": an object with fields " + keys
                + ", which is neither a SEAL passage (needs \"context\" and \"questions\") nor SQuAD (needs \"data\")");
    }

    private static boolean firstLineIsWholeValue(Path path) throws IOException {
        try (BufferedReader r = new BufferedReader(StrictUtf8Reader.open(path), 1 << 16)) {
            String line = r.readLine();
            while (line != null && line.isBlank()) line = r.readLine();
            if (line == null) return false;
            JsonReader in = new JsonReader(new StringReader(line));
            try {
                in.skipValue();
                return in.peek() == JsonToken.END_DOCUMENT;
            } catch (EOFException | MalformedJsonException e) {
                return false;
            }
        }
    }
}
