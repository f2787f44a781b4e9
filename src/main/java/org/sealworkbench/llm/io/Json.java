package org.sealworkbench.llm.io;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.MalformedJsonException;
import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.sealworkbench.util.JsonSyntax;

/**
 * Small helpers for the Hugging Face JSON files of a checkpoint (config.json, generation_config.json, the
 * tokenizer's files, adapter_config.json); reading is strict and every error names the file.
 */
public final class Json {
    private Json() {}

    /**
     * Reads a JSON object file strictly; a missing, unreadable or malformed file is a {@link CheckpointException}
     * naming the file and, for a malformed one, what is wrong and where (line, column; byte offset for a byte
     * that is not UTF-8).
     */
    public static JsonObject readObject(Path file) {
        JsonElement root = readFile(file);
        if (!root.isJsonObject()) {
            throw new CheckpointException(file + ": expected a JSON object at the top level");
        }
        return root.getAsJsonObject();
    }

    /**
     * Reads one JSON value from a file, strictly (Gson's {@code JsonParser} is lenient: it takes unquoted text,
     * single quotes, NaN, comments and trailing garbage): RFC 8259 JSON in UTF-8, one value, no field twice in
     * an object. Errors are {@link CheckpointException}s in our words ("malformed JSON: unexpected character
     * 'x' (line 3, column 9)"), never Gson's hints.
     */
    public static JsonElement readFile(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new CheckpointException(file + ": file not found");
        } catch (IOException e) {
            throw new CheckpointException(file + ": cannot read: " + e.getMessage(), e);
        }
        return parse(file, utf8(file, bytes));
    }

    /** Strict UTF-8: a bad byte is named with its offset and line (no U+FFFD, no "Input length = 1"). */
    static String utf8(Path file, byte[] bytes) {
        CharsetDecoder d = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult r = d.decode(in, out, true);
        if (!r.isError()) r = d.flush(out);
        if (r.isError()) {
            int at = in.position();
            long line = 1;
            for (int i = 0; i < at; i++) if (bytes[i] == '\n') line++;
            throw new CheckpointException(String.format(Locale.ROOT, "%s: not UTF-8 text: byte 0x%02X at byte offset %d (line %d)%s",
                    file, bytes[at] & 0xFF, at, line, at + r.length() >= bytes.length ? " (truncated file?)" : ""));
        }
        String text = out.flip().toString();
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    /** Strict parse of a whole JSON text read from {@code file} (see {@link #readFile}). */
    public static JsonElement parse(Path file, String text) {
        JsonReader in = new JsonReader(new StringReader(text));
        in.setStrictness(Strictness.STRICT);
        try {
            JsonElement value = value(file, in);
            if (in.peek() != JsonToken.END_DOCUMENT) throw new MalformedJsonException("more than one JSON value");
            return value;
        } catch (CheckpointException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            String where = e instanceof MalformedJsonException && "more than one JSON value".equals(e.getMessage())
                    ? "more than one JSON value (text after the end of the first)" : JsonSyntax.describe(e, JsonSyntax.ofText(text), true);
            throw new CheckpointException(file + ": malformed JSON: " + where, e);
        }
    }

    /** One value as a tree ({@link JsonSyntax#elementUniqueKeys}), a field given twice named with its object. */
    private static JsonElement value(Path file, JsonReader in) throws IOException {
        try {
            return JsonSyntax.elementUniqueKeys(in);
        } catch (JsonSyntax.DuplicateKey d) {
            throw new CheckpointException(file + ": malformed JSON: the field \"" + d.key + "\" appears twice in "
                    + ("$".equals(d.objectPath) ? "the top-level object" : "the object at " + d.objectPath));
        }
    }

    public static boolean has(JsonObject o, String key) {
        return o.has(key) && !o.get(key).isJsonNull();
    }

    public static int requireInt(JsonObject o, String key, Path file) {
        if (!has(o, key)) throw new CheckpointException(file + ": required field \"" + key + "\" is missing");
        return asInt(o.get(key), key, file);
    }

    public static int optInt(JsonObject o, String key, int fallback, Path file) {
        return has(o, key) ? asInt(o.get(key), key, file) : fallback;
    }

    public static Integer optInteger(JsonObject o, String key, Path file) {
        return has(o, key) ? asInt(o.get(key), key, file) : null;
    }

    public static double optDouble(JsonObject o, String key, double fallback, Path file) {
        if (!has(o, key)) return fallback;
        try {
            return o.get(key).getAsDouble();
        } catch (RuntimeException e) {
            throw new CheckpointException(file + ": field \"" + key + "\" must be a number, got " + o.get(key));
        }
    }

    public static boolean optBool(JsonObject o, String key, boolean fallback, Path file) {
        if (!has(o, key)) return fallback;
        JsonElement e = o.get(key);
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isBoolean()) {
            throw new CheckpointException(file + ": field \"" + key + "\" must be true or false, got " + e);
        }
        return e.getAsBoolean();
    }

    public static String optString(JsonObject o, String key, Path file) {
        if (!has(o, key)) return null;
        JsonElement e = o.get(key);
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
            throw new CheckpointException(file + ": field \"" + key + "\" must be a string, got " + e);
        }
        return e.getAsString();
    }

    /** An int or a list of ints (HF allows both for eos_token_id); empty when absent. */
    public static List<Integer> intOrList(JsonObject o, String key, Path file) {
        List<Integer> out = new ArrayList<>();
        if (!has(o, key)) return out;
        JsonElement e = o.get(key);
        if (e.isJsonArray()) {
            for (JsonElement x : e.getAsJsonArray()) out.add(asInt(x, key, file));
        } else {
            out.add(asInt(e, key, file));
        }
        return out;
    }

    private static int asInt(JsonElement e, String key, Path file) {
        try {
            double d = e.getAsDouble();
            if (d != Math.rint(d) || Math.abs(d) > Integer.MAX_VALUE) throw new NumberFormatException();
            return (int) d;
        } catch (RuntimeException ex) {
            throw new CheckpointException(file + ": field \"" + key + "\" must be an integer, got " + e);
        }
    }
}
