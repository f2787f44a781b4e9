package org.sealworkbench.store;

import java.time.Duration;
import java.time.Instant;

/**
 * One inner-loop run: a fine-tune of modelId on one condition (e.g. "passage_only", "self_edit") and its
 * evaluation. selfEditId is null for conditions without a self-edit; finished is null while it runs. seconds is the
 * run's own wall time when it ran in a batch of adapters (its share of the batch's), null when it ran alone.
 */
public record RunRecord(long id, Long experimentId, long modelId, Long passageId, Long selfEditId, String condition,
                        String settingsJson, long seed, String status, Instant started, Instant finished, Double seconds) {

    /** The run's own wall time: its share of its batch's, or started..finished; NaN while it runs. */
    public double wallSeconds() {
        if (seconds != null) return seconds;
        if (started == null || finished == null) return Double.NaN;
        return Duration.between(started, finished).toNanos() / 1e9;
    }
}
