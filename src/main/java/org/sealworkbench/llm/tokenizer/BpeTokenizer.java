package org.sealworkbench.llm.tokenizer;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Encodes and decodes with a {@link BpeModel}, the way Hugging Face's tokenizer does with the
 * {@code tokenizer.json} that {@link TokenizerFiles} writes: special tokens are matched first, the rest is
 * pre-tokenized, byte-mapped, and within each piece the merge of lowest rank is applied first (leftmost
 * first among equals) until none applies.
 */
public final class BpeTokenizer {
    private final BpeModel model;
    private final Map<String, Integer> ids = new HashMap<>();
    private final Map<Long, int[]> ranks = new HashMap<>(); // pair -> {rank, merged id}
    private final Map<String, int[]> cache = new ConcurrentHashMap<>();

    public BpeTokenizer(BpeModel model) {
        this.model = model;
        for (int i = 0; i < model.tokens().size(); i++) ids.putIfAbsent(model.tokens().get(i), i);
        for (int r = 0; r < model.merges().size(); r++) {
            BpeModel.Merge m = model.merges().get(r);
            Integer a = ids.get(m.left());
            Integer b = ids.get(m.right());
            Integer c = ids.get(m.merged());
            if (a == null || b == null || c == null) throw new IllegalArgumentException("merge " + r + " uses a token outside the vocabulary");
            ranks.putIfAbsent(BpeTrainer.pair(a, b), new int[] {r, c});
        }
    }

    public BpeModel model() {
        return model;
    }

    /** The id of a token, or -1. */
    public int id(String token) {
        return ids.getOrDefault(token, -1);
    }

    public int[] encode(String text) {
        List<Integer> out = new ArrayList<>();
        int pos = 0;
        while (pos < text.length()) {
            int next = text.length();
            String special = null;
            for (String s : model.specialTokens()) {
                int at = text.indexOf(s, pos);
                if (at >= 0 && (at < next || (at == next && special != null && s.length() > special.length()))) {
                    next = at;
                    special = s;
                }
            }
            for (String piece : model.preTokenizer().split(text.substring(pos, next))) {
                for (int id : word(piece)) out.add(id);
            }
            if (special == null) break;
            out.add(ids.get(special));
            pos = next + special.length();
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The text of a sequence of ids; special tokens are written out. Invalid UTF-8 becomes U+FFFD. */
    public String decode(int[] tokenIds) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int id : tokenIds) {
            if (id < 0 || id >= model.tokens().size()) throw new IllegalArgumentException("token id " + id + " is outside the vocabulary");
            String t = model.tokens().get(id);
            if (model.specialTokens().contains(t)) {
                byte[] raw = t.getBytes(StandardCharsets.UTF_8);
                bytes.write(raw, 0, raw.length);
            } else {
                ByteLevel.decodeInto(t, bytes);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private int[] word(String piece) {
        return cache.computeIfAbsent(piece, this::mergeWord);
    }

    private int[] mergeWord(String piece) {
        String mapped = ByteLevel.encode(piece);
        int[] s = new int[mapped.length()];
        for (int i = 0; i < s.length; i++) s[i] = ids.get(String.valueOf(mapped.charAt(i)));
        int n = s.length;
        while (n > 1) {
            int bestRank = Integer.MAX_VALUE;
            int bestAt = -1;
            int bestId = -1;
            for (int i = 0; i + 1 < n; i++) {
                int[] r = ranks.get(BpeTrainer.pair(s[i], s[i + 1]));
                if (r != null && r[0] < bestRank) {
                    bestRank = r[0];
                    bestAt = i;
                    bestId = r[1];
                }
            }
            if (bestAt < 0) break;
            s[bestAt] = bestId;
            System.arraycopy(s, bestAt + 2, s, bestAt + 1, n - bestAt - 2);
            n--;
        }
        return java.util.Arrays.copyOf(s, n);
    }
}
