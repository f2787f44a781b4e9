package org.sealworkbench.llm.training;

/**
 * One optimizer step as reported to the callback. {@code loss}: mean over the step's target tokens;
 * {@code tokens}: token positions processed (padding included); {@code tokensPerSecond} over this step;
 * {@code computeSeconds}: forward + backward; {@code optimizerSeconds}: clipping, AdamW and zeroing.
 */
public record StepInfo(long step, long totalSteps, int epoch, double loss, double lr, double gradNorm,
                       long tokens, double tokensPerSecond, double computeSeconds, double optimizerSeconds) {}
