package org.sealworkbench.jobs;

import java.nio.file.Path;
import java.util.List;
import org.sealworkbench.seal.GenerationSettings;

/**
 * Have the model in {@code model} write self-edits for passages (see {@link GenerationJob}).
 *
 * @param passages the passages' ids; empty = every passage of the workspace
 * @param limit    only the first {@code limit} of those passages (0: all of them)
 * @param tag      the label of this batch (a rerun with the same model, template and tag resumes it)
 */
public record GenerationRequest(Path workspace, Path model, GenerationSettings generation, List<Long> passages, int limit,
                                String tag) implements JobRequest<GenerationJob.Report> {
    public static final String KIND = "generate self-edits";

    public GenerationRequest {
        if (workspace == null || model == null || generation == null) {
            throw new IllegalArgumentException("self-edit generation needs a workspace, a model and generation settings");
        }
        passages = passages == null ? List.of() : List.copyOf(passages);
        if (limit < 0) throw new IllegalArgumentException("limit must be >= 0, got " + limit);
        if (tag == null || tag.isBlank()) tag = "cli";
    }

    @Override
    public String kind() {
        return KIND;
    }
}
