package org.sealworkbench.llm;

import org.sealworkbench.llm.lora.LoraAdapter;
import org.sealworkbench.llm.lora.LoraConfig;
import org.sealworkbench.llm.lora.StackedLora;
import org.sealworkbench.llm.model.LlamaModel;
import org.sealworkbench.llm.model.ModelShapes;
import org.sealworkbench.llm.training.BatchedTrainer;
import org.sealworkbench.llm.training.LossMask;
import org.sealworkbench.llm.training.LrSchedule;
import org.sealworkbench.llm.training.SftExample;
import org.sealworkbench.llm.training.StepInfo;
import org.sealworkbench.llm.training.TrainResult;
import org.sealworkbench.llm.training.TrainSettings;
import org.sealworkbench.llm.training.TrainableModel;
import org.sealworkbench.llm.training.Trainer;

import org.sealworkbench.llm.generation.Generation;
import org.sealworkbench.llm.generation.GenerationOptions;
import org.sealworkbench.llm.generation.Generator;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Many adapters in one batch (issue 19 part 2) against the one-at-a-time trainer: the same seeds, data sets of different
 * sizes and lengths (so adapters finish at different steps and are masked out while others train), and every step's
 * loss, learning rate and gradient norm, and the final weights, must agree.
 */
class BatchedTrainerTest {
    private static final long[] SEEDS = {11, 22, 33};
    /** Two prompts per adapter, of different lengths; 8 greedy tokens each (no EOS id can stop them). */
    private static final List<List<int[]>> PROMPTS = List.of(List.of(new int[] {5, 9, 13}, new int[] {7}),
            List.of(new int[] {5, 9, 13}, new int[] {20, 21, 22, 23, 24}), List.of(new int[] {5, 9}, new int[] {30, 31, 40, 41}));
    private static final GenerationOptions GREEDY = GenerationOptions.greedy(8).withEos(List.of(-1));

    private static List<List<SftExample>> data() {
        // 2, 3 and 5 sequences of 3..7 tokens: with 2 epochs at batch 1, 4, 6 and 10 optimizer steps
        return List.of(TrainerTest.data(2, 64, 101), TrainerTest.data(3, 64, 202), TrainerTest.data(5, 64, 303));
    }

    private static void agree(LoraConfig cfg, List<TrainSettings> settings) {
        TestEngine.setUp();
        List<List<SftExample>> data = data();
        try (NDManager nd = NDManager.newBaseManager(); LlamaModel m = LlamaModel.random(ModelShapes.of("qwen2", "tiny", 64), 2, nd)) {
            List<TrainResult> alone = new ArrayList<>();
            List<Map<String, float[]>> aloneWeights = new ArrayList<>();
            List<String> aloneTokens = new ArrayList<>(), batchedTokens = new ArrayList<>(), mixedTokens = new ArrayList<>();
            List<Integer> mixedExpected = new ArrayList<>();
            List<int[]> aloneRaw = new ArrayList<>();
            List<String> endedTokens = new ArrayList<>(), endedExpected = new ArrayList<>();
            for (int k = 0; k < SEEDS.length; k++) {
                try (LoraAdapter a = LoraAdapter.create("alone-" + k, m.linears(), cfg, SEEDS[k], nd)) {
                    a.attach(m.linears());
                    try (Trainer tr = new Trainer(TrainableModel.of(m), a.parameters(), settings.get(k), 0)) {
                        alone.add(tr.run(data.get(k), null, null));
                    }
                    a.setTrainable(false);
                    for (Generation g : new Generator(m, null).generate(PROMPTS.get(k), GREEDY, null)) {
                        aloneTokens.add(Arrays.toString(g.tokens()));
                        aloneRaw.add(g.tokens());
                    }
                    Map<String, float[]> w = new java.util.LinkedHashMap<>();
                    for (var e : a.parameters().entrySet()) w.put(e.getKey(), e.getValue().toFloatArray());
                    aloneWeights.add(w);
                }
            }
            List<TrainResult> batched;
            List<Map<String, float[]>> batchedWeights = new ArrayList<>();
            try (StackedLora s = StackedLora.create(m.linears(), cfg, SEEDS, nd)) {
                s.attach(m.linears());
                try (BatchedTrainer bt = new BatchedTrainer(TrainableModel.of(m), s, settings, 0)) {
                    batched = bt.run(data, null);
                }
                for (int k = 0; k < SEEDS.length; k++) batchedWeights.add(s.adapterWeights(k));
                // every adapter's prompts (of different lengths) decoded in one batch, each row with its own adapter
                List<int[]> prompts = new ArrayList<>();
                List<Integer> rows = new ArrayList<>();
                for (int k = 0; k < SEEDS.length; k++) for (int[] p : PROMPTS.get(k)) { prompts.add(p); rows.add(k); }
                s.setRows(rows.stream().mapToInt(Integer::intValue).toArray());
                for (Generation g : new Generator(m, null).generate(prompts, GREEDY, null)) batchedTokens.add(Arrays.toString(g.tokens()));
                // rows out of adapter order, and adapters with unequal row counts (the stack gathers and scatters rows)
                int[][] mixed = {{2, 1}, {0, 0}, {1, 1}, {0, 1}, {2, 0}};
                List<int[]> mixedPrompts = new ArrayList<>();
                int[] mixedRows = new int[mixed.length];
                for (int i = 0; i < mixed.length; i++) {
                    mixedPrompts.add(PROMPTS.get(mixed[i][0]).get(mixed[i][1]));
                    mixedRows[i] = mixed[i][0];
                }
                s.setRows(mixedRows);
                List<Generation> gens = new Generator(m, null).generate(mixedPrompts, GREEDY, null);
                for (int i = 0; i < mixed.length; i++) {
                    mixedTokens.add(Arrays.toString(gens.get(i).tokens()));
                    mixedExpected.add(mixed[i][0] * 2 + mixed[i][1]);
                }
                // rows that end early leave the batch (the generator keeps the rows still going, and the stack follows
                // them): end tokens that all rows but the last two meet and those two never do; each row must stop
                // where it first meets one
                List<Integer> ends = endTokens(aloneRaw);
                for (int[] t : aloneRaw) {
                    int cut = t.length;
                    for (int j = 0; j < t.length; j++) if (ends.contains(t[j])) { cut = j + 1; break; }
                    endedExpected.add(Arrays.toString(Arrays.copyOf(t, cut)));
                }
                s.setRows(rows.stream().mapToInt(Integer::intValue).toArray());
                for (Generation g : new Generator(m, null).generate(prompts, GenerationOptions.greedy(8).withEos(ends), null)) {
                    endedTokens.add(Arrays.toString(g.tokens()));
                }
            }
            assertEquals(List.of(), m.linears().values().stream().filter(l -> !l.deltas().isEmpty()).map(l -> l.name()).toList(),
                    "the stack is detached when closed");
            for (int k = 0; k < SEEDS.length; k++) {
                List<StepInfo> a = alone.get(k).steps(), b = batched.get(k).steps();
                assertEquals(a.size(), b.size(), "adapter " + k + ": its own number of steps");
                assertEquals(alone.get(k).totalSteps(), batched.get(k).totalSteps());
                for (int i = 0; i < a.size(); i++) {
                    String where = "adapter " + k + " step " + (i + 1) + ": alone " + a.get(i) + ", batched " + b.get(i);
                    assertEquals(a.get(i).step(), b.get(i).step(), where);
                    assertEquals(a.get(i).lr(), b.get(i).lr(), 1e-12, where);
                    assertEquals(a.get(i).loss(), b.get(i).loss(), 1e-4 * Math.abs(a.get(i).loss()), where);
                    assertEquals(a.get(i).gradNorm(), b.get(i).gradNorm(), 1e-4 * a.get(i).gradNorm() + 1e-7, where);
                }
                for (var e : aloneWeights.get(k).entrySet()) {
                    float[] x = e.getValue(), y = batchedWeights.get(k).get(e.getKey());
                    assertNotNull(y, e.getKey());
                    for (int i = 0; i < x.length; i++) {
                        assertEquals(x[i], y[i], 1e-5 + 1e-4 * Math.abs(x[i]), "adapter " + k + " " + e.getKey() + "[" + i + "]");
                    }
                }
            }
            assertEquals(aloneTokens, batchedTokens, "greedy tokens of each adapter alone, and all in one batch");
            assertEquals(endedExpected, endedTokens, "rows that ended left the batch; the others went on with their own adapters");
            assertTrue(endedExpected.stream().filter(t -> t.split(",").length < 8).count() * 2 >= endedExpected.size(),
                    "at least half the rows ended early, so the batch shrank: " + endedExpected);
            assertEquals(mixedExpected.stream().map(aloneTokens::get).toList(), mixedTokens,
                    "greedy tokens with the rows out of adapter order and 1 or 2 rows per adapter");
            assertTrue(aloneTokens.stream().distinct().count() > 1, "the rows differ: " + aloneTokens);
            // the adapters really trained apart: adapter 0 (4 steps) and adapter 2 (10 steps) ended with different losses
            assertNotEquals(batched.get(0).lastLoss(), batched.get(2).lastLoss());
        }
    }

    /** Every token of the rows but the last two that the last two rows never make. */
    private static List<Integer> endTokens(List<int[]> rows) {
        java.util.Set<Integer> last = new java.util.HashSet<>();
        for (int[] r : rows.subList(rows.size() - 2, rows.size())) for (int t : r) last.add(t);
        java.util.Set<Integer> out = new java.util.TreeSet<>();
        for (int[] r : rows.subList(0, rows.size() - 2)) for (int t : r) if (!last.contains(t)) out.add(t);
        return List.copyOf(out);
    }

    private static List<TrainSettings> each(TrainSettings base) {
        List<TrainSettings> out = new ArrayList<>();
        for (long s : SEEDS) out.add(base.withSeed(s, true));
        return out;
    }

    @Test
    void threeAdaptersOfDifferentLengthsTrainAsTheyWouldAlone() {
        TrainSettings s = TrainSettings.defaults().withEpochs(2).withBatch(1, 1).withLr(5e-3, LrSchedule.Kind.LINEAR, 0)
                .withWeightDecay(0.01).withMask(LossMask.PADDING);
        agree(LoraConfig.of(4, 8, 0.0, List.of("q_proj", "v_proj")), each(s));
    }

    @Test
    void microBatchesAccumulationClippingAndWarmupPerAdapter() {
        // batch 2 x 2 micro-batches, clipping that bites (max norm 0.05), cosine with a warmup step, prompt masked;
        // and a different learning rate per adapter
        TrainSettings s = TrainSettings.defaults().withEpochs(3).withBatch(2, 2).withLr(1e-2, LrSchedule.Kind.COSINE, 1)
                .withMaxGradNorm(0.05).withMask(LossMask.PROMPT);
        List<TrainSettings> per = new ArrayList<>(each(s));
        per.set(1, per.get(1).withLr(3e-3, LrSchedule.Kind.LINEAR, 0));
        agree(LoraConfig.of(4, 8, 0.0, LoraConfig.ALL_PROJECTIONS), per);
    }
}
