package org.sealworkbench.llm.io;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Small helpers for the Hugging Face JSON files of a checkpoint; every error names the file. */
public final class Json {
    private Json() {}

    /** Reads a JSON object file; a missing, unreadable or malformed file is a {@link CheckpointException}. */
    public static JsonObject readObject(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new CheckpointException(file + ": file not found");
        } catch (IOException e) {
            throw new CheckpointException(file + ": cannot read: " + e.getMessage(), e);
        }
        JsonElement root;
        try {
            root = JsonParser.parseString(text);
        } catch (RuntimeException e) {
            throw new CheckpointException(file + ": malformed JSON: " + e.getMessage(), e);
        }
        if (!root.isJsonObject()) {
            throw new CheckpointException(file + ": expected a JSON object at the top level");
        }
        return root.getAsJsonObject();
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
