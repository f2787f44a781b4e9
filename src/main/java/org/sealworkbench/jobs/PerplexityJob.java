package org.sealworkbench.jobs;

import com.google.gson.JsonObject;
import org.sealworkbench.llm.Devices;
import org.sealworkbench.seal.Learnability;
import org.sealworkbench.store.ExperimentLog;
import org.sealworkbench.util.CancelToken;
import org.sealworkbench.util.Progress;

/** The self-edits' perplexities as a job ({@link Learnability}), recorded in the jobs table like the others. */
final class PerplexityJob {
    private PerplexityJob() {}

    static Learnability.Summary run(PerplexityRequest request, Long resumeId, Progress listener, CancelToken token) {
        try (ExperimentLog log = ExperimentLog.openWritable(request.workspace())) {
            SealJobRun job = new SealJobRun(log, request.kind(), new JsonObject(), listener, request, resumeId);
            return job.run(c -> Learnability.compute(log, Devices.pick(), job.progress(), c), token,
                    s -> s.computed() + " self-edits scored, " + s.reused() + " already stored, " + s.skipped() + " not scored"
                            + (s.problems().isEmpty() ? "" : " (" + s.problems().get(0) + (s.problems().size() > 1
                            ? "; and " + (s.problems().size() - 1) + " more)" : ")")));
        }
    }
}
