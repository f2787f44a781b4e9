package org.sealworkbench.seal.arc;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.sealworkbench.data.arc.ArcTask;
import org.sealworkbench.data.arc.Grid;
import org.sealworkbench.llm.generation.Generation;
import org.sealworkbench.llm.generation.GenerationOptions;
import org.sealworkbench.llm.generation.Generator;
import org.sealworkbench.llm.lora.LoraConfig;
import org.sealworkbench.llm.tokenizer.ChatMessage;
import org.sealworkbench.llm.training.FineTune;
import org.sealworkbench.llm.training.LossMask;
import org.sealworkbench.llm.training.LrSchedule;
import org.sealworkbench.llm.training.SftExample;
import org.sealworkbench.llm.training.StepInfo;
import org.sealworkbench.llm.training.TrainResult;
import org.sealworkbench.llm.training.TrainSettings;
import org.sealworkbench.seal.Ending;
import org.sealworkbench.seal.SealModel;

/**
 * The few-shot inner loop: one ARC task, one self-edit ({@link TttConfig}) -> test-time training of a fresh LoRA
 * adapter -> a prediction of the test output with test-time augmentation and voting -> solved or not (SEAL's
 * reward). Follows SEAL's self-edit.py (training) and eval-self-edits.py (prediction):
 *
 * <ol>
 *   <li>Training tasks: for each leave-n of {@link ArcSettings#leaveN()}, {@link TttTasks#build} makes the
 *       leave-out tasks of the demonstrations, augmented by {@link Augmenters#forConfig} of the config's switches
 *       and permuted; the test pair is never seen.</li>
 *   <li>Each is written as text ({@link ArcFormat}; through the tokenizer's chat template when the model has one,
 *       as SEAL's instruct model does); texts longer than {@link #contextTokens()} are dropped; more than
 *       {@link ArcSettings#maxExamples()} are cut to a seeded sample of that many ({@link TttTasks#cap}).</li>
 *   <li>The config trains nothing when it has 0 epochs, or when epochs x texts / 2 exceeds
 *       {@link ArcSettings#maxSteps()} (SEAL: 375; "else no training"), or when no text is left.</li>
 *   <li>Otherwise a fresh adapter (LoRA r, alpha and targets of the settings) trains on the texts: batch 2, the
 *       config's learning rate with {@link ArcSettings#warmupSteps()} of warmup and a cosine decay, its epochs,
 *       AdamW as HF's Trainer runs it by default (no weight decay, gradient norm clipped at 1); the loss on every
 *       token ({@link TttConfig.Strategy#ALL_TOKENS}) or on the answer's only.</li>
 *   <li>Prediction, with the adapter attached: {@link TestTimeAugmentation} makes the prompts (the task with
 *       demonstrations left out and reordered, and under transposition, flips and rotations); each is answered
 *       greedily up to the end mark "#", read back ({@link ArcFormat#parse}) and mapped back by the transform's
 *       inverse; prompts that do not fit the context are skipped, unreadable answers dropped.</li>
 *   <li>The readable predictions are voted ({@link ArcVoting}): two attempts; the task is solved when either equals
 *       the test output (pass@2).</li>
 * </ol>
 * The adapter is removed when the run ends. Nothing is stored: the caller prints or keeps the {@link Result}.
 */
public final class ArcTtt {
    /** Prediction prompts decoded together, at most (of similar lengths; see {@code predict}). */
    static final int PREDICT_ROWS = 8;

    private final SealModel model;
    private final ArcSettings settings;

    public ArcTtt(SealModel model, ArcSettings settings) {
        this.model = model;
        this.settings = settings;
    }

    /**
     * What one inner loop did and predicted; {@code answerEndings}: why each of {@code answers} ended, in their order
     * (empty when not recorded: a run stored before they were).
     */
    public record Result(String task, TttConfig config, int texts, int textsTooLong, int steps, double lastLoss,
            String notTrained, int prompts, int readable, Grid attempt1, Grid attempt2, Boolean solved,
            List<String> answers, long trainNanos, long predictNanos, List<Ending.Stored> answerEndings) {
        public Result {
            answers = List.copyOf(answers);
            answerEndings = List.copyOf(answerEndings);
        }

        /** A result whose answers' endings are not recorded. */
        public Result(String task, TttConfig config, int texts, int textsTooLong, int steps, double lastLoss,
                String notTrained, int prompts, int readable, Grid attempt1, Grid attempt2, Boolean solved,
                List<String> answers, long trainNanos, long predictNanos) {
            this(task, config, texts, textsTooLong, steps, lastLoss, notTrained, prompts, readable, attempt1, attempt2,
                    solved, answers, trainNanos, predictNanos, List.of());
        }

        /** Why each answer ended, as told: an answer a limit cut says which; empty when not recorded. */
        public List<Ending> endings() {
            return answerEndings.stream().map(Ending.Stored::ending).toList();
        }

        /** Whether the adapter was trained. */
        public boolean trained() {
            return notTrained.isEmpty();
        }
    }

    /** The longest text, in tokens: the settings' bound and the model's context, whichever is less. */
    public int contextTokens() {
        return Math.min(settings.maxTokens(), model.model().config().maxPositionEmbeddings());
    }

    /**
     * Runs steps 1 to 6 for {@code config}; a null config predicts with the model as it is (SEAL's baseline without
     * test-time training).
     *
     * @throws CancellationException when {@code cancelled} turned true
     */
    public Result run(ArcTask task, TttConfig config, Consumer<StepInfo> onStep, BooleanSupplier cancelled) {
        long t0 = System.nanoTime();
        List<SftExample> texts = new ArrayList<>();
        int tooLong = 0;
        String notTrained = "";
        if (config == null) {
            notTrained = "no self-edit (the model as it is)";
        } else {
            // Steps 1 and 2.
            List<Augmenter> augmenters = Augmenters.forConfig(config.basic(), config.size(), config.chain(),
                    config.repeat());
            LinkedHashSet<ArcTask> tasks = new LinkedHashSet<>();
            for (int n : settings.leaveN()) {
                if (n < task.train().size()) {
                    tasks.addAll(TttTasks.build(task, augmenters, n, settings.permuteN(), settings.seed()));
                }
            }
            for (ArcTask t : tasks) {
                SftExample e = example(t);
                if (e.ids().length > contextTokens()) {
                    tooLong++;
                } else {
                    texts.add(e);
                }
            }
            texts = TttTasks.cap(texts, settings.maxExamples(), settings.seed());
            notTrained = whyNotTrained(config, texts.size(), tooLong, contextTokens(), settings);
        }
        int steps = 0;
        double lastLoss = Double.NaN;
        long trainNanos;
        List<ArcVoting.Prediction> predictions;
        List<String> answers;
        List<Ending.Stored> endings;
        int prompts;
        if (notTrained.isEmpty()) {
            // Step 4.
            LoraConfig lora = LoraConfig.of(settings.loraRank(), settings.loraAlpha(), 0, settings.targets());
            try (FineTune ft = FineTune.lora(model.model(), "arc-" + task.name(), lora, settings.seed())) {
                TrainSettings ts = TrainSettings.defaults().withEpochs(config.epochs())
                        .withBatch(settings.batchSize(), 1)
                        .withLr(config.learningRate(), LrSchedule.Kind.COSINE, settings.warmupSteps())
                        .withWeightDecay(0).withMaxGradNorm(1.0)
                        .withMask(config.strategy() == TttConfig.Strategy.ALL_TOKENS ? LossMask.PADDING
                                : LossMask.PROMPT)
                        .withSeed(settings.seed(), true);
                TrainResult tr = ft.train(texts, ts, model.eosId(), onStep, cancelled);
                if (tr.cancelled()) {
                    throw new CancellationException("cancelled while training on task " + task.name());
                }
                steps = (int) tr.stepsDone();
                lastLoss = tr.lastLoss();
                trainNanos = System.nanoTime() - t0;
                // Step 5, with the adapter attached.
                Predicted p = predict(task, cancelled);
                predictions = p.grids;
                answers = p.answers;
                endings = p.endings;
                prompts = p.prompts;
            }
        } else {
            trainNanos = System.nanoTime() - t0;
            Predicted p = predict(task, cancelled);
            predictions = p.grids;
            answers = p.answers;
            endings = p.endings;
            prompts = p.prompts;
        }
        long t1 = System.nanoTime();
        // Step 6.
        ArcVoting.Attempts a = predictions.isEmpty() ? new ArcVoting.Attempts(null, null)
                : ArcVoting.voteByCategory(predictions);
        Grid solution = task.test().output();
        Boolean solved = task.hasSolution() ? solution.equals(a.first()) || solution.equals(a.second()) : null;
        return new Result(task.name(), config, texts.size(), tooLong, steps, lastLoss, notTrained, prompts,
                predictions.size(), a.first(), a.second(), solved, answers, trainNanos,
                System.nanoTime() - t1 + (t1 - t0 - trainNanos), endings);
    }

    /** Step 3: why a config with this many texts trains nothing, or "" when it trains. */
    static String whyNotTrained(TttConfig config, int texts, int tooLong, int context, ArcSettings settings) {
        if (!config.trains()) {
            return "the self-edit trains for 0 epochs";
        }
        if (texts == 0) {
            return tooLong > 0 ? "every training text is longer than the context (" + context + " tokens)"
                    : "no training text";
        }
        // SEAL: epochs * len(train_data) // 2 > 375, with its batch of 2
        if ((long) config.epochs() * texts / 2 > settings.maxSteps()) {
            return config.epochs() + " epochs x " + texts + " texts / 2 exceed " + settings.maxSteps() + " steps";
        }
        if (!(config.learningRate() > 0)) {
            return "learning rate 0";
        }
        return "";
    }

    private record Predicted(List<ArcVoting.Prediction> grids, List<String> answers, List<Ending.Stored> endings, int prompts) {
    }

    private Predicted predict(ArcTask task, BooleanSupplier cancelled) {
        List<TestTimeAugmentation.TestTask> queries = TestTimeAugmentation.forPrediction(task,
                settings.predictLeaveN(), settings.predictPermuteN(), settings.seed());
        List<int[]> prompts = new ArrayList<>();
        List<Integer> budgets = new ArrayList<>();
        List<TestTimeAugmentation.TestTask> kept = new ArrayList<>();
        for (TestTimeAugmentation.TestTask q : queries) {
            int[] ids = promptIds(q.task());
            // Room for an answer as long as the longest output of its demonstrations, twice over, as a bound.
            int answer = q.task().train().stream().mapToInt(e -> model.tokenizer().encode(ArcFormat.grid(e.output())
                    + ArcFormat.OUTPUT_END, false).length).max().orElse(16) * 2 + 8;
            if (ids.length + Math.min(answer, 16) <= contextTokens()) {
                prompts.add(ids);
                budgets.add(answer);
                kept.add(q);
            }
        }
        List<ArcVoting.Prediction> grids = new ArrayList<>();
        if (prompts.isEmpty()) {
            return new Predicted(grids, List.of(), List.of(), 0);
        }
        if (cancelled.getAsBoolean()) {
            throw new CancellationException("cancelled before predicting task " + task.name());
        }
        // A batch decodes as far as its longest prompt leaves room in the context, so prompts go in batches of
        // similar length (shortest first, at most PREDICT_ROWS each): one long prompt does not cut the answers of
        // short ones. Each row decodes greedily to "#", as a batch of one would.
        Integer[] order = new Integer[prompts.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, java.util.Comparator.comparingInt(i -> prompts.get(i).length));
        String[] texts = new String[prompts.size()];
        Ending.Stored[] endings = new Ending.Stored[prompts.size()];   // why each answer ended, in the prompts' order
        Generator generator = new Generator(model.model(), model.tokenizer());
        for (int from = 0; from < order.length; from += PREDICT_ROWS) {
            int to = Math.min(order.length, from + PREDICT_ROWS);
            List<int[]> batch = new ArrayList<>();
            int longestPrompt = 0, longestAnswer = 0;
            for (int k = from; k < to; k++) {
                batch.add(prompts.get(order[k]));
                longestPrompt = Math.max(longestPrompt, prompts.get(order[k]).length);
                longestAnswer = Math.max(longestAnswer, budgets.get(order[k]));
            }
            int maxNew = Math.max(1, Math.min(longestAnswer, contextTokens() - longestPrompt));
            GenerationOptions opts = GenerationOptions.greedy(maxNew).withStopStrings(List.of(ArcFormat.OUTPUT_END));
            List<Generation> gens = generator.generate(batch, opts, null);
            for (int k = from; k < to; k++) {
                Generation g = gens.get(k - from);
                texts[order[k]] = g.text();
                endings[order[k]] = Ending.Stored.of(g.finish(), maxNew, model.model().config().maxPositionEmbeddings());
            }
        }
        for (int i = 0; i < texts.length; i++) {
            Optional<Grid> g = ArcFormat.parse(texts[i]);
            TestTimeAugmentation.TestTask q = kept.get(i);
            // the inverters (flips, transposition, rotations) draw nothing: no generator
            g.map(x -> q.inverter().map(inv -> inv.apply(x, null)).orElse(x))
                    .ifPresent(x -> grids.add(new ArcVoting.Prediction(x, q.category())));
        }
        return new Predicted(grids, List.of(texts), List.of(endings), prompts.size());
    }

    /** The token ids of a task's prompt: through the chat template when the model has one, else plain text. */
    int[] promptIds(ArcTask t) {
        if (model.tokenizer().hasChatTemplate()) {
            return model.tokenizer().encode(model.tokenizer().applyChatTemplate(List.of(
                    new ChatMessage("system", ArcFormat.message(t)), new ChatMessage("user", ArcFormat.query(t))),
                    true), false);
        }
        return model.tokenizer().encode(ArcFormat.prompt(t), true);
    }

    /** A training text: the prompt's ids then the answer's, the answer ending the model's turn (EOS). */
    SftExample example(ArcTask t) {
        int[] prompt = promptIds(t);
        int[] answer = model.tokenizer().encode(ArcFormat.answer(t), false);
        int[] ids = new int[prompt.length + answer.length + 1];
        System.arraycopy(prompt, 0, ids, 0, prompt.length);
        System.arraycopy(answer, 0, ids, prompt.length, answer.length);
        ids[ids.length - 1] = model.eosId();
        return new SftExample(ids, prompt.length);
    }
}
