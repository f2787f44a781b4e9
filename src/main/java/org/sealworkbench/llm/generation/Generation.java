package org.sealworkbench.llm.generation;

/**
 * One generated continuation: the new token ids (including the EOS that ended it, if any), the text
 * (special tokens left out, cut before a stop string) and why it ended.
 */
public record Generation(int[] tokens, String text, Finish finish) {
    public enum Finish {
        /** An end-of-sequence token (the last of {@code tokens}). */
        EOS,
        /** A stop string (the text is cut before it). */
        STOP_STRING,
        /** maxNewTokens new tokens, or a cancel. */
        MAX_TOKENS,
        /**
         * The prompt and the new tokens fill the model's context (its config's max_position_embeddings) before maxNewTokens:
         * a next token would sit at a position the model never learnt, so the row stops there.
         */
        CONTEXT;

        /** Why a sequence stopped, in words, for a model whose context is {@code contextTokens}. */
        public String words(int contextTokens) {
            return switch (this) {
                case EOS -> "ended at an end-of-sequence token";
                case STOP_STRING -> "stopped at a stop string";
                case MAX_TOKENS -> "reached the new-token limit";
                case CONTEXT -> contextFull(contextTokens);
            };
        }
    }

    /**
     * "stopped: the new-token limit (256 tokens) is reached", what a {@link Finish#MAX_TOKENS} sample tells the person
     * (its text may end mid-sentence, or be a repetition the limit cut off).
     */
    public static String tokenLimit(int maxNewTokens) {
        return "stopped: the new-token limit (" + maxNewTokens + " tokens) is reached";
    }

    /** "stopped: the model's context (512 tokens) is full", what a {@link Finish#CONTEXT} row tells the person. */
    public static String contextFull(int contextTokens) {
        return "stopped: the model's context (" + contextTokens + " tokens) is full";
    }
}
