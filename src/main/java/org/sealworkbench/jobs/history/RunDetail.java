package org.sealworkbench.jobs.history;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.sealworkbench.jobs.charts.ChartsData.LossPoint;
import org.sealworkbench.seal.Ending;

/**
 * One inner-loop run for the History tab: what it was (condition, model, passage, settings snapshot, seed), how it went
 * (status, times, loss per optimiser step) and its answers with every grader's newest verdict.
 *
 * @param settingsJson the stored settings snapshot (canonical JSON; null for runs stored without one)
 * @param ownSeconds the run's own wall time when it ran in a batch of adapters (its started..finished span the batch); null when it ran alone
 */
public record RunDetail(long runId, String condition, String model, Long passageId, String passageTitle, Long selfEditId,
                        String status, long seed, String settingsJson, String settingsDigest, Instant started,
                        Instant finished, List<LossPoint> loss, List<Answer> answers, Double ownSeconds) {
    public RunDetail {
        loss = List.copyOf(loss);
        answers = List.copyOf(answers);
    }

    /** A run that ran alone: its duration is started..finished. */
    public RunDetail(long runId, String condition, String model, Long passageId, String passageTitle, Long selfEditId,
                     String status, long seed, String settingsJson, String settingsDigest, Instant started,
                     Instant finished, List<LossPoint> loss, List<Answer> answers) {
        this(runId, condition, model, passageId, passageTitle, selfEditId, status, seed, settingsJson, settingsDigest, started,
                finished, loss, answers, null);
    }

    /**
     * A question of the run's passage, the run's answer, why the answer ended where a limit cut it ({@link Ending#NONE}:
     * as the model meant, or not recorded) and each grader's newest verdict (true = correct).
     */
    public record Answer(long questionId, int ordinal, String question, String gold, String text, Ending ending,
                         Map<String, Boolean> verdicts) {
        public Answer {
            java.util.Objects.requireNonNull(ending, "ending");
            verdicts = java.util.Collections.unmodifiableMap(new TreeMap<>(verdicts));
        }

        /** An answer with nothing to tell about how it ended. */
        public Answer(long questionId, int ordinal, String question, String gold, String text, Map<String, Boolean> verdicts) {
            this(questionId, ordinal, question, gold, text, Ending.NONE, verdicts);
        }
    }

    /** Correct / graded answers under this grader; NaN when none was graded by it. */
    public double accuracy(String grader) {
        int n = 0, ok = 0;
        for (Answer a : answers) {
            Boolean v = a.verdicts().get(grader);
            if (v == null) continue;
            n++;
            if (v) ok++;
        }
        return n == 0 ? Double.NaN : ok / (double) n;
    }

    /** The graders that graded any answer, sorted. */
    public List<String> graders() {
        return answers.stream().flatMap(a -> a.verdicts().keySet().stream()).distinct().sorted().toList();
    }

    /** The run's own wall time: its share of its batch's when it ran in a batch of adapters ({@code ownSeconds}), else started..finished. */
    public double durationSeconds() {
        if (ownSeconds != null) return ownSeconds;
        return started != null && finished != null ? java.time.Duration.between(started, finished).toNanos() / 1e9 : Double.NaN;
    }

    /** "run 12 · passage only · p3 Owls". */
    public String label() {
        return "run " + runId + " · " + condition + (passageId == null ? "" : " · p" + passageId + " " + passageTitle);
    }
}
