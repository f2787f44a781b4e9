package org.sealworkbench.llm.tokenizer;

import org.sealworkbench.llm.io.CheckpointException;
import org.sealworkbench.llm.io.Json;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A checkpoint's tokenizer_config.json: special tokens (as strings), whether to add BOS/EOS, and the
 * chat template (absent for base models). The file is optional.
 *
 * @param cleanUpTokenizationSpaces transformers' decode clean-up (" ." -> ".", " n't" -> "n't", ...)
 * @param addBosToken null when the file does not say (then tokenizer.json's post-processor decides)
 */
public record TokenizerConfig(String bosToken, String eosToken, String padToken, String unkToken,
                              Boolean addBosToken, boolean addEosToken, String chatTemplate,
                              boolean cleanUpTokenizationSpaces) {

    public static TokenizerConfig empty() {
        return new TokenizerConfig(null, null, null, null, null, false, null, false);
    }

    public static TokenizerConfig read(Path dir) {
        Path file = dir.resolve("tokenizer_config.json");
        if (!Files.exists(file)) return empty();
        JsonObject o = Json.readObject(file);
        Boolean addBos = Json.has(o, "add_bos_token") ? Json.optBool(o, "add_bos_token", false, file) : null;
        return new TokenizerConfig(token(o, "bos_token", file), token(o, "eos_token", file), token(o, "pad_token", file),
                token(o, "unk_token", file), addBos, Json.optBool(o, "add_eos_token", false, file),
                chatTemplate(o, file), Json.optBool(o, "clean_up_tokenization_spaces", false, file));
    }

    /** A special token is a string or an AddedToken object {"content": ...}. */
    private static String token(JsonObject o, String key, Path file) {
        if (!Json.has(o, key)) return null;
        JsonElement e = o.get(key);
        if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isString()) return e.getAsString();
        if (e.isJsonObject() && Json.has(e.getAsJsonObject(), "content")) {
            return Json.optString(e.getAsJsonObject(), "content", file);
        }
        throw new CheckpointException(file + ": \"" + key + "\" must be a string or an object with \"content\", got " + e);
    }

    /** chat_template is a string, or a list of {name, template} of which "default" is used. */
    private static String chatTemplate(JsonObject o, Path file) {
        if (!Json.has(o, "chat_template")) return null;
        JsonElement e = o.get("chat_template");
        if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isString()) return e.getAsString();
        if (e.isJsonArray()) {
            for (JsonElement t : e.getAsJsonArray()) {
                if (t.isJsonObject() && "default".equals(Json.optString(t.getAsJsonObject(), "name", file))) {
                    return Json.optString(t.getAsJsonObject(), "template", file);
                }
            }
            throw new CheckpointException(file + ": chat_template is a list without a \"default\" entry");
        }
        throw new CheckpointException(file + ": chat_template must be a string or a list, got " + e);
    }
}
