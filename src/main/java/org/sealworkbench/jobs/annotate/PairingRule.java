package org.sealworkbench.jobs.annotate;

/** How a task pairs self-edits: every pair of a passage's self-edits, or author A's against author B's. */
public enum PairingRule {
    ALL_PAIRS("all pairs of a passage's self-edits"),
    AUTHOR_VS_AUTHOR("author A vs author B on the same passages");

    private final String description;

    PairingRule(String description) {
        this.description = description;
    }

    @Override
    public String toString() {
        return description;
    }
}
