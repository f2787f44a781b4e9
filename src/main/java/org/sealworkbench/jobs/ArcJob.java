package org.sealworkbench.jobs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.sealworkbench.data.arc.ArcTask;
import org.sealworkbench.data.arc.ArcTaskReader;
import org.sealworkbench.llm.training.StepInfo;
import org.sealworkbench.llm.Devices;
import org.sealworkbench.llm.model.LlamaModel;
import org.sealworkbench.llm.tokenizer.Tokenizer;
import org.sealworkbench.seal.SealModel;
import org.sealworkbench.seal.arc.ArcSelfEdits;
import org.sealworkbench.seal.arc.ArcSettings;
import org.sealworkbench.seal.arc.ArcTtt;
import org.sealworkbench.seal.arc.TttConfig;
import org.sealworkbench.util.CancelToken;
import org.sealworkbench.util.Progress;

/**
 * Runs an {@link ArcRequest}: reads the tasks (and their solutions), opens the model, and for each task runs
 * {@link ArcTtt} once per self-edit: the given configs, then the sampled ones ({@link ArcSelfEdits}), then the
 * baseline. Every run's adapter is fresh; nothing is stored.
 */
public final class ArcJob {
    private ArcJob() {
    }

    /** One task's sampling: how many draws it took to get its configs. */
    public record Sampling(String task, int kept, int draws, List<String> invalidExamples) {
    }

    /** Every inner loop's result, in task order, and how sampling went. */
    public record Report(int tasks, List<ArcTtt.Result> results, List<Sampling> sampling) {
        /** Results of (task, self-edit) pairs with a known solution, baseline runs excluded. */
        public List<ArcTtt.Result> scoredSelfEdits() {
            return results.stream().filter(r -> r.config() != null && r.solved() != null).toList();
        }
    }

    /** Hears a run's training steps and each inner loop's result as they happen (on the job's thread). */
    public interface Listener {
        Listener NONE = new Listener() {
        };

        /** A training step of the inner loop of {@code task} with {@code config} (null: the baseline). */
        default void step(String task, TttConfig config, StepInfo step) {
        }

        /** One inner loop has ended. */
        default void result(ArcTtt.Result result) {
        }
    }

    static Report run(ArcRequest q, Long resumeId, Progress progress, CancelToken token) {
        return run(q, progress, token, Listener.NONE);
    }

    /**
     * The tasks of a file or folder as the job reads them: a challenges file with its solutions (given, or found
     * beside it by name), a single-task file, or a folder of them.
     *
     * @throws IllegalArgumentException naming the file and the problem
     */
    public static List<ArcTask> readTasks(Path tasks, Path solutionsOrNull) {
        Path solutions = solutionsOrNull != null ? solutionsOrNull : solutionsBeside(tasks);
        try {
            return ArcTaskReader.read(tasks, solutions);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new IllegalArgumentException(e.getFile() + ": no such file or folder", e);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(tasks + ": cannot be read: " + e.getMessage(), e);
        }
    }

    /** Runs the request as {@link Jobs#run} does, telling {@code listener} of every step and result. */
    public static Report run(ArcRequest q, Progress progress, CancelToken token, Listener listener) {
        List<ArcTask> tasks = select(readTasks(q.tasks(), q.solutions()), q);
        List<TttConfig> given = new ArrayList<>();
        for (int i = 0; i < q.configs().size(); i++) {
            TttConfig.Parsed p = TttConfig.parse(q.configs().get(i));
            if (p.config().isEmpty()) {
                throw new IllegalArgumentException("config " + (i + 1) + " is not a few-shot self-edit: " + p.problem()
                        + " (" + q.configs().get(i) + ")");
            }
            given.add(p.config().get());
        }
        ArcSettings s = ArcSettings.preset(q.preset()).withSeed(q.seed());
        if (q.maxExamples() > 0) {
            s = s.withMaxExamples(q.maxExamples());
        }
        List<ArcTtt.Result> results = new ArrayList<>();
        List<Sampling> sampling = new ArrayList<>();
        int perTask = given.size() + q.selfEdits() + (q.baseline() ? 1 : 0);
        long total = (long) perTask * tasks.size();
        try (LlamaModel m = LlamaModel.load(q.model(), Devices.pick()); Tokenizer tok = Tokenizer.load(q.model());
                SealModel model = new SealModel(m, tok, 0, q.model().getFileName().toString(), q.model())) {
            ArcTtt ttt = new ArcTtt(model, s);
            long done = 0;
            for (ArcTask task : tasks) {
                List<TttConfig> configs = new ArrayList<>(given);
                if (q.selfEdits() > 0) {
                    progress.update(done, total, task.name() + ": sampling " + q.selfEdits() + " self-edits");
                    ArcSelfEdits.Sampled sampled = ArcSelfEdits.sample(model, task, q.selfEdits(), q.distinct(), s,
                            q.seed(), token);
                    sampled.kept().forEach(d -> configs.add(d.config()));
                    sampling.add(new Sampling(task.name(), sampled.kept().size(), sampled.draws().size(),
                            sampled.draws().stream().filter(d -> !d.valid()).limit(2).map(ArcSelfEdits.Draw::text)
                                    .toList()));
                }
                if (q.baseline()) {
                    configs.add(null);
                }
                for (TttConfig c : configs) {
                    String what = c == null ? "baseline" : c.shortForm();
                    long base = done;
                    progress.update(done, total, task.name() + ": " + what);
                    ArcTtt.Result r = ttt.run(task, c, info -> {
                        listener.step(task.name(), c, info);
                        progress.update(base, total, String.format(Locale.ROOT, "%s: %s: step %d/%d loss %.4f",
                                task.name(), what, info.step(), info.totalSteps(), info.loss()));
                    }, token);
                    results.add(r);
                    listener.result(r);
                    progress.update(++done, total, task.name() + ": " + what + ": " + (r.solved() == null ? "predicted"
                            : r.solved() ? "solved" : "not solved"));
                }
            }
        }
        return new Report(tasks.size(), results, sampling);
    }

    /** A challenges file's solutions beside it: "…challenges…" named "…solutions…", when that file exists. */
    static Path solutionsBeside(Path tasks) {
        String name = tasks.getFileName() == null ? "" : tasks.getFileName().toString();
        if (!Files.isRegularFile(tasks) || !name.contains("challenges")) {
            return null;
        }
        Path s = tasks.resolveSibling(name.replace("challenges", "solutions"));
        return Files.isRegularFile(s) ? s : null;
    }

    private static List<ArcTask> select(List<ArcTask> all, ArcRequest q) {
        List<ArcTask> out = new ArrayList<>();
        Set<String> wanted = new LinkedHashSet<>(q.taskIds());
        for (ArcTask t : all) {
            String base = t.name().replaceFirst("-\\d+$", "");
            if (wanted.isEmpty() || wanted.contains(t.name()) || wanted.contains(base)) {
                out.add(t);
            }
        }
        for (String w : wanted) {
            if (all.stream().noneMatch(t -> t.name().equals(w) || t.name().replaceFirst("-\\d+$", "").equals(w))) {
                throw new IllegalArgumentException(q.tasks() + ": no task " + w);
            }
        }
        return q.limit() > 0 && out.size() > q.limit() ? out.subList(0, q.limit()) : out;
    }
}
