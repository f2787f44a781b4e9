package org.sealworkbench.seal;

import static org.junit.jupiter.api.Assertions.*;

import org.sealworkbench.llm.ComputeDevice;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sealworkbench.llm.model.Linear;
import org.sealworkbench.llm.training.SftExample;
import org.sealworkbench.store.AnswerRecord;
import org.sealworkbench.store.ExperimentLog;
import org.sealworkbench.store.GradeRecord;
import org.sealworkbench.store.NewSelfEdit;
import org.sealworkbench.store.PassageDetail;
import org.sealworkbench.store.RunRecord;
import org.sealworkbench.store.TrainingStepRecord;

/** The inner loop on a tiny random model: what reaches the trainer, what is stored, and that the base model is untouched. */
class InnerLoopTest {
    @TempDir static Path tmp;
    static ExperimentLog log;
    static SealModel model;
    static List<Long> passages;

    @BeforeAll
    static void setUp() throws Exception {
        SealFixtures.engine();
        log = ExperimentLog.open(tmp.resolve("ws"));
        passages = SealFixtures.passages(log, 2);
        model = SealModel.open(SealFixtures.checkpoint(tmp.resolve("m"), 3), log, ComputeDevice.CPU);
    }

    @AfterAll
    static void tearDown() {
        model.close();
        log.close();
    }

    private static InnerLoop loop(SealSettings s) {
        return new InnerLoop(log, model, s, new SealFixtures.ParityGrader());
    }

    private static SealSettings withInner(InnerLoopSettings i) {
        SealSettings s = SealFixtures.settings();
        return new SealSettings(s.preset(), s.generation(), i, s.eval(), s.rl());
    }

    private static InnerLoopSettings inner(int epochs, int batch, int padTo, boolean lossOnPadding) {
        InnerLoopSettings d = SealFixtures.settings().innerLoop();
        TrainingSettings t = d.training();
        return d.withTraining(new TrainingSettings(t.learningRate(), epochs, batch, t.schedule(), t.warmupSteps(), t.weightDecay(),
                t.gradClip())).withSequences(new SequenceRules(padTo, lossOnPadding, d.splitLines(), d.maxSequences()));
    }

    private static final String EDIT = "Implications:\n1. the sky is cola\n2. land zero exists\n3. colours matter";

    @Test
    void everySequenceReachesTheTrainerAndEachStepIsStored() {
        PassageDetail p = log.passage(passages.get(0)).orElseThrow();
        long se = log.addSelfEdit(new NewSelfEdit(p.id(), EDIT, org.sealworkbench.store.AuthorKind.HUMAN_EDIT, null, null, null,
                null, null, "test"));
        // "Implications:" preamble dropped (line 2 starts with "1."), 3 lines + the passage = 4 sequences.
        List<String> seqs = SelfEditSequences.build(p.title(), p.context(), EDIT, SealFixtures.settings().innerLoop());
        assertEquals(4, seqs.size());
        for (int[] eb : new int[][] {{3, 1}, {2, 2}, {1, 3}}) {
            InnerLoop il = loop(withInner(inner(eb[0], eb[1], 0, false)));
            assertEquals(4, il.trainingExamples(p, EDIT).size());
            InnerLoop.Outcome o = il.run(new InnerLoop.Spec(null, p.id(), se, EDIT, "test", 99), () -> false);
            int expected = eb[0] * (int) Math.ceil(4.0 / eb[1]);
            assertEquals(expected, o.steps(), "epochs x ceil(sequences / batch) optimizer steps");
            List<TrainingStepRecord> steps = log.trainingSteps(o.runId());
            assertEquals(expected, steps.size());
            assertEquals(0.0, steps.get(steps.size() - 1).lr(), 1e-12 + 5e-2 / expected, "linear decay towards 0");
            assertTrue(steps.get(0).lr() > steps.get(steps.size() - 1).lr());
            RunRecord run = log.run(o.runId()).orElseThrow();
            assertEquals("done", run.status());
            assertEquals(99, run.seed());
            assertEquals(se, run.selfEditId());
            assertEquals(SealSettings.digestOf(il.settings().toJson()), SealSettings.digestOf(run.settingsJson()));
        }
    }

    @Test
    void tokensAreTheSequencesWithPaddingAsTheSettingsSay() {
        PassageDetail p = log.passage(passages.get(0)).orElseThrow();
        List<String> seqs = SelfEditSequences.build(p.title(), p.context(), EDIT, SealFixtures.settings().innerLoop());
        int eos = model.eosId();
        List<SftExample> plain = loop(withInner(inner(1, 1, 0, false))).trainingExamples(p, EDIT);
        for (int i = 0; i < seqs.size(); i++) assertArrayEquals(model.tokenizer().encode(seqs.get(i), true), plain.get(i).ids());
        // Reference: padded with EOS to the length, labels = inputs; the passage (longer than 22) is cut.
        List<SftExample> padded = loop(withInner(inner(1, 1, 22, true))).trainingExamples(p, EDIT);
        for (int i = 0; i < seqs.size(); i++) {
            int[] ids = padded.get(i).ids();
            assertEquals(22, ids.length);
            int real = Math.min(22, plain.get(i).ids().length);
            for (int t = 0; t < real; t++) assertEquals(plain.get(i).ids()[t], ids[t]);
            for (int t = real; t < 22; t++) assertEquals(eos, ids[t]);
        }
        assertTrue(plain.get(3).ids().length > 22);
        assertEquals(org.sealworkbench.llm.training.LossMask.NONE, loop(withInner(inner(1, 1, 22, true))).trainSettings(1).mask());
        // Masked padding: cut only (right padding would be masked anyway).
        List<SftExample> cut = loop(withInner(inner(1, 1, 22, false))).trainingExamples(p, EDIT);
        boolean someShorter = false;
        for (int i = 0; i < seqs.size(); i++) {
            assertEquals(Math.min(22, plain.get(i).ids().length), cut.get(i).ids().length);
            someShorter |= plain.get(i).ids().length < 22;
        }
        assertTrue(someShorter, "a sequence shorter than the length shows that nothing is padded");
        assertEquals(org.sealworkbench.llm.training.LossMask.PADDING, loop(withInner(inner(1, 1, 22, false))).trainSettings(1).mask());
    }

    @Test
    void adapterIsRemovedAfterwardsAndTheBaseModelIsUnchanged() {
        long[] ids = {1, 40, 41, 42, 43, 44};
        float[] before = SealFixtures.logits(model.model(), ids);
        InnerLoop il = loop(SealFixtures.settings());
        InnerLoop.Outcome o = il.run(new InnerLoop.Spec(null, passages.get(1), null, "", Conditions.PASSAGE_ONLY, 5), () -> false);
        assertArrayEquals(before, SealFixtures.logits(model.model(), ids), "base logits after an inner loop");
        for (Linear l : model.model().linears().values()) assertTrue(l.deltas().isEmpty(), l.name() + " still has an adapter");
        // The adapter did change the model while it was on: the loss went down on the passage.
        List<TrainingStepRecord> steps = log.trainingSteps(o.runId());
        assertTrue(steps.get(steps.size() - 1).loss() < steps.get(0).loss(), "training lowered the loss: " + steps);
    }

    @Test
    void baselineAndAdaptedAnswersAreStoredAndGraded() {
        InnerLoop il = loop(SealFixtures.settings());
        long pid = passages.get(1);
        InnerLoop.Outcome base = il.baseline(null, pid, Conditions.NO_ADAPTATION);
        InnerLoop.Outcome adapted = il.run(new InnerLoop.Spec(null, pid, null, "", Conditions.PASSAGE_ONLY, 8), () -> false);
        for (InnerLoop.Outcome o : List.of(base, adapted)) {
            List<AnswerRecord> answers = log.answersOfRun(o.runId());
            assertEquals(2, answers.size());
            assertEquals(2, o.questions());
            int correct = 0;
            for (AnswerRecord a : answers) {
                List<GradeRecord> g = log.grades(a.id());
                assertEquals(1, g.size());
                assertEquals(SealFixtures.ParityGrader.NAME, g.get(0).grader());
                boolean expect = new SealFixtures.ParityGrader().grade("", "", a.text()).correct();
                assertEquals(expect, Grade.isCorrectVerdict(g.get(0).verdict()));
                if (expect) correct++;
            }
            assertEquals(correct, o.correct());
            assertEquals(correct / 2.0, o.accuracy());
        }
        RunRecord b = log.run(base.runId()).orElseThrow();
        assertEquals(Conditions.NO_ADAPTATION, b.condition());
        assertNull(b.selfEditId());
        assertTrue(log.trainingSteps(base.runId()).isEmpty(), "the baseline trains nothing");
        assertEquals(Conditions.PASSAGE_ONLY, log.answersOfRun(adapted.runId()).get(0).condition());
        // The baseline's answers are the model's own greedy answers to SEAL's QA prompt.
        PassageDetail p = log.passage(pid).orElseThrow();
        List<ClosedBookQa.Answer> direct = ClosedBookQa.answer(model, p.title(), p.questions(), SealFixtures.settings().eval());
        assertEquals(ClosedBookQa.texts(direct), log.answersOfRun(base.runId()).stream().map(AnswerRecord::text).toList());
        // and why each ended, stored beside it
        assertEquals(direct.stream().map(ClosedBookQa.Answer::finish).toList(),
                log.answersOfRun(base.runId()).stream().map(AnswerRecord::finish).toList());
    }

    @Test
    void sameSeedSameRunOtherSeedOtherRun() {
        InnerLoop il = loop(SealFixtures.settings());
        long pid = passages.get(0);
        InnerLoop.Outcome a = il.run(new InnerLoop.Spec(null, pid, null, EDIT, "seeds", 21), () -> false);
        InnerLoop.Outcome b = il.run(new InnerLoop.Spec(null, pid, null, EDIT, "seeds", 21), () -> false);
        InnerLoop.Outcome c = il.run(new InnerLoop.Spec(null, pid, null, EDIT, "seeds", 22), () -> false);
        assertEquals(losses(a), losses(b));
        assertNotEquals(losses(a), losses(c));
    }

    @Test
    void cancelStopsTrainingAndMarksTheRun() {
        InnerLoop il = loop(SealFixtures.settings());
        int[] polls = {0};
        CancellationException e = assertThrows(CancellationException.class,
                () -> il.run(new InnerLoop.Spec(null, passages.get(0), null, EDIT, "cancel", 1), () -> ++polls[0] > 2));
        long runId = log.runs().stream().filter(r -> r.condition().equals("cancel")).findFirst().orElseThrow().id();
        assertEquals("cancelled", log.run(runId).orElseThrow().status(), e.getMessage());
        assertEquals(2, log.trainingSteps(runId).size());
        assertTrue(log.answersOfRun(runId).isEmpty());
        for (Linear l : model.model().linears().values()) assertTrue(l.deltas().isEmpty());
    }

    private static List<Double> losses(InnerLoop.Outcome o) {
        return log.trainingSteps(o.runId()).stream().map(TrainingStepRecord::loss).toList();
    }
}
