package org.sealworkbench.llm.io;

import org.sealworkbench.llm.model.LlamaModel;
import org.sealworkbench.llm.model.ModelConfig;
import org.sealworkbench.llm.model.ModelShapes;
import org.sealworkbench.llm.tokenizer.ByteLevelTokenizerJson;

import ai.djl.ndarray.NDManager;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes a complete random checkpoint folder (config.json, model.safetensors, tokenizer.json,
 * tokenizer_config.json, generation_config.json) so that CLI users, tests and benchmarks have a
 * model without downloading one. The tokenizer is byte-level (ids 0-255) plus special tokens.
 * "qwen2" gets a ChatML chat template and no BOS; "llama" is a base model that adds BOS.
 */
public final class RandomCheckpoint {
    private RandomCheckpoint() {}

    /** Special tokens after the 256 bytes: ids 256..260. */
    public static final List<String> SPECIALS = List.of("<|endoftext|>", "<|im_start|>", "<|im_end|>", "<s>", "</s>");
    public static final int ENDOFTEXT = 256, IM_START = 257, IM_END = 258, BOS = 259, EOS = 260;
    public static final int TOKENIZER_SIZE = 256 + 5;

    static final String CHATML = "{% for message in messages %}{{'<|im_start|>' + message['role'] + '\\n' + message['content']"
            + " + '<|im_end|>' + '\\n'}}{% endfor %}{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}";

    /** As {@link #write(Path, String, String, long, String, NDManager)}, drawing the weights on {@code device}. */
    public static ModelConfig write(Path out, String family, String shape, long seed, String dtype,
                                    org.sealworkbench.llm.ComputeDevice device) throws IOException {
        try (NDManager manager = NDManager.newBaseManager(device.toDjl())) {
            return write(out, family, shape, seed, dtype, manager);
        }
    }

    /** Creates the folder; shape "tiny" sizes the vocabulary to the tokenizer, named shapes keep theirs. */
    public static ModelConfig write(Path out, String family, String shape, long seed, String dtype, NDManager manager) throws IOException {
        int vocab = ModelShapes.defaultVocab(shape);
        ModelConfig cfg = ModelShapes.of(family, shape, vocab > 0 ? vocab : TOKENIZER_SIZE);
        boolean qwen = family.equals("qwen2");
        cfg = qwen ? cfg.withSpecialTokens(null, List.of(ENDOFTEXT), ENDOFTEXT) : cfg.withSpecialTokens(BOS, List.of(EOS), null);
        Files.createDirectories(out);
        try (LlamaModel model = LlamaModel.random(cfg, seed, manager)) {
            model.save(out, dtype);
        }
        Files.writeString(out.resolve("tokenizer.json"), ByteLevelTokenizerJson.json(SPECIALS), StandardCharsets.UTF_8);
        JsonObject tc = new JsonObject();
        tc.addProperty("add_bos_token", !qwen);
        tc.addProperty("add_eos_token", false);
        if (!qwen) tc.addProperty("bos_token", "<s>");
        tc.addProperty("eos_token", qwen ? "<|endoftext|>" : "</s>");
        tc.addProperty("pad_token", qwen ? "<|endoftext|>" : null);
        if (qwen) tc.addProperty("chat_template", CHATML);
        tc.addProperty("model_max_length", cfg.maxPositionEmbeddings());
        write(out.resolve("tokenizer_config.json"), tc);
        JsonObject gc = new JsonObject();
        if (!qwen) gc.addProperty("bos_token_id", BOS);
        JsonArray eos = new JsonArray();
        eos.add(qwen ? ENDOFTEXT : EOS);
        if (qwen) eos.add(IM_END);
        gc.add("eos_token_id", eos);
        write(out.resolve("generation_config.json"), gc);
        return cfg;
    }

    private static void write(Path file, JsonObject o) throws IOException {
        Files.writeString(file, new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(o) + "\n", StandardCharsets.UTF_8);
    }
}
