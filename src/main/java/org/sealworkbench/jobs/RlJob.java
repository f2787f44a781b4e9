package org.sealworkbench.jobs;

import org.sealworkbench.util.Progress;
import org.sealworkbench.util.CancelToken;
import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.util.List;
import org.sealworkbench.seal.RestEm;
import org.sealworkbench.store.ExperimentLog;

/** ReST-EM rounds as a job (see {@link RestEm}); running it again resumes where it stopped. */
public final class RlJob {
    private final ExperimentLog log;
    private final RestEm restEm;
    private final Path model;
    private final int rounds;

    public RlJob(ExperimentLog log, RestEm restEm, Path model, int rounds) {
        this.log = log;
        this.restEm = restEm;
        this.model = model;
        this.rounds = rounds;
    }

    public List<RestEm.Round> run(Progress listener, CancelToken token) {
        JsonObject params = new JsonObject();
        params.addProperty("model", model.toAbsolutePath().toString());
        params.addProperty("rounds", rounds);
        SealJobRun job = new SealJobRun(log, "rl", params, listener);
        return job.run(c -> restEm.run(model, rounds, job.progress(), c), token,
                r -> r.size() + " RL round(s) done; last model " + (r.isEmpty() ? "-" : r.get(r.size() - 1).modelDir()));
    }
}
