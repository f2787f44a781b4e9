package org.sealworkbench.data;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import org.sealworkbench.util.JsonSyntax;

/**
 * Gson's syntax errors in our words, for the import readers: {@link JsonSyntax} (util, shared with the
 * checkpoint readers) with the characters of a file on disk.
 */
public final class JsonErrors {
    private JsonErrors() {}

    /** Finds the character at a 1-based line and column, or -1 when it cannot be known. */
    public interface CharAt extends JsonSyntax.CharAt {}

    /** See {@link JsonSyntax#describe}. */
    public static String describe(Throwable e, CharAt chars, boolean withLine) {
        return JsonSyntax.describe(e, chars, withLine);
    }

    /** See {@link JsonSyntax#element}. */
    public static com.google.gson.JsonElement element(com.google.gson.stream.JsonReader in) throws IOException {
        return JsonSyntax.element(in);
    }

    /** See {@link JsonSyntax#elementOfLine}. */
    public static com.google.gson.JsonElement elementOfLine(String line) throws IOException {
        return JsonSyntax.elementOfLine(line);
    }

    /** Characters of one line of text (a JSONL line). */
    public static CharAt ofLine(String text) {
        JsonSyntax.CharAt c = JsonSyntax.ofLine(text);
        return c::at;
    }

    /** Characters of a file on disk, read again up to the place (only after an error); null if not a file. */
    public static CharAt ofFile(String file) {
        Path path;
        try {
            path = Path.of(file);
        } catch (InvalidPathException e) {
            return null;
        }
        if (!Files.isRegularFile(path)) return null;
        return (line, column) -> {
            try (Reader r = new java.io.BufferedReader(StrictUtf8Reader.open(path), 1 << 16)) {
                long l = 1;
                long col = 0;
                for (int c; (c = r.read()) >= 0; ) {
                    if (l == 1 && col == 0 && c == '\uFEFF') continue;
                    if (c == '\n') {
                        if (l == line) return -1;
                        l++;
                        col = 0;
                        continue;
                    }
                    col++;
                    if (l == line && col == column) return c;
                }
                return -1;
            } catch (IOException | RuntimeException e) {
                return -1;
            }
        };
    }
}
