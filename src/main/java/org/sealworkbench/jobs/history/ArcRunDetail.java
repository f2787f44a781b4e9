package org.sealworkbench.jobs.history;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.sealworkbench.data.arc.ArcExample;
import org.sealworkbench.data.arc.Grid;
import org.sealworkbench.jobs.charts.ChartsData.LossPoint;
import org.sealworkbench.jobs.charts.ChartsData.RunId;

/**
 * One few-shot (ARC) run for the History tab ({@code arc_runs}): the task of a task set it ran on, its self-edit (SEAL's
 * JSON config; null for the baseline), what training did (texts, steps, loss per step), and its prediction: each test
 * input's two voted attempts and whether they were right (pass@2).
 *
 * <p>A task with several test inputs is stored as one run per test input ({@code <id>-0}, {@code <id>-1}, …); {@link
 * #testInputs()} holds this run's test input and those of its sibling runs (same task set, model, settings and
 * self-edit), in order. The grids of the task (demonstrations, test inputs, solutions) are not stored with the run: they
 * are read again from the task file its job named ({@link #taskSource()} says which, or why not).
 *
 * @param condition      "no test-time training", "config: SHORT FORM" or "self-edit of MODEL: SHORT FORM"
 * @param configJson     the self-edit as SEAL's JSON; null for the baseline
 * @param configRemarks  what was wrong with the config, as it was read (empty when nothing)
 * @param selfEditText   what the model wrote, when the self-edit was sampled (null: given)
 * @param notTrained     why nothing was trained, or null when the adapter trained
 * @param prompts        test-time prompts (augmentations of the test input)
 * @param readable       answers that read as grids
 * @param answers        every raw answer of the test-time prompts
 * @param answerEndings  why each answer ended, in their order; empty when not recorded
 * @param solved         pass@2 as stored: either attempt equals the solution; null when no solution was known
 * @param started        when it started: its storing time less its training and prediction seconds
 * @param finished       when it was stored (it is stored as it ends)
 * @param demonstrations the task's demonstration pairs from the task file; empty when the file was not found
 * @param taskSource     where the task's grids were read from, or why they are not shown
 */
public record ArcRunDetail(long runId, String taskSet, String task, String model, String condition, String configJson,
                           List<String> configRemarks, String selfEditText, String settingsJson, String settingsDigest,
                           int texts, int textsTooLong, int steps, String notTrained, List<LossPoint> loss, int prompts,
                           int readable, List<String> answers, Boolean solved, double trainSeconds, double predictSeconds,
                           Instant started, Instant finished, List<ArcExample> demonstrations, List<TestInput> testInputs,
                           String taskSource, List<org.sealworkbench.seal.Ending> answerEndings) {
    public ArcRunDetail {
        answerEndings = List.copyOf(answerEndings);
        configRemarks = List.copyOf(configRemarks);
        loss = List.copyOf(loss);
        answers = List.copyOf(answers);
        demonstrations = List.copyOf(demonstrations);
        testInputs = List.copyOf(testInputs);
    }

    /**
     * A test input and a run's two attempts at it.
     *
     * @param runId    the run that predicted it (this one, or a sibling run of another test input of the task)
     * @param name     the run's task name ({@code <id>} or {@code <id>-<n>})
     * @param input    the test input grid; null when the task file was not found
     * @param solution the solution from the task file; null when not known (or the file no longer matches the run)
     * @param attempt1 the first voted attempt; null when no answer read as a grid
     * @param right1   attempt 1 equals the solution; null when that cannot be told (see {@link #rightness})
     * @param solved   pass@2 as stored (null: no solution was known)
     */
    public record TestInput(long runId, String name, Grid input, Grid solution, Grid attempt1, Grid attempt2,
                            Boolean right1, Boolean right2, Boolean solved) {}

    /**
     * Whether each attempt was right: against the solution when it is at hand; else from the stored pass@2 as far as it
     * tells (not solved: every attempt wrong; solved with one distinct attempt: that one right; solved with two
     * different attempts: one of them, not known which, so both null). No attempt: null.
     */
    public static Boolean[] rightness(Grid attempt1, Grid attempt2, Grid solution, Boolean solved) {
        Boolean[] out = new Boolean[2];
        Grid[] a = {attempt1, attempt2};
        for (int i = 0; i < 2; i++) {
            if (a[i] == null) continue;
            if (solution != null) out[i] = a[i].equals(solution);
            else if (solved == null) out[i] = null;
            else if (!solved) out[i] = false;
            else if (attempt2 == null || attempt1 == null || attempt1.equals(attempt2)) out[i] = true;
        }
        return out;
    }

    /** This run's own test input. */
    public TestInput thisInput() {
        return testInputs.stream().filter(t -> t.runId() == runId).findFirst().orElseThrow();
    }

    /** Training and prediction, in seconds. */
    public double seconds() {
        return trainSeconds + predictSeconds;
    }

    /** The first step's loss; NaN without steps. */
    public double firstLoss() {
        return loss.isEmpty() ? Double.NaN : loss.get(0).loss();
    }

    /** The last step's loss; NaN without steps. */
    public double lastLoss() {
        return loss.isEmpty() ? Double.NaN : loss.get(loss.size() - 1).loss();
    }

    /** The run's id, as the runs table shows it: "A3". */
    public RunId id() {
        return RunId.fewShot(runId);
    }

    /** "few-shot run A3 · task 66e6c45b · config: aug b · output tokens · lr 0.003 · 8 ep". */
    public String label() {
        return "few-shot run " + id() + " · task " + task + " · " + condition;
    }

    /** "24 training texts (2 too long), 96 steps, loss 2.310 → 0.344", or why nothing was trained. */
    public String trainingSummary() {
        if (notTrained != null) return "not trained: " + notTrained;
        String s = texts + " training text" + (texts == 1 ? "" : "s") + (textsTooLong > 0 ? " (" + textsTooLong + " too long)" : "")
                + ", " + steps + " step" + (steps == 1 ? "" : "s");
        return loss.isEmpty() ? s + ", no loss stored"
                : s + String.format(Locale.ROOT, ", loss %.3f → %.3f", firstLoss(), lastLoss());
    }

    /** "solved (pass@2)", "not solved (pass@2)" or "no solution known (not scored)". */
    public String scoreText() {
        return solved == null ? "no solution known (not scored)" : solved ? "solved (pass@2)" : "not solved (pass@2)";
    }

    /** Test inputs solved of those with a known solution, over this run and its siblings: "1 of 2 test inputs solved". */
    public String testInputsSolved() {
        long scored = testInputs.stream().filter(t -> t.solved() != null).count();
        long ok = testInputs.stream().filter(t -> Boolean.TRUE.equals(t.solved())).count();
        if (scored == 0) return testInputs.size() == 1 ? "its test input has no known solution"
                : "no test input has a known solution";
        return ok + " of " + scored + " test input" + (scored == 1 ? "" : "s") + " solved";
    }
}
