package org.sealworkbench.jobs;

import org.sealworkbench.llm.training.StepInfo;
import org.sealworkbench.seal.arc.ArcTtt;
import org.sealworkbench.seal.arc.TttConfig;

/**
 * What the window hears of an {@link ArcJob} as it runs, without the engine's types (the window uses no {@code llm}
 * class): each training step as numbers, and each inner loop's result. Called on the job's thread.
 */
public interface ArcSteps {
    /** A training step of the inner loop of {@code task} with {@code config} (null: the baseline). */
    void step(String task, TttConfig config, long step, long totalSteps, double loss);

    /** One inner loop has ended. */
    void result(ArcTtt.Result result);

    /** As {@link ArcJob.Listener}, for {@link ArcJob#run(ArcRequest, org.sealworkbench.util.Progress, org.sealworkbench.util.CancelToken, ArcJob.Listener)}. */
    static ArcJob.Listener listener(ArcSteps s) {
        return new ArcJob.Listener() {
            @Override
            public void step(String task, TttConfig config, StepInfo info) {
                s.step(task, config, info.step(), info.totalSteps(), info.loss());
            }

            @Override
            public void result(ArcTtt.Result result) {
                s.result(result);
            }
        };
    }
}
