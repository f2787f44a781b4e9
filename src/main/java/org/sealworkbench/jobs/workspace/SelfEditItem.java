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

    /** One line for a picker: "#12 · seal-tiny (model) · implications · T 1.0 · top-p 0.95 · 2026-12-04 20:10 · reward 40.0 %". */
    public String label() {
        return labels().get(0);
    }

    /** What tells two self-edits of a passage apart, without sampling and date: "#12 · seal-tiny (model) · implications · reward 40.0 %". */
    public String brief() {
        String who = authorName == null || authorName.isBlank() ? author.label() : authorName + " (" + author.label() + ")";
        return "#" + id + " · " + who + (template != null && !template.isBlank() ? " · " + template : "")
                + (score != null ? " · reward " + org.sealworkbench.util.Shares.percent(score) : "");
    }

    /**
     * The picker line from whole to shortest, for a place too narrow for the whole one: without the date, then without
     * the sampling ("#12 · seal-tiny (model) · implications · reward 40.0 %", what tells two self-edits of a passage apart),
     * without the author's kind, without the template, without the reward ("#12 · seal-tiny"), the author's name without
     * a closing parenthesis ("#1 · hand-written" for "hand-written (example)"), the kind alone ("#12 · model") and the
     * id alone. Each differs from the one before it (a part the item lacks drops no form).
     */
    public java.util.List<String> labels() {
        String name = authorName == null || authorName.isBlank() ? null : authorName;
        String who = name == null ? author.label() : name + " (" + author.label() + ")";
        String tmpl = template != null && !template.isBlank() ? " · " + template : "";
        String samp = sampling != null && !sampling.isBlank() ? " · " + sampling : "";
        String date = created != null ? " · " + DATE.format(created) : "";
        String reward = score != null ? " · reward " + org.sealworkbench.util.Shares.percent(score) : "";
        String id = "#" + this.id;
        String shortWho = name == null ? author.label() : name;
        String bare = shortWho.replaceFirst("\\s*\\([^()]*\\)$", "");   // "hand-written (example)" -> "hand-written"
        java.util.List<String> forms = new java.util.ArrayList<>();
        for (String f : new String[] {
                id + " · " + who + tmpl + samp + date + reward,
                id + " · " + who + tmpl + samp + reward,
                brief(),
                id + " · " + shortWho + tmpl + reward,
                id + " · " + shortWho + reward,
                id + " · " + shortWho,
                id + " · " + (bare.isEmpty() ? shortWho : bare),
                id + " · " + author.label(),
                id}) {
            if (!forms.contains(f)) forms.add(f);
        }
        return java.util.List.copyOf(forms);
    }
}
