package org.sealworkbench.llm.tokenizer;

import org.sealworkbench.llm.generation.GenerationConfig;
import org.sealworkbench.llm.io.CheckpointException;
import org.sealworkbench.llm.io.Json;
import org.sealworkbench.llm.model.ModelConfig;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A checkpoint's tokenizer: DJL's HuggingFaceTokenizer over the local tokenizer.json, created with
 * explicit options (DJL would otherwise truncate to 512 tokens and add special tokens), plus the
 * special token ids from the configs and the chat template, if the model has one.
 *
 * BOS is added by this class, not by the tokenizer's post-processor: when tokenizer_config.json says
 * add_bos_token, or, when it does not say, when tokenizer.json's post-processor template starts with
 * the BOS token (how Llama 3 does it).
 */
public final class Tokenizer implements AutoCloseable {
    private final HuggingFaceTokenizer hf;
    private final Map<String, Integer> vocab;        // token -> id (model vocab and added tokens)
    private final Set<Integer> specialIds;
    private final Integer bosId;
    private final List<Integer> eosIds;
    private final Integer padId;
    private final boolean addBos;
    private final ChatTemplate chatTemplate;
    private final boolean cleanUp;
    private final int size;

    private Tokenizer(HuggingFaceTokenizer hf, Map<String, Integer> vocab, Set<Integer> specialIds, Integer bosId,
                      List<Integer> eosIds, Integer padId, boolean addBos, ChatTemplate chatTemplate, boolean cleanUp) {
        this.hf = hf;
        this.vocab = vocab;
        this.specialIds = specialIds;
        this.bosId = bosId;
        this.eosIds = List.copyOf(eosIds);
        this.padId = padId;
        this.addBos = addBos;
        this.chatTemplate = chatTemplate;
        this.cleanUp = cleanUp;
        this.size = vocab.values().stream().mapToInt(Integer::intValue).max().orElse(-1) + 1;
    }

    /** Loads {@code dir/tokenizer.json} with the special tokens of the folder's configs. */
    public static Tokenizer load(Path dir) {
        Path file = dir.resolve("tokenizer.json");
        if (!Files.exists(file)) throw new CheckpointException(file + ": file not found (the model's tokenizer is needed)");
        JsonObject json = Json.readObject(file);
        Map<String, Integer> vocab = new HashMap<>();
        Set<Integer> special = new LinkedHashSet<>();
        readVocab(json, vocab, special, file);
        TokenizerConfig tc = TokenizerConfig.read(dir);
        GenerationConfig gc = GenerationConfig.read(dir);
        ModelConfig mc = Files.exists(dir.resolve("config.json")) ? ModelConfig.read(dir) : null;

        Integer bos = firstNonNull(idOf(tc.bosToken(), vocab), gc.bosTokenId(), mc == null ? null : mc.bosTokenId());
        List<Integer> eos = new ArrayList<>();
        Integer eosFromTokenizer = idOf(tc.eosToken(), vocab);
        if (eosFromTokenizer != null) eos.add(eosFromTokenizer);
        for (Integer e : gc.eosTokenIds()) if (!eos.contains(e)) eos.add(e);
        if (mc != null) for (Integer e : mc.eosTokenIds()) if (!eos.contains(e)) eos.add(e);
        Integer pad = firstNonNull(idOf(tc.padToken(), vocab), gc.padTokenId(), mc == null ? null : mc.padTokenId());
        boolean addBos = tc.addBosToken() != null ? tc.addBosToken() : postProcessorAddsBos(json, bos, vocab);
        if (addBos && bos == null) throw new CheckpointException(dir + ": the tokenizer should add BOS but no bos token is configured");
        ChatTemplate template = tc.chatTemplate() == null ? null : new ChatTemplate(tc.chatTemplate(),
                tc.bosToken(), tc.eosToken());
        try {
            HuggingFaceTokenizer hf = HuggingFaceTokenizer.builder()
                    .optTokenizerPath(file)
                    .optAddSpecialTokens(false)
                    .optTruncation(false)
                    .optPadding(false)
                    .optWithOverflowingTokens(false)
                    .build();
            return new Tokenizer(hf, vocab, special, bos, eos, pad, addBos, template, tc.cleanUpTokenizationSpaces());
        } catch (IOException | RuntimeException e) {
            throw new CheckpointException(file + ": cannot load tokenizer: " + e.getMessage(), e);
        }
    }

    private static void readVocab(JsonObject json, Map<String, Integer> vocab, Set<Integer> special, Path file) {
        if (json.has("model") && json.get("model").isJsonObject()) {
            JsonObject model = json.getAsJsonObject("model");
            JsonElement v = model.get("vocab");
            if (v != null && v.isJsonObject()) {
                for (Map.Entry<String, JsonElement> e : v.getAsJsonObject().entrySet()) vocab.put(e.getKey(), e.getValue().getAsInt());
            } else if (v != null && v.isJsonArray()) { // Unigram: [[piece, score], ...], id = index
                JsonArray a = v.getAsJsonArray();
                for (int i = 0; i < a.size(); i++) vocab.put(a.get(i).getAsJsonArray().get(0).getAsString(), i);
            }
        } else {
            throw new CheckpointException(file + ": no \"model\" object; not a Hugging Face tokenizer.json");
        }
        if (json.has("added_tokens") && json.get("added_tokens").isJsonArray()) {
            for (JsonElement e : json.getAsJsonArray("added_tokens")) {
                JsonObject t = e.getAsJsonObject();
                int id = t.get("id").getAsInt();
                vocab.put(t.get("content").getAsString(), id);
                if (t.has("special") && t.get("special").getAsBoolean()) special.add(id);
            }
        }
    }

    /** True when the post-processor's single-sequence template begins with the BOS token. */
    private static boolean postProcessorAddsBos(JsonObject json, Integer bos, Map<String, Integer> vocab) {
        if (bos == null || !json.has("post_processor") || !json.get("post_processor").isJsonObject()) return false;
        JsonObject pp = json.getAsJsonObject("post_processor");
        List<JsonObject> candidates = new ArrayList<>();
        if ("Sequence".equals(str(pp, "type")) && pp.has("processors")) {
            for (JsonElement p : pp.getAsJsonArray("processors")) candidates.add(p.getAsJsonObject());
        } else {
            candidates.add(pp);
        }
        for (JsonObject p : candidates) {
            if (!"TemplateProcessing".equals(str(p, "type")) || !p.has("single")) continue;
            JsonArray single = p.getAsJsonArray("single");
            if (single.size() == 0) continue;
            JsonObject first = single.get(0).getAsJsonObject();
            if (first.has("SpecialToken")) {
                String id = str(first.getAsJsonObject("SpecialToken"), "id");
                return bos.equals(vocab.get(id));
            }
        }
        return false;
    }

    private static String str(JsonObject o, String key) {
        return o.has(key) && o.get(key).isJsonPrimitive() ? o.get(key).getAsString() : null;
    }

    private static Integer idOf(String token, Map<String, Integer> vocab) {
        return token == null ? null : vocab.get(token);
    }

    @SafeVarargs
    private static <T> T firstNonNull(T... xs) {
        for (T x : xs) if (x != null) return x;
        return null;
    }

    // ---------------------------------------------------------------- use

    /** Token ids of a text, with BOS first when the model expects it. No truncation. */
    public int[] encode(String text) {
        return encode(text, true);
    }

    /** Token ids of a text; {@code addSpecial} false leaves out BOS (e.g. for a rendered chat prompt). */
    public int[] encode(String text, boolean addSpecial) {
        Encoding enc = hf.encode(text, false, false);
        long[] ids = enc.getIds();
        boolean bos = addSpecial && addBos;
        int[] out = new int[ids.length + (bos ? 1 : 0)];
        if (bos) out[0] = bosId;
        for (int i = 0; i < ids.length; i++) out[i + (bos ? 1 : 0)] = (int) ids[i];
        return out;
    }

    /** Text of ids, leaving out special tokens (BOS, EOS, padding). */
    public String decode(int[] ids) {
        return decode(ids, true);
    }

    public String decode(int[] ids, boolean skipSpecialTokens) {
        long[] l = new long[ids.length];
        for (int i = 0; i < ids.length; i++) l[i] = ids[i];
        String text = hf.decode(l, skipSpecialTokens);
        return cleanUp ? cleanUpSpaces(text) : text;
    }

    /** transformers' clean_up_tokenization: spaces before punctuation and English contractions. */
    static String cleanUpSpaces(String s) {
        return s.replace(" .", ".").replace(" ?", "?").replace(" !", "!").replace(" ,", ",").replace(" ' ", "'")
                .replace(" n't", "n't").replace(" 'm", "'m").replace(" 's", "'s").replace(" 've", "'ve").replace(" 're", "'re");
    }

    /** The id of a token string (vocabulary or added token), or null. */
    public Integer tokenId(String token) {
        return vocab.get(token);
    }

    public boolean isSpecial(int id) {
        return specialIds.contains(id);
    }

    public Integer bosId() {
        return bosId;
    }

    /** End-of-sequence ids: tokenizer_config's eos_token, then generation_config's and config's. */
    public List<Integer> eosIds() {
        return eosIds;
    }

    /** The padding id: configured pad token, else the first EOS, else 0. */
    public int padId() {
        if (padId != null) return padId;
        return eosIds.isEmpty() ? 0 : eosIds.get(0);
    }

    public boolean addsBos() {
        return addBos;
    }

    /** Number of ids the tokenizer knows (highest id + 1). */
    public int size() {
        return size;
    }

    public boolean hasChatTemplate() {
        return chatTemplate != null;
    }

    /** Renders messages with the model's chat template; base models have none (use raw prompts). */
    public String applyChatTemplate(List<ChatMessage> messages, boolean addGenerationPrompt) {
        if (chatTemplate == null) throw new IllegalStateException("this model has no chat template (a base model): use a raw prompt");
        return chatTemplate.render(messages, addGenerationPrompt);
    }

    /** Prompt ids for a chat: the rendered template already holds any BOS it wants. */
    public int[] encodeChat(List<ChatMessage> messages, boolean addGenerationPrompt) {
        return encode(applyChatTemplate(messages, addGenerationPrompt), false);
    }

    @Override
    public void close() {
        hf.close();
    }
}
