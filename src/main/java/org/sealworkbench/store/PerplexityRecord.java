package org.sealworkbench.store;

import java.time.Instant;

/**
 * A self-edit's mean per-token loss under a model, before any training on it (the log of its perplexity), over
 * {@code tokens} target tokens; {@code settingsDigest}: the inner-loop settings whose training sequences were scored.
 */
public record PerplexityRecord(long id, long selfEditId, long modelId, double meanTokenLoss, long tokens,
                               String settingsDigest, Instant created) {}
