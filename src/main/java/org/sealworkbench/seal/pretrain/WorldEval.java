package org.sealworkbench.seal.pretrain;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.sealworkbench.data.Passage;
import org.sealworkbench.data.Question;
import org.sealworkbench.llm.generation.Generation;
import org.sealworkbench.llm.generation.GenerationOptions;
import org.sealworkbench.llm.generation.Generator;
import org.sealworkbench.llm.model.LlamaModel;
import org.sealworkbench.llm.lora.LoraAdapter;
import org.sealworkbench.llm.lora.LoraConfig;
import org.sealworkbench.llm.training.LossMask;
import org.sealworkbench.llm.training.LrSchedule;
import org.sealworkbench.llm.training.SftExample;
import org.sealworkbench.llm.tokenizer.Tokenizer;
import org.sealworkbench.llm.training.TrainSettings;
import org.sealworkbench.llm.training.TrainableModel;
import org.sealworkbench.llm.training.Trainer;
import org.sealworkbench.seal.ExactMatchGrader;
import org.sealworkbench.seal.Grader;
import org.sealworkbench.seal.InnerLoopSettings;
import org.sealworkbench.seal.PromptTemplates;
import org.sealworkbench.seal.SelfEditSequences;
import org.sealworkbench.seal.StudentT;

/**
 * The measured demonstration of seal-tiny (its model card's table), self-contained and store-free: per
 * held-out passage, the model answers the passage's questions under SEAL's four knowledge-incorporation
 * conditions, closed-book no adaptation, the passage in context (an upper bound), the inner loop on the
 * passage only, and the inner loop on the passage + one self-edit the model wrote itself. The inner loop is
 * SEAL.md's: fresh LoRA per passage, {@link SelfEditSequences} for the training sequences, then greedy
 * closed-book answers. Passage-only and self-edit runs of a passage use the same LoRA seed, so the self-edit
 * is the only difference. With {@code repeats} above 1 both inner loops run that many times with fresh seeds (the
 * self-edit stays the one sampled, as SEAL evaluates its first sample) and the passage's accuracy is their mean: on
 * seal-tiny one inner loop's accuracy moves by 9 to 15 points (sd) with the LoRA seed (lr 3e-3 to 1e-2), noise that
 * would otherwise widen the intervals.
 */
public final class WorldEval {
    public static final String CLOSED_BOOK = "closed-book, no adaptation";
    public static final String IN_CONTEXT = "passage in context";
    public static final String PASSAGE_ONLY = "inner loop: passage only";
    public static final String SELF_EDITS = "inner loop: passage + own self-edit";
    public static final String PAIRED_GAIN = "own self-edit - passage only, paired";
    public static final List<String> CONDITIONS = List.of(CLOSED_BOOK, IN_CONTEXT, PASSAGE_ONLY, SELF_EDITS);

    /**
     * @param answerTokens   most new tokens of an answer (greedy, stops at EOS)
     * @param selfEditTokens most new tokens of a self-edit
     * @param template       SEAL's prompt the self-edit is sampled from (reports written before it was recorded used
     *                       implications, so a missing one reads as that)
     * @param repeats        inner loops per passage and adapted condition, each with a fresh LoRA seed (reports
     *                       written before it was recorded ran one, so a missing or 0 value reads as 1)
     */
    public record Config(InnerLoopSettings inner, int answerTokens, int selfEditTokens, double temperature, double topP, long seed,
                         PromptTemplates template, int repeats) {
        public Config {
            if (template == null) template = PromptTemplates.IMPLICATIONS;
            if (repeats == 0) repeats = 1;
            if (repeats < 0) throw new IllegalArgumentException("repeats must be at least 1, not " + repeats);
        }

        public Config(InnerLoopSettings inner, int answerTokens, int selfEditTokens, double temperature, double topP, long seed) {
            this(inner, answerTokens, selfEditTokens, temperature, topP, seed, PromptTemplates.IMPLICATIONS, 1);
        }
    }

    /**
     * One passage's accuracies per condition (same order as {@link #CONDITIONS}) by the main grader and by
     * normalised exact match (a stricter second opinion), means over the repeats; the texts behind them (the
     * answers of the first repeat); and the mean and slowest seconds of its inner loops with the self-edit.
     */
    public record PassageResult(String title, int questions, double[] accuracy, double[] exactMatch, String selfEdit,
                                List<List<String>> answers, double innerLoopSeconds, double maxInnerLoopSeconds) {}

    /** Macro accuracy of one condition with a 95 % Student-t interval over passages. */
    public record ConditionResult(String condition, double mean, double low, double high, int passages) {}

    private final LlamaModel model;
    private final Tokenizer tok;
    private final Grader grader;
    private final Grader exact = new ExactMatchGrader();
    private final Config cfg;
    private final int eos;

    public WorldEval(LlamaModel model, Tokenizer tokenizer, Grader grader, Config config) {
        this.model = model;
        this.tok = tokenizer;
        this.grader = grader;
        this.cfg = config;
        this.eos = tokenizer.eosIds().get(0);
    }

    public List<PassageResult> run(List<Passage> passages, Consumer<PassageResult> onPassage) {
        List<PassageResult> out = new ArrayList<>();
        for (int i = 0; i < passages.size(); i++) {
            PassageResult r = evaluate(passages.get(i), cfg.seed() + 1_000_003L * i);
            out.add(r);
            if (onPassage != null) onPassage.accept(r);
        }
        return out;
    }

    public PassageResult evaluate(Passage p, long seed) {
        checkContext(p);
        int repeats = cfg.repeats();
        double[] acc = new double[CONDITIONS.size()];
        double[] em = new double[CONDITIONS.size()];
        List<List<String>> answers = new ArrayList<>(List.of(List.of(), List.of(), List.of(), List.of()));
        // Greedy answers without an adapter do not depend on the seed: once is enough.
        add(p, CLOSED_BOOK, answer(p, false), 1, answers, acc, em);
        add(p, IN_CONTEXT, answer(p, true), 1, answers, acc, em);
        String selfEdit = selfEdit(p, seed);
        double secs = 0, maxSecs = 0;
        for (int r = 0; r < repeats; r++) {
            long s = repeatSeed(seed, r);
            add(p, PASSAGE_ONLY, innerLoop(p, "", s), repeats, answers, acc, em);
            long t0 = System.nanoTime();
            List<String> withEdit = innerLoop(p, selfEdit, s);
            double t = (System.nanoTime() - t0) / 1e9;
            secs += t / repeats;
            maxSecs = Math.max(maxSecs, t);
            add(p, SELF_EDITS, withEdit, repeats, answers, acc, em);
        }
        return new PassageResult(p.title(), p.questions().size(), acc, em, selfEdit, answers, secs, maxSecs);
    }

    /** One run's answers under a condition: graded into the mean over its runs; the first run's answers are the ones kept. */
    private void add(Passage p, String condition, List<String> a, int runs, List<List<String>> answers, double[] acc, double[] em) {
        int c = CONDITIONS.indexOf(condition);
        if (answers.get(c).isEmpty()) answers.set(c, a);
        acc[c] += grade(grader, p, a) / runs;
        em[c] += grade(exact, p, a) / runs;
    }

    /** The LoRA seed of a repeat: the passage's seed for the first, so one repeat reproduces earlier reports. */
    static long repeatSeed(long passageSeed, int repeat) {
        return passageSeed + 7_919L * repeat;
    }

    /**
     * Refuses a passage that does not fit the model's context, before any of its conditions runs: its self-edit prompt, its
     * questions' prompts with the passage in context (the longest), and its own training sequence must each be shorter
     * than the context (the generator refuses a longer prompt; the trainer would read positions the model never learnt).
     */
    void checkContext(Passage p) {
        int context = model.config().maxPositionEmbeddings();
        List<String> tooLong = new ArrayList<>();
        int selfEdit = selfEditPrompt(p).length;
        if (selfEdit >= context) tooLong.add("its self-edit prompt is " + selfEdit + " tokens");
        int inContext = prompts(p, true).stream().mapToInt(x -> x.length).max().orElse(0);
        if (inContext >= context) tooLong.add("its longest question prompt with the passage in context is " + inContext + " tokens");
        int passage = 0;
        for (String seq : SelfEditSequences.build(p.title(), p.context(), "", cfg.inner())) passage = Math.max(passage, tok.encode(seq, false).length);
        if (passage > context) tooLong.add("its training sequence is " + passage + " tokens");
        if (!tooLong.isEmpty()) {
            throw new IllegalArgumentException("passage \"" + p.title() + "\" does not fit the model's context of " + context
                    + " tokens: " + String.join("; ", tooLong));
        }
    }

    private int[] selfEditPrompt(Passage p) {
        return tok.encode(cfg.template().render(p.title(), p.context()), false);
    }

    /** One self-edit sampled from the config's SEAL prompt (temperature and top-p from the config too). */
    public String selfEdit(Passage p, long seed) {
        int[] prompt = selfEditPrompt(p);
        GenerationOptions o = GenerationOptions.sampling(cfg.selfEditTokens(), cfg.temperature(), cfg.topP(), seed).withEos(List.of(eos));
        return new Generator(model, tok).sample(prompt, 1, o, null).get(0).text();
    }

    /** SEAL's inner loop: a fresh LoRA fitted on the self-edit's sequences, then closed-book answers. */
    public List<String> innerLoop(Passage p, String selfEdit, long seed) {
        return innerLoopOn(p, SelfEditSequences.build(p.title(), p.context(), selfEdit, cfg.inner()), seed);
    }

    /** The inner loop on given training sequences (e.g. hand-made ones in a probe), then closed-book answers. */
    public List<String> innerLoopOn(Passage p, List<String> sequences, long seed) {
        InnerLoopSettings s = cfg.inner();
        List<SftExample> data = new ArrayList<>();
        for (String seq : sequences) {
            int[] ids = tok.encode(seq, false);
            if (ids.length >= 2) data.add(SftExample.plain(ids));
        }
        TrainSettings ts = new TrainSettings(s.epochs(), s.batchSize(), 1, s.learningRate(), LrSchedule.parseKind(s.lrSchedule()),
                s.warmupSteps(), s.weightDecay(), s.gradClip(), LossMask.PADDING, true, seed);
        LoraConfig lc = LoraConfig.of(s.loraRank(), s.loraAlpha(), s.loraDropout(), s.targetModules());
        try (LoraAdapter a = LoraAdapter.create("inner-loop", model.linears(), lc, seed, model.manager())) {
            a.attach(model.linears());
            try (Trainer t = new Trainer(TrainableModel.of(model), a.flatParameters(), ts, eos)) {
                t.run(data, null, null);
            }
            a.setTrainable(false);
            return answer(p, false);
        }
    }

    /** Greedy answers to every question of the passage in one batch; the passage is prepended when {@code inContext}. */
    public List<String> answer(Passage p, boolean inContext) {
        List<int[]> prompts = prompts(p, inContext);
        GenerationOptions o = GenerationOptions.greedy(cfg.answerTokens()).withEos(List.of(eos));
        List<String> out = new ArrayList<>();
        for (Generation g : new Generator(model, tok).generate(prompts, o, null)) out.add(firstLine(g.text()));
        return out;
    }

    /** The question prompts of a passage, the passage prepended when {@code inContext}. */
    private List<int[]> prompts(Passage p, boolean inContext) {
        List<int[]> prompts = new ArrayList<>();
        for (Question q : p.questions()) {
            String prompt = PromptTemplates.qaPrompt(p.title(), q.question());
            if (inContext) prompt = p.title() + "\n" + p.context() + "\n\n" + prompt;
            prompts.add(tok.encode(prompt, false));
        }
        return prompts;
    }

    /** The answer is the first non-blank line: the model's continuation after it is not part of the answer. */
    static String firstLine(String text) {
        for (String line : text.split("\n")) if (!line.isBlank()) return line.strip();
        return "";
    }

    static double grade(Grader grader, Passage p, List<String> answers) {
        if (p.questions().isEmpty()) return 0;
        int correct = 0;
        for (int i = 0; i < answers.size(); i++) {
            Question q = p.questions().get(i);
            if (grader.grade(q.question(), q.answer(), answers.get(i)).correct()) correct++;
        }
        return correct / (double) p.questions().size();
    }

    /** Per condition: the mean of per-passage accuracies and its 95 % t interval (main grader, or exact match). */
    public static List<ConditionResult> summarise(List<PassageResult> results, boolean exactMatch) {
        List<ConditionResult> out = new ArrayList<>();
        int n = results.size();
        for (int c = 0; c < CONDITIONS.size(); c++) {
            double[] x = new double[n];
            for (int i = 0; i < n; i++) x[i] = (exactMatch ? results.get(i).exactMatch() : results.get(i).accuracy())[c];
            double[] m = meanCi(x);
            out.add(new ConditionResult(CONDITIONS.get(c), m[0], m[1], m[2], n));
        }
        return out;
    }

    /**
     * The paired difference own self-edit − passage only: the mean over passages of the per-passage difference and
     * its 95 % t interval. Both runs of a passage share LoRA seeds, so this is far tighter than the two rows' intervals.
     */
    public static ConditionResult pairedGain(List<PassageResult> results) {
        int self = CONDITIONS.indexOf(SELF_EDITS), passage = CONDITIONS.indexOf(PASSAGE_ONLY);
        double[] d = new double[results.size()];
        for (int i = 0; i < d.length; i++) d[i] = results.get(i).accuracy()[self] - results.get(i).accuracy()[passage];
        double[] m = meanCi(d);
        return new ConditionResult(PAIRED_GAIN, m[0], m[1], m[2], d.length);
    }

    /** {mean, low, high}: the mean and its 95 % Student-t interval (NaN bounds below 2 values). */
    static double[] meanCi(double[] x) {
        int n = x.length;
        double mean = 0;
        for (double v : x) mean += v;
        mean = n == 0 ? Double.NaN : mean / n;
        double ss = 0;
        for (double v : x) ss += (v - mean) * (v - mean);
        double half = n < 2 ? Double.NaN : StudentT.quantile(0.975, n - 1) * Math.sqrt(ss / (n - 1)) / Math.sqrt(n);
        return new double[] {mean, mean - half, mean + half};
    }
}
