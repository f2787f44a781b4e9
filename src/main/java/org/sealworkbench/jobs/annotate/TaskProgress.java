package org.sealworkbench.jobs.annotate;

/** Where a session stands: pairs in the task, judged (tie included), skipped, and still to do. */
public record TaskProgress(int total, int done, int skipped, int remaining) {}
