package org.sealworkbench.jobs.qa;

/**
 * A stored inner-loop run of a passage as the QA view lists it: its condition, which repeat it is among the runs of
 * the same condition and self-edit of that passage (1-based, oldest first), the self-edit (null for conditions without
 * one), its seed and status.
 */
public record QaRun(long runId, String condition, int repeat, Long selfEditId, long modelId, long seed, String status) {
    /** "passage only, repeat 2 (run 17)". */
    public String label() {
        return condition + (selfEditId == null ? "" : ", self-edit " + selfEditId) + ", repeat " + repeat + " (run " + runId + ")";
    }
}
