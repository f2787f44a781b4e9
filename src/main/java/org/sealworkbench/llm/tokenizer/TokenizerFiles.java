package org.sealworkbench.llm.tokenizer;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads and writes a {@link BpeModel} as Hugging Face files: {@code tokenizer.json} (a BPE model with
 * byte-level pre-tokenizer (alone, or after a Split with the regex of {@link PreTokenizer#TRAILING_SPACE}), decoder and post-processor, the specials as added tokens),
 * {@code tokenizer_config.json} (EOS and pad token, no BOS, PreTrainedTokenizerFast) and
 * {@code special_tokens_map.json}. DJL's
 * HuggingFaceTokenizer and the Hugging Face libraries load these.
 */
public final class TokenizerFiles {
    public static final String TOKENIZER_JSON = "tokenizer.json";
    public static final String TOKENIZER_CONFIG_JSON = "tokenizer_config.json";
    public static final String SPECIAL_TOKENS_MAP_JSON = "special_tokens_map.json";
    /**
     * What a checkpoint folder carries beside its weights for tokenizing and generating: copied from the base
     * model whenever a fine-tuned model is saved (the list is written here only).
     */
    public static final List<String> COMPANION_FILES =
            List.of(TOKENIZER_JSON, TOKENIZER_CONFIG_JSON, "generation_config.json", SPECIAL_TOKENS_MAP_JSON);

    /** Copies those of {@link #COMPANION_FILES} that {@code from} has into {@code to}, replacing files there. */
    public static void copyCompanions(Path from, Path to) throws IOException {
        for (String f : COMPANION_FILES) {
            Path src = from.resolve(f);
            if (Files.exists(src)) Files.copy(src, to.resolve(f), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private TokenizerFiles() {}

    /**
     * Writes the three files into {@code dir}. The first special token is the EOS token and also the pad token.
     */
    public static void write(BpeModel model, Path dir, int modelMaxLength) throws IOException {
        if (model.specialTokens().isEmpty()) throw new IllegalArgumentException("the model has no EOS token");
        Files.createDirectories(dir);
        try (Writer out = Files.newBufferedWriter(dir.resolve(TOKENIZER_JSON), StandardCharsets.UTF_8);
             JsonWriter w = new JsonWriter(out)) {
            w.setIndent("  ");
            w.setSerializeNulls(true);
            w.beginObject();
            w.name("version").value("1.0");
            w.name("truncation").nullValue();
            w.name("padding").nullValue();
            w.name("added_tokens").beginArray();
            for (String s : model.specialTokens()) {
                w.beginObject();
                w.name("id").value(model.tokens().indexOf(s));
                w.name("content").value(s);
                w.name("single_word").value(false);
                w.name("lstrip").value(false);
                w.name("rstrip").value(false);
                w.name("normalized").value(false);
                w.name("special").value(true);
                w.endObject();
            }
            w.endArray();
            w.name("normalizer").nullValue();
            w.name("pre_tokenizer");
            if (model.preTokenizer() == PreTokenizer.TRAILING_SPACE) {
                // Pieces cut by a Split with our regex, then bytes mapped without GPT-2's regex.
                w.beginObject();
                w.name("type").value("Sequence");
                w.name("pretokenizers").beginArray();
                w.beginObject();
                w.name("type").value("Split");
                w.name("pattern").beginObject().name("Regex").value(PreTokenizer.TRAILING_SPACE.regex()).endObject();
                w.name("behavior").value("Isolated");
                w.name("invert").value(false);
                w.endObject();
                byteLevel(w, false, true, false);
                w.endArray();
                w.endObject();
            } else {
                byteLevel(w, false, true, true);
            }
            w.name("post_processor");
            byteLevel(w, true, false, true);
            w.name("decoder");
            byteLevel(w, true, true, true);
            w.name("model").beginObject();
            w.name("type").value("BPE");
            w.name("dropout").nullValue();
            w.name("unk_token").nullValue();
            w.name("continuing_subword_prefix").nullValue();
            w.name("end_of_word_suffix").nullValue();
            w.name("fuse_unk").value(false);
            w.name("byte_fallback").value(false);
            w.name("vocab").beginObject();
            for (int i = 0; i < model.tokens().size(); i++) w.name(model.tokens().get(i)).value(i);
            w.endObject();
            // "left right" strings: byte-level tokens never contain a space (it is mapped to Ġ), and
            // every version of the library reads this form.
            w.name("merges").beginArray();
            for (BpeModel.Merge m : model.merges()) w.value(m.left() + " " + m.right());
            w.endArray();
            w.endObject();
            w.endObject();
        }
        String eos = model.specialTokens().get(0);
        try (Writer out = Files.newBufferedWriter(dir.resolve(TOKENIZER_CONFIG_JSON), StandardCharsets.UTF_8);
             JsonWriter w = new JsonWriter(out)) {
            w.setIndent("  ");
            w.setSerializeNulls(true);
            w.beginObject();
            w.name("add_bos_token").value(false);
            w.name("add_eos_token").value(false);
            w.name("add_prefix_space").value(false);
            w.name("added_tokens_decoder").beginObject();
            for (String s : model.specialTokens()) {
                w.name(Integer.toString(model.tokens().indexOf(s))).beginObject();
                w.name("content").value(s);
                w.name("lstrip").value(false);
                w.name("normalized").value(false);
                w.name("rstrip").value(false);
                w.name("single_word").value(false);
                w.name("special").value(true);
                w.endObject();
            }
            w.endObject();
            w.name("bos_token").nullValue();
            w.name("clean_up_tokenization_spaces").value(false);
            w.name("eos_token").value(eos);
            w.name("errors").value("replace");
            w.name("model_max_length").value(modelMaxLength);
            w.name("pad_token").value(eos);
            w.name("tokenizer_class").value("PreTrainedTokenizerFast");
            w.name("unk_token").nullValue();
            w.endObject();
        }
        // Older transformers versions look for the specials here too.
        try (Writer out = Files.newBufferedWriter(dir.resolve(SPECIAL_TOKENS_MAP_JSON), StandardCharsets.UTF_8);
             JsonWriter w = new JsonWriter(out)) {
            w.setIndent("  ");
            w.beginObject();
            w.name("eos_token").value(eos);
            w.name("pad_token").value(eos);
            w.endObject();
        }
    }

    private static void byteLevel(JsonWriter w, boolean addPrefixSpace, boolean trimOffsets, boolean useRegex) throws IOException {
        w.beginObject();
        w.name("type").value("ByteLevel");
        w.name("add_prefix_space").value(addPrefixSpace);
        w.name("trim_offsets").value(trimOffsets);
        w.name("use_regex").value(useRegex);
        w.endObject();
    }

    /** {@link PreTokenizer#TRAILING_SPACE} when the file's pre-tokenizer is a Split with its regex, else GPT-2's. */
    private static PreTokenizer preTokenizer(JsonObject root) {
        JsonElement p = root.get("pre_tokenizer");
        if (p == null || !p.isJsonObject() || !p.getAsJsonObject().has("pretokenizers")) return PreTokenizer.BYTE_LEVEL;
        for (JsonElement e : p.getAsJsonObject().getAsJsonArray("pretokenizers")) {
            JsonObject o = e.getAsJsonObject();
            if ("Split".equals(o.get("type").getAsString()) && o.has("pattern") && o.getAsJsonObject("pattern").has("Regex")
                    && PreTokenizer.TRAILING_SPACE.regex().equals(o.getAsJsonObject("pattern").get("Regex").getAsString())) {
                return PreTokenizer.TRAILING_SPACE;
            }
        }
        return PreTokenizer.BYTE_LEVEL;
    }

    /**
     * Reads the BPE model of a {@code tokenizer.json} (ours or another byte-level BPE one): vocabulary,
     * merges in either form ("a b" or ["a", "b"]) and the special added tokens.
     */
    public static BpeModel read(Path tokenizerJson) throws IOException {
        JsonObject root;
        try {
            JsonElement e = org.sealworkbench.llm.io.Json.readFile(tokenizerJson); // strict, our words
            if (!e.isJsonObject()) throw new IOException(tokenizerJson + ": not a JSON object");
            root = e.getAsJsonObject();
        } catch (org.sealworkbench.llm.io.CheckpointException e) {
            throw new IOException(e.getMessage(), e);
        }
        try {
            JsonObject model = root.getAsJsonObject("model");
            if (model == null || !"BPE".equals(model.get("type").getAsString())) {
                throw new IOException(tokenizerJson + ": model is not of type BPE");
            }
            TreeMap<Integer, String> byId = new TreeMap<>();
            for (Map.Entry<String, JsonElement> v : model.getAsJsonObject("vocab").entrySet()) {
                byId.put(v.getValue().getAsInt(), v.getKey());
            }
            List<String> specials = new ArrayList<>();
            JsonArray added = root.has("added_tokens") && root.get("added_tokens").isJsonArray()
                    ? root.getAsJsonArray("added_tokens") : new JsonArray();
            for (JsonElement a : added) {
                JsonObject t = a.getAsJsonObject();
                byId.put(t.get("id").getAsInt(), t.get("content").getAsString());
                if (t.has("special") && t.get("special").getAsBoolean()) specials.add(t.get("content").getAsString());
            }
            if (byId.firstKey() != 0 || byId.lastKey() != byId.size() - 1) {
                throw new IOException(tokenizerJson + ": token ids are not 0.." + (byId.size() - 1) + " without gaps");
            }
            List<BpeModel.Merge> merges = new ArrayList<>();
            for (JsonElement m : model.getAsJsonArray("merges")) {
                if (m.isJsonArray()) {
                    merges.add(new BpeModel.Merge(m.getAsJsonArray().get(0).getAsString(), m.getAsJsonArray().get(1).getAsString()));
                } else {
                    String[] parts = m.getAsString().split(" ", 2);
                    if (parts.length != 2) throw new IOException(tokenizerJson + ": merge '" + m.getAsString() + "' is not two tokens");
                    merges.add(new BpeModel.Merge(parts[0], parts[1]));
                }
            }
            return new BpeModel(new ArrayList<>(byId.values()), merges, specials, preTokenizer(root));
        } catch (RuntimeException e) {
            throw new IOException(tokenizerJson + ": unexpected structure (" + e.getMessage() + ")", e);
        }
    }
}
