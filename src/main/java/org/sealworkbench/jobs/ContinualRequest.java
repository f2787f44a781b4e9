package org.sealworkbench.jobs;

import java.nio.file.Path;
import org.sealworkbench.seal.Continual;
import org.sealworkbench.seal.PassageSplit;
import org.sealworkbench.seal.SealSettings;

/**
 * SEAL's continual self-edits over the first {@code passages} validation passages, {@code repeats} times (see
 * {@link ContinualJob}, {@link Continual}).
 *
 * @param source where each passage's self-edit comes from: base-self-edits (the model's own, the first sampled),
 *               passage-only, or self-edits:NAME
 * @param judge  the LLM judge's checkpoint when the settings' grader is llm_judge; else null
 */
public record ContinualRequest(Path workspace, Path model, SealSettings settings, PassageSplit split, int passages, int repeats,
                               String source, Path judge) implements JobRequest<ContinualJob.Report> {
    public static final String KIND = "continual";

    public ContinualRequest {
        if (workspace == null || model == null || settings == null || split == null) {
            throw new IllegalArgumentException("continual self-edits need a workspace, a model, settings and a validation split");
        }
        if (passages < 1) throw new IllegalArgumentException("passages must be at least 1, got " + passages);
        if (repeats < 1) throw new IllegalArgumentException("repeats must be at least 1, got " + repeats);
        if (source == null) source = "base-self-edits";
        Continual.checkSource(source); // refused here, before any work
    }

    @Override
    public String kind() {
        return KIND;
    }
}
