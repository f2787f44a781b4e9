package org.sealworkbench.llm.lora;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A LoRA adapter's settings in PEFT's terms (adapter_config.json). {@code targetModules} are module-name
 * suffixes ("q_proj") as PEFT's list form; {@code targetRegex} is PEFT's string form (a full-match regex),
 * used instead when not null. Scale is alpha / r, or alpha / sqrt(r) with rsLoRA.
 */
public record LoraConfig(int r, double alpha, double dropout, List<String> targetModules, String targetRegex,
                         boolean useRslora, String baseModelNameOrPath) {
    public static final String CONFIG_FILE = "adapter_config.json";
    public static final List<String> ALL_PROJECTIONS =
            List.of("q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj");

    public LoraConfig {
        if (r <= 0) throw new IllegalArgumentException("LoRA rank must be positive, got " + r);
        if (dropout < 0 || dropout >= 1) throw new IllegalArgumentException("LoRA dropout must be in [0, 1), got " + dropout);
        targetModules = targetModules == null ? List.of() : List.copyOf(targetModules);
        if (targetModules.isEmpty() && targetRegex == null) throw new IllegalArgumentException("LoRA needs target modules");
    }

    public static LoraConfig of(int r, double alpha, double dropout, List<String> targets) {
        return new LoraConfig(r, alpha, dropout, targets, null, false, null);
    }

    public LoraConfig withBaseModel(String base) {
        return new LoraConfig(r, alpha, dropout, targetModules, targetRegex, useRslora, base);
    }

    public double scale() {
        return useRslora ? alpha / Math.sqrt(r) : alpha / r;
    }

    /** PEFT's matching: list entries match the whole name or its last dotted part(s); a string is a full regex. */
    public boolean targets(String moduleName) {
        if (targetRegex != null) return Pattern.matches(targetRegex, moduleName);
        for (String t : targetModules) {
            if (moduleName.equals(t) || moduleName.endsWith("." + t)) return true;
        }
        return false;
    }

    public String toJson() {
        JsonObject o = new JsonObject();
        o.addProperty("peft_type", "LORA");
        o.addProperty("task_type", "CAUSAL_LM");
        o.addProperty("base_model_name_or_path", baseModelNameOrPath);
        o.addProperty("r", r);
        o.addProperty("lora_alpha", alpha == Math.rint(alpha) ? (Number) (long) alpha : (Number) alpha);
        o.addProperty("lora_dropout", dropout);
        if (targetRegex != null) {
            o.addProperty("target_modules", targetRegex);
        } else {
            JsonArray t = new JsonArray();
            targetModules.forEach(t::add);
            o.add("target_modules", t);
        }
        o.addProperty("bias", "none");
        o.addProperty("fan_in_fan_out", false);
        o.addProperty("inference_mode", true);
        o.addProperty("init_lora_weights", true);
        o.addProperty("use_rslora", useRslora);
        o.addProperty("use_dora", false);
        o.add("modules_to_save", null);
        return new GsonBuilder().serializeNulls().setPrettyPrinting().create().toJson(o);
    }

    public void write(Path dir) {
        Path f = dir.resolve(CONFIG_FILE);
        try {
            Files.createDirectories(dir);
            Files.writeString(f, toJson() + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(f + ": cannot write: " + e.getMessage(), e);
        }
    }

    /** Reads PEFT's adapter_config.json; features we cannot run are rejected by name. */
    public static LoraConfig read(Path dir) {
        Path f = dir.resolve(CONFIG_FILE);
        JsonObject o;
        if (!Files.exists(f)) throw new IllegalArgumentException(f + ": file not found (not a PEFT adapter folder?)");
        try {
            JsonElement el = org.sealworkbench.llm.io.Json.readFile(f); // strict, our words
            if (!el.isJsonObject()) throw new IllegalArgumentException(f + ": not a JSON object");
            o = el.getAsJsonObject();
        } catch (org.sealworkbench.llm.io.CheckpointException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        try {
            String peft = str(o, "peft_type");
            if (peft != null && !peft.equals("LORA")) throw new IllegalArgumentException(f + ": peft_type " + peft + " is not supported (only LORA)");
            if (bool(o, "use_dora")) throw new IllegalArgumentException(f + ": DoRA adapters (use_dora true) are not supported");
            String bias = str(o, "bias");
            if (bias != null && !bias.equals("none")) throw new IllegalArgumentException(f + ": bias \"" + bias + "\" is not supported (only \"none\")");
            if (bool(o, "fan_in_fan_out")) throw new IllegalArgumentException(f + ": fan_in_fan_out true is not supported (Conv1D layouts)");
            for (String k : List.of("rank_pattern", "alpha_pattern")) {
                if (o.has(k) && o.get(k).isJsonObject() && o.getAsJsonObject(k).size() > 0) {
                    throw new IllegalArgumentException(f + ": " + k + " is not supported");
                }
            }
            if (!o.has("r")) throw new IllegalArgumentException(f + ": missing \"r\"");
            int r = o.get("r").getAsInt();
            double alpha = o.has("lora_alpha") ? o.get("lora_alpha").getAsDouble() : 8;
            double dropout = o.has("lora_dropout") && !o.get("lora_dropout").isJsonNull() ? o.get("lora_dropout").getAsDouble() : 0;
            List<String> targets = new ArrayList<>();
            String regex = null;
            JsonElement t = o.get("target_modules");
            if (t == null || t.isJsonNull()) throw new IllegalArgumentException(f + ": missing \"target_modules\"");
            if (t.isJsonArray()) t.getAsJsonArray().forEach(x -> targets.add(x.getAsString()));
            else regex = t.getAsString();
            return new LoraConfig(r, alpha, dropout, targets, regex, bool(o, "use_rslora"), str(o, "base_model_name_or_path"));
        } catch (IllegalStateException | ClassCastException | NumberFormatException | UnsupportedOperationException e) {
            throw new IllegalArgumentException(f + ": wrong type in a field: " + e.getMessage(), e);
        }
    }

    private static String str(JsonObject o, String k) {
        return o.has(k) && !o.get(k).isJsonNull() ? o.get(k).getAsString() : null;
    }

    private static boolean bool(JsonObject o, String k) {
        return o.has(k) && !o.get(k).isJsonNull() && o.get(k).getAsBoolean();
    }
}
