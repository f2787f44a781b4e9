package org.sealworkbench.jobs;

import com.google.gson.JsonObject;
import org.sealworkbench.store.ExperimentLog;

/** Where a job's row in the jobs table comes from: a new row with the request's JSON, or the stopped row being resumed. */
final class JobRow {
    private JobRow() {}

    /**
     * @param request  the request the job was built from (null: a job built from objects, recorded without one)
     * @param resumeId the row of the stopped job this run resumes (null: a new row)
     */
    static long open(ExperimentLog log, String kind, JsonObject params, JobRequest<?> request, Long resumeId) {
        if (resumeId != null) {
            double was = log.job(resumeId).map(j -> j.progress()).orElse(0.0);
            log.updateJob(resumeId, "running", was, "resumed");
            return resumeId;
        }
        return log.addJob(kind, params.toString(), request == null ? null : RequestJson.write(request));
    }
}
