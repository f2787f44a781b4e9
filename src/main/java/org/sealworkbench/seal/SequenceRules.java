package org.sealworkbench.seal;

/**
 * How a self-edit becomes the inner loop's training sequences (see {@link SelfEditSequences}).
 *
 * @param padToLength   pad (and truncate) every sequence to this many tokens with EOS; 0 = no padding
 * @param lossOnPadding true reproduces the reference (padding counts in the loss); false masks it
 * @param splitLines    split each self-edit piece into one sequence per line (the reference's {@code --split_newlines},
 *                      which SEAL.md describes as the method)
 * @param maxSequences  most self-edit sequences kept per self-edit before the passage is appended (the reference's
 *                      MAX_TRAIN_SEQS_PER_COMPLETION = 30); 0 = no cap
 */
public record SequenceRules(int padToLength, boolean lossOnPadding, boolean splitLines, int maxSequences) {
    /** How padding enters the loss. */
    public enum Padding {
        /** No padding: every sequence keeps its own length. */
        NONE,
        /** Padded with EOS to {@code padToLength}, the padding a target as in the reference. */
        IN_LOSS,
        /** Truncated to {@code padToLength}; padding, if any, is masked out of the loss. */
        MASKED
    }

    public SequenceRules {
        if (padToLength < 0 || maxSequences < 0) {
            throw new IllegalArgumentException("padding length and max sequences must be >= 0");
        }
    }

    public Padding padding() {
        if (padToLength == 0) return Padding.NONE;
        return lossOnPadding ? Padding.IN_LOSS : Padding.MASKED;
    }
}
