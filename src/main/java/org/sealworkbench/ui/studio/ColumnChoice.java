package org.sealworkbench.ui.studio;

import org.sealworkbench.jobs.workspace.SelfEditItem;

/** What a column shows: a self-edit of the passage, or the passage alone ({@code edit} null). */
public record ColumnChoice(SelfEditItem edit) {
    public static final ColumnChoice PASSAGE_ONLY = new ColumnChoice(null);

    public boolean passageOnly() {
        return edit == null;
    }

    /** The header's line from whole to shortest ({@link SelfEditItem#labels()}); the passage alone has one. */
    public java.util.List<String> labels() {
        return edit == null ? java.util.List.of("Passage only") : edit.labels();
    }

    /** {@link SelfEditItem#brief()}: without sampling and date. */
    public String brief() {
        return edit == null ? "Passage only" : edit.brief();
    }

    @Override
    public String toString() {
        return edit == null ? "Passage only" : edit.label();
    }
}
