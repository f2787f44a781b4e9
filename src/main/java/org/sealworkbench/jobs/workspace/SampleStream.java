package org.sealworkbench.jobs.workspace;

/** Receives a generation's samples as they are made (on the generating thread). */
public interface SampleStream {
    /** A sample of a passage starts (before its first token); sample counts from 0 within the passage's batch. */
    default void started(long passageId, int samples) {}

    /** New text of one sample. */
    void text(long passageId, int sample, String delta);

    /**
     * A sample finished and is stored. {@code ending}: why it ended, in words, where the person should know it (it filled
     * the model's context: "stopped: the model's context (512 tokens) is full"; it reached the token cap: "stopped: the
     * new-token limit (256 tokens) is reached"); "" when it ended at its end-of-sequence token.
     */
    void stored(long passageId, int sample, SelfEditItem item, String ending);
}
