package org.sealworkbench.jobs.workspace;

/** One training sequence the inner loop would make of a self-edit, with its token count (-1: no model loaded). */
public record SequencePreview(String text, int tokens) {}
