package org.sealworkbench.seal;

import org.sealworkbench.util.Seeds;
import org.sealworkbench.llm.ComputeDevice;
import org.sealworkbench.util.Progress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import org.sealworkbench.store.ExperimentLog;
import org.sealworkbench.store.ExperimentRecord;
import org.sealworkbench.store.ModelRecord;
import org.sealworkbench.store.RlRoundRecord;
import org.sealworkbench.store.SelfEditRecord;

/**
 * Evaluates the validation passages under one of SEAL's conditions (SEAL.md section 1, "Reference results"),
 * storing runs, answers and grades under the condition labels of {@link Conditions}, so that
 * {@code ./seal report} lists them as SEAL's table:
 * <ul>
 * <li>{@code no-adaptation}: the base model answers closed-book;</li>
 * <li>{@code passage-only}: inner loops on the passage alone;</li>
 * <li>{@code base-self-edits}: the base model writes self-edits (k sampled, the first used, as SEAL does),
 *     inner loops on passage + that self-edit; label "self-edits of NAME";</li>
 * <li>{@code self-edits:NAME}: the first stored self-edit of each passage written by the model named NAME
 *     (e.g. imported from SEAL's gpt4_1 file, or made earlier by a stored model version); same label;</li>
 * <li>{@code seal-round:N}: the model saved by RL round N writes the self-edits and is the inner loop's base
 *     and the answerer; label "SEAL round N".</li>
 * </ul>
 * Adapted conditions run {@code innerLoop.repeats} inner loops per passage with seeds derived from
 * (passage, repeat) only, so every condition sees the same seeds. Each (condition, model, settings) is one
 * experiment, "eval: LABEL on MODEL [DIGEST]": running the same evaluation again resumes it.
 */
public final class Evaluation {
    public static final String EVAL_TAG = "eval";

    private final ExperimentLog log;
    private final SealSettings settings;
    private final PassageSplit split;
    private final Grader grader;
    private final ComputeDevice device;
    private final CptSettings cpt;
    private InnerLoop.Timing timing = InnerLoop.Timing.ZERO;
    private long reused;
    private InnerLoop.StepListener steps = InnerLoop.StepListener.NONE;
    private int adapterBatch = StoredRuns.DEFAULT_ADAPTER_BATCH;
    private int workers;   // 0: the device's default (InnerLoop#workers)

    public Evaluation(ExperimentLog log, SealSettings settings, PassageSplit split, Grader grader, ComputeDevice device) {
        this(log, settings, null, split, grader, device);
    }

    /** @param cpt the multi-passage (CPT) conditions' settings; null: the preset's ({@link Presets#cpt}) */
    public Evaluation(ExperimentLog log, SealSettings settings, CptSettings cpt, PassageSplit split, Grader grader,
                      ComputeDevice device) {
        this.cpt = cpt != null ? cpt : Presets.cpt(settings.preset());
        this.log = log;
        this.settings = settings;
        this.split = split;
        this.grader = grader;
        this.device = device;
    }

    /**
     * A parsed --condition: kind and its argument (a model name or a round number; null when none). The multi-passage
     * (CPT) forms are the single-passage ones (but no-adaptation) behind "cpt:", kept in the kind ("cpt:passage-only").
     */
    public record Condition(String kind, String arg) {
        public static final String CPT = "cpt:";
        public static final List<String> FORMS = List.of("no-adaptation", "passage-only", "base-self-edits", "self-edits:NAME",
                "seal-round:N", "cpt:passage-only", "cpt:base-self-edits", "cpt:self-edits:NAME", "cpt:seal-round:N", "self-edit:ID");

        /** Whether this is a multi-passage (CPT) condition. */
        public boolean isCpt() {
            return kind.startsWith(CPT);
        }

        /** The single-passage condition a CPT condition trains like (itself when it is not CPT). */
        public Condition single() {
            return isCpt() ? new Condition(kind.substring(CPT.length()), arg) : this;
        }

        public static Condition parse(String s) {
            String t = s == null ? "" : s.strip();
            if (t.startsWith(CPT)) {
                String rest = t.substring(CPT.length());
                if (!rest.equals("no-adaptation")) {
                    try {
                        Condition c = parse(rest);
                        if (!c.isCpt() && !c.kind().equals("self-edit")) return new Condition(CPT + c.kind(), c.arg());
                    } catch (IllegalArgumentException ignored) {
                        // reported below
                    }
                }
                throw new IllegalArgumentException("unknown condition '" + s + "' (known: " + String.join(", ", FORMS) + ")");
            }
            if (t.equals("no-adaptation") || t.equals("passage-only") || t.equals("base-self-edits")) return new Condition(t, null);
            if (t.startsWith("self-edits:") && t.length() > "self-edits:".length()) {
                return new Condition("self-edits", t.substring("self-edits:".length()));
            }
            if (t.startsWith("self-edit:")) {
                try {
                    long id = Long.parseLong(t.substring("self-edit:".length()));
                    if (id >= 1) return new Condition("self-edit", Long.toString(id));
                } catch (NumberFormatException ignored) {
                    // reported below
                }
            }
            if (t.startsWith("seal-round:")) {
                try {
                    int n = Integer.parseInt(t.substring("seal-round:".length()));
                    if (n >= 1) return new Condition("seal-round", Integer.toString(n));
                } catch (NumberFormatException ignored) {
                    // reported below
                }
            }
            throw new IllegalArgumentException("unknown condition '" + s + "' (known: " + String.join(", ", FORMS) + ")");
        }
    }

    /**
     * What an evaluation gave: its label and experiment, the passages, the macro accuracy over them, and the micro
     * accuracy (all correct / all answers) with its 95 % bootstrap interval over passages for a CPT condition (NaNs for
     * single-passage conditions, whose number is the macro one).
     */
    public record Result(String condition, long experimentId, List<Long> passages, double macroAccuracy, int runs,
                         double microAccuracy, double microCiLow, double microCiHigh) {
        public Result(String condition, long experimentId, List<Long> passages, double macroAccuracy, int runs) {
            this(condition, experimentId, passages, macroAccuracy, runs, Double.NaN, Double.NaN, Double.NaN);
        }
    }

    /** The settings of the CPT conditions. */
    public CptSettings cpt() {
        return cpt;
    }

    public InnerLoop.Timing timing() {
        return timing;
    }

    /** Runs found stored and skipped. */
    public long reused() {
        return reused;
    }

    /** Who is told of every inner loop's optimizer steps and finished runs (the window's live loss chart). */
    public void onStep(InnerLoop.StepListener l) {
        steps = l == null ? InnerLoop.StepListener.NONE : l;
    }

    /**
     * How many inner loops train together as one batch (1: one at a time); an execution setting, not part of the method:
     * the stored runs are the same for every size up to float rounding ({@link StoredRuns#orRunAll}).
     */
    public Evaluation adapterBatch(int n) {
        if (n < 1) throw new IllegalArgumentException("the adapter batch must be at least 1, got " + n);
        adapterBatch = n;
        return this;
    }

    /**
     * How many batches of inner loops compute side by side, each on a worker thread ({@link StoredRuns#orRunAll}); 0 (the
     * default): {@link InnerLoop#workers}, i.e. SEAL_WORKERS or the cores the model's intra-op threads leave. An execution
     * setting like the adapter batch.
     */
    public Evaluation workers(int n) {
        if (n < 0) throw new IllegalArgumentException("workers must be 0 (the default) or more, got " + n);
        workers = n;
        return this;
    }

    /**
     * Refuses an evaluation before any of its conditions runs, and before a model is loaded (its tokenizer and config.json
     * are enough), when its passages do not fit {@code baseModelDir}'s context ({@link ContextFit}): a condition that trains
     * needs each passage's own training sequence to fit, one whose model writes self-edits (base-self-edits, seal-round:N,
     * whose models are fine-tunes of the base with its tokenizer and context) needs room after each self-edit prompt.
     * {@code ids} null: the first {@code passages} validation passages, as {@link #run(Path, Condition, int, Progress,
     * BooleanSupplier)} takes them.
     */
    public void checkContext(Path baseModelDir, List<Condition> conditions, List<Long> ids, int passages) {
        Set<Long> training = new java.util.LinkedHashSet<>(), sampling = new java.util.LinkedHashSet<>();
        for (Condition c : conditions) {
            if (c.kind().equals("no-adaptation")) continue;
            List<Long> used = ids != null && !ids.isEmpty()
                    ? (c.isCpt() ? ids.subList(0, Math.min(ids.size(), cpt.passages())) : ids)
                    : split.validationPassages(log, c.isCpt() ? Math.min(passages, cpt.passages()) : passages);
            training.addAll(used);
            String kind = c.single().kind();
            if (kind.equals("base-self-edits") || kind.equals("seal-round")) sampling.addAll(used);
        }
        if (training.isEmpty()) return;
        Path dir = baseModelDir.toAbsolutePath().normalize();
        String name = dir.getFileName() == null ? dir.toString() : dir.getFileName().toString();
        int context = org.sealworkbench.llm.model.ModelConfig.read(dir).maxPositionEmbeddings();
        try (org.sealworkbench.llm.tokenizer.Tokenizer tok = org.sealworkbench.llm.tokenizer.Tokenizer.load(dir)) {
            ContextFit.checkPassages(name, tok, context, settings.innerLoop(), passagesOf(training));
            if (!sampling.isEmpty()) {
                ContextFit.checkPrompts(name, tok, context, settings.generation().template(), passagesOf(sampling));
            }
        }
    }

    private List<org.sealworkbench.store.PassageDetail> passagesOf(Set<Long> ids) {
        List<org.sealworkbench.store.PassageDetail> out = new ArrayList<>();
        for (long id : ids) {
            out.add(log.passage(id).orElseThrow(() -> new IllegalArgumentException("no passage with id " + id + " in the workspace")));
        }
        return out;
    }

    /**
     * Evaluates the first {@code passages} validation passages under a condition, with {@code baseModelDir} as
     * the base model (for seal-round:N the round's saved model is used instead).
     */
    public Result run(Path baseModelDir, Condition c, int passages, Progress progress, BooleanSupplier cancelled) {
        if (c.isCpt()) return runCpt(baseModelDir, c, passages, progress, cancelled);
        return run(baseModelDir, c, split.validationPassages(log, passages), progress, cancelled);
    }

    /**
     * As {@link #run(Path, Condition, int, Progress, BooleanSupplier)} on the given passages (the window's choice). A
     * run depends on its passage, not on its place in the list (same experiment, seeds and self-edits), so a run made
     * here is the run an evaluation of the validation split finds stored, and the other way round. A CPT condition trains
     * one adapter over the first {@code cpt.passages()} of them.
     */
    public Result run(Path baseModelDir, Condition c, List<Long> ids, Progress progress, BooleanSupplier cancelled) {
        if (ids.isEmpty()) throw new IllegalArgumentException("no passage to evaluate");
        if (c.isCpt()) return runCpt(baseModelDir, c, ids.subList(0, Math.min(ids.size(), cpt.passages())), progress, cancelled);
        Path modelDir = c.kind().equals("seal-round") ? roundModel(Integer.parseInt(c.arg())) : baseModelDir;
        try (SealModel model = SealModel.open(modelDir, log, device)) {
            String label = switch (c.kind()) {
                case "no-adaptation" -> Conditions.NO_ADAPTATION;
                case "passage-only" -> Conditions.PASSAGE_ONLY;
                case "base-self-edits" -> Conditions.selfEditsOf(model.name());
                case "self-edits" -> Conditions.selfEditsOf(c.arg());
                case "seal-round" -> Conditions.sealRound(Integer.parseInt(c.arg()));
                case "self-edit" -> Conditions.selfEdit(Long.parseLong(c.arg()));
                default -> throw new IllegalStateException(c.kind());
            };
            long experimentId = experiment(label, model, ids);
            InnerLoop inner = new InnerLoop(log, model, settings, grader);
            if (workers > 0) inner.useWorkers(workers);
            inner.onStep(steps);
            StoredRuns stored = new StoredRuns(log);
            // a passage longer than the context: refused before its self-edits are sampled or anything trains
            if (!c.kind().equals("no-adaptation")) inner.checkPassages(ids);
            long g0 = System.nanoTime();
            List<SelfEditRecord> edits = selfEdits(c, model, ids, progress, cancelled);
            long generation = System.nanoTime() - g0;
            int repeats = c.kind().equals("no-adaptation") ? 1 : settings.innerLoop().repeats();
            long total = (long) ids.size() * repeats;
            List<InnerLoop.Outcome> outcomes = new ArrayList<>();   // passage by passage, repeat by repeat
            if (c.kind().equals("no-adaptation")) {
                for (int pi = 0; pi < ids.size(); pi++) {
                    if (cancelled.getAsBoolean()) throw new CancellationException("cancelled");
                    progress.update(pi, total, String.format(Locale.ROOT, "%s: passage %d/%d", label, pi + 1, ids.size()));
                    outcomes.add(stored.orBaseline(inner, experimentId, ids.get(pi), label, () -> reused++));
                }
            } else {
                List<InnerLoop.Spec> specs = new ArrayList<>();
                for (int pi = 0; pi < ids.size(); pi++) {
                    long pid = ids.get(pi);
                    SelfEditRecord e = edits == null ? null : edits.get(pi);
                    for (int rep = 0; rep < repeats; rep++) {
                        long seed = Seeds.derive(settings.innerLoop().seed(), pid, 0, rep);
                        specs.add(new InnerLoop.Spec(experimentId, pid, e == null ? null : e.id(), e == null ? "" : e.text(), label, seed));
                    }
                }
                outcomes.addAll(stored.orRunAll(inner, specs, adapterBatch, cancelled, new StoredRuns.Batches() {
                    long got;

                    @Override
                    public void before(List<Integer> batch) {
                        int i = batch.get(0);
                        progress.update(got, total, batch.size() == 1
                                ? String.format(Locale.ROOT, "%s: passage %d/%d, repeat %d/%d", label, i / repeats + 1, ids.size(),
                                        i % repeats + 1, repeats)
                                : String.format(Locale.ROOT, "%s: %d inner loops as one batch (%d of %d done)", label, batch.size(), got,
                                        total));
                    }

                    @Override
                    public void note(String message) {
                        progress.update(got, total, Progress.note(label + ": " + message));
                    }

                    @Override
                    public void outcome(int index, InnerLoop.Outcome o, boolean wasStored) {
                        if (wasStored) reused++;
                        got++;
                        // batches finish one by one (or side by side on workers): the count moves with each inner loop
                        if (!wasStored) progress.update(got, total, String.format(Locale.ROOT, "%s: %d of %d inner loops done", label, got, total));
                    }
                }));
            }
            long done = outcomes.size();
            double sum = 0;
            int runs = 0;
            for (int pi = 0; pi < ids.size(); pi++) {
                double passageSum = 0;
                List<Long> runIds = new ArrayList<>();
                for (int rep = 0; rep < repeats; rep++) {
                    InnerLoop.Outcome o = outcomes.get(pi * repeats + rep);
                    passageSum += o.accuracy();
                    runIds.add(o.runId());
                    runs++;
                }
                sum += passageSum / repeats;
                if (edits != null) storeReward(edits.get(pi).id(), runIds, passageSum / repeats);
            }
            progress.update(done, total, label + ": " + ids.size() + " passages done");
            InnerLoop.Timing t = inner.timing();
            timing = timing.plus(t).plus(new InnerLoop.Timing(0, 0, 0, 0, generation));
            return new Result(label, experimentId, ids, sum / ids.size(), runs);
        }
    }

    /**
     * A multi-passage (CPT) condition over the first min(passages, cpt.passages) validation passages: the self-edits
     * are chosen as for the single-passage condition (the first one of each passage), then {@link CptEvaluation}.
     */
    private Result runCpt(Path baseModelDir, Condition cc, int passages, Progress progress, BooleanSupplier cancelled) {
        return runCpt(baseModelDir, cc, split.validationPassages(log, Math.min(passages, cpt.passages())), progress, cancelled);
    }

    /**
     * A multi-passage (CPT) condition over the given passages (the window's choice, at most {@code cpt.passages()} of
     * them): the same run as over the validation split when they are the split's first passages.
     */
    private Result runCpt(Path baseModelDir, Condition cc, List<Long> ids, Progress progress, BooleanSupplier cancelled) {
        Condition c = cc.single();
        Path modelDir = c.kind().equals("seal-round") ? roundModel(Integer.parseInt(c.arg())) : baseModelDir;
        try (SealModel model = SealModel.open(modelDir, log, device)) {
            String label = CptEvaluation.label(switch (c.kind()) {
                case "passage-only" -> Conditions.PASSAGE_ONLY;
                case "base-self-edits" -> Conditions.selfEditsOf(model.name());
                case "self-edits" -> Conditions.selfEditsOf(c.arg());
                case "seal-round" -> Conditions.sealRound(Integer.parseInt(c.arg()));
                default -> throw new IllegalStateException(cc.kind());
            });
            long g0 = System.nanoTime();
            List<SelfEditRecord> edits = selfEdits(c, model, ids, progress, cancelled);
            long generation = System.nanoTime() - g0;
            long t0 = System.nanoTime();
            long before = log.runs().size();
            CptEvaluation.Outcome o = CptEvaluation.run(log, model, settings, cpt, grader, label, ids, edits, progress, cancelled);
            long fresh = log.runs().size() - before;
            reused += o.runIds().size() - fresh;
            long spent = System.nanoTime() - t0;
            timing = timing.plus(new InnerLoop.Timing(fresh, 0, fresh > 0 ? spent : 0, 0, generation));
            return new Result(label, o.experimentId(), ids, o.macro(), o.runIds().size(), o.micro(), o.microLow(), o.microHigh());
        }
    }

    /** The self-edit's reward from these runs (mean adapted accuracy over the repeats), unless it is stored already. */
    private void storeReward(long selfEditId, List<Long> runIds, double value) {
        List<Long> sorted = runIds.stream().sorted().toList();
        for (org.sealworkbench.store.RewardRecord r : log.rewards(selfEditId)) if (r.runIds().equals(sorted)) return;
        log.addReward(selfEditId, null, runIds, value);
    }

    /** The self-edit each passage is evaluated with (null list: none, i.e. the no-adaptation and passage-only conditions). */
    List<SelfEditRecord> selfEdits(Condition c, SealModel model, List<Long> ids, Progress progress,
                                           BooleanSupplier cancelled) {
        switch (c.kind()) {
            case "no-adaptation", "passage-only" -> {
                return null;
            }
            case "self-edit" -> {
                long id = Long.parseLong(c.arg());
                SelfEditRecord e = log.selfEdit(id).orElseThrow(() -> new IllegalArgumentException("no self-edit with id " + id
                        + " in the workspace"));
                for (long pid : ids) {
                    if (pid != e.passageId()) {
                        throw new IllegalArgumentException("self-edit " + id + " belongs to passage " + e.passageId() + ", not to passage " + pid);
                    }
                }
                return ids.stream().map(x -> e).toList();
            }
            case "self-edits" -> {
                Set<Long> authors = new HashSet<>();
                for (ModelRecord m : log.models()) if (m.name().equals(c.arg())) authors.add(m.id());
                if (authors.isEmpty()) {
                    throw new IllegalArgumentException("no model named '" + c.arg() + "' in the workspace (known: "
                            + String.join(", ", log.models().stream().map(ModelRecord::name).toList()) + ")");
                }
                List<SelfEditRecord> out = new ArrayList<>();
                for (long pid : ids) {
                    SelfEditRecord first = log.selfEdits(pid).stream()
                            .filter(e -> e.modelId() != null && authors.contains(e.modelId()) && e.parentId() == null)
                            .findFirst().orElseThrow(() -> new IllegalArgumentException("passage " + pid
                                    + " has no self-edit written by '" + c.arg() + "' (import them, or evaluate fewer passages)"));
                    out.add(first);
                }
                return out;
            }
            default -> {
                // base-self-edits and seal-round: the model writes them; SEAL evaluates the first sample.
                SelfEditGenerator gen = new SelfEditGenerator(log, model, settings.generation());
                if (workers > 0) gen.useWorkers(workers);
                List<SelfEditRecord> out = new ArrayList<>();
                for (List<SelfEditRecord> es : gen.forPassages(ids, EVAL_TAG, progress, cancelled).values()) out.add(es.get(0));
                return out;
            }
        }
    }

    private Path roundModel(int n) {
        RlRoundRecord found = null;
        for (RlRoundRecord r : log.rlRounds()) if (r.roundNumber() == n && "done".equals(r.status()) && r.modelOutId() != null) found = r;
        if (found == null) throw new IllegalArgumentException("RL round " + n + " is not done in this workspace (run ./seal rl --rounds " + n + ")");
        return Path.of(log.model(found.modelOutId()).orElseThrow().path());
    }

    private long experiment(String label, SealModel model, List<Long> ids) {
        String name = "eval: " + label + " on " + model.name() + " [" + settings.digest() + "]";
        for (ExperimentRecord e : log.experiments()) if (e.name().equals(name)) return e.id();
        com.google.gson.JsonObject d = new com.google.gson.JsonObject();
        d.addProperty("kind", "evaluation");
        d.addProperty("condition", label);
        d.addProperty("model_id", model.modelId());
        d.addProperty("validation_passages", ids.size());
        d.addProperty("settings_digest", settings.digest());
        return log.addExperiment(name, d.toString());
    }
}
