package org.sealworkbench.seal.annotate;

/**
 * One live (not retracted) judgement of a pair of self-edits of one passage: which self-edit was shown on
 * the left, which on the right, and the verdict in terms of those sides. The pair itself is unordered:
 * {@link #pairKey()} and {@link #outcome()} name it by its lower and higher self-edit id, so that two
 * annotators who saw the pair the other way round are compared correctly.
 */
public record PairJudgement(String annotator, long passageId, long leftId, long rightId, Verdict verdict) {
    public PairJudgement {
        if (leftId == rightId) throw new IllegalArgumentException("a pair needs two different self-edits, got " + leftId + " twice");
    }

    public long firstId() {
        return Math.min(leftId, rightId);
    }

    public long secondId() {
        return Math.max(leftId, rightId);
    }

    /** "low-high": the pair, whichever side each was shown on. */
    public String pairKey() {
        return firstId() + "-" + secondId();
    }

    /** The verdict independent of sides: "first" (lower id better), "second", "tie", or null for a skip. */
    public String outcome() {
        return switch (verdict) {
            case TIE -> "tie";
            case SKIP -> null;
            case LEFT -> leftId < rightId ? "first" : "second";
            case RIGHT -> rightId < leftId ? "first" : "second";
        };
    }

    /** The self-edit judged better, or null for a tie or skip. */
    public Long preferredId() {
        return verdict == Verdict.LEFT ? Long.valueOf(leftId) : verdict == Verdict.RIGHT ? Long.valueOf(rightId) : null;
    }

    public Long otherId() {
        return verdict == Verdict.LEFT ? Long.valueOf(rightId) : verdict == Verdict.RIGHT ? Long.valueOf(leftId) : null;
    }
}
