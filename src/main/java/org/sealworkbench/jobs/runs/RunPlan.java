package org.sealworkbench.jobs.runs;

import java.util.List;
import org.sealworkbench.seal.CptSettings;

/**
 * What one queued fine-tune &amp; evaluate job does: the passages, and the conditions in {@code seal eval --condition}'s
 * words (no-adaptation, passage-only, self-edits:NAME, seal-round:N, self-edit:ID for one chosen self-edit, or a
 * multi-passage cpt:... one).
 *
 * @param title how the jobs area names it
 * @param cpt   the settings of its cpt:... conditions ({@code seal eval --cpt-*}); null: the preset's
 */
public record RunPlan(String title, List<Long> passageIds, List<String> conditions, CptSettings cpt) {
    public RunPlan {
        passageIds = List.copyOf(passageIds);
        conditions = List.copyOf(conditions);
        if (passageIds.isEmpty()) throw new IllegalArgumentException("choose at least one passage");
        if (conditions.isEmpty()) throw new IllegalArgumentException("choose a condition");
    }

    public RunPlan(String title, List<Long> passageIds, List<String> conditions) {
        this(title, passageIds, conditions, null);
    }
}
