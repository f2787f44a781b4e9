package org.sealworkbench.jobs.runs;

import java.util.List;

/**
 * What one queued fine-tune &amp; evaluate job does: the passages, and the conditions in {@code seal eval --condition}'s
 * words (no-adaptation, passage-only, self-edits:NAME, seal-round:N, or self-edit:ID for one chosen self-edit).
 *
 * @param title how the jobs area names it
 */
public record RunPlan(String title, List<Long> passageIds, List<String> conditions) {
    public RunPlan {
        passageIds = List.copyOf(passageIds);
        conditions = List.copyOf(conditions);
        if (passageIds.isEmpty()) throw new IllegalArgumentException("choose at least one passage");
        if (conditions.isEmpty()) throw new IllegalArgumentException("choose a condition");
    }
}
