package org.sealworkbench.data;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The sibling {@code .meta} JSON of a SEAL generated self-edit file: how the completions were sampled.
 * Every field may be absent (null). {@code json} keeps the whole object, unknown keys included, so
 * nothing the generator recorded is lost when it is stored as sampling settings.
 */
public record SelfEditMeta(String model, Double temperature, Double topP, Integer maxTokens, Integer k,
                           String timestamp, String json) {

    /** For {@code foo.json} the meta file is {@code foo.meta} or {@code foo.json.meta}; empty when neither exists. */
    public static Optional<Path> findBeside(Path dataFile) {
        String name = dataFile.getFileName().toString();
        int dot = name.lastIndexOf('.');
        Path dir = dataFile.toAbsolutePath().getParent();
        if (dot > 0) {
            Path stem = dir.resolve(name.substring(0, dot) + ".meta");
            if (Files.isRegularFile(stem)) return Optional.of(stem);
        }
        Path full = dir.resolve(name + ".meta");
        return Files.isRegularFile(full) ? Optional.of(full) : Optional.empty();
    }

    /** Reads a meta file (small, so parsed whole). */
    public static SelfEditMeta read(Path metaFile) throws IOException {
        String label = metaFile.toString();
        JsonElement root;
        try (Reader r = new java.io.BufferedReader(StrictUtf8Reader.open(metaFile))) {
            root = JsonErrors.element(new com.google.gson.stream.JsonReader(r));
        } catch (DataFormatException e) {
            throw e;
        } catch (java.io.EOFException e) {
            throw new DataFormatException(label + ": not valid JSON: truncated: the file ends inside its object", e);
        } catch (IOException | IllegalStateException | NumberFormatException e) {
            throw new DataFormatException(label + ": not valid JSON: " + JsonErrors.describe(e, JsonErrors.ofFile(label), true), e);
        }
        if (!root.isJsonObject()) {
            throw new DataFormatException(label + ": expected a JSON object, found " + kind(root));
        }
        JsonObject o = root.getAsJsonObject();
        return new SelfEditMeta(text(o, "model", label), number(o, "temperature", label), number(o, "top_p", label),
                integer(o, "max_tokens", label), integer(o, "k", label), text(o, "timestamp", label), o.toString());
    }

    /** Writes this meta as JSON (the known fields; {@code json} is ignored). */
    public void write(Path metaFile) throws IOException {
        JsonObject o = new JsonObject();
        if (model != null) o.addProperty("model", model);
        if (temperature != null) o.addProperty("temperature", temperature);
        if (topP != null) o.addProperty("top_p", topP);
        if (maxTokens != null) o.addProperty("max_tokens", maxTokens);
        if (k != null) o.addProperty("k", k);
        if (timestamp != null) o.addProperty("timestamp", timestamp);
        try (Writer w = Files.newBufferedWriter(metaFile, StandardCharsets.UTF_8)) {
            w.write(o.toString());
            w.write('\n');
        }
    }

    private static String text(JsonObject o, String key, String label) throws DataFormatException {
        JsonElement e = o.get(key);
        if (e == null || e.isJsonNull()) return null;
        // A timestamp may be written as seconds since the epoch; keep it as its text.
        if (e.isJsonPrimitive()) return e.getAsString();
        throw new DataFormatException(label + ": field \"" + key + "\": expected a string, found " + kind(e));
    }

    private static Double number(JsonObject o, String key, String label) throws DataFormatException {
        JsonElement e = o.get(key);
        if (e == null || e.isJsonNull()) return null;
        if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isNumber()) return e.getAsDouble();
        throw new DataFormatException(label + ": field \"" + key + "\": expected a number, found " + kind(e));
    }

    private static Integer integer(JsonObject o, String key, String label) throws DataFormatException {
        Double d = number(o, key, label);
        if (d == null) return null;
        if (d != Math.rint(d)) {
            throw new DataFormatException(label + ": field \"" + key + "\": expected a whole number, found " + d);
        }
        return d.intValue();
    }

    private static String kind(JsonElement e) {
        if (e.isJsonNull()) return "NULL";
        if (e.isJsonArray()) return "ARRAY";
        if (e.isJsonObject()) return "OBJECT";
        JsonPrimitive p = e.getAsJsonPrimitive();
        return p.isNumber() ? "NUMBER" : p.isBoolean() ? "BOOLEAN" : "STRING";
    }
}
