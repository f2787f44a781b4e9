package org.sealworkbench.jobs.history;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.sealworkbench.jobs.Jobs;
import org.sealworkbench.jobs.charts.ChartsData.LossPoint;
import org.sealworkbench.jobs.charts.ChartsData.RunRow;
import org.sealworkbench.jobs.charts.ChartsService;
import org.sealworkbench.seal.Grade;
import org.sealworkbench.seal.ResultRow;
import org.sealworkbench.seal.SealSettings;
import org.sealworkbench.store.AnswerRecord;
import org.sealworkbench.store.ExperimentLog;
import org.sealworkbench.store.GradeRecord;
import org.sealworkbench.store.JobRecord;
import org.sealworkbench.store.ModelRecord;
import org.sealworkbench.store.QuestionRecord;
import org.sealworkbench.store.RunRecord;
import org.sealworkbench.store.TrainingStepRecord;
import org.sealworkbench.util.CancelToken;
import org.sealworkbench.util.Progress;

/**
 * The History tab's reads and its one action on a workspace folder: the runs table (the very rows of {@code seal runs},
 * {@link ChartsService#runs}), a run's detail, the jobs table with the jobs running in other processes, and resuming a
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

    @Override
    public List<RunRow> runs(CancelToken cancel) {
        try (ExperimentLog log = open()) {
            return ChartsService.runs(log, cancel);
        }
    }

    @Override
    public RunDetail detail(long runId) {
        try (ExperimentLog log = open()) {
            RunRecord r = log.run(runId).orElseThrow(() -> new IllegalArgumentException(
                    workspace.resolve(ExperimentLog.DB_FILE) + ": no run " + runId));
            String model = log.model(r.modelId()).map(HistoryService::modelName).orElse("#" + r.modelId());
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
            for (AnswerRecord a : log.answersOfRun(runId)) {
                Map<String, Boolean> verdicts = new LinkedHashMap<>();
                for (GradeRecord g : log.grades(a.id())) verdicts.put(g.grader(), Grade.isCorrectVerdict(g.verdict())); // newest wins
                QuestionRecord q = questions.get(a.questionId());
                answers.add(new RunDetail.Answer(a.questionId(), q == null ? -1 : q.ordinal(),
                        q == null ? "(question " + a.questionId() + ")" : q.question(), q == null ? "" : q.answer(), a.text(), verdicts));
            }
            answers.sort(java.util.Comparator.comparingInt(RunDetail.Answer::ordinal));
            String digest = r.settingsJson() == null ? ResultRow.NO_SETTINGS : SealSettings.digestOf(r.settingsJson());
            return new RunDetail(r.id(), r.condition(), model, r.passageId(), title, r.selfEditId(), r.status(), r.seed(),
                    r.settingsJson(), digest, r.started(), r.finished(), loss, answers, r.seconds());
        }
    }

    private static String modelName(ModelRecord m) {
        return m.name() == null ? m.path() : m.name();
    }

    @Override
    public List<JobItem> jobs() {
        try (ExperimentLog log = open()) {
            log.markInterrupted();   // a CLI killed since the last poll: its rows say so now
            Set<Long> elsewhere = log.jobsRunningInOtherProcesses();
            List<JobItem> out = new ArrayList<>();
            for (JobRecord j : log.jobs()) {
                boolean resumable = !"running".equals(j.status()) && Jobs.STOPPED.contains(j.status()) && j.requestJson() != null;
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
