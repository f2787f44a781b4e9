package org.sealworkbench.jobs.qa;

/**
 * A stored inner-loop run of a passage as the QA view lists it: its condition, which repeat it is among the runs of
 * the same condition and self-edit of that passage (1-based, oldest first), the self-edit (null for conditions without
 * one), its seed and status.
 */
public record QaRun(long runId, String condition, int repeat, Long selfEditId, long modelId, long seed, String status) {
    /** "passage only, repeat 2 (run 17)", "self-edit #7, repeat 1 (run 2)", "self-edits, self-edit #9, repeat 1 (run 30)". */
    public String label() {
        return what() + " (run " + runId + ")";
    }

    /** The label without its run id, for a title that names the run already: "passage only, repeat 2". */
    public String what() {
        // "self-edit #7" names its self-edit already; "self-edits of seal-tiny" does not
        boolean named = selfEditId == null || condition.matches("(?s).*#" + selfEditId + "(\\D.*)?");
        return condition + (named ? "" : ", self-edit #" + selfEditId) + ", repeat " + repeat;
    }
}
