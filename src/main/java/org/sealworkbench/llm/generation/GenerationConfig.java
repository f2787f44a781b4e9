package org.sealworkbench.llm.generation;

import org.sealworkbench.llm.io.Json;

import com.google.gson.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A checkpoint's generation_config.json: the special token ids and sampling defaults its authors
 * recommend. The file is optional; absent fields are null (the caller's settings decide).
 */
public record GenerationConfig(Integer bosTokenId, List<Integer> eosTokenIds, Integer padTokenId,
                               Boolean doSample, Double temperature, Double topP, Integer topK,
                               Integer maxNewTokens) {

    public GenerationConfig {
        eosTokenIds = eosTokenIds == null ? List.of() : List.copyOf(eosTokenIds);
    }

    public static GenerationConfig empty() {
        return new GenerationConfig(null, List.of(), null, null, null, null, null, null);
    }

    /** Reads {@code dir/generation_config.json}, or {@link #empty()} when the folder has none. */
    public static GenerationConfig read(Path dir) {
        Path file = dir.resolve("generation_config.json");
        if (!Files.exists(file)) return empty();
        JsonObject o = Json.readObject(file);
        Boolean doSample = Json.has(o, "do_sample") ? Json.optBool(o, "do_sample", false, file) : null;
        Double t = Json.has(o, "temperature") ? Json.optDouble(o, "temperature", 1, file) : null;
        Double p = Json.has(o, "top_p") ? Json.optDouble(o, "top_p", 1, file) : null;
        return new GenerationConfig(Json.optInteger(o, "bos_token_id", file), Json.intOrList(o, "eos_token_id", file),
                Json.optInteger(o, "pad_token_id", file), doSample, t, p, Json.optInteger(o, "top_k", file),
                Json.optInteger(o, "max_new_tokens", file));
    }
}
