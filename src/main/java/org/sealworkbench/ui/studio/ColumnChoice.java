package org.sealworkbench.ui.studio;

import org.sealworkbench.jobs.workspace.SelfEditItem;

/** What a column shows: a self-edit of the passage, or the passage alone ({@code edit} null). */
public record ColumnChoice(SelfEditItem edit) {
    public static final ColumnChoice PASSAGE_ONLY = new ColumnChoice(null);

    public boolean passageOnly() {
        return edit == null;
    }

    @Override
    public String toString() {
        return edit == null ? "Passage only" : edit.label();
    }
}
