package org.sealworkbench.seal;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import org.sealworkbench.llm.lora.LoraConfig;
import org.sealworkbench.llm.training.FineTune;
import org.sealworkbench.llm.training.SftExample;
import org.sealworkbench.llm.training.TrainPlan;
import org.sealworkbench.llm.training.TrainResult;
import org.sealworkbench.llm.training.TrainSettings;
import org.sealworkbench.store.ExperimentLog;
import org.sealworkbench.store.ExperimentRecord;
import org.sealworkbench.store.PassageDetail;
import org.sealworkbench.store.QuestionRecord;
import org.sealworkbench.store.RunRecord;
import org.sealworkbench.store.SelfEditRecord;
import org.sealworkbench.util.Progress;
import org.sealworkbench.util.Seeds;

/**
 * SEAL's multi-passage condition (CPT, SEAL.md section 1): the sequences of many passages (each passage alone, or
 * passage + its self-edit, built exactly as the single-passage inner loop builds them) go into ONE training set, in
 * passage order; one fresh LoRA is trained over all of it ({@link CptSettings}: epochs, lr, micro-batch, grad
 * accumulation; the trainer shuffles the whole set each epoch, so a batch mixes passages), then every passage's questions
 * are answered closed-book with that one adapter.
 *
 * <p>Storage: one run row covers all the passages ({@code passage_id} and {@code self_edit_id} NULL; condition
 * "CPT: " + the single-passage label; settings = {@link CptSettings#snapshot}); its answers point at the questions of
 * every passage, so {@link ResultsTable} finds each passage's accuracy through the questions, as for any run, and its
 * micro accuracy is SEAL's CPT number. The experiment's description lists the passages and the self-edit of each.
 * The run is found again by (experiment, model, condition, seed), so running the same evaluation resumes it.
 */
final class CptEvaluation {
    static final String PREFIX = "CPT: ";
    /** Marks the seeds of CPT runs apart from every single-passage inner loop's. */
    private static final long CPT_SEED_MARK = 0xC97L;

    private CptEvaluation() {}

    /** The label CPT results are stored under, e.g. "CPT: passage only". */
    static String label(String singlePassageLabel) {
        return PREFIX + singlePassageLabel;
    }

    static boolean isCpt(String condition) {
        return condition.startsWith(PREFIX);
    }

    /** Where each training sequence came from: passage index (in the CPT set's order) and its index within the passage. */
    record Source(int passage, int sequence) {
        @Override
        public String toString() {
            return "p" + passage + "s" + sequence;
        }
    }

    /** The training set in order: every passage's sequences, passage after passage, each tagged with where it came from. */
    static List<Source> sources(List<Integer> sequencesPerPassage) {
        List<Source> out = new ArrayList<>();
        for (int p = 0; p < sequencesPerPassage.size(); p++) {
            for (int s = 0; s < sequencesPerPassage.get(p); s++) out.add(new Source(p, s));
        }
        return out;
    }

    /**
     * The batching order the trainer will follow: for each optimizer step, its micro-batches as lists of sequence
     * sources (the trainer's own {@link TrainPlan}, so this is what happens, not a copy of it).
     */
    static List<List<List<Source>>> batches(List<Integer> sequencesPerPassage, TrainSettings ts) {
        List<Source> src = sources(sequencesPerPassage);
        List<List<List<Source>>> out = new ArrayList<>();
        for (TrainPlan.Step step : TrainPlan.of(src.size(), ts).steps()) {
            List<List<Source>> micro = new ArrayList<>();
            for (List<Integer> mb : step.microBatches()) micro.add(mb.stream().map(src::get).toList());
            out.add(micro);
        }
        return out;
    }

    /** The trainer's settings of a CPT run with this seed: the inner loop's schedule and clipping, CPT's sizes and lr. */
    static TrainSettings trainSettings(SealSettings settings, CptSettings cpt, long seed) {
        TrainSettings inner = innerTrainSettings(settings, seed);
        return new TrainSettings(cpt.epochs(), cpt.batchSize(), cpt.gradAccum(), cpt.learningRate(), inner.schedule(),
                inner.warmupSteps(), inner.weightDecay(), inner.maxGradNorm(), inner.mask(), true, seed);
    }

    private static TrainSettings innerTrainSettings(SealSettings settings, long seed) {
        InnerLoopSettings s = settings.innerLoop();
        return new TrainSettings(1, 1, 1, s.learningRate(), s.schedule(), s.warmupSteps(), s.weightDecay(), s.gradClip(),
                s.lossOnPadding() ? org.sealworkbench.llm.training.LossMask.NONE : org.sealworkbench.llm.training.LossMask.PADDING,
                true, seed);
    }

    /** The seed of CPT repeat {@code rep}, derived from the inner loop's base seed. */
    static long seed(SealSettings settings, int rep) {
        return Seeds.derive(settings.innerLoop().seed(), CPT_SEED_MARK, rep);
    }

    /** What a CPT condition gave: one outcome per repeat and the micro accuracy over all of them with its interval. */
    record Outcome(long experimentId, List<Long> passages, List<Long> runIds, int correct, int answers, double macro,
                   double microLow, double microHigh) {
        double micro() {
            return answers == 0 ? Double.NaN : correct / (double) answers;
        }
    }

    /**
     * Runs (or finds stored) the CPT runs of one condition over {@code ids}.
     *
     * @param edits the self-edit of each passage (same order as {@code ids}); null for passage only
     */
    static Outcome run(ExperimentLog log, SealModel model, SealSettings settings, CptSettings cpt, Grader grader,
                       String label, List<Long> ids, List<SelfEditRecord> edits, Progress progress, BooleanSupplier cancelled) {
        // The passages actually trained together go into the snapshot: CPT over 20 and over 200 passages are two rows.
        cpt = cpt.withPassages(ids.size());
        String snapshot = cpt.snapshot(settings);
        InnerLoop helper = new InnerLoop(log, model, settings, grader);
        // the set holds each passage's inner-loop sequences: each must fit the context, as there (refused before anything
        // of the condition is stored or trained)
        helper.checkFits(InnerLoop.toCheck(ids, edits));
        long experimentId = experiment(log, label, model, ids, edits, cpt.digest(settings));
        List<PassageDetail> passages = new ArrayList<>();
        for (long id : ids) passages.add(log.passage(id).orElseThrow(() -> new IllegalArgumentException("no passage with id " + id)));
        int[] correctOf = new int[ids.size()];
        int[] answersOf = new int[ids.size()];
        List<Long> runIds = new ArrayList<>();
        for (int rep = 0; rep < cpt.repeats(); rep++) {
            if (cancelled.getAsBoolean()) throw new CancellationException("cancelled");
            long seed = seed(settings, rep);
            RunRecord stored = null;
            for (RunRecord r : log.runs()) {
                if (InnerLoop.DONE.equals(r.status()) && Long.valueOf(experimentId).equals(r.experimentId()) && r.modelId() == model.modelId()
                        && r.passageId() == null && label.equals(r.condition()) && r.seed() == seed) stored = r;
            }
            long runId;
            if (stored != null) {
                runId = stored.id();
            } else {
                runId = train(log, model, settings, cpt, grader, helper, label, experimentId, snapshot, seed, passages, edits,
                        rep, progress, cancelled);
            }
            runIds.add(runId);
            tally(log, runId, grader.name(), passages, correctOf, answersOf);
        }
        int correct = 0, answers = 0;
        double macro = 0;
        for (int i = 0; i < ids.size(); i++) {
            correct += correctOf[i];
            answers += answersOf[i];
            macro += answersOf[i] == 0 ? 0 : correctOf[i] / (double) answersOf[i];
        }
        double[] ci = Bootstrap.microInterval(correctOf, answersOf, cpt.bootstrapSamples(), cpt.bootstrapSeed());
        return new Outcome(experimentId, ids, runIds, correct, answers, macro / ids.size(), ci[0], ci[1]);
    }

    private static long train(ExperimentLog log, SealModel model, SealSettings settings, CptSettings cpt, Grader grader,
                              InnerLoop helper, String label, long experimentId, String snapshot, long seed,
                              List<PassageDetail> passages, List<SelfEditRecord> edits, int rep, Progress progress,
                              BooleanSupplier cancelled) {
        List<SftExample> data = new ArrayList<>();
        for (int i = 0; i < passages.size(); i++) {
            String text = edits == null ? "" : edits.get(i).text();
            data.addAll(helper.trainingExamples(passages.get(i), text));
        }
        if (data.isEmpty()) throw new IllegalStateException(label + ": no training sequence of 2 or more tokens in " + passages.size() + " passages");
        long runId = log.startRun(experimentId, model.modelId(), null, null, label, snapshot, seed);
        InnerLoopSettings s = settings.innerLoop();
        LoraConfig cfg = LoraConfig.of(s.loraRank(), s.loraAlpha(), s.loraDropout(), s.targetModules());
        TrainSettings ts = trainSettings(settings, cpt, seed);
        long totalSteps = TrainPlan.of(data.size(), ts).size();
        try {
            List<List<ClosedBookQa.Answer>> answers = new ArrayList<>();
            try (FineTune ft = FineTune.lora(model.model(), "cpt-" + runId, cfg, seed)) {
                TrainResult tr = ft.train(data, ts, model.eosId(), info -> {
                    log.addTrainingStep(runId, (int) info.step(), info.loss(), info.lr());
                    progress.update(info.step(), totalSteps + passages.size(), String.format(Locale.ROOT,
                            "%s: repeat %d, training step %d/%d over %d sequences of %d passages (loss %.3f)", label, rep + 1,
                            info.step(), totalSteps, data.size(), passages.size(), info.loss()));
                }, cancelled);
                if (tr.cancelled()) {
                    log.finishRun(runId, "cancelled");
                    throw new CancellationException("cancelled during CPT run " + runId);
                }
                for (int i = 0; i < passages.size(); i++) {
                    if (cancelled.getAsBoolean()) {
                        log.finishRun(runId, "cancelled");
                        throw new CancellationException("cancelled during CPT run " + runId);
                    }
                    progress.update(totalSteps + i, totalSteps + passages.size(), String.format(Locale.ROOT,
                            "%s: repeat %d, answering passage %d/%d", label, rep + 1, i + 1, passages.size()));
                    PassageDetail p = passages.get(i);
                    answers.add(ClosedBookQa.answer(model, p.title(), p.questions(), settings.eval()));
                }
            } // the adapter is freed here: grading sees the base model
            List<List<Grade>> grades = new ArrayList<>();
            for (int i = 0; i < passages.size(); i++) {
                PassageDetail p = passages.get(i);
                List<Grade> g = new ArrayList<>();
                for (int q = 0; q < p.questions().size(); q++) {
                    QuestionRecord qr = p.questions().get(q);
                    g.add(grader.grade(LlmJudgeGrader.referenceQuestion(p.title(), qr.question()), qr.answer(), answers.get(i).get(q).text()));
                }
                grades.add(g);
            }
            log.inTransaction(() -> {
                for (int i = 0; i < passages.size(); i++) {
                    PassageDetail p = passages.get(i);
                    for (int q = 0; q < p.questions().size(); q++) {
                        long answerId = ClosedBookQa.store(log, p.questions().get(q).id(), runId, label, answers.get(i).get(q));
                        Graders.store(log, answerId, grades.get(i).get(q));
                    }
                }
                log.finishRun(runId, InnerLoop.DONE);
                return null;
            });
            return runId;
        } catch (RuntimeException e) {
            if (!(e instanceof CancellationException)) {
                try {
                    log.finishRun(runId, "failed");
                } catch (RuntimeException ignored) {
                    // the original error matters more
                }
            }
            throw e;
        }
    }

    /** Adds a stored run's correct answers and answers per passage (newest grade of the grader per answer). */
    private static void tally(ExperimentLog log, long runId, String grader, List<PassageDetail> passages, int[] correct, int[] answers) {
        java.util.Map<Long, Integer> passageOfQuestion = new java.util.HashMap<>();
        for (int i = 0; i < passages.size(); i++) for (QuestionRecord q : passages.get(i).questions()) passageOfQuestion.put(q.id(), i);
        for (org.sealworkbench.store.AnswerRecord a : log.answersOfRun(runId)) {
            Integer i = passageOfQuestion.get(a.questionId());
            if (i == null) continue;
            org.sealworkbench.store.GradeRecord newest = null;
            for (org.sealworkbench.store.GradeRecord g : log.grades(a.id())) if (g.grader().equals(grader)) newest = g;
            answers[i]++;
            if (newest != null && Grade.isCorrectVerdict(newest.verdict())) correct[i]++;
        }
    }

    private static long experiment(ExperimentLog log, String label, SealModel model, List<Long> ids, List<SelfEditRecord> edits,
                                   String digest) {
        String name = "eval: " + label + " on " + model.name() + " over " + ids.size() + " passages [" + digest + "]";
        return experimentOverPassages(log, name, "cpt", "condition", label, model, ids, edits, digest);
    }

    /**
     * The experiment of a run over many passages (CPT here, continual self-edits in {@link Continual}), found by its name
     * or added: its description names the kind, the condition or source, the model, the settings digest, and each
     * passage with its self-edit.
     */
    static long experimentOverPassages(ExperimentLog log, String name, String kind, String whatKey, String what, SealModel model,
                                       List<Long> ids, List<SelfEditRecord> edits, String digest) {
        for (ExperimentRecord e : log.experiments()) if (e.name().equals(name)) return e.id();
        JsonObject d = new JsonObject();
        d.addProperty("kind", kind);
        d.addProperty(whatKey, what);
        d.addProperty("model_id", model.modelId());
        d.addProperty("settings_digest", digest);
        JsonArray ps = new JsonArray();
        for (int i = 0; i < ids.size(); i++) {
            JsonObject p = new JsonObject();
            p.addProperty("passage_id", ids.get(i));
            if (edits != null) p.addProperty("self_edit_id", edits.get(i).id());
            ps.add(p);
        }
        d.add("passages", ps);
        return log.addExperiment(name, d.toString());
    }
}
