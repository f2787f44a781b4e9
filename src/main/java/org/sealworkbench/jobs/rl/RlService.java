package org.sealworkbench.jobs.rl;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.sealworkbench.jobs.Jobs;
import org.sealworkbench.jobs.RlJob;
import org.sealworkbench.jobs.RlRequest;
import org.sealworkbench.seal.PassageSplit;
import org.sealworkbench.store.ExperimentLog;
import org.sealworkbench.store.JobRecord;
import org.sealworkbench.util.CancelToken;
import org.sealworkbench.util.Progress;

/** The real {@link RlBackend}: the workspace's log for the lists, {@link RlJob} and {@link Jobs#resume} for the work. */
public final class RlService implements RlBackend {
    @Override
    public List<String> passageSets(Path workspace) {
        try (ExperimentLog log = ExperimentLog.open(workspace)) {
            return log.passageSources();
        }
    }

    @Override
    public List<StoppedRl> stopped(Path workspace) {
        List<JobRecord> jobs;
        try (ExperimentLog log = ExperimentLog.open(workspace)) {   // opening marks the rows of dead processes interrupted
            jobs = log.jobs();
        }
        return stopped(workspace, jobs);
    }

    /**
     * The RL jobs worth resuming among these rows (oldest first, as the jobs table lists them), newest first: for each
     * run's settings ({@link Same}), only the latest job, and only when it stopped (cancelled, paused, failed,
     * interrupted) with its request stored. An older job of the same settings is not offered: a later run of them
     * finished its work (done), still runs it, or is itself the one to resume. A row whose request this build cannot read
     * is not offered and hides no other.
     */
    public static List<StoppedRl> stopped(Path workspace, List<JobRecord> jobs) {
        List<StoppedRl> out = new ArrayList<>();
        Set<Same> latestSeen = new HashSet<>();
        for (int i = jobs.size() - 1; i >= 0; i--) {
            JobRecord j = jobs.get(i);
            if (!RlRequest.KIND.equals(j.kind()) || j.requestJson() == null) continue;
            RlRequest r;
            try {
                r = (RlRequest) Jobs.requestOf(workspace, j);
            } catch (RuntimeException e) {
                continue; // a row this build cannot read back is not offered for resuming
            }
            if (!latestSeen.add(Same.of(r))) continue;   // a later job of the same settings came after it
            // "running" after the open's check: a live process runs it (this window or the command line), not resumable
            boolean stopped = Jobs.STOPPED.contains(j.status()) && !"running".equals(j.status());
            if (stopped) out.add(new StoppedRl(j.id(), j.status(), j.message() == null ? "" : j.message(), r.settings().rl().rounds()));
        }
        return out;
    }

    /**
     * The ids of the jobs among these rows worth resuming, as the window and `seal resume` offer them: every job that
     * stopped (not one a live process still runs) with its request stored, an RL job only when {@link #stopped} offers it
     * (the latest of its settings; an older one a later run finished is left out), a few-shot round ({@code arc-rl})
     * only when it is the latest job of its round (same "round_digest").
     */
    public static java.util.Set<Long> resumableIds(Path workspace, List<JobRecord> jobs) {
        Set<Long> rl = new HashSet<>();
        for (StoppedRl s : stopped(workspace, jobs)) rl.add(s.jobId());
        Set<Long> olderRounds = olderArcRounds(jobs);
        Set<Long> out = new java.util.LinkedHashSet<>();
        for (JobRecord j : jobs) {
            boolean stopped = Jobs.STOPPED.contains(j.status()) && !"running".equals(j.status()) && j.requestJson() != null;
            if (stopped && (!RlRequest.KIND.equals(j.kind()) || rl.contains(j.id())) && !olderRounds.contains(j.id())) {
                out.add(j.id());
            }
        }
        return out;
    }

    /**
     * The few-shot rounds ({@code arc-rl} jobs) that a later job of the same round (the "round_digest" of their
     * parameters) came after: that one finished the round, runs it, or is the one to resume.
     */
    private static Set<Long> olderArcRounds(List<JobRecord> jobs) {
        Set<String> seen = new HashSet<>();
        Set<Long> out = new HashSet<>();
        for (int i = jobs.size() - 1; i >= 0; i--) {
            JobRecord j = jobs.get(i);
            if (!org.sealworkbench.jobs.ArcRlRequest.KIND.equals(j.kind()) || j.paramsJson() == null) continue;
            String digest;
            try {
                var p = com.google.gson.JsonParser.parseString(j.paramsJson()).getAsJsonObject();
                digest = p.has("round_digest") ? p.get("round_digest").getAsString() : null;
            } catch (RuntimeException e) {
                continue;
            }
            if (digest != null && !seen.add(digest)) out.add(j.id());
        }
        return out;
    }

    /**
     * The few-shot ReST-EM rounds ({@code arc-rl} jobs) of a workspace worth resuming, newest first: those among
     * {@link #resumableIds} (so the few-shot window offers what History &gt; Jobs and `seal resume` offer); none when the
     * folder holds no workspace yet.
     */
    public static List<StoppedArcRound> stoppedArcRounds(Path workspace) {
        if (workspace == null || !java.nio.file.Files.isRegularFile(workspace.resolve(ExperimentLog.DB_FILE))) {
            return List.of();
        }
        List<JobRecord> jobs;
        try (ExperimentLog log = ExperimentLog.open(workspace)) {   // opening marks the rows of dead processes interrupted
            jobs = log.jobs();
        }
        Set<Long> ids = resumableIds(workspace, jobs);
        List<StoppedArcRound> out = new ArrayList<>();
        for (int i = jobs.size() - 1; i >= 0; i--) {
            JobRecord j = jobs.get(i);
            if (org.sealworkbench.jobs.ArcRlRequest.KIND.equals(j.kind()) && ids.contains(j.id())) {
                out.add(new StoppedArcRound(j.id(), j.status(), j.message() == null ? "" : j.message()));
            }
        }
        return out;
    }

    /** A stopped few-shot round's job: its id, status and last message. */
    public record StoppedArcRound(long jobId, String status, String message) {
    }

    /**
     * What makes two RL jobs the same run: the model, the settings (canonical JSON), the validation split and the judge.
     * The adapter batch and the workers are left out: they change how the work is computed, not what is stored (a resume
     * finds one job's finished units whichever it was run with).
     */
    record Same(Path model, String settings, PassageSplit split, Path judge) {
        static Same of(RlRequest r) {
            return new Same(r.model().toAbsolutePath().normalize(), r.settings().toJson(), r.split(),
                    r.judge() == null ? null : r.judge().toAbsolutePath().normalize());
        }
    }

    @Override
    public RlJob.Report run(RlRequest request, RlJob.Watch watch, Progress progress, CancelToken cancel) {
        return new RlJob(request, watch).run(progress, cancel);
    }

    @Override
    public RlJob.Report resume(Path workspace, long jobId, RlJob.Watch watch, Progress progress, CancelToken cancel) {
        try (ExperimentLog log = ExperimentLog.open(workspace)) {
            JobRecord row = log.job(jobId).orElseThrow(() -> new IllegalArgumentException(workspace + ": no job with id " + jobId));
            if (!RlRequest.KIND.equals(row.kind())) {
                throw new IllegalArgumentException(workspace + ": job " + jobId + " is a " + row.kind() + " job, not an RL job");
            }
        }
        return (RlJob.Report) Jobs.resume(workspace, jobId, progress, cancel, watch);
    }
}
