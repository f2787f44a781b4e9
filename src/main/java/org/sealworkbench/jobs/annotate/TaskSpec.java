package org.sealworkbench.jobs.annotate;

import java.util.List;

/**
 * What an annotation session judges: the passages, the pairing rule (authorA/authorB only for
 * {@link PairingRule#AUTHOR_VS_AUTHOR}), blind mode (authorship, template and reward hidden until the pair
 * is judged) and the seed that decides which self-edit of each pair is shown on the left.
 */
public record TaskSpec(String annotator, List<Long> passageIds, PairingRule rule, String authorA, String authorB,
                       boolean blind, long seed) {
    public TaskSpec {
        if (annotator == null || annotator.isBlank()) throw new IllegalArgumentException("an annotation session needs an annotator name");
        annotator = annotator.strip();
        passageIds = List.copyOf(passageIds);
        if (rule == null) throw new IllegalArgumentException("choose a pairing rule");
        if (rule == PairingRule.AUTHOR_VS_AUTHOR) {
            if (authorA == null || authorB == null) throw new IllegalArgumentException("author A vs author B needs both authors");
            if (authorA.equals(authorB)) throw new IllegalArgumentException("author A and author B are the same: " + authorA);
        }
    }
}
