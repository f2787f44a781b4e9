package org.sealworkbench.seal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sealworkbench.data.Passage;
import org.sealworkbench.data.Question;
import org.sealworkbench.llm.ComputeDevice;
import org.sealworkbench.store.ExperimentLog;
import org.sealworkbench.store.PassageDetail;

/**
 * The inner loop's training sequences against the model's context (seal-tiny, 512 tokens): a passage, or a self-edit's
 * line, longer than the context is refused before anything trains, naming it with its length; repeats of one self-edit
 * count once; the padding rule decides the length the trainer sees.
 */
class ContextFitTest {
    @TempDir static Path tmp;
    static ExperimentLog log;
    static SealModel model;
    static long shortPassage, longPassage;

    private static final String LONG = "The harbour of Velm keeps forty boats and a lighthouse. ".repeat(70);

    @BeforeAll
    static void setUp() {
        org.sealworkbench.app.Offline.enforce();
        log = ExperimentLog.open(tmp.resolve("ws"));
        shortPassage = log.addPassage(new Passage("Lamp", "The lamp is green.", List.of(new Question("Lamp?", "green"))), "t");
        longPassage = log.addPassage(new Passage("Velm", LONG, List.of(new Question("Boats?", "forty"))), "t");
        model = SealModel.open(Path.of("assets/models/seal-tiny"), log, ComputeDevice.CPU);
    }

    @AfterAll
    static void tearDown() {
        model.close();
        log.close();
    }

    private static InnerLoop inner() {
        return new InnerLoop(log, model, Presets.sealTinyCpu(), new ContainsGrader());
    }

    @Test
    void aPassageLongerThanTheContextIsRefusedWithItsLength() {
        inner().checkPassages(List.of(shortPassage));   // fits: nothing thrown
        ContextFit.SequencesTooLong e = assertThrows(ContextFit.SequencesTooLong.class,
                () -> inner().checkPassages(List.of(shortPassage, longPassage, longPassage)));
        int n = e.tokens().get("passage " + longPassage + " (\"Velm\")");
        assertEquals(model.tokenizer().encode("Velm\n" + LONG.strip(), true).length, n, "the sequence the trainer would see");
        assertEquals("1 of 2 passages are longer than seal-tiny's 512-token context as training sequences (longest " + n
                + " tokens).", e.summary());
    }

    @Test
    void aSelfEditLineLongerThanTheContextIsRefusedOnceForAllItsRepeats() {
        String oneLongLine = "The harbour keeps forty boats, a lighthouse, a mill and a school, and so on. ".repeat(40);
        List<InnerLoop.Spec> specs = List.of(
                new InnerLoop.Spec(null, shortPassage, 7L, "1. The lamp is green.", Conditions.selfEdit(7), 1),
                new InnerLoop.Spec(null, shortPassage, 8L, oneLongLine, Conditions.selfEdit(8), 1),
                new InnerLoop.Spec(null, shortPassage, 8L, oneLongLine, Conditions.selfEdit(8), 2));
        inner().checkFits(specs.subList(0, 1));
        ContextFit.SequencesTooLong e = assertThrows(ContextFit.SequencesTooLong.class, () -> inner().checkFits(specs));
        int n = e.tokens().get("passage " + shortPassage + " (\"Lamp\"), self-edit #8");
        assertTrue(n > 512, "" + n);
        assertEquals("seal-tiny has a context of 512 tokens, which every training sequence of the inner loop must fit; 1 of 2"
                + " self-edits give a longer one (the longest of each): passage " + shortPassage + " (\"Lamp\"), self-edit #8: "
                + n + " tokens. Use a model with a longer context, or self-edits with shorter lines", e.getMessage());
        assertEquals(0, log.runs().size(), "nothing trained");
        // StoredRuns.orRunAll checks before its first batch
        assertThrows(ContextFit.SequencesTooLong.class,
                () -> new StoredRuns(log).orRunAll(inner(), specs, 2, () -> false, StoredRuns.Batches.NONE));
        assertEquals(0, log.runs().size(), "nothing trained");
    }

    @Test
    void thePaddingRuleGivesTheLengthTheTrainerSees() {
        InnerLoopSettings plain = Presets.sealTinyCpu().innerLoop();
        assertEquals(700, ContextFit.asTrained(700, plain.withSequences(new SequenceRules(0, false, true, 30))));
        assertEquals(256, ContextFit.asTrained(700, plain.withSequences(new SequenceRules(256, false, true, 30))), "cut");
        assertEquals(100, ContextFit.asTrained(100, plain.withSequences(new SequenceRules(256, false, true, 30))));
        assertEquals(256, ContextFit.asTrained(100, plain.withSequences(new SequenceRules(256, true, true, 30))), "padded");
        PassageDetail p = log.passage(longPassage).orElseThrow();
        // cut to 256 the long passage fits, and is not refused
        ContextFit.checkPassages("seal-tiny", model.tokenizer(), 512, plain.withSequences(new SequenceRules(256, false, true, 30)),
                List.of(p));
    }

    @Test
    void passagesAreNamedByIdAndTitle() {
        assertEquals("passage 4 (\"Lamp\")", ContextFit.name(new PassageDetail(4, " Lamp ", "x", List.of())));
        assertEquals("passage 5 (untitled)", ContextFit.name(new PassageDetail(5, "", "x", List.of())));
    }
}
