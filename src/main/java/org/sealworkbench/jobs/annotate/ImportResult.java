package org.sealworkbench.jobs.annotate;

/** What an import of judgements added, and what it found already in the log (same uid) and left alone. */
public record ImportResult(int judgements, int retractions, int alreadyPresent) {}
