package org.sealworkbench.llm.training;

import org.sealworkbench.llm.tokenizer.Tokenizer;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * SFT data from JSON Lines: each line {"prompt": ..., "completion": ...} or {"text": ...}. Blank lines
 * are skipped; anything else is an error naming the file and line.
 */
public final class SftData {
    private SftData() {}

    /** One record: {@code prompt} is "" for plain text. */
    public record Record(String prompt, String completion) {}

    public static List<Record> read(Path file) {
        List<Record> out = new ArrayList<>();
        int n = 0;
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = r.readLine()) != null) {
                n++;
                if (line.isBlank()) continue;
                out.add(parse(file, n, line));
            }
        } catch (java.nio.charset.MalformedInputException e) {
            // Java's decoder is strict but says only "Input length = 1".
            throw new IllegalArgumentException(file + " line " + (n + 1) + ": not UTF-8 text (a byte that is not UTF-8)", e);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(file + ": file not found");
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read: " + e.getMessage(), e);
        }
        if (out.isEmpty()) throw new IllegalArgumentException(file + ": no training records");
        return out;
    }

    private static Record parse(Path file, int line, String text) {
        String where = file + " line " + line + ": ";
        JsonObject o;
        try {
            JsonElement el = org.sealworkbench.util.JsonSyntax.elementOfLine(text); // strict, one value
            if (!el.isJsonObject()) throw new IllegalArgumentException(where + "expected a JSON object");
            o = el.getAsJsonObject();
        } catch (IOException | com.google.gson.JsonParseException e) {
            throw new IllegalArgumentException(where + "malformed JSON: "
                    + org.sealworkbench.util.JsonSyntax.describe(e, org.sealworkbench.util.JsonSyntax.ofLine(text), false), e);
        }
        if (o.has("text")) return new Record("", string(o, "text", where));
        if (o.has("prompt") && o.has("completion")) return new Record(string(o, "prompt", where), string(o, "completion", where));
        throw new IllegalArgumentException(where + "needs \"prompt\" and \"completion\", or \"text\"");
    }

    private static String string(JsonObject o, String k, String where) {
        JsonElement e = o.get(k);
        if (e == null || !e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
            throw new IllegalArgumentException(where + "\"" + k + "\" must be a string");
        }
        return e.getAsString();
    }

    /**
     * Token sequences as {@code finetune} makes them: {@link #tokenize(List, Tokenizer, int, Integer, boolean)} with
     * the tokenizer's first EOS token (none if it has none) and the prompt marked for {@link LossMask#PROMPT}.
     */
    public static List<SftExample> tokenize(List<Record> records, Tokenizer tok, int maxLength) {
        return tokenize(records, tok, maxLength, tok.eosIds().isEmpty() ? null : tok.eosIds().get(0), true);
    }

    /**
     * Token sequences: BOS (when the model uses one) + prompt, then completion, then {@code eos} unless it is
     * null; sequences longer than {@code maxLength} are cut at the end, and those of fewer than 2 tokens left
     * out (nothing to predict). With {@code completionOnly} the prompt part is marked as the example's prompt
     * (what {@link LossMask#PROMPT} masks) and a sequence cut within its prompt is left out (no completion
     * token to learn); without it no token is marked as prompt. The one tokenization of SFT pairs: {@code finetune}
     * and ReST-EM's SFT both use it.
     */
    public static List<SftExample> tokenize(List<Record> records, Tokenizer tok, int maxLength, Integer eos, boolean completionOnly) {
        List<SftExample> out = new ArrayList<>();
        for (Record rec : records) {
            int[] p = tok.encode(rec.prompt(), true);
            int[] c = tok.encode(rec.completion(), false);
            int len = p.length + c.length + (eos != null ? 1 : 0);
            int[] ids = new int[len];
            System.arraycopy(p, 0, ids, 0, p.length);
            System.arraycopy(c, 0, ids, p.length, c.length);
            if (eos != null) ids[len - 1] = eos;
            if (ids.length > maxLength) ids = java.util.Arrays.copyOf(ids, maxLength);
            if (ids.length < 2 || (completionOnly && ids.length <= p.length)) continue;
            out.add(new SftExample(ids, completionOnly ? Math.min(p.length, ids.length) : 0));
        }
        return out;
    }
}
