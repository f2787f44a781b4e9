package org.sealworkbench.llm.lora;

import org.sealworkbench.llm.io.SafeTensors;
import org.sealworkbench.llm.io.TensorInfo;
import org.sealworkbench.llm.model.ModelConfig;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A PEFT LoRA folder checked against a model's projections before a weight is read: every tensor is a lora_A or lora_B
 * of a projection the model has, with the shapes of that projection and of adapter_config.json's {@code r}, each module
 * has both, and the modules with weights are exactly the ones adapter_config.json's {@code target_modules} (and
 * {@code layers_to_transform}) pick out of the model. Reads only the safetensors header; uses no DJL class, so the
 * window's folder check can run it.
 *
 * <p>Key names follow PEFT's files: {@code base_model.model.<module>.lora_A.weight} as {@code save_pretrained} writes
 * them (the adapter's name taken out), also without the {@code base_model.model.} prefix or with the adapter name
 * {@code default} left in ({@code ...lora_A.default.weight}, a state dict saved by hand). PEFT itself loads with
 * {@code strict=False} and only warns about weights it finds no module for or modules it finds no weights for; here
 * either is an error, since the adapter would then compute something its config does not say.
 */
public final class AdapterLayout {
    static final String PREFIX = "base_model.model.";
    private static final Pattern LAYER = Pattern.compile("^(.*?)(?:^|\\.)layers\\.(\\d+)\\.(.+)$");

    private AdapterLayout() {
    }

    /** One adapted projection: its model name, its two tensors' keys in the file and their shapes ([r, in] and [out, r]). */
    public record Module(String name, String keyA, String keyB, long[] shapeA, long[] shapeB) {
    }

    /** A projection of the model: its name ("model.layers.0.self_attn.q_proj") and weight shape [out, in]. */
    public record Projection(String name, int out, int in) {
    }

    /**
     * The projections a model of this config has, by the names and in the order of {@code LlamaModel.linears()}, without
     * loading it (the window's check of an adapter folder).
     */
    public static List<Projection> projectionsOf(ModelConfig c) {
        int h = c.hiddenSize(), im = c.intermediateSize();
        int q = c.numAttentionHeads() * c.headDim(), kv = c.numKeyValueHeads() * c.headDim();
        List<Projection> out = new ArrayList<>();
        for (int i = 0; i < c.numHiddenLayers(); i++) {
            String p = "model.layers." + i + ".";
            out.add(new Projection(p + "self_attn.q_proj", q, h));
            out.add(new Projection(p + "self_attn.k_proj", kv, h));
            out.add(new Projection(p + "self_attn.v_proj", kv, h));
            out.add(new Projection(p + "self_attn.o_proj", h, q));
            out.add(new Projection(p + "mlp.gate_proj", im, h));
            out.add(new Projection(p + "mlp.up_proj", im, h));
            out.add(new Projection(p + "mlp.down_proj", h, im));
        }
        return out;
    }

    /**
     * Reads {@code dir}'s adapter_config.json and adapter_model.safetensors' header and checks them against
     * {@code projections} (the model's, in model order).
     *
     * @return the config and the adapted modules in model order
     * @throws IllegalArgumentException naming the file and the disagreement
     */
    public static Checked read(Path dir, List<Projection> projections) {
        LoraConfig config = LoraConfig.read(dir);
        Path wf = dir.resolve(LoraAdapter.WEIGHTS_FILE);
        if (!Files.exists(wf)) {
            throw new IllegalArgumentException(wf + ": file not found"
                    + (Files.exists(dir.resolve("adapter_model.bin")) ? " (adapter_model.bin is a pickle; save the adapter with safe_serialization)" : ""));
        }
        Map<String, TensorInfo> tensors;
        try (SafeTensors st = SafeTensors.open(wf)) {
            tensors = new LinkedHashMap<>(st.tensors());
        }
        return new Checked(config, check(wf, config, tensors, projections));
    }

    /** What {@link #read} found: the adapter's config and its modules, in model order. */
    public record Checked(LoraConfig config, List<Module> modules) {
    }

    /**
     * Checks a weights file's tensors (its header) against the config and the model's projections.
     *
     * @param wf the weights file, for the messages
     */
    public static List<Module> check(Path wf, LoraConfig config, Map<String, TensorInfo> tensors, List<Projection> projections) {
        Map<String, Projection> byName = new LinkedHashMap<>();
        for (Projection p : projections) byName.put(p.name(), p);
        Map<String, String> keyA = new LinkedHashMap<>(), keyB = new LinkedHashMap<>();
        Set<String> unknown = new LinkedHashSet<>();
        for (TensorInfo t : tensors.values()) {
            String key = t.name();
            String k = key.startsWith(PREFIX) ? key.substring(PREFIX.length()) : key;
            boolean isA;
            String module;
            if (k.endsWith(".lora_A.weight") || k.endsWith(".lora_A.default.weight")) {
                isA = true;
                module = k.substring(0, k.lastIndexOf(".lora_A."));
            } else if (k.endsWith(".lora_B.weight") || k.endsWith(".lora_B.default.weight")) {
                isA = false;
                module = k.substring(0, k.lastIndexOf(".lora_B."));
            } else {
                throw new IllegalArgumentException(wf + ": unexpected tensor \"" + key + "\" (" + unexpectedKind(k) + ")");
            }
            if (!byName.containsKey(module)) {
                unknown.add(module);
                continue;
            }
            Map<String, String> keys = isA ? keyA : keyB;
            if (keys.containsKey(module)) {
                throw new IllegalArgumentException(wf + ": module " + module + " has two " + (isA ? "lora_A" : "lora_B")
                        + " tensors, \"" + keys.get(module) + "\" and \"" + key + "\"");
            }
            keys.put(module, key);
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(wf + " holds weights for " + describe(unknown) + ", which the model does not have"
                    + " (its projections: " + describe(byName.keySet()) + "): the adapter was made for another model");
        }
        // shapes: each tensor against the projection and the config's r, A's rank against B's
        for (Projection p : projections) {
            String a = keyA.get(p.name()), b = keyB.get(p.name());
            if (a == null && b == null) continue;
            if (a == null || b == null) {
                throw new IllegalArgumentException(wf + ": module " + p.name() + " has only " + (a == null ? "lora_B" : "lora_A")
                        + " (\"" + (a == null ? b : a) + "\"); a LoRA module needs both lora_A and lora_B");
            }
            long[] sa = tensors.get(a).shape(), sb = tensors.get(b).shape();
            checkShape(wf, config, a, sa, new long[] {config.r(), p.in()}, true);
            checkShape(wf, config, b, sb, new long[] {p.out(), config.r()}, false);
        }
        // coverage: the modules with weights are the ones the config targets
        Set<String> targeted = new LinkedHashSet<>();
        for (Projection p : projections) if (config.targets(p.name())) targeted.add(p.name());
        Set<String> weighted = new LinkedHashSet<>();
        for (Projection p : projections) if (keyA.containsKey(p.name())) weighted.add(p.name());
        if (weighted.isEmpty()) throw new IllegalArgumentException(wf + ": no LoRA tensors");
        Path cf = wf.resolveSibling(LoraConfig.CONFIG_FILE);
        if (targeted.isEmpty()) {
            throw new IllegalArgumentException(cf + " names target_modules " + config.describeTargets() + ", which match no"
                    + " projection of the model (its projections: " + describe(byName.keySet()) + "), but "
                    + wf.getFileName() + " holds weights for " + describe(weighted) + ": the adapter is inconsistent");
        }
        Set<String> extra = new LinkedHashSet<>(weighted);
        extra.removeAll(targeted);
        Set<String> missing = new LinkedHashSet<>(targeted);
        missing.removeAll(weighted);
        if (!extra.isEmpty() || !missing.isEmpty()) {
            List<String> what = new ArrayList<>();
            if (!extra.isEmpty()) what.add("holds weights for " + describe(extra) + ", which they do not name");
            if (!missing.isEmpty()) what.add("holds no weights for " + describe(missing));
            throw new IllegalArgumentException(cf + " names target_modules " + config.describeTargets() + " but "
                    + wf.getFileName() + " " + String.join(" and ", what) + ": the adapter is inconsistent (its config and"
                    + " its weights are of different adapters, or the file was cut or edited)");
        }
        List<Module> out = new ArrayList<>();
        for (Projection p : projections) {
            if (!weighted.contains(p.name())) continue;
            String a = keyA.get(p.name()), b = keyB.get(p.name());
            out.add(new Module(p.name(), a, b, tensors.get(a).shape(), tensors.get(b).shape()));
        }
        return out;
    }

    private static void checkShape(Path wf, LoraConfig config, String key, long[] s, long[] expect, boolean isA) {
        if (Arrays.equals(expect, s)) return;
        // The rank is the one dimension the adapter chooses; say where a mismatch of it comes from.
        boolean rank = s.length == 2 && (isA ? s[1] == expect[1] && s[0] != config.r() : s[0] == expect[0] && s[1] != config.r());
        throw new IllegalArgumentException(wf + ": tensor \"" + key + "\" has shape " + Arrays.toString(s)
                + ", expected " + Arrays.toString(expect) + (rank
                ? " (its rank is " + (isA ? s[0] : s[1]) + " but " + LoraConfig.CONFIG_FILE + " says r = "
                        + config.r() + ": the config and the weights are of different adapters)"
                : " (the adapter was trained for a model of another shape)"));
    }

    private static String unexpectedKind(String k) {
        if (k.contains("lora_magnitude_vector")) return "a DoRA magnitude vector; DoRA adapters are not supported";
        if (k.contains("lora_embedding_")) return "a LoRA of the embeddings; only the attention and MLP projections are supported";
        if (k.contains(".bias")) return "a bias; only adapters with bias \"none\" are supported";
        return "only lora_A/lora_B weights are supported";
    }

    /**
     * Module names by their projection (the name's last part) with their layers, projections in the same layers together:
     * "k_proj (layers 0-3)", "q_proj, v_proj (layers 0-3); k_proj (layer 1)"; a name outside the decoder layers as it is.
     */
    public static String describe(Iterable<String> modules) {
        Map<String, TreeSet<Integer>> layers = new LinkedHashMap<>();
        List<String> others = new ArrayList<>();
        for (String m : modules) {
            Matcher x = LAYER.matcher(m);
            if (x.matches()) {
                String rest = x.group(3);
                layers.computeIfAbsent(rest.substring(rest.lastIndexOf('.') + 1), k -> new TreeSet<>()).add(Integer.parseInt(x.group(2)));
            } else {
                others.add(m);
            }
        }
        Map<TreeSet<Integer>, List<String>> byLayers = new LinkedHashMap<>();
        for (var e : layers.entrySet()) byLayers.computeIfAbsent(e.getValue(), k -> new ArrayList<>()).add(e.getKey());
        List<String> parts = new ArrayList<>();
        for (var e : byLayers.entrySet()) parts.add(String.join(", ", e.getValue()) + " (" + layerRanges(e.getKey()) + ")");
        parts.addAll(others);
        return String.join("; ", parts);
    }

    /** "layer 2", "layers 0-3", "layers 0-1, 3". */
    static String layerRanges(TreeSet<Integer> ls) {
        TreeMap<Integer, Integer> runs = new TreeMap<>();
        Integer start = null, prev = null;
        for (int l : ls) {
            if (start == null) {
                start = l;
            } else if (l != prev + 1) {
                runs.put(start, prev);
                start = l;
            }
            prev = l;
        }
        if (start != null) runs.put(start, prev);
        List<String> out = new ArrayList<>();
        for (var r : runs.entrySet()) {
            int a = r.getKey(), b = r.getValue();
            out.add(a == b ? Integer.toString(a) : b == a + 1 ? a + ", " + b : a + "-" + b);
        }
        return (ls.size() == 1 ? "layer " : "layers ") + String.join(", ", out);
    }
}
