package org.sealworkbench.jobs.annotate;

/** How a task pairs self-edits: every pair of a passage's self-edits, or author A's against author B's. */
public enum PairingRule {
    ALL_PAIRS("All pairs in a passage"),
    AUTHOR_VS_AUTHOR("Author A vs author B");

    private final String description;

    PairingRule(String description) {
        this.description = description;
    }

    @Override
    public String toString() {
        return description;
    }
}
