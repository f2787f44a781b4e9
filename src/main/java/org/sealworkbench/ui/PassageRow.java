package org.sealworkbench.ui;

import java.util.Locale;
import org.sealworkbench.jobs.workspace.PassageItem;

/** One line of the passage library: the summary, and the lower-cased title and context the filter searches. */
public record PassageRow(PassageItem summary, String searchText) {

    public static PassageRow of(PassageItem summary, String context) {
        String text = summary.title() + "\n" + (context == null ? "" : context);
        return new PassageRow(summary, text.toLowerCase(Locale.ROOT));
    }

    public long id() { return summary.id(); }
    public String title() { return summary.title(); }
    public int questionCount() { return summary.questionCount(); }
    public int selfEditCount() { return summary.selfEditCount(); }

    /** True when every whitespace-separated word of the query occurs in the title or context (any case). */
    public boolean matches(String query) {
        if (query == null || query.isBlank()) return true;
        for (String word : query.toLowerCase(Locale.ROOT).trim().split("\\s+")) {
            if (!searchText.contains(word)) return false;
        }
        return true;
    }
}
