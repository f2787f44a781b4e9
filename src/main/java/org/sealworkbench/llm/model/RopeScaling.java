package org.sealworkbench.llm.model;

import org.sealworkbench.llm.io.CheckpointException;
import org.sealworkbench.llm.io.Json;

import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.util.List;

/**
 * The {@code rope_scaling} block of a config.json. Supported: {@code llama3} (Llama 3.1+ frequency
 * bands) and {@code linear} (positions divided by factor); everything else is rejected on load.
 */
public record RopeScaling(String type, double factor, double lowFreqFactor, double highFreqFactor,
                          int originalMaxPositionEmbeddings) {

    public static final List<String> SUPPORTED = List.of("llama3", "linear", "default");

    public static RopeScaling llama3(double factor, double lowFreqFactor, double highFreqFactor, int originalMax) {
        return new RopeScaling("llama3", factor, lowFreqFactor, highFreqFactor, originalMax);
    }

    /** Parses the block; {@code null} for "default" (plain RoPE). */
    static RopeScaling parse(JsonObject o, Path file) {
        String type = Json.optString(o, "rope_type", file);
        if (type == null) type = Json.optString(o, "type", file);
        if (type == null) throw new CheckpointException(file + ": rope_scaling has no \"rope_type\" (or \"type\")");
        switch (type) {
            case "default":
                return null;
            case "linear":
                return new RopeScaling("linear", requirePositive(o, "factor", file), 0, 0, 0);
            case "llama3":
                return new RopeScaling("llama3", requirePositive(o, "factor", file),
                        requirePositive(o, "low_freq_factor", file), requirePositive(o, "high_freq_factor", file),
                        Json.requireInt(o, "original_max_position_embeddings", file));
            default:
                throw new CheckpointException(file + ": rope_scaling type \"" + type + "\" is not supported (supported: "
                        + String.join(", ", SUPPORTED) + ")");
        }
    }

    private static double requirePositive(JsonObject o, String key, Path file) {
        double v = Json.optDouble(o, key, Double.NaN, file);
        if (!(v > 0)) throw new CheckpointException(file + ": rope_scaling needs a positive \"" + key + "\"");
        return v;
    }

    JsonObject toJson() {
        JsonObject o = new JsonObject();
        o.addProperty("rope_type", type);
        o.addProperty("factor", factor);
        if (type.equals("llama3")) {
            o.addProperty("low_freq_factor", lowFreqFactor);
            o.addProperty("high_freq_factor", highFreqFactor);
            o.addProperty("original_max_position_embeddings", originalMaxPositionEmbeddings);
        }
        return o;
    }
}
