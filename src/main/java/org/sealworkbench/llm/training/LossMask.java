package org.sealworkbench.llm.training;

/** Which target tokens of an SFT sequence count in the loss. */
public enum LossMask {
    /** Only completion tokens: prompt and padding are masked (the usual SFT choice). */
    PROMPT,
    /** Every real token, prompt included; only padding is masked. */
    PADDING,
    /** Labels equal inputs, padding included, as the SEAL reference's inner loop does. */
    NONE;

    public static LossMask parse(String s) {
        return switch (s.toLowerCase()) {
            case "prompt" -> PROMPT;
            case "padding" -> PADDING;
            case "none" -> NONE;
            default -> throw new IllegalArgumentException("unknown loss mask \"" + s + "\" (prompt, padding, none)");
        };
    }

    /** 1 when token {@code t} (0-based) of a row of real length {@code len} with a prompt of {@code promptLen} is a label. */
    public float weight(int t, int len, int promptLen) {
        return switch (this) {
            case PROMPT -> t >= promptLen && t < len ? 1f : 0f;
            case PADDING -> t < len ? 1f : 0f;
            case NONE -> 1f;
        };
    }
}
