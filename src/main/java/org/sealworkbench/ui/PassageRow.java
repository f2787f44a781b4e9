package org.sealworkbench.ui;

import java.util.Locale;
import org.sealworkbench.jobs.qa.PassageQaSummary;
import org.sealworkbench.jobs.workspace.PassageItem;

/**
 * One line of the passage library: the summary, the lower-cased title and context the filter searches, and the
 * passage's stored QA results ({@code qa} null when it has no graded run).
 */
public record PassageRow(PassageItem summary, String searchText, PassageQaSummary qa) {

    public static PassageRow of(PassageItem summary, String context) {
        return of(summary, context, null);
    }

    public static PassageRow of(PassageItem summary, String context, PassageQaSummary qa) {
        String text = summary.title() + "\n" + (context == null ? "" : context);
        return new PassageRow(summary, text.toLowerCase(Locale.ROOT), qa);
    }

    /** This row with other QA numbers (null: none). */
    public PassageRow withQa(PassageQaSummary qa) {
        return new PassageRow(summary, searchText, qa);
    }

    public long id() { return summary.id(); }
    public String title() { return summary.title(); }
    public int questionCount() { return summary.questionCount(); }
    public int selfEditCount() { return summary.selfEditCount(); }

    /** The best stored per-passage accuracy (0..1), null when the passage has no graded run. */
    public Double bestAccuracy() {
        return qa == null || Double.isNaN(qa.bestAccuracy()) ? null : qa.bestAccuracy();
    }

    /** Best accuracy minus passage only's under the same settings, null when there is no such pair of runs. */
    public Double gain() {
        return qa == null || Double.isNaN(qa.gain()) ? null : qa.gain();
    }

    /** True when every whitespace-separated word of the query occurs in the title or context (any case). */
    public boolean matches(String query) {
        return allWordsIn(query, searchText);
    }

    /**
     * True when every whitespace-separated word of {@code query} occurs in {@code lowerCaseText} (any case; a blank query
     * matches all): the library's filter, and the one of Charts > Loss.
     */
    public static boolean allWordsIn(String query, String lowerCaseText) {
        return allWordsIn(queryWords(query), lowerCaseText);
    }

    /** The lower-cased words of a filter's query (none for a blank one): split once, not once per row filtered. */
    public static String[] queryWords(String query) {
        if (query == null || query.isBlank()) return new String[0];
        return query.toLowerCase(Locale.ROOT).trim().split("\\s+");
    }

    /** True when every word of {@link #queryWords} occurs in {@code lowerCaseText}. */
    public static boolean allWordsIn(String[] words, String lowerCaseText) {
        for (String word : words) {
            if (!lowerCaseText.contains(word)) return false;
        }
        return true;
    }
}
