package org.sealworkbench.jobs.workspace;

/** Receives a generation's samples as they are made (on the generating thread). */
public interface SampleStream {
    /** A sample of a passage starts (before its first token); sample counts from 0 within the passage's batch. */
    default void started(long passageId, int samples) {}

    /** New text of one sample. */
    void text(long passageId, int sample, String delta);

    /** A sample finished and is stored. */
    void stored(long passageId, int sample, SelfEditItem item);
}
