package org.sealworkbench.jobs.runs;

/**
 * One optimizer step of an inner loop as the window's live loss chart receives it.
 *
 * @param tokensPerSecond over this step (padding included)
 */
public record LiveStep(long runId, long passageId, String condition, long step, long totalSteps, double loss, double lr,
                       double tokensPerSecond) {}
