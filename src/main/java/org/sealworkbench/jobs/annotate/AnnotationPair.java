package org.sealworkbench.jobs.annotate;

/** A pair to judge: the passage and the two self-edits in the order shown (left, right). */
public record AnnotationPair(long passageId, String passageTitle, String passageText, EditSide left, EditSide right) {

    /** "low-high": the pair whichever side each self-edit is shown on. */
    public String pairKey() {
        long a = left.selfEditId(), b = right.selfEditId();
        return Math.min(a, b) + "-" + Math.max(a, b);
    }
}
