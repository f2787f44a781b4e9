package org.sealworkbench.jobs.workspace;

/** One row of the passage library: a passage with its counts of questions and self-edits. */
public record PassageItem(long id, String title, int questionCount, int selfEditCount) {}
