package org.sealworkbench.jobs.qa;

import java.util.List;

/**
 * What the passage library shows of stored QA results: the grader the numbers are by (the one that graded the most
 * answers in the workspace; "" when nothing is graded yet) and, per passage with graded runs, its best stored accuracy
 * and gain over passage only.
 */
public record LibraryQa(String grader, List<PassageQaSummary> passages) {
    public static final LibraryQa NONE = new LibraryQa("", List.of());

    public LibraryQa {
        passages = List.copyOf(passages);
    }
}
