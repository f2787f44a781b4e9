package org.sealworkbench.llm.model;

import org.sealworkbench.llm.io.CheckpointException;
import org.sealworkbench.llm.io.Json;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * The architecture of a decoder checkpoint, read from its config.json (Hugging Face field names).
 * One record for the whole Llama family: Llama 1-3.x, SmolLM (model_type llama), Mistral and Qwen2.
 *
 * @param attentionBias bias on q/k/v (Qwen2 always; Llama when attention_bias is true, then o_proj too)
 * @param mlpBias       bias on gate/up/down (Llama's mlp_bias)
 */
public record ModelConfig(String modelType, int vocabSize, int hiddenSize, int intermediateSize,
                          int numHiddenLayers, int numAttentionHeads, int numKeyValueHeads, int headDim,
                          double rmsNormEps, double ropeTheta, RopeScaling ropeScaling,
                          int maxPositionEmbeddings, boolean tieWordEmbeddings, boolean attentionBias,
                          boolean mlpBias, Integer bosTokenId, List<Integer> eosTokenIds, Integer padTokenId) {

    public static final List<String> SUPPORTED_MODEL_TYPES = List.of("llama", "qwen2", "mistral");

    public ModelConfig {
        eosTokenIds = eosTokenIds == null ? List.of() : List.copyOf(eosTokenIds);
        if (!SUPPORTED_MODEL_TYPES.contains(modelType)) {
            throw new CheckpointException("model_type \"" + modelType + "\" is not supported (supported: "
                    + String.join(", ", SUPPORTED_MODEL_TYPES) + ")");
        }
        if (numAttentionHeads <= 0 || numKeyValueHeads <= 0 || numAttentionHeads % numKeyValueHeads != 0) {
            throw new CheckpointException("num_attention_heads (" + numAttentionHeads
                    + ") must be a positive multiple of num_key_value_heads (" + numKeyValueHeads + ")");
        }
        if (headDim <= 0 || headDim % 2 != 0) throw new CheckpointException("head_dim must be positive and even, got " + headDim);
        if (vocabSize <= 0 || hiddenSize <= 0 || intermediateSize <= 0 || numHiddenLayers <= 0) {
            throw new CheckpointException("vocab_size, hidden_size, intermediate_size and num_hidden_layers must be positive");
        }
    }

    /** Bias on o_proj: Llama's attention_bias covers o_proj too; Qwen2 has bias on q/k/v only. */
    public boolean outputBias() {
        return attentionBias && !modelType.equals("qwen2");
    }

    public int groups() {
        return numAttentionHeads / numKeyValueHeads;
    }

    /** Number of parameters (embedding counted once when tied). */
    public long parameterCount() {
        long h = hiddenSize, kv = (long) numKeyValueHeads * headDim, q = (long) numAttentionHeads * headDim;
        long attn = h * q + 2 * h * kv + q * h + (attentionBias ? q + 2 * kv : 0) + (outputBias() ? h : 0);
        long mlp = 3 * h * intermediateSize + (mlpBias ? 2L * intermediateSize + h : 0);
        long layer = attn + mlp + 2 * h;
        long emb = (long) vocabSize * h;
        return emb * (tieWordEmbeddings ? 1 : 2) + layer * numHiddenLayers + h;
    }

    /** Reads {@code dir/config.json}; unsupported architectures fail with a message naming the file. */
    public static ModelConfig read(Path dir) {
        Path file = dir.resolve("config.json");
        JsonObject o = Json.readObject(file);
        String type = Json.optString(o, "model_type", file);
        if (type == null) throw new CheckpointException(file + ": required field \"model_type\" is missing");
        if (!SUPPORTED_MODEL_TYPES.contains(type)) {
            throw new CheckpointException(file + ": model_type \"" + type + "\" is not supported (supported: "
                    + String.join(", ", SUPPORTED_MODEL_TYPES) + "; SmolLM checkpoints use llama)");
        }
        String act = Json.optString(o, "hidden_act", file);
        if (act != null && !Set.of("silu", "swish").contains(act)) {
            throw new CheckpointException(file + ": hidden_act \"" + act + "\" is not supported (supported: silu)");
        }
        int hidden = Json.requireInt(o, "hidden_size", file);
        int heads = Json.requireInt(o, "num_attention_heads", file);
        int kvHeads = Json.optInt(o, "num_key_value_heads", heads, file);
        if (!Json.has(o, "head_dim") && heads > 0 && hidden % heads != 0) {
            // Without head_dim, a head is hidden_size / num_attention_heads wide (Hugging Face refuses the rest too).
            throw new CheckpointException(file + ": hidden_size (" + hidden + ") is not divisible by num_attention_heads ("
                    + heads + "), and there is no head_dim to say how wide a head is");
        }
        int headDim = Json.optInt(o, "head_dim", heads > 0 ? hidden / heads : 0, file);
        RopeScaling scaling = null;
        if (Json.has(o, "rope_scaling")) {
            if (!o.get("rope_scaling").isJsonObject()) throw new CheckpointException(file + ": rope_scaling must be an object or null");
            scaling = RopeScaling.parse(o.getAsJsonObject("rope_scaling"), file);
        }
        boolean bias = type.equals("qwen2") || Json.optBool(o, "attention_bias", false, file);
        boolean mlpBias = Json.optBool(o, "mlp_bias", false, file);
        List<Integer> eos = Json.intOrList(o, "eos_token_id", file);
        try {
            return new ModelConfig(type, Json.requireInt(o, "vocab_size", file), hidden,
                    Json.requireInt(o, "intermediate_size", file), Json.requireInt(o, "num_hidden_layers", file),
                    heads, kvHeads, headDim, Json.optDouble(o, "rms_norm_eps", 1e-6, file),
                    Json.optDouble(o, "rope_theta", 10000.0, file), scaling,
                    Json.optInt(o, "max_position_embeddings", 2048, file),
                    Json.optBool(o, "tie_word_embeddings", false, file),
                    bias, mlpBias, Json.optInteger(o, "bos_token_id", file), eos,
                    Json.optInteger(o, "pad_token_id", file));
        } catch (CheckpointException e) {
            throw new CheckpointException(file + ": " + e.getMessage(), e);
        }
    }

    /** The config.json text Hugging Face transformers reads back as the same architecture. */
    public String toJson(String torchDtype) {
        JsonObject o = new JsonObject();
        JsonArray arch = new JsonArray();
        arch.add(switch (modelType) {
            case "qwen2" -> "Qwen2ForCausalLM";
            case "mistral" -> "MistralForCausalLM";
            default -> "LlamaForCausalLM";
        });
        o.add("architectures", arch);
        o.addProperty("model_type", modelType);
        o.addProperty("vocab_size", vocabSize);
        o.addProperty("hidden_size", hiddenSize);
        o.addProperty("intermediate_size", intermediateSize);
        o.addProperty("num_hidden_layers", numHiddenLayers);
        o.addProperty("num_attention_heads", numAttentionHeads);
        o.addProperty("num_key_value_heads", numKeyValueHeads);
        o.addProperty("head_dim", headDim);
        o.addProperty("hidden_act", "silu");
        o.addProperty("rms_norm_eps", rmsNormEps);
        o.addProperty("rope_theta", ropeTheta);
        if (ropeScaling != null) o.add("rope_scaling", ropeScaling.toJson());
        else o.add("rope_scaling", com.google.gson.JsonNull.INSTANCE);
        o.addProperty("max_position_embeddings", maxPositionEmbeddings);
        o.addProperty("tie_word_embeddings", tieWordEmbeddings);
        if (!modelType.equals("qwen2")) o.addProperty("attention_bias", attentionBias);
        if (modelType.equals("llama")) o.addProperty("mlp_bias", mlpBias);
        if (bosTokenId != null) o.addProperty("bos_token_id", bosTokenId);
        if (eosTokenIds.size() == 1) o.addProperty("eos_token_id", eosTokenIds.get(0));
        else if (!eosTokenIds.isEmpty()) {
            JsonArray a = new JsonArray();
            eosTokenIds.forEach(a::add);
            o.add("eos_token_id", a);
        }
        if (padTokenId != null) o.addProperty("pad_token_id", padTokenId);
        o.addProperty("torch_dtype", torchDtype);
        return new GsonBuilder().setPrettyPrinting().serializeNulls().create().toJson(o) + "\n";
    }

    public void write(Path dir, String torchDtype) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("config.json"), toJson(torchDtype), StandardCharsets.UTF_8);
    }

    /** A copy with a different vocabulary size (random models sized to their tokenizer). */
    public ModelConfig withVocabSize(int v) {
        return new ModelConfig(modelType, v, hiddenSize, intermediateSize, numHiddenLayers, numAttentionHeads,
                numKeyValueHeads, headDim, rmsNormEps, ropeTheta, ropeScaling, maxPositionEmbeddings,
                tieWordEmbeddings, attentionBias, mlpBias, bosTokenId, eosTokenIds, padTokenId);
    }

    public ModelConfig withSpecialTokens(Integer bos, List<Integer> eos, Integer pad) {
        return new ModelConfig(modelType, vocabSize, hiddenSize, intermediateSize, numHiddenLayers, numAttentionHeads,
                numKeyValueHeads, headDim, rmsNormEps, ropeTheta, ropeScaling, maxPositionEmbeddings,
                tieWordEmbeddings, attentionBias, mlpBias, bos, eos, pad);
    }
}
