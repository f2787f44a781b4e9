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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A LoRA adapter's settings in PEFT's terms (adapter_config.json). {@code targetModules} are module-name
 * suffixes ("q_proj") as PEFT's list form; {@code targetRegex} is PEFT's string form (a full-match regex),
 * used instead when not null. Scale is alpha / r, or alpha / sqrt(r) with rsLoRA. {@code layersToTransform} is PEFT's
 * field of that name: the decoder layers (by index) whose targeted projections get the adapter, every layer when empty.
 */
public record LoraConfig(int r, double alpha, double dropout, List<String> targetModules, String targetRegex,
                         boolean useRslora, String baseModelNameOrPath, List<Integer> layersToTransform) {
    public static final String CONFIG_FILE = "adapter_config.json";
    public static final List<String> ALL_PROJECTIONS =
            List.of("q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj");

    public LoraConfig {
        if (r <= 0) throw new IllegalArgumentException("LoRA rank must be positive, got " + r);
        if (dropout < 0 || dropout >= 1) throw new IllegalArgumentException("LoRA dropout must be in [0, 1), got " + dropout);
        targetModules = targetModules == null ? List.of() : List.copyOf(targetModules);
        if (targetModules.isEmpty() && targetRegex == null) throw new IllegalArgumentException("LoRA needs target modules");
        layersToTransform = layersToTransform == null ? List.of() : List.copyOf(layersToTransform);
    }

    public LoraConfig(int r, double alpha, double dropout, List<String> targetModules, String targetRegex,
                      boolean useRslora, String baseModelNameOrPath) {
        this(r, alpha, dropout, targetModules, targetRegex, useRslora, baseModelNameOrPath, List.of());
    }

    public static LoraConfig of(int r, double alpha, double dropout, List<String> targets) {
        return new LoraConfig(r, alpha, dropout, targets, null, false, null);
    }

    public LoraConfig withBaseModel(String base) {
        return new LoraConfig(r, alpha, dropout, targetModules, targetRegex, useRslora, base, layersToTransform);
    }

    /** The targets as adapter_config.json gives them: the list ("[q_proj, v_proj]") or the regex ("/.*q_proj/"). */
    public String describeTargets() {
        String t = targetRegex != null ? "/" + targetRegex + "/" : targetModules.toString();
        return layersToTransform.isEmpty() ? t : t + " in layers " + layersToTransform;
    }

    public double scale() {
        return useRslora ? alpha / Math.sqrt(r) : alpha / r;
    }

    /**
     * PEFT's matching: list entries match the whole name or its last dotted part(s); a string is a full regex; with
     * {@code layersToTransform}, only modules inside one of those layers (the number after "layers.", "h.", "block.",
     * "blocks." or "layer.", PEFT's default layer patterns) match.
     */
    public boolean targets(String moduleName) {
        if (!layersToTransform.isEmpty()) {
            Matcher m = LAYER_INDEX.matcher(moduleName);
            if (!m.find() || !layersToTransform.contains(Integer.parseInt(m.group(1)))) return false;
        }
        if (targetRegex != null) return Pattern.matches(targetRegex, moduleName);
        for (String t : targetModules) {
            if (moduleName.equals(t) || moduleName.endsWith("." + t)) return true;
        }
        return false;
    }

    private static final Pattern LAYER_INDEX = Pattern.compile("(?:^|\\.)(?:layers|h|block|blocks|layer)\\.(\\d+)\\.");

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
        if (!layersToTransform.isEmpty()) {
            JsonArray l = new JsonArray();
            layersToTransform.forEach(l::add);
            o.add("layers_to_transform", l);
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
            for (String k : List.of("rank_pattern", "alpha_pattern")) {   // PEFT writes them as {} when unused
                if (o.has(k) && o.get(k).isJsonObject() && o.getAsJsonObject(k).size() > 0) {
                    throw new IllegalArgumentException(f + ": " + k + " is not supported");
                }
            }
            if (!o.has("r")) throw new IllegalArgumentException(f + ": missing \"r\"");
            int r = o.get("r").getAsInt();
            double alpha = o.has("lora_alpha") ? o.get("lora_alpha").getAsDouble() : 8;
            if (!Double.isFinite(alpha) || alpha <= 0) {
                // not in the weights, so nothing to check it against; but 0 makes the adapter a no-op, a negative one is a typo
                throw new IllegalArgumentException(f + ": \"lora_alpha\" is " + o.get("lora_alpha") + "; it must be a positive number"
                        + (alpha == 0 ? " (0 would make the adapter change nothing)" : ""));
            }
            if (r <= 0) throw new IllegalArgumentException(f + ": \"r\" is " + r + "; the rank must be a positive whole number");
            double dropout = o.has("lora_dropout") && !o.get("lora_dropout").isJsonNull() ? o.get("lora_dropout").getAsDouble() : 0;
            List<String> targets = new ArrayList<>();
            String regex = null;
            JsonElement t = o.get("target_modules");
            if (t == null || t.isJsonNull()) throw new IllegalArgumentException(f + ": missing \"target_modules\"");
            if (t.isJsonArray()) t.getAsJsonArray().forEach(x -> targets.add(x.getAsString()));
            else regex = t.getAsString();
            if (o.has("layers_pattern") && !o.get("layers_pattern").isJsonNull()) {
                JsonElement lp = o.get("layers_pattern");
                List<String> patterns = new ArrayList<>();
                if (lp.isJsonArray()) lp.getAsJsonArray().forEach(x -> patterns.add(x.getAsString()));
                else patterns.add(lp.getAsString());
                if (!patterns.isEmpty() && !patterns.equals(List.of("layers"))) {
                    throw new IllegalArgumentException(f + ": layers_pattern " + patterns + " is not supported (the engine's"
                            + " models hold their decoder layers in \"layers\")");
                }
            }
            List<Integer> layers = new ArrayList<>();
            JsonElement lt = o.get("layers_to_transform");
            if (lt != null && !lt.isJsonNull()) {
                if (lt.isJsonArray()) lt.getAsJsonArray().forEach(x -> layers.add(x.getAsInt()));
                else layers.add(lt.getAsInt());
            }
            return new LoraConfig(r, alpha, dropout, targets, regex, bool(o, "use_rslora"), str(o, "base_model_name_or_path"),
                    layers);
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
