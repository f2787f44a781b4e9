package org.sealworkbench.jobs;

import java.nio.file.Path;
import org.sealworkbench.seal.PassageSplit;
import org.sealworkbench.seal.SealSettings;

/**
 * ReST-EM rounds from the model in {@code model} ({@code settings.rl()} says how many and how big; see {@link RlJob}).
 *
 * @param judge the LLM judge's checkpoint when the settings' grader is llm_judge; else null
 */
public record RlRequest(Path workspace, Path model, SealSettings settings, PassageSplit split, Path judge)
        implements JobRequest<RlJob.Report> {
    public static final String KIND = "rl";

    public RlRequest {
        if (workspace == null || model == null || settings == null || split == null) {
            throw new IllegalArgumentException("RL needs a workspace, a model, settings and a validation split");
        }
    }

    @Override
    public String kind() {
        return KIND;
    }
}
