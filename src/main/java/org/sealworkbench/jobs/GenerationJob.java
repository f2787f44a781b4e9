package org.sealworkbench.jobs;

import org.sealworkbench.util.Progress;
import org.sealworkbench.util.CancelToken;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.List;
import java.util.Map;
import org.sealworkbench.seal.GenerationSettings;
import org.sealworkbench.seal.SealModel;
import org.sealworkbench.seal.SelfEditGenerator;
import org.sealworkbench.store.ExperimentLog;
import org.sealworkbench.store.SelfEditRecord;

/** Self-edit generation for a list of passages as a job; passages that already have their k self-edits are skipped. */
public final class GenerationJob {
    private final ExperimentLog log;
    private final SealModel model;
    private final GenerationSettings settings;
    private final List<Long> passages;
    private final String tag;

    public GenerationJob(ExperimentLog log, SealModel model, GenerationSettings settings, List<Long> passages, String tag) {
        this.log = log;
        this.model = model;
        this.settings = settings;
        this.passages = List.copyOf(passages);
        this.tag = tag;
    }

    public Map<Long, List<SelfEditRecord>> run(Progress listener, CancelToken token) {
        JsonObject params = new JsonObject();
        params.addProperty("model", model.dir().toString());
        params.addProperty("template", settings.template().key());
        params.addProperty("k", settings.k());
        params.addProperty("tag", tag);
        JsonArray ps = new JsonArray();
        passages.forEach(ps::add);
        params.add("passages", ps);
        SealJobRun job = new SealJobRun(log, "generate self-edits", params, listener);
        SelfEditGenerator gen = new SelfEditGenerator(log, model, settings);
        return job.run(c -> gen.forPassages(passages, tag, job.progress(), c), token,
                r -> r.size() + " passages have " + settings.k() + " self-edits each");
    }
}
