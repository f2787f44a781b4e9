package org.sealworkbench.seal;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The condition labels runs and answers are stored under, as rows of SEAL's table: the base model with no
 * adaptation; trained on the passage only; passage + self-edits written by a model (the base, another
 * model, or imported from a file, named after their author); SEAL after RL round n. Other labels are
 * allowed and listed after these.
 */
public final class Conditions {
    private Conditions() {}

    public static final String NO_ADAPTATION = "no adaptation";
    public static final String PASSAGE_ONLY = "passage only";
    private static final String SELF_EDITS_OF = "self-edits of ";
    private static final String IMPORTED = "imported self-edits";
    private static final Pattern SEAL_ROUND = Pattern.compile("SEAL round (\\d+)");

    /** Passage + self-edits written by the named model (e.g. "self-edits of Qwen2.5-7B", "self-edits of gpt4_1"). */
    public static String selfEditsOf(String modelName) {
        return SELF_EDITS_OF + modelName;
    }

    /**
     * Passage + one chosen self-edit (a person's edit, or a sample other than the one a "self-edits of" condition
     * takes): a row of its own, so that it never mixes with the runs of a condition that picks self-edits by rule.
     */
    public static String selfEdit(long selfEditId) {
        return "self-edit #" + selfEditId;
    }

    /** Passage + self-edits written by the generator after RL round n. */
    public static String sealRound(int round) {
        if (round < 1) throw new IllegalArgumentException("RL rounds count from 1, got " + round);
        return "SEAL round " + round;
    }

    /** Whether the label is passage + self-edits of a named model (the base, another model, an imported file's). */
    static boolean isSelfEdits(String condition) {
        return condition.startsWith(SELF_EDITS_OF);
    }

    /** Whether the label is SEAL after an RL round. */
    static boolean isSealRound(String condition) {
        return SEAL_ROUND.matcher(condition).matches();
    }

    /** Sort key giving SEAL's row order: no adaptation, passage only, self-edits, imported, SEAL rounds, others. */
    static int rank(String condition) {
        if (condition.equals(NO_ADAPTATION)) return 0;
        if (condition.equals(PASSAGE_ONLY)) return 1;
        if (condition.startsWith(SELF_EDITS_OF)) return 2;
        if (condition.startsWith(IMPORTED)) return 3;
        Matcher m = SEAL_ROUND.matcher(condition);
        if (m.matches()) {
            try {
                return 10 + Math.min(1_000_000, Integer.parseInt(m.group(1)));
            } catch (NumberFormatException e) {
                return Integer.MAX_VALUE - 1;
            }
        }
        return Integer.MAX_VALUE;
    }
}
