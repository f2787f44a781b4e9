package org.sealworkbench.jobs;

import org.sealworkbench.llm.training.StepInfo;
import org.sealworkbench.seal.arc.ArcTtt;
import org.sealworkbench.seal.arc.TttConfig;

/**
 * What the window hears of an {@link ArcJob} as it runs, without the engine's types (the window uses no {@code llm}
 * class): each training step as numbers, and each inner loop's result; of a sampling run, each task's sampling; of a
 * few-shot ReST-EM round ({@link ArcRlJob}), its SFT's steps and the saving of its model. Called on the job's thread.
 */
public interface ArcSteps {
    /** A training step of the inner loop of {@code task} with {@code config} (null: the baseline). */
    void step(String task, TttConfig config, long step, long totalSteps, double loss);

    /** One inner loop has ended. */
    void result(ArcTtt.Result result);

    /** Sampling of {@code wanted} self-edits of {@code task} begins (a run that samples: `arc --self-edits`, `arc-rl`). */
    default void sampling(String task, int wanted) {
    }

    /**
     * {@code task}'s self-edits are sampled: the configs kept, from {@code draws} draws; {@code notConfigs}: why each draw that
     * was not a config is not one, in draw order (as {@link ArcJob.Listener#sampled}).
     */
    default void sampled(String task, java.util.List<TttConfig> kept, int draws, java.util.List<String> notConfigs) {
    }

    /** A training step of a few-shot ReST-EM round's SFT of the generator ({@link ArcRlJob}). */
    default void sftStep(long step, long totalSteps, double loss) {
    }

    /** A few-shot ReST-EM round saves its merged model in {@code dir} ({@link ArcRlJob}). */
    default void saving(java.nio.file.Path dir) {
    }

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

            @Override
            public void sampling(String task, int wanted) {
                s.sampling(task, wanted);
            }

            @Override
            public void sampled(String task, java.util.List<TttConfig> kept, int draws, java.util.List<String> notConfigs) {
                s.sampled(task, kept, draws, notConfigs);
            }
        };
    }
}
