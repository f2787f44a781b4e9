package org.sealworkbench.jobs;

import org.sealworkbench.seal.PromptTemplates;
import org.sealworkbench.seal.RestEm;
import org.sealworkbench.store.AuthorKind;
import org.sealworkbench.store.SelfEditRecord;

/**
 * Which self-edits an export takes (issue 21): every field null takes all.
 *
 * @param author   the name of the model that wrote them (as in the models table: a checkpoint's name, "round-2", or the
 *                 name an import gave, e.g. "gpt4_1"), or {@value #HUMAN} for people's edits
 * @param template the prompt template's key ("implications", "self-qa", ...)
 * @param round    the RL round that generated them (tag "rl round N": the self-edits that round scored and selected
 *                 from); the self-edits the model saved by round N wrote for evaluation are {@code author "round-N"}
 */
public record SelfEditFilter(String author, String template, Integer round) {
    public static final String HUMAN = "human";
    public static final SelfEditFilter ALL = new SelfEditFilter(null, null, null);

    public SelfEditFilter {
        if (author != null && author.isBlank()) author = null;
        if (template != null && template.isBlank()) template = null;
        if (template != null) PromptTemplates.byKey(template);   // an unknown key is refused, naming the known ones
        if (round != null && round < 1) throw new IllegalArgumentException("--round must be 1 or more, got " + round);
    }

    public boolean isAll() {
        return author == null && template == null && round == null;
    }

    /** Whether {@code e}, written by the model named {@code modelName} (null when none), passes. */
    public boolean test(SelfEditRecord e, String modelName) {
        if (author != null) {
            boolean human = e.author() == AuthorKind.HUMAN_EDIT;
            if (HUMAN.equals(author) ? !human : human || !author.equals(modelName)) return false;
        }
        if (template != null && !template.equals(e.promptTemplate())) return false;
        return round == null || RestEm.tag(round).equals(e.sourceLabel());
    }

    /** For people: "author round-1, template implications" or "all". */
    public String describe() {
        if (isAll()) return "all";
        StringBuilder b = new StringBuilder();
        if (author != null) b.append("author ").append(author);
        if (template != null) b.append(b.isEmpty() ? "" : ", ").append("template ").append(template);
        if (round != null) b.append(b.isEmpty() ? "" : ", ").append("RL round ").append(round);
        return b.toString();
    }
}
