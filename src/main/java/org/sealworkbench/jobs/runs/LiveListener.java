package org.sealworkbench.jobs.runs;

/** Told of a run's steps and of each finished run, on the job's thread (the listener hands them to the FX thread). */
public interface LiveListener {
    LiveListener NONE = new LiveListener() {
        @Override
        public void step(LiveStep step) {}

        @Override
        public void runDone(long runId, long passageId, String condition) {}
    };

    void step(LiveStep step);

    /** The run's answers and grades are stored (its QA table can be shown). */
    void runDone(long runId, long passageId, String condition);
}
