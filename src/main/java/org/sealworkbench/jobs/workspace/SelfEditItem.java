package org.sealworkbench.jobs.workspace;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * A stored self-edit as the window lists it.
 *
 * @param author     who wrote it
 * @param authorName the model's name, the editor's name, or the import's source label
 * @param template   the prompt template's key (null for an import that did not say)
 * @param sampling   the sampling settings in short ("T 1.0 · top-p 0.95 · seed 42"), "" when unknown
 * @param score      its stored reward (mean when several), null when none
 */
public record SelfEditItem(long id, long passageId, String text, Author author, String authorName, Long parentId,
                           String template, String sampling, Instant created, Double score) {
    public enum Author {
        MODEL("model"), HUMAN_EDIT("human edit"), IMPORT("import");

        private final String label;

        Author(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());

    /** One line for a picker: "#12 · seal-tiny (model) · implications · T 1.0 · top-p 0.95 · 2026-12-04 20:10 · reward 0.40". */
    public String label() {
        StringBuilder s = new StringBuilder("#").append(id).append(" · ")
                .append(authorName == null || authorName.isBlank() ? author.label() : authorName + " (" + author.label() + ")");
        if (template != null && !template.isBlank()) s.append(" · ").append(template);
        if (sampling != null && !sampling.isBlank()) s.append(" · ").append(sampling);
        if (created != null) s.append(" · ").append(DATE.format(created));
        if (score != null) s.append(" · reward ").append(String.format(java.util.Locale.ROOT, "%.2f", score));
        return s.toString();
    }
}
