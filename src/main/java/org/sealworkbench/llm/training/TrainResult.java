package org.sealworkbench.llm.training;

import java.util.List;

/** What a run did: the steps taken in this call, and whether it stopped early on cancellation. */
public record TrainResult(List<StepInfo> steps, boolean cancelled, long stepsDone, long totalSteps) {
    public double lastLoss() {
        return steps.isEmpty() ? Double.NaN : steps.get(steps.size() - 1).loss();
    }
}
