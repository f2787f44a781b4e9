package org.sealworkbench.ui.annotate;

import java.util.List;

/**
 * The hook for word-difference highlighting in the pairwise screen: given the text shown on one side and
 * the other side's text, the character ranges of {@code text} that differ. The screen does not compute
 * differences itself: at merge, plug in the project's word diff (seal.WordDiff, issue 14) with
 * {@link AnnotationViewModel#setWordDifferences}. Until then {@link #NONE} highlights nothing and the
 * screen says so.
 */
@FunctionalInterface
public interface WordDifferences {
    /** A changed range [start, end) of a text. */
    record Range(int start, int end) {}

    List<Range> changed(String text, String other);

    WordDifferences NONE = (text, other) -> List.of();
}
