package org.sealworkbench.jobs.workspace;

/** How many passages, questions, self-edits and inner-loop runs a workspace holds. */
public record WorkspaceCounts(long passages, long questions, long selfEdits, long runs) {}
