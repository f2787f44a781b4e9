package org.sealworkbench.llm.tokenizer;

import java.util.List;

/**
 * A byte-level BPE vocabulary. Ids are positions in {@code tokens}; as {@link BpeTrainer} makes it: the
 * special tokens first, then the 256 byte characters, then one token per merge, in merge order. Each merge is the pair of
 * tokens (as strings) whose concatenation is the new token. The pre-tokenizer cuts text into the pieces merges work inside.
 */
public record BpeModel(List<String> tokens, List<Merge> merges, List<String> specialTokens, PreTokenizer preTokenizer) {
    public record Merge(String left, String right) {
        public String merged() {
            return left + right;
        }
    }

    /** With GPT-2's pre-tokenizer. */
    public BpeModel(List<String> tokens, List<Merge> merges, List<String> specialTokens) {
        this(tokens, merges, specialTokens, PreTokenizer.BYTE_LEVEL);
    }

    public BpeModel {
        if (preTokenizer == null) throw new IllegalArgumentException("no pre-tokenizer");
        tokens = List.copyOf(tokens);
        merges = List.copyOf(merges);
        specialTokens = List.copyOf(specialTokens);
        if (tokens.size() < specialTokens.size() + 256) throw new IllegalArgumentException("vocabulary lacks the byte alphabet");
        for (String s : specialTokens) {
            if (!tokens.contains(s)) throw new IllegalArgumentException("special token " + s + " is not in the vocabulary");
        }
    }

    public int vocabSize() {
        return tokens.size();
    }
}
