package org.sealworkbench.jobs.charts;

import java.time.Instant;
import java.util.List;

/**
 * What the charts and the runs table draw, as plain records of their own (the window may not see the store's types).
 *
 * @param conditions one bar per row of SEAL's results table ({@code seal report}), in its order
 * @param paired     each condition minus passage only, paired by passage (the report's second table, passage-only part)
 * @param runs       every run: each inner-loop run, one row per run and grader, then each few-shot (ARC) run, one row
 *                   each (the rows of {@code seal runs} and of the History tab)
 * @param rlRounds   every ReST-EM round stored, in round order, with its rewards' summary
 * @param rewards    every reward earned in an RL round (one per self-edit and round)
 * @param validation adapted accuracy of each round's model (round 0: the first round's input model) where it was
 *                   evaluated on self-edits by {@code seal eval}
 * @param gains      per results-table row with a "no adaptation" row beside it: each passage's accuracy before and after
 * @param diversity  per RL round, how varied the sampled self-edits are
 * @param learnability each scored self-edit ({@code seal perplexity}): its mean token loss before training and its reward
 * @param continual  every continual self-edit sequence stored ({@code seal continual}, RL > Continual self-edits…), one
 *                   per sequence and grader
 * @param fewShot    SEAL's few-shot ARC table ({@code seal.arc.ArcTable}, as {@code seal report} prints it): one row per
 *                   task set, model, settings digest and condition, in the order of their first stored run
 */
public record ChartsData(List<ConditionBar> conditions, List<PairedBar> paired, List<RunRow> runs, List<RlRound> rlRounds,
                         List<RewardPoint> rewards, List<Validation> validation, List<GainSeries> gains,
                         List<DiversityRound> diversity, List<LearnPoint> learnability, List<ContinualSequence> continual,
                         List<FewShotRow> fewShot) {
    public ChartsData {
        conditions = List.copyOf(conditions);
        paired = List.copyOf(paired);
        runs = List.copyOf(runs);
        rlRounds = List.copyOf(rlRounds);
        rewards = List.copyOf(rewards);
        validation = List.copyOf(validation);
        gains = List.copyOf(gains);
        diversity = List.copyOf(diversity);
        learnability = List.copyOf(learnability);
        continual = List.copyOf(continual);
        fewShot = List.copyOf(fewShot);
    }

    /** Conditions and runs only (no RL rounds). */
    public ChartsData(List<ConditionBar> conditions, List<PairedBar> paired, List<RunRow> runs) {
        this(conditions, paired, runs, List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of());
    }

    public static ChartsData empty() {
        return new ChartsData(List.of(), List.of(), List.of());
    }

    public boolean isEmpty() {
        return conditions.isEmpty() && runs.isEmpty() && rlRounds.isEmpty() && continual.isEmpty() && fewShot.isEmpty();
    }

    /**
     * A row of SEAL's few-shot ARC table ({@code seal.arc.ArcTable.Row}, field for field): under one condition ("no
     * test-time training", "self-edits of MODEL" or "config: SHORT FORM"), the (task, self-edit) pairs run on tasks with
     * a known solution, how many were solved (pass@2), the 95 % bootstrap interval of their share over tasks (0 to 1; NaN
     * without pairs) and the tasks solved by at least one pair.
     */
    public record FewShotRow(String taskSet, String model, String settingsDigest, String condition, int tasks, int pairs,
                             int solved, double ciLow, double ciHigh, int tasksSolved) {
        /** The share of pairs solved, 0 to 1 (NaN without pairs), as {@code ArcTable.Row.share()}. */
        public double share() {
            return pairs == 0 ? Double.NaN : solved / (double) pairs;
        }

        /** The bar's group within its task set: model and settings digest. */
        public String group() {
            return model + " @ " + settingsDigest;
        }
    }

    /**
     * A stored continual sequence: its step x passage matrices (complete repeats only) as {@code seal continual} computes
     * them, with the grader whose verdicts they count, the model it started from, and the repeats begun but not finished.
     */
    public record ContinualSequence(org.sealworkbench.seal.Continual.Result result, String grader, String model,
                                    int unfinishedRepeats) {
        /** What the picker shows: source, model, passages, repeats, grader and settings digest. */
        public String label() {
            var r = result;
            return r.source() + " on " + model + ", " + r.passages().size() + " passages, " + r.matrices().size()
                    + (r.matrices().size() == 1 ? " repeat" : " repeats")
                    + (unfinishedRepeats > 0 ? " (+" + unfinishedRepeats + " unfinished)" : "") + ", " + grader + " ["
                    + r.settingsDigest() + "]";
        }
    }

    /**
     * One ReST-EM round. Rewards are mean adapted accuracies (SEAL.md): {@code meanReward} is the mean over the round's
     * passages of the mean reward of the passage's self-edits, {@code meanBestReward} the mean over passages of the best
     * (best-of-k); NaN when no reward was stored yet.
     */
    public record RlRound(int round, long rlRoundId, String status, String modelIn, String modelOut, int passages,
                         int selfEdits, double meanReward, double meanBestReward) {}

    /** A self-edit's reward in a round; {@code best}: the highest of its passage in that round (the earliest on ties). */
    public record RewardPoint(int round, long passageId, long selfEditId, double reward, boolean best, long rlRoundId) {}

    /**
     * A results-table row computed over the evaluation runs of one round's output model (round 0: the input model of
     * round 1) that adapted on self-edits: SEAL's adapted accuracy on the validation passages.
     */
    public record Validation(int round, String model, String condition, String grader, String settingsDigest,
                             double macroAccuracy, double ciLow, double ciHigh, int passages) {
        public String group() {
            return grader + " @ " + settingsDigest;
        }
    }

    /** Accuracy per passage before (the baseline row) and after (the row) adaptation under one condition. */
    public record GainSeries(String condition, String baseline, String grader, String settingsDigest, List<GainPoint> points) {
        public GainSeries {
            points = List.copyOf(points);
        }

        /** What the condition picker shows. */
        public String label() {
            return condition + " | " + grader + " @ " + settingsDigest;
        }
    }

    public record GainPoint(long passageId, String title, double before, double after) {}

    /**
     * The self-edits rewarded in one RL round: distinct-1, distinct-2, mean words and the share of each format (in
     * {@code seal.SelfEditDiversity.Format}'s order: Q/A pairs, numbered list, prose).
     */
    public record DiversityRound(int round, int selfEdits, double distinct1, double distinct2, double meanWords,
                                 double qaShare, double listShare, double proseShare) {}

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
     * A run's id as people see it, unique over both run tables: an inner-loop run ({@code runs}) by its number ("12"), a
     * few-shot (ARC) run ({@code arc_runs}, numbered apart) by its number after {@link #FEW_SHOT_PREFIX} ("A3"). The
     * History tab, the charts and {@code seal runs} all show runs by it. Sorted inner-loop runs first, each kind by number.
     */
    public record RunId(boolean fewShot, long number) implements Comparable<RunId> {
        /** What a few-shot run's number follows ("A3": ARC). */
        public static final String FEW_SHOT_PREFIX = "A";
        private static final java.util.regex.Pattern FORM = java.util.regex.Pattern.compile("(?i)(?:run\\s*|#)?(a)?(\\d+)");

        public static RunId innerLoop(long number) {
            return new RunId(false, number);
        }

        public static RunId fewShot(long number) {
            return new RunId(true, number);
        }

        /**
         * Reads an id as {@link #toString()} writes it, in any case, after an optional "run " or "#": "12", "A3", "run a3",
         * "#12"; empty when the text is no run id.
         */
        public static java.util.Optional<RunId> parse(String text) {
            if (text == null) return java.util.Optional.empty();
            java.util.regex.Matcher m = FORM.matcher(text.strip());
            if (!m.matches()) return java.util.Optional.empty();
            try {
                return java.util.Optional.of(new RunId(m.group(1) != null, Long.parseLong(m.group(2))));
            } catch (NumberFormatException e) {
                return java.util.Optional.empty();   // more digits than a long holds
            }
        }

        @Override
        public int compareTo(RunId o) {
            return fewShot != o.fewShot ? (fewShot ? 1 : -1) : Long.compare(number, o.number);
        }

        /** "12" or "A3". */
        @Override
        public String toString() {
            return fewShot ? FEW_SHOT_PREFIX + number : String.valueOf(number);
        }
    }

    /**
     * One inner-loop run under one grader, or one few-shot (ARC) run (kind {@link #FEW_SHOT}: a task's test input under
     * one self-edit, from {@code arc_runs}, whose numbers are apart from the inner-loop runs': {@link #id()} tells them apart).
     *
     * @param runId           the run's number: in {@code runs}, or in {@code arc_runs} for a few-shot run
     * @param condition       a few-shot run's self-edit: "no test-time training", "config: SHORT FORM" (given by hand) or
     *                        "self-edit of MODEL: SHORT FORM" (sampled)
     * @param grader          "pass@2" for a few-shot run (its two attempts against the solution)
     * @param accuracy        correct / graded answers of the run by this grader (newest grade per answer); NaN ungraded.
     *                        A few-shot run: 1 solved, 0 not, NaN without a known solution
     * @param durationSeconds NaN while running or when no end was stored (a few-shot run: training plus prediction)
     * @param lossSteps       how many training steps the run stored (its loss curve's length)
     * @param passage         the title of the passage it adapted to ("several passages" for a run over many, CPT); a
     *                        few-shot run's task id
     */
    public record RunRow(long runId, String kind, String model, String condition, String settingsDigest, String grader,
                         double accuracy, double durationSeconds, String status, Instant started, int lossSteps, String passage) {
        /** The kind of a few-shot (ARC) run. */
        public static final String FEW_SHOT = "few-shot (ARC)";

        public boolean fewShot() {
            return FEW_SHOT.equals(kind);
        }

        /** The run's id, unique over both kinds: "12" (inner loop) or "A3" (few-shot). */
        public RunId id() {
            return new RunId(fewShot(), runId);
        }

        /** The kind in few words, for a narrow column: "few-shot" for {@link #FEW_SHOT}, the others as they are. */
        public String shortKind() {
            return fewShot() ? "few-shot" : kind;
        }
    }

    /** A run's training loss per optimiser step; {@code run} is the run's id (an inner-loop or a few-shot run's). */
    public record LossCurve(RunId run, String label, List<LossPoint> points) {
        public LossCurve {
            points = List.copyOf(points);
        }

        /** An inner-loop run's curve (-1: a curve of no stored run, such as a live one). */
        public LossCurve(long runId, String label, List<LossPoint> points) {
            this(RunId.innerLoop(runId), label, points);
        }
    }

    public record LossPoint(int step, double loss) {}

    /** Who wrote a self-edit, as the learnability chart splits them. */
    public static final String OWN_MODEL = "own model", OTHER_MODEL = "other model", HUMAN = "human edit", IMPORT = "import";

    /**
     * A self-edit's mean per-token loss under the model fine-tuned on it (before training) against its reward: the mean
     * of its stored rewards (RL), else the mean accuracy of the inner-loop runs that adapted that model on it (the same
     * quantity, one grader: the first by name).
     *
     * @param author {@link #OWN_MODEL} (written by the model fine-tuned on it), {@link #OTHER_MODEL}, {@link #HUMAN} or {@link #IMPORT}
     */
    public record LearnPoint(long selfEditId, long passageId, String author, String model, double meanTokenLoss, long tokens,
                             double reward) {}
}
