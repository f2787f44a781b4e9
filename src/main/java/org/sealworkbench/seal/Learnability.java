package org.sealworkbench.seal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import org.sealworkbench.llm.ComputeDevice;
import org.sealworkbench.llm.training.SftExample;
import org.sealworkbench.llm.training.TokenLoss;
import org.sealworkbench.llm.training.TrainableModel;
import org.sealworkbench.store.ExperimentLog;
import org.sealworkbench.store.ModelRecord;
import org.sealworkbench.store.PassageDetail;
import org.sealworkbench.store.PerplexityRecord;
import org.sealworkbench.store.RunRecord;
import org.sealworkbench.store.SelfEditRecord;
import org.sealworkbench.util.Progress;

/**
 * Learnability (issue 16, the question behind SEAL: why does a model learn better from its own rewrites?): each
 * self-edit's mean per-token loss under the model that is fine-tuned on it, before training. The model and the
 * inner-loop settings are those of the first inner-loop run that adapted on the self-edit; the sequences are
 * {@link InnerLoop#trainingExamples} without the last one (the passage itself, the same for every self-edit of the
 * passage); the loss is {@link TokenLoss}, the trainer's own loss with no step taken. Stored in
 * {@code self_edit_perplexity}; pairs already stored are skipped, so running it again only adds what is new.
 */
public final class Learnability {
    private Learnability() {}

    /** What a pass did; {@code problems} name each self-edit or model that could not be scored and why. */
    public record Summary(int computed, int reused, int skipped, List<String> problems) {
        public Summary {
            problems = List.copyOf(problems);
        }
    }

    /**
     * The self-edit's training sequences under these settings, less the passage's own; what {@link #score} measures.
     */
    public static List<SftExample> sequences(InnerLoop inner, PassageDetail p, String selfEditText) {
        List<SftExample> all = inner.trainingExamples(p, selfEditText);
        return all.isEmpty() ? all : all.subList(0, all.size() - 1);
    }

    /** The mean token loss of a self-edit under {@code model} (as loaded: nothing trained on it) with these settings. */
    public static TokenLoss.Result score(SealModel model, SealSettings settings, PassageDetail p, String selfEditText) {
        InnerLoop inner = new InnerLoop(null, model, settings, null);
        return TokenLoss.of(TrainableModel.of(model.model()), sequences(inner, p, selfEditText), model.eosId(),
                inner.trainSettings(0).mask());
    }

    public static Summary compute(ExperimentLog log, ComputeDevice device, Progress progress, BooleanSupplier cancelled) {
        // self-edit -> its first run (the model fine-tuned on it and the settings it was fine-tuned with)
        Map<Long, RunRecord> firstRun = new LinkedHashMap<>();
        for (RunRecord r : log.runs()) if (r.selfEditId() != null) firstRun.putIfAbsent(r.selfEditId(), r);
        Set<String> stored = new HashSet<>();
        for (PerplexityRecord p : log.perplexities()) stored.add(p.selfEditId() + ":" + p.modelId());
        Map<Long, List<RunRecord>> byModel = new LinkedHashMap<>();
        int reused = 0;
        for (RunRecord r : firstRun.values()) {
            if (stored.contains(r.selfEditId() + ":" + r.modelId())) reused++;
            else byModel.computeIfAbsent(r.modelId(), k -> new ArrayList<>()).add(r);
        }
        int total = byModel.values().stream().mapToInt(List::size).sum();
        int done = 0, computed = 0, skipped = 0;
        List<String> problems = new ArrayList<>();
        progress.update(0, total, total + " self-edits to score (" + reused + " already stored)");
        for (Map.Entry<Long, List<RunRecord>> e : byModel.entrySet()) {
            ModelRecord m = log.model(e.getKey()).orElse(null);
            Path dir = m == null ? null : Path.of(m.path());
            if (dir == null || !Files.isDirectory(dir)) {
                problems.add(String.format(Locale.ROOT, "model #%d%s: its folder %s is not on this machine; %d self-edits not scored",
                        e.getKey(), m == null || m.name() == null ? "" : " (" + m.name() + ")", dir, e.getValue().size()));
                skipped += e.getValue().size();
                done += e.getValue().size();
                continue;
            }
            try (SealModel model = SealModel.open(dir, log, device)) {
                for (RunRecord r : e.getValue()) {
                    if (cancelled.getAsBoolean()) throw new CancellationException("cancelled after " + computed + " self-edits");
                    String problem = scoreOne(log, model, e.getKey(), r);
                    if (problem == null) computed++;
                    else {
                        problems.add(problem);
                        skipped++;
                    }
                    done++;
                    progress.update(done, total, "scored " + computed + " of " + total + " self-edits under " + model.name());
                }
            }
        }
        return new Summary(computed, reused, skipped, problems);
    }

    /** Scores and stores one self-edit; returns why it could not be scored, or null. */
    private static String scoreOne(ExperimentLog log, SealModel model, long modelId, RunRecord run) {
        SelfEditRecord e = log.selfEdit(run.selfEditId()).orElse(null);
        PassageDetail p = e == null ? null : log.passage(e.passageId()).orElse(null);
        if (p == null) return "self-edit " + run.selfEditId() + ": its passage is not in the log";
        SealSettings settings;
        try {
            settings = SealSettings.fromJson(run.settingsJson());
        } catch (RuntimeException ex) {
            return "self-edit " + e.id() + ": run " + run.id() + " has no usable settings snapshot (" + ex.getMessage() + ")";
        }
        TokenLoss.Result r = score(model, settings, p, e.text());
        if (r.targets() == 0) return "self-edit " + e.id() + ": no training sequence of 2 or more tokens";
        log.putPerplexity(e.id(), modelId, r.meanLoss(), r.targets(), settings.digest());
        return null;
    }
}
