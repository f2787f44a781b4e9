package org.sealworkbench.jobs.annotate;

import java.time.Instant;
import org.sealworkbench.seal.annotate.PairJudgement;
import org.sealworkbench.seal.annotate.Verdict;

/**
 * A stored pairwise judgement: the side each self-edit was shown on, the verdict in terms of those sides,
 * optional 1-5 ratings of each side, a note. uid identifies it across workspaces (export, import);
 * retracted is true once an undo (or an imported retraction) has appended a retraction for it.
 */
public record Judgement(String uid, String annotator, long passageId, long leftId, long rightId, Verdict verdict,
                        Integer ratingLeft, Integer ratingRight, String note, Instant judgedAt, boolean retracted) {

    public String pairKey() {
        return Math.min(leftId, rightId) + "-" + Math.max(leftId, rightId);
    }

    /** The self-edit judged better, or null for a tie or a skip. */
    public Long preferredId() {
        return verdict == Verdict.LEFT ? Long.valueOf(leftId) : verdict == Verdict.RIGHT ? Long.valueOf(rightId) : null;
    }

    public PairJudgement toPairJudgement() {
        return new PairJudgement(annotator, passageId, leftId, rightId, verdict);
    }
}
