package org.sealworkbench.jobs.history;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.sealworkbench.data.arc.ArcTask;
import org.sealworkbench.data.arc.Grid;
import org.sealworkbench.jobs.ArcJob;
import org.sealworkbench.jobs.ArcRequest;
import org.sealworkbench.jobs.ArcRlRequest;
import org.sealworkbench.jobs.Jobs;
import org.sealworkbench.jobs.rl.RlService;
import org.sealworkbench.jobs.charts.ChartsData.LossPoint;
import org.sealworkbench.jobs.charts.ChartsData.RunId;
import org.sealworkbench.jobs.charts.ChartsData.RunRow;
import org.sealworkbench.jobs.charts.ChartsService;
import org.sealworkbench.seal.Grade;
import org.sealworkbench.seal.ResultRow;
import org.sealworkbench.seal.SealSettings;
import org.sealworkbench.seal.arc.TttConfig;
import org.sealworkbench.store.ArcRunRecord;
import org.sealworkbench.store.AnswerRecord;
import org.sealworkbench.store.ExperimentLog;
import org.sealworkbench.store.GradeRecord;
import org.sealworkbench.store.JobRecord;
import org.sealworkbench.store.QuestionRecord;
import org.sealworkbench.store.RunRecord;
import org.sealworkbench.store.TrainingStepRecord;
import org.sealworkbench.util.CancelToken;
import org.sealworkbench.util.Progress;

/**
 * The History tab's reads and its one action on a workspace folder: the runs table (the very rows of {@code seal runs},
 * {@link #runs(ExperimentLog, CancelToken)}: inner-loop and few-shot runs), a run's detail (an inner loop's, or a
 * few-shot run's with its task read again from the file its job named), the jobs table with the jobs running in other processes, and resuming a
 * stopped job through {@link Jobs#resume}. Every call opens the log and closes it again, so calls may come from any
 * thread and the workspace is never held open between polls.
 */
public final class HistoryService implements HistoryBackend {
    private final Path workspace;

    public HistoryService(Path workspace) {
        this.workspace = workspace;
    }

    public Path workspace() {
        return workspace;
    }

    private ExperimentLog open() {
        return ExperimentLog.openExisting(workspace);
    }

    /**
     * The runs table; read again only when a run, grade, step or model was added or a run changed its status since the
     * last read, by this tab or the Charts tab (else the rows of that read: {@link ChartsService#sharedRuns}). The tab
     * reads it whenever the window reads its library again (after every self-edit a generation stores, every job's end,
     * F5): on a large workspace each read took seconds.
     */
    @Override
    public List<RunRow> runs(CancelToken cancel) {
        try (ExperimentLog log = open()) {
            return ChartsService.sharedRuns(workspace, log.runsStamp(), () -> runs(log, cancel));
        }
    }

    /** Every run of the workspace, the rows of {@code seal runs} and of the History tab: {@link ChartsService#runs}. */
    public static List<RunRow> runs(ExperimentLog log, CancelToken cancel) {
        return ChartsService.runs(log, cancel);
    }

    @Override
    public ArcRunDetail arcDetail(long arcRunId) {
        try (ExperimentLog log = open()) {
            ArcRunRecord r = log.arcRun(arcRunId).orElseThrow(() -> new IllegalArgumentException(
                    workspace.resolve(ExperimentLog.DB_FILE) + ": no few-shot run " + RunId.fewShot(arcRunId)
                    + " (number " + arcRunId + " of arc_runs)"));
            String model = log.model(r.modelId()).map(ChartsService::modelName).orElse("#" + r.modelId());
            List<LossPoint> loss = new ArrayList<>();
            for (TrainingStepRecord s : log.arcTrainingSteps(arcRunId)) loss.add(new LossPoint(s.step(), s.loss()));
            List<ArcRunRecord> inputs = testInputRuns(log.arcRuns(), r);
            FoundTask found = findTask(log, r.taskSet(), inputs);
            List<ArcRunDetail.TestInput> testInputs = new ArrayList<>();
            for (ArcRunRecord x : inputs) {
                ArcTask t = found.tasks.get(x.task());
                Grid a1 = ArcJob.grid(x.attempt1()), a2 = ArcJob.grid(x.attempt2());
                Grid solution = found.solutionsTrusted && t != null ? t.test().output() : null;
                Boolean[] right = ArcRunDetail.rightness(a1, a2, solution, x.solved());
                testInputs.add(new ArcRunDetail.TestInput(x.id(), x.task(), t == null ? null : t.test().input(), solution,
                        a1, a2, right[0], right[1], x.solved()));
            }
            ArcTask own = found.tasks.get(r.task());
            List<String> answers = new ArrayList<>();
            JsonParser.parseString(r.answersJson()).getAsJsonArray().forEach(e -> answers.add(e.getAsString()));
            List<String> remarks = r.configJson() == null ? List.of()
                    : TttConfig.parse(r.configJson()).config().map(TttConfig::remarks).orElse(List.of());
            return new ArcRunDetail(r.id(), r.taskSet(), r.task(), model, ChartsService.fewShotCondition(r, model), r.configJson(), remarks,
                    r.selfEditText(), r.settingsJson(), SealSettings.digestOf(r.settingsJson()), r.texts(), r.textsTooLong(),
                    r.steps(), r.notTrained(), loss, r.prompts(), r.readable(), answers, r.solved(), r.trainSeconds(),
                    r.predictSeconds(), ChartsService.fewShotStarted(r), r.created(), own == null ? List.of() : own.train(), testInputs, found.note,
                    org.sealworkbench.seal.arc.ArcAnswers.endings(r.answerEndingsJson(), answers.size()));
        }
    }

    /**
     * The run and, when its task is one test input of several ({@code <id>-<n>}), the runs of the task's other test
     * inputs under the same model, settings and self-edit: one per test input (the first stored), by test input.
     */
    static List<ArcRunRecord> testInputRuns(List<ArcRunRecord> all, ArcRunRecord r) {
        java.util.regex.Matcher m = TEST_INPUT.matcher(r.task());
        if (!m.matches()) return List.of(r);
        String base = m.group(1);
        Map<Integer, ArcRunRecord> byInput = new java.util.TreeMap<>();
        for (ArcRunRecord x : all) {
            java.util.regex.Matcher mx = TEST_INPUT.matcher(x.task());
            if (!mx.matches() || !mx.group(1).equals(base) || x.modelId() != r.modelId() || !x.taskSet().equals(r.taskSet())
                    || !x.settingsJson().equals(r.settingsJson()) || !java.util.Objects.equals(x.configJson(), r.configJson())
                    || !java.util.Objects.equals(x.selfEditText(), r.selfEditText())) continue;
            int n = Integer.parseInt(mx.group(2));
            if (x.id() == r.id()) byInput.put(n, x);
            else byInput.putIfAbsent(n, x);
        }
        return List.copyOf(byInput.values());
    }

    private static final java.util.regex.Pattern TEST_INPUT = java.util.regex.Pattern.compile("(.+)-(\\d+)");

    /**
     * The task file's tasks by name, as the newest ARC job of this task set named the file, and whether its solutions
     * agree with the runs' stored pass@2 (a file changed since would mark attempts wrongly).
     */
    private record FoundTask(Map<String, ArcTask> tasks, boolean solutionsTrusted, String note) {}

    /**
     * Finds the runs' tasks again: the runs store only the task set's file name, the jobs that ran them store the file's
     * path (newest job first; one that is gone or unreadable is passed over, and said so when no other has the task).
     */
    private static FoundTask findTask(ExperimentLog log, String taskSet, List<ArcRunRecord> runs) {
        String task = runs.get(0).task();
        List<String> problems = new ArrayList<>();
        Set<String> tried = new java.util.HashSet<>();
        List<JobRecord> jobs = new ArrayList<>(log.jobs());
        java.util.Collections.reverse(jobs);
        for (JobRecord j : jobs) {
            if (!ArcRequest.KIND.equals(j.kind()) && !ArcRlRequest.KIND.equals(j.kind())) continue;   // both store "tasks"
            JsonObject params;
            try {
                params = JsonParser.parseString(j.paramsJson()).getAsJsonObject();
            } catch (RuntimeException e) {
                continue;   // not the params ArcJob writes
            }
            if (!params.has("tasks")) continue;
            Path file = Path.of(params.get("tasks").getAsString());
            Path solutions = params.has("solutions") ? Path.of(params.get("solutions").getAsString()) : null;
            if (file.getFileName() == null || !file.getFileName().toString().equals(taskSet) || !tried.add(file + "|" + solutions)) {
                continue;
            }
            if (!Files.exists(file)) {
                problems.add(file + " is gone");
                continue;
            }
            Map<String, ArcTask> byName = new LinkedHashMap<>();
            try {
                for (ArcTask t : ArcJob.readTasks(file, solutions)) byName.put(t.name(), t);
            } catch (RuntimeException e) {
                problems.add(e.getMessage());
                continue;
            }
            if (!byName.containsKey(task)) {
                problems.add(file + " has no task " + task);
                continue;
            }
            for (ArcRunRecord r : runs) {
                ArcTask t = byName.get(r.task());
                if (t == null || r.solved() == null || t.test().output() == null) continue;
                Grid a1 = ArcJob.grid(r.attempt1()), a2 = ArcJob.grid(r.attempt2());
                boolean now = t.test().output().equals(a1) || t.test().output().equals(a2);
                if (now != r.solved()) {
                    return new FoundTask(byName, false, "Task read from " + file + ", but its solution of " + r.task()
                            + " does not give the stored result (the file changed since the run?): right or wrong is "
                            + "told from the stored pass@2 only, and the solutions are not shown.");
                }
            }
            return new FoundTask(byName, true, "Task read from " + file + ".");
        }
        String why = problems.isEmpty() ? "no ARC job in this workspace names the file " + taskSet
                : String.join("; ", problems);
        return new FoundTask(Map.of(), false, "The task's grids are not shown: the runs store only the task set's name ("
                + taskSet + ") and " + why + ". Right or wrong is told from the stored pass@2.");
    }

    @Override
    public RunDetail detail(long runId) {
        try (ExperimentLog log = open()) {
            RunRecord r = log.run(runId).orElseThrow(() -> new IllegalArgumentException(
                    workspace.resolve(ExperimentLog.DB_FILE) + ": no run " + runId));
            String model = log.model(r.modelId()).map(ChartsService::modelName).orElse("#" + r.modelId());
            String title = null;
            Map<Long, QuestionRecord> questions = new HashMap<>();
            if (r.passageId() != null) {
                var p = log.passage(r.passageId());
                if (p.isPresent()) {
                    title = p.get().title();
                    for (QuestionRecord q : p.get().questions()) questions.put(q.id(), q);
                }
            }
            List<LossPoint> loss = new ArrayList<>();
            for (TrainingStepRecord s : log.trainingSteps(runId)) loss.add(new LossPoint(s.step(), s.loss()));
            List<RunDetail.Answer> answers = new ArrayList<>();
            Map<Long, List<GradeRecord>> grades = log.gradesOfRun(runId);   // one query, not one per answer
            for (AnswerRecord a : log.answersOfRun(runId)) {
                Map<String, Boolean> verdicts = new LinkedHashMap<>();
                for (GradeRecord g : grades.getOrDefault(a.id(), List.of())) verdicts.put(g.grader(), Grade.isCorrectVerdict(g.verdict())); // newest wins
                QuestionRecord q = questions.get(a.questionId());
                answers.add(new RunDetail.Answer(a.questionId(), q == null ? -1 : q.ordinal(),
                        q == null ? "(question " + a.questionId() + ")" : q.question(), q == null ? "" : q.answer(), a.text(),
                        org.sealworkbench.seal.Ending.of(a.finish(), a.finishLimit()), verdicts));
            }
            answers.sort(java.util.Comparator.comparingInt(RunDetail.Answer::ordinal));
            String digest = r.settingsJson() == null ? ResultRow.NO_SETTINGS : SealSettings.digestOf(r.settingsJson());
            return new RunDetail(r.id(), r.condition(), model, r.passageId(), title, r.selfEditId(), r.status(), r.seed(),
                    r.settingsJson(), digest, r.started(), r.finished(), loss, answers, r.seconds());
        }
    }

    @Override
    public List<JobItem> jobs() {
        try (ExperimentLog log = open()) {
            log.markInterrupted();   // a CLI killed since the last poll: its rows say so now
            Set<Long> elsewhere = log.jobsRunningInOtherProcesses();
            List<JobRecord> rows = log.jobs();
            // An RL job as the ReST-EM window offers it: the latest of its settings, stopped (not one a later run finished)
            Set<Long> toResume = RlService.resumableIds(workspace, rows);
            List<JobItem> out = new ArrayList<>();
            for (JobRecord j : rows) {
                boolean resumable = toResume.contains(j.id());
                out.add(new JobItem(j.id(), j.kind(), j.status(), j.progress(), j.message(), j.created(), j.updated(),
                        elsewhere.contains(j.id()), resumable));
            }
            java.util.Collections.reverse(out);
            return out;
        }
    }

    @Override
    public Object resume(long jobId, Progress progress, CancelToken cancel) {
        return Jobs.resume(workspace, jobId, progress, cancel);
    }
}
