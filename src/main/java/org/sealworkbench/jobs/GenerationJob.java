package org.sealworkbench.jobs;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.List;
import java.util.Map;
import org.sealworkbench.llm.Devices;
import org.sealworkbench.seal.SealModel;
import org.sealworkbench.seal.SelfEditGenerator;
import org.sealworkbench.store.ExperimentLog;
import org.sealworkbench.store.PassageSummary;
import org.sealworkbench.store.SelfEditRecord;
import org.sealworkbench.util.CancelToken;
import org.sealworkbench.util.Counts;
import org.sealworkbench.util.Progress;

/**
 * Self-edit generation for a list of passages as a job, built from its request (it opens the log and the model on the
 * device itself); passages that already have their k self-edits are skipped, so a rerun resumes.
 */
public final class GenerationJob {
    /** The self-edits of each passage, who wrote them, and how long it took. */
    public record Report(Map<Long, List<SelfEditRecord>> selfEdits, String modelName, double seconds) {}

    private final GenerationRequest request;
    private final Long resumeId;

    public GenerationJob(GenerationRequest request) {
        this(request, null);
    }

    GenerationJob(GenerationRequest request, Long resumeId) {
        this.request = request;
        this.resumeId = resumeId;
    }

    public Report run(Progress listener, CancelToken token) {
        try (ExperimentLog log = ExperimentLog.openWritable(request.workspace());
             SealModel model = SealModel.open(request.model(), log, Devices.pick())) {
            List<Long> ids = request.passages();
            if (ids.isEmpty()) {
                ids = log.passages().stream().map(PassageSummary::id).toList();
                if (ids.isEmpty()) {
                    throw new IllegalArgumentException(request.workspace() + ": the workspace has no passages (seal import FILE first)");
                }
            }
            if (request.limit() > 0) ids = ids.subList(0, Math.min(request.limit(), ids.size()));
            List<Long> passages = List.copyOf(ids);
            JsonObject params = new JsonObject();
            params.addProperty("model", model.dir().toString());
            params.addProperty("template", request.generation().template().key());
            params.addProperty("k", request.generation().k());
            params.addProperty("tag", request.tag());
            JsonArray ps = new JsonArray();
            passages.forEach(ps::add);
            params.add("passages", ps);
            SealJobRun job = new SealJobRun(log, request.kind(), params, listener, request, resumeId);
            SelfEditGenerator gen = new SelfEditGenerator(log, model, request.generation());
            long t0 = System.nanoTime();
            Map<Long, List<SelfEditRecord>> made = job.run(c -> gen.forPassages(passages, request.tag(), job.progress(), c), token,
                    r -> resultMessage(r.size(), request.generation().k()));
            return new Report(made, model.name(), (System.nanoTime() - t0) / 1e9);
        }
    }

    /** The job's last word: "1 passage has 5 self-edits", "3 passages have 5 self-edits each". */
    static String resultMessage(int passages, int k) {
        return Counts.of(passages, "passage has", "passages have") + " " + Counts.of(k, "self-edit")
                + (passages == 1 ? "" : " each");
    }
}
