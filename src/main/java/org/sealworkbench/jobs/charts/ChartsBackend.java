package org.sealworkbench.jobs.charts;

import java.util.List;
import org.sealworkbench.util.CancelToken;
import org.sealworkbench.util.Progress;

/** What the charts view reads; {@link ChartsService} reads it from a workspace, tests may hand in their own. */
public interface ChartsBackend {
    ChartsData read(Progress progress, CancelToken cancel);

    /**
     * {@link #read}, handing {@code first} what the Conditions tab draws (the conditions and the paired differences, nothing
     * else) as soon as it is worked out, on the reading thread, before the rest (every run's row, the RL rounds, …) is read.
     * By default it hands nothing and only reads.
     */
    default ChartsData read(Progress progress, CancelToken cancel, java.util.function.Consumer<ChartsData> first) {
        return read(progress, cancel);
    }

    /** The loss curves of these runs (inner-loop and few-shot runs), in the order asked. */
    List<ChartsData.LossCurve> lossCurves(List<ChartsData.RunId> runIds, CancelToken cancel);

    /** Scores the self-edits' perplexities (a job; the learnability chart); returns a one-line summary. */
    default String computePerplexities(Progress progress, CancelToken cancel) {
        throw new UnsupportedOperationException("this backend cannot compute perplexities");
    }
}
