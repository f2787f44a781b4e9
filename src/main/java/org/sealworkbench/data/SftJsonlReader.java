package org.sealworkbench.data;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.Consumer;

/** Streams an SFT JSONL file ({@code {"prompt": ..., "completion": ...}} per line), as ReST-EM writes them. */
public final class SftJsonlReader {
    private SftJsonlReader() {}

    /** Hands each pair to the consumer; returns the number of pairs. Blank lines are skipped. */
    public static int read(InputStream in, String file, Consumer<SftPair> out) throws IOException {
        return read(in, file, out, w -> {});
    }

    /** As {@link #read(InputStream, String, Consumer)}, with warnings (a file that may have been cut short). */
    public static int read(InputStream in, String file, Consumer<SftPair> out, Consumer<String> warnings) throws IOException {
        StrictUtf8Reader reader = new StrictUtf8Reader(in, file);
        BufferedReader lines = new BufferedReader(reader, 1 << 16);
        int n = 0;
        int lineNo = 0;
        int lastRecordLine = 0;
        for (String line; (line = lines.readLine()) != null; ) {
            lineNo++;
            if (lineNo == 1 && line.startsWith("\uFEFF")) line = line.substring(1);
            if (line.isBlank()) continue;
            String where = file + ": line " + lineNo;
            JsonElement e;
            try {
                e = JsonErrors.elementOfLine(line);
            } catch (java.io.EOFException ex) {
                throw new DataFormatException(where + ": truncated: the line ends inside its record", ex);
            } catch (IOException | IllegalStateException | NumberFormatException ex) {
                if (String.valueOf(ex.getMessage()).startsWith("Unterminated string")) {
                    throw new DataFormatException(where + ": truncated: the line ends inside its record", ex);
                }
                throw new DataFormatException(where + ": malformed JSON: "
                        + JsonErrors.describe(ex, JsonErrors.ofLine(line), false), ex);
            }
            if (!e.isJsonObject()) throw new DataFormatException(where + ": expected an object {\"prompt\", \"completion\"}, found "
                    + RunResultsReader.kind(e));
            JsonObject o = e.getAsJsonObject();
            out.accept(new SftPair(text(o, "prompt", where), text(o, "completion", where)));
            n++;
            lastRecordLine = lineNo;
        }
        if (n > 0 && reader.lastChar() != '\n') warnings.accept(DataReader.truncationWarning(file, n, lastRecordLine));
        return n;
    }

    private static String text(JsonObject o, String key, String where) throws DataFormatException {
        JsonElement v = o.get(key);
        if (v == null || v.isJsonNull()) throw new DataFormatException(where + ": field \"" + key + "\": missing");
        if (!v.isJsonPrimitive() || !v.getAsJsonPrimitive().isString()) {
            throw new DataFormatException(where + ": field \"" + key + "\": expected a string, found " + RunResultsReader.kind(v));
        }
        return v.getAsString();
    }
}
