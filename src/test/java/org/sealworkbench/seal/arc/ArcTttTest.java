package org.sealworkbench.seal.arc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sealworkbench.data.arc.ArcTask;
import org.sealworkbench.data.arc.ArcTaskReader;
import org.sealworkbench.llm.ComputeDevice;
import org.sealworkbench.llm.TestEngine;
import org.sealworkbench.llm.model.LlamaModel;
import org.sealworkbench.llm.tokenizer.Tokenizer;
import org.sealworkbench.llm.training.SftExample;
import org.sealworkbench.seal.SealModel;

/** The few-shot inner loop on the bundled seal-tiny and one of SEAL's own ARC tasks (6150a2bd: 3x3, rotate 180). */
class ArcTttTest {
    private static final Path MODEL = Path.of("assets/models/seal-tiny");
    private static SealModel model;
    private static ArcTask task;

    @BeforeAll
    static void open() throws Exception {
        TestEngine.setUp();
        model = new SealModel(LlamaModel.load(MODEL, ComputeDevice.CPU), Tokenizer.load(MODEL), 0, "seal-tiny", MODEL);
        task = ArcTaskReader.read(Path.of("sample-data/arc/arc-agi_training_challenges_filtered_1B_training_set.json"),
                Path.of("sample-data/arc/arc-agi_training_solutions_filtered_1B_training_set.json")).stream()
                .filter(t -> t.name().equals("6150a2bd")).findFirst().orElseThrow();
    }

    @AfterAll
    static void close() {
        model.close();
    }

    private static TttConfig config(int epochs) {
        return TttConfig.of(true, false, false, false, TttConfig.Strategy.OUTPUT_TOKENS, 1e-3, epochs);
    }

    @Test
    void trainsOnCappedAugmentedTextsThenVotesOverEveryTestTimeAugmentation() {
        ArcSettings s = ArcSettings.tinyCpu().withMaxExamples(6);
        ArcTtt ttt = new ArcTtt(model, s);
        int[] probe = ttt.promptIds(task);
        float[] before = model.model().logitsOf(probe);

        ArcTtt.Result r = ttt.run(task, config(1), null, () -> false);

        assertTrue(r.trained(), r.notTrained());
        assertEquals(6, r.texts(), "the 11 basic augmentations of 2 leave-one-out tasks, capped at 6");
        assertEquals(3, r.steps(), "6 texts at batch 2 for one epoch");
        assertTrue(Double.isFinite(r.lastLoss()));
        int expectedPrompts = TestTimeAugmentation.forPrediction(task, s.predictLeaveN(), s.predictPermuteN(),
                s.seed()).size();
        assertEquals(expectedPrompts, r.prompts(), "every test-time task of a 3x3 task fits seal-tiny's context");
        assertEquals(r.prompts(), r.answers().size());
        assertTrue(r.readable() <= r.prompts());
        assertNotNull(r.solved(), "the task's solution is known");
        if (r.readable() == 0) {
            assertEquals(null, r.attempt1());
        }
        // the adapter is gone once the run ends
        assertArrayEquals(before, model.model().logitsOf(probe), 0f);
    }

    @Test
    void moreStepsThanTheCapTrainNothingButStillPredict() {
        ArcTtt ttt = new ArcTtt(model, ArcSettings.tinyCpu().withMaxExamples(6));
        ArcTtt.Result r = ttt.run(task, config(126), null, () -> false); // 126 x 6 / 2 = 378 > 375
        assertFalse(r.trained());
        assertTrue(r.notTrained().contains("375"), r.notTrained());
        assertEquals(0, r.steps());
        assertTrue(r.prompts() > 0);
    }

    @Test
    void theStepCapIsSealsEpochsTimesTextsOverTwo() {
        ArcSettings s = ArcSettings.reference();
        assertEquals("", ArcTtt.whyNotTrained(config(3), 250, 0, 512, s), "3 x 250 / 2 = 375 trains");
        assertTrue(ArcTtt.whyNotTrained(config(4), 188, 0, 512, s).contains("exceed 375"), "4 x 188 / 2 = 376");
        assertEquals("", ArcTtt.whyNotTrained(config(1), 751, 0, 512, s), "751 / 2 = 375 in integers");
        assertTrue(ArcTtt.whyNotTrained(config(0), 10, 0, 512, s).contains("0 epochs"));
        assertTrue(ArcTtt.whyNotTrained(config(2), 0, 3, 512, s).contains("longer than the context (512"));
        assertTrue(ArcTtt.whyNotTrained(TttConfig.of(true, false, false, false, TttConfig.Strategy.ALL_TOKENS, 0, 2),
                10, 0, 512, s).contains("learning rate 0"));
    }

    @Test
    void aTrainingTextIsThePromptThenTheAnswerThenEos() {
        ArcTtt ttt = new ArcTtt(model, ArcSettings.tinyCpu());
        SftExample e = ttt.example(task);
        int[] prompt = ttt.promptIds(task);
        assertEquals(prompt.length, e.promptLength());
        assertArrayEquals(prompt, java.util.Arrays.copyOf(e.ids(), prompt.length));
        assertEquals(model.eosId(), e.ids()[e.ids().length - 1]);
        String answer = model.tokenizer().decode(java.util.Arrays.copyOfRange(e.ids(), prompt.length,
                e.ids().length - 1));
        assertEquals(ArcFormat.answer(task), answer);
    }

    @Test
    void theBaselinePredictsWithoutTraining() {
        ArcTtt.Result r = new ArcTtt(model, ArcSettings.tinyCpu()).run(task, null, null, () -> false);
        assertFalse(r.trained());
        assertEquals(0, r.texts());
        assertEquals(0, r.steps());
        assertTrue(r.prompts() > 0);
        // why each answer ended, in their order: how the generation stopped, and the limit when one cut it
        assertEquals(r.answers().size(), r.answerEndings().size());
        java.util.Set<String> finishes = java.util.Set.of("eos", "stop_string", "max_tokens", "context");
        for (org.sealworkbench.seal.Ending.Stored e : r.answerEndings()) {
            assertTrue(finishes.contains(e.finish()), e.finish());
            boolean cut = e.finish().equals("max_tokens") || e.finish().equals("context");
            assertEquals(cut, e.limit() != null && e.limit() > 0, e.toString());
        }
    }
}
