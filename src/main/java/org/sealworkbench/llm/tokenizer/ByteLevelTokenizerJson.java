package org.sealworkbench.llm.tokenizer;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import java.util.List;

/**
 * A minimal but complete byte-level BPE tokenizer.json (GPT-2 byte alphabet, no merges): ids 0-255
 * are the bytes, so any text encodes and decodes losslessly; special tokens follow from id 256.
 * Random checkpoints ship it so that they can be prompted with text.
 */
public final class ByteLevelTokenizerJson {
    private ByteLevelTokenizerJson() {}

    /** The GPT-2 mapping of each byte to a printable character (bytes_to_unicode). */
    static char[] byteAlphabet() {
        char[] map = new char[256];
        boolean[] direct = new boolean[256];
        for (int b = '!'; b <= '~'; b++) direct[b] = true;
        for (int b = 0xA1; b <= 0xAC; b++) direct[b] = true;
        for (int b = 0xAE; b <= 0xFF; b++) direct[b] = true;
        int n = 0;
        for (int b = 0; b < 256; b++) map[b] = direct[b] ? (char) b : (char) (256 + n++);
        return map;
    }

    /** tokenizer.json text with the bytes as ids 0-255 and {@code specials} as 256, 257, ... */
    public static String json(List<String> specials) {
        JsonObject root = new JsonObject();
        root.addProperty("version", "1.0");
        root.add("truncation", JsonNull.INSTANCE);
        root.add("padding", JsonNull.INSTANCE);
        JsonArray added = new JsonArray();
        for (int i = 0; i < specials.size(); i++) {
            JsonObject t = new JsonObject();
            t.addProperty("id", 256 + i);
            t.addProperty("content", specials.get(i));
            t.addProperty("single_word", false);
            t.addProperty("lstrip", false);
            t.addProperty("rstrip", false);
            t.addProperty("normalized", false);
            t.addProperty("special", true);
            added.add(t);
        }
        root.add("added_tokens", added);
        root.add("normalizer", JsonNull.INSTANCE);
        root.add("pre_tokenizer", byteLevel(false));
        root.add("post_processor", byteLevel(false));
        root.add("decoder", byteLevel(false));
        JsonObject model = new JsonObject();
        model.addProperty("type", "BPE");
        model.add("dropout", JsonNull.INSTANCE);
        model.add("unk_token", JsonNull.INSTANCE);
        model.add("continuing_subword_prefix", JsonNull.INSTANCE);
        model.add("end_of_word_suffix", JsonNull.INSTANCE);
        model.addProperty("fuse_unk", false);
        model.addProperty("byte_fallback", false);
        JsonObject vocab = new JsonObject();
        char[] alphabet = byteAlphabet();
        for (int b = 0; b < 256; b++) vocab.addProperty(String.valueOf(alphabet[b]), b);
        for (int i = 0; i < specials.size(); i++) vocab.addProperty(specials.get(i), 256 + i);
        model.add("vocab", vocab);
        model.add("merges", new JsonArray());
        root.add("model", model);
        return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(root) + "\n";
    }

    private static JsonObject byteLevel(boolean prefixSpace) {
        JsonObject o = new JsonObject();
        o.addProperty("type", "ByteLevel");
        o.addProperty("add_prefix_space", prefixSpace);
        o.addProperty("trim_offsets", true);
        o.addProperty("use_regex", true);
        return o;
    }
}
