package org.sealworkbench.jobs.charts;

import java.time.Instant;
import java.util.List;

/**
 * What the charts and the runs table draw, as plain records of their own (the window may not see the store's types).
 *
 * @param conditions one bar per row of SEAL's results table ({@code seal report}), in its order
 * @param paired     each condition minus passage only, paired by passage (the report's second table, passage-only part)
 * @param runs       every inner-loop run, one row per run and grader
 */
public record ChartsData(List<ConditionBar> conditions, List<PairedBar> paired, List<RunRow> runs) {
    public ChartsData {
        conditions = List.copyOf(conditions);
        paired = List.copyOf(paired);
        runs = List.copyOf(runs);
    }

    public static ChartsData empty() {
        return new ChartsData(List.of(), List.of(), List.of());
    }

    public boolean isEmpty() {
        return conditions.isEmpty() && runs.isEmpty();
    }

    /** A results-table row: macro accuracy with its 95 % t-interval (NaN bounds below 2 passages). */
    public record ConditionBar(String condition, String grader, String settingsDigest, double macroAccuracy, double ciLow,
                               double ciHigh, double microAccuracy, int passages, int questions) {
        /** The bar's group: grader and settings digest. */
        public String group() {
            return grader + " @ " + settingsDigest;
        }
    }

    /** A condition minus passage only, paired by passage, with its 95 % t-interval (not clipped). */
    public record PairedBar(String condition, String baseline, String grader, String settingsDigest, double mean,
                            double ciLow, double ciHigh, int passages) {
        public String group() {
            return grader + " @ " + settingsDigest;
        }
    }

    /**
     * One inner-loop run under one grader.
     *
     * @param accuracy        correct / graded answers of the run by this grader (newest grade per answer); NaN ungraded
     * @param durationSeconds NaN while running or when no end was stored
     * @param lossSteps       how many training steps the run stored (its loss curve's length)
     */
    public record RunRow(long runId, String kind, String model, String condition, String settingsDigest, String grader,
                         double accuracy, double durationSeconds, String status, Instant started, int lossSteps) {}

    /** A run's training loss per optimiser step. */
    public record LossCurve(long runId, String label, List<LossPoint> points) {
        public LossCurve {
            points = List.copyOf(points);
        }
    }

    public record LossPoint(int step, double loss) {}
}
