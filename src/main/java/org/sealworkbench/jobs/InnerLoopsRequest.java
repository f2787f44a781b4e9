package org.sealworkbench.jobs;

import java.nio.file.Path;
import java.util.List;
import org.sealworkbench.seal.InnerLoop;
import org.sealworkbench.seal.SealSettings;

/**
 * Inner loops on a list of stored self-edits (see {@link InnerLoopBatchJob}): each self-edit with its passage,
 * {@code settings.innerLoop().repeats()} times with the repeat's seed, recorded under {@code condition}.
 *
 * @param judge the LLM judge's checkpoint when the settings' grader is llm_judge; else null
 */
public record InnerLoopsRequest(Path workspace, Path model, SealSettings settings, List<Long> selfEdits, String condition,
                                Path judge) implements JobRequest<List<InnerLoop.Outcome>> {
    public static final String KIND = "inner loops";

    public InnerLoopsRequest {
        if (workspace == null || model == null || settings == null) {
            throw new IllegalArgumentException("inner loops need a workspace, a model and settings");
        }
        selfEdits = selfEdits == null ? List.of() : List.copyOf(selfEdits);
        if (selfEdits.isEmpty()) throw new IllegalArgumentException("inner loops need at least one self-edit");
        if (condition == null || condition.isBlank()) throw new IllegalArgumentException("inner loops need a condition label");
    }

    @Override
    public String kind() {
        return KIND;
    }
}
