package org.sealworkbench.jobs;

import java.nio.file.Path;
import org.sealworkbench.seal.Learnability;

/**
 * Score every self-edit a run adapted on: its mean per-token loss under the model fine-tuned on it, before training
 * ({@link Learnability}; {@code seal perplexity}, the Charts tab's Learnability button). Pairs already stored are skipped.
 */
public record PerplexityRequest(Path workspace) implements JobRequest<Learnability.Summary> {
    public static final String KIND = "perplexity";

    public PerplexityRequest {
        if (workspace == null) throw new IllegalArgumentException("perplexities need a workspace");
    }

    @Override
    public String kind() {
        return KIND;
    }
}
