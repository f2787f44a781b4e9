package org.sealworkbench.jobs.workspace;

import org.sealworkbench.seal.Ending;

/** Receives a generation's samples as they are made (on the generating thread). */
public interface SampleStream {
    /** A sample of a passage starts (before its first token); sample counts from 0 within the passage's batch. */
    default void started(long passageId, int samples) {}

    /** New text of one sample. */
    void text(long passageId, int sample, String delta);

    /**
     * A sample finished and is stored. {@code ending}: why it ended, where the person should know it (it filled the model's
     * context: "context full (512)", "stopped: the model's context (512 tokens) is full"; it reached the token cap: "token
     * limit (256)", "stopped: the new-token limit (256 tokens) is reached"); {@link Ending#NONE} when it ended at its
     * end-of-sequence token.
     */
    void stored(long passageId, int sample, SelfEditItem item, Ending ending);
}
