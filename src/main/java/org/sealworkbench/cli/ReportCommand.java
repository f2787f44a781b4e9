package org.sealworkbench.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.sealworkbench.seal.ResultsTable;
import org.sealworkbench.seal.ResultsTableFormat;
import org.sealworkbench.store.ExperimentLog;
import org.sealworkbench.store.ExperimentRecord;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Print SEAL's results table from a workspace: per condition and grader, macro accuracy "
                + "(mean over passages) with a 95%% confidence interval (t-interval over passages), micro accuracy, "
                + "passages, questions and the settings digest; then each condition minus passage only, paired by passage, with its 95%% interval."})
final class ReportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--workspace", required = true, paramLabel = "DIR", description = "Workspace folder.")
    Path workspace;

    @Option(names = "--grader", paramLabel = "NAME", description = "Only this grader's grades (e.g. imported, "
            + "exact_match, contains, f1@0.5, llm_judge:MODEL); 'human': a person's verdict where one overruled the "
            + "grader (window's QA results), else the --fallback grader's; default: a row per grader found.")
    String grader;

    @Option(names = "--fallback", paramLabel = "NAME", description = "With --grader human: the automatic grader used "
            + "where no person graded (default: the workspace's only automatic grader).")
    String fallback;

    @Option(names = "--experiment", paramLabel = "ID|NAME", description = "Only the runs of this experiment "
            + "(e.g. \"import run.json\").")
    String experiment;

    @ArgGroup(exclusive = true)
    Output output;

    static final class Output {
        @Option(names = "--json", description = "JSON for machines (with per-passage accuracies).")
        boolean json;

        @Option(names = "--csv", description = "CSV for spreadsheets.")
        boolean csv;
    }

    @Override
    public Integer call() {
        if (!Files.isRegularFile(workspace.resolve(ExperimentLog.DB_FILE))) {
            throw new IllegalArgumentException(workspace + ": no workspace here (no " + ExperimentLog.DB_FILE + ")");
        }
        PrintWriter out = spec.commandLine().getOut();
        try (ExperimentLog log = ExperimentLog.open(workspace)) {
            Long experimentId = experiment == null ? null : experimentId(log, experiment);
            ResultsTable t;
            if ("human".equals(grader)) {
                t = humanTable(log, experimentId, output == null ? out : spec.commandLine().getErr());
            } else {
                t = ResultsTable.compute(log, experimentId, grader);
            }
            if (t.rows().isEmpty() && grader != null) {
                throw new IllegalArgumentException("no answers graded by '" + grader + "' in " + workspace);
            }
            if (output != null && output.json) out.print(ResultsTableFormat.json(t));
            else if (output != null && output.csv) out.print(ResultsTableFormat.csv(t));
            else {
                out.print(ResultsTableFormat.text(t));
                // a count of the sequences' experiments (with a step stored), not their matrices
                long sequences = log.runs().stream().filter(r -> org.sealworkbench.seal.Continual.isStep(r.condition())
                        && "done".equals(r.status())).map(org.sealworkbench.store.RunRecord::experimentId).distinct().count();
                if (sequences > 0) {
                    out.println("Continual self-edits: " + sequences + (sequences == 1 ? " sequence" : " sequences")
                            + " stored, not rows of this table (each step answers every passage adapted so far): `seal continual` "
                            + "with the same options prints their step x passage matrices, Charts > Continual draws them.");
                }
                var arc = org.sealworkbench.seal.arc.ArcTable.compute(log);
                if (!arc.isEmpty()) {
                    out.println();
                    out.print(org.sealworkbench.seal.arc.ArcTable.text(arc));
                }
            }
        }
        out.flush();
        return 0;
    }

    /** The table by human grades, falling back to an automatic grader; says how many answers took which. */
    private ResultsTable humanTable(ExperimentLog log, Long experimentId, PrintWriter out) {
        java.util.List<org.sealworkbench.store.GradedAnswer> graded = log.gradedAnswers(experimentId);
        java.util.TreeSet<String> automatic = new java.util.TreeSet<>();
        for (var g : graded) if (!g.grader().startsWith(org.sealworkbench.seal.HumanGrade.PREFIX)) automatic.add(g.grader());
        String fb = fallback;
        if (fb == null) {
            if (automatic.size() != 1) {
                throw new IllegalArgumentException(workspace + ": --grader human needs --fallback NAME, the grader to use "
                        + "where no person graded (graders here: " + String.join(", ", automatic) + ")");
            }
            fb = automatic.first();
        } else if (!automatic.contains(fb)) {
            throw new IllegalArgumentException(workspace + ": no answers graded by '" + fb + "' (graders here: "
                    + String.join(", ", automatic) + ")");
        }
        org.sealworkbench.seal.HumanGrades.Merged m = org.sealworkbench.seal.HumanGrades.merge(graded, fb);
        out.println("Grader: human where a person graded (" + answers(m.byHuman()) + "), else " + fb + " ("
                + answers(m.byFallback()) + " fall back to the automatic grade).");
        java.util.Map<Long, Double> seconds = new java.util.HashMap<>();
        for (org.sealworkbench.store.RunRecord r : log.runs()) {
            if (r.started() != null && r.finished() != null) {
                seconds.put(r.id(), r.wallSeconds());
            }
        }
        return ResultsTable.of(m.answers(), null, seconds);
    }

    private static String answers(int n) {
        return n + (n == 1 ? " answer" : " answers");
    }

    private static long experimentId(ExperimentLog log, String wanted) {
        for (ExperimentRecord e : log.experiments()) {
            if (e.name().equals(wanted) || Long.toString(e.id()).equals(wanted)) return e.id();
        }
        throw new IllegalArgumentException("no experiment '" + wanted + "' in the workspace (known: "
                + String.join(", ", log.experiments().stream().map(e -> e.id() + " \"" + e.name() + "\"").toList()) + ")");
    }
}
