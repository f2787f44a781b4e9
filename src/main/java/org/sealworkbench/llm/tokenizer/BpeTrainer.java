package org.sealworkbench.llm.tokenizer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Trains a byte-level BPE vocabulary, as Hugging Face's BpeTrainer does: the text is cut at special
 * tokens, pre-tokenized (by the chosen {@link PreTokenizer}), mapped to byte characters ({@link ByteLevel}) and counted
 * as words; then the most frequent adjacent pair of tokens is merged into a new token, again and again,
 * until the vocabulary has the wanted size or no pair occurs at least {@code minFrequency} times.
 *
 * <p>Pair counts are kept up to date incrementally: a merge only revisits the words that contain the
 * pair (an index from pair to words), and a max-heap with lazy re-checking picks the next pair. Ties in
 * count go to the pair with the smaller (left id, right id), as in the Rust library.
 */
public final class BpeTrainer {
    private final int vocabSize;
    private final List<String> specialTokens;
    private final int minFrequency;
    private final PreTokenizer preTokenizer;

    /** With GPT-2's pre-tokenizer. */
    public BpeTrainer(int vocabSize, List<String> specialTokens, int minFrequency) {
        this(vocabSize, specialTokens, minFrequency, PreTokenizer.BYTE_LEVEL);
    }

    public BpeTrainer(int vocabSize, List<String> specialTokens, int minFrequency, PreTokenizer preTokenizer) {
        if (vocabSize < specialTokens.size() + 256) {
            throw new IllegalArgumentException("vocab size " + vocabSize + " is below the " + (specialTokens.size() + 256)
                    + " tokens every byte-level vocabulary has (specials + 256 bytes)");
        }
        if (minFrequency < 1) throw new IllegalArgumentException("min frequency must be at least 1");
        this.vocabSize = vocabSize;
        this.specialTokens = List.copyOf(specialTokens);
        this.minFrequency = minFrequency;
        this.preTokenizer = preTokenizer;
    }

    /** Splits text at the special tokens and counts its pre-tokenized words (as byte characters). */
    public Map<String, Long> countWords(CharSequence text) {
        Map<String, Long> counts = new HashMap<>();
        for (String chunk : splitAtSpecials(text.toString(), specialTokens)) {
            for (String piece : preTokenizer.split(chunk)) counts.merge(ByteLevel.encode(piece), 1L, Long::sum);
        }
        return counts;
    }

    public BpeModel train(CharSequence text) {
        return train(countWords(text));
    }

    /** Trains on word counts (words as byte-character strings). */
    public BpeModel train(Map<String, Long> wordCounts) {
        List<String> tokens = new ArrayList<>(specialTokens);
        Map<String, Integer> ids = new HashMap<>();
        for (int i = 0; i < tokens.size(); i++) ids.put(tokens.get(i), i);
        for (char c : ByteLevel.alphabet()) {
            ids.put(String.valueOf(c), tokens.size());
            tokens.add(String.valueOf(c));
        }

        // Words in a fixed order (sorted), so training never depends on hash order.
        List<String> keys = new ArrayList<>(wordCounts.keySet());
        keys.sort(null);
        int[][] words = new int[keys.size()][];
        long[] freq = new long[keys.size()];
        for (int w = 0; w < keys.size(); w++) {
            String k = keys.get(w);
            words[w] = new int[k.length()];
            for (int i = 0; i < k.length(); i++) {
                Integer id = ids.get(String.valueOf(k.charAt(i)));
                if (id == null) throw new IllegalArgumentException("word " + k + " has a character outside the byte alphabet");
                words[w][i] = id;
            }
            freq[w] = wordCounts.get(k);
        }

        Map<Long, long[]> pairCount = new HashMap<>(); // pair -> {count}
        Map<Long, Set<Integer>> where = new HashMap<>();
        for (int w = 0; w < words.length; w++) {
            int[] s = words[w];
            for (int i = 0; i + 1 < s.length; i++) {
                long p = pair(s[i], s[i + 1]);
                pairCount.computeIfAbsent(p, x -> new long[1])[0] += freq[w];
                where.computeIfAbsent(p, x -> new HashSet<>()).add(w);
            }
        }
        // Max-heap of {count, pair}; entries may be stale and are re-checked when they come up.
        PriorityQueue<long[]> heap = new PriorityQueue<>((a, b) -> a[0] != b[0] ? Long.compare(b[0], a[0]) : Long.compare(a[1], b[1]));
        for (Map.Entry<Long, long[]> e : pairCount.entrySet()) heap.add(new long[] {e.getValue()[0], e.getKey()});

        List<BpeModel.Merge> merges = new ArrayList<>();
        Map<Long, Long> delta = new HashMap<>();
        while (tokens.size() < vocabSize && !heap.isEmpty()) {
            long[] top = heap.poll();
            long p = top[1];
            long current = pairCount.getOrDefault(p, new long[1])[0];
            if (current != top[0]) {
                if (current > 0) heap.add(new long[] {current, p});
                continue;
            }
            if (current < minFrequency) break;
            int a = (int) (p >>> 32);
            int b = (int) p;
            String merged = tokens.get(a) + tokens.get(b);
            // Two different pairs can spell the same token ("ab"+"c", "a"+"bc"): it keeps its first id.
            Integer known = ids.get(merged);
            int c = known != null ? known : tokens.size();
            if (known == null) {
                tokens.add(merged);
                ids.put(merged, c);
            }
            merges.add(new BpeModel.Merge(tokens.get(a), tokens.get(b)));

            delta.clear();
            Set<Integer> affected = where.remove(p);
            for (int w : affected) {
                int[] s = words[w];
                int[] out = new int[s.length];
                int n = 0;
                long f = freq[w];
                for (int i = 0; i < s.length; ) {
                    if (i + 1 < s.length && s[i] == a && s[i + 1] == b) {
                        if (n > 0) {
                            change(delta, where, pair(out[n - 1], a), -f, w);
                            change(delta, where, pair(out[n - 1], c), f, w);
                        }
                        if (i + 2 < s.length) {
                            change(delta, where, pair(b, s[i + 2]), -f, w);
                            change(delta, where, pair(c, s[i + 2]), f, w);
                        }
                        out[n++] = c;
                        i += 2;
                    } else {
                        out[n++] = s[i++];
                    }
                }
                if (n < s.length) words[w] = java.util.Arrays.copyOf(out, n);
            }
            pairCount.remove(p);
            for (Map.Entry<Long, Long> d : delta.entrySet()) {
                if (d.getKey() == p || d.getValue() == 0) continue;
                long[] cnt = pairCount.computeIfAbsent(d.getKey(), x -> new long[1]);
                cnt[0] += d.getValue();
                if (cnt[0] <= 0) pairCount.remove(d.getKey());
                else if (d.getValue() > 0) heap.add(new long[] {cnt[0], d.getKey()});
            }
        }
        return new BpeModel(tokens, merges, specialTokens, preTokenizer);
    }

    private static void change(Map<Long, Long> delta, Map<Long, Set<Integer>> where, long pair, long by, int word) {
        delta.merge(pair, by, Long::sum);
        if (by > 0) where.computeIfAbsent(pair, x -> new HashSet<>()).add(word);
    }

    static long pair(int a, int b) {
        return ((long) a << 32) | (b & 0xFFFFFFFFL);
    }

    /** The text between special tokens (the specials themselves dropped); empty pieces left out. */
    static List<String> splitAtSpecials(String text, List<String> specials) {
        if (specials.isEmpty()) return List.of(text);
        StringBuilder alt = new StringBuilder();
        for (String s : specials) {
            if (alt.length() > 0) alt.append('|');
            alt.append(Pattern.quote(s));
        }
        List<String> out = new ArrayList<>();
        for (String piece : Pattern.compile(alt.toString()).split(text, -1)) {
            if (!piece.isEmpty()) out.add(piece);
        }
        return out;
    }
}
