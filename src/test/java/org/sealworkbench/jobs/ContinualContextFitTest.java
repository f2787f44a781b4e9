package org.sealworkbench.jobs;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sealworkbench.data.Passage;
import org.sealworkbench.data.Question;
import org.sealworkbench.llm.TestEngine;
import org.sealworkbench.seal.ContextFit;
import org.sealworkbench.seal.PassageSplit;
import org.sealworkbench.seal.Presets;
import org.sealworkbench.seal.SealSettings;
import org.sealworkbench.store.AuthorKind;
import org.sealworkbench.store.ExperimentLog;
import org.sealworkbench.store.JobRecord;
import org.sealworkbench.store.NewSelfEdit;
import org.sealworkbench.util.CancelToken;

/**
 * Continual self-edits train every step on the single-passage inner loop's sequences, so they meet the inner loop's
 * context check (tiny random Llama, 512 tokens, byte-level): a self-edit whose line is longer than the context, or a
 * passage that is, refuses the whole sequence before any step trains, naming it with its length; the job row ends
 * "refused" (not offered for resume), and what was stored before stays.
 */
class ContinualContextFitTest {
    @TempDir Path tmp;
    Path ws, ckpt;
    long zed, yul, longEdit;
    final SealSettings settings = Presets.sealTinyCpu();

    @BeforeEach
    void setUp() throws Exception {
        TestEngine.setUp();
        ckpt = TestEngine.tinyLlama(tmp.resolve("model"));
        ws = tmp.resolve("ws");
        try (ExperimentLog log = ExperimentLog.open(ws)) {
            zed = log.addPassage(new Passage("Zed", "The capital of Zed is Ora.", List.of(new Question("Capital of Zed?", "Ora"))), "a.json");
            yul = log.addPassage(new Passage("Yul", "Yul is a river.", List.of(new Question("What is Yul?", "a river"))), "a.json");
            long author = log.addModel(ckpt.toString(), "llama", "tinyauthor", null);
            log.addSelfEdit(new NewSelfEdit(zed, "1. Zed's capital is Ora.", AuthorKind.MODEL, author, null, "implications", null,
                    null, "t"));
            // one line of 640 bytes: a training sequence of more than 512 tokens
            longEdit = log.addSelfEdit(new NewSelfEdit(yul, "Yul is a river that runs far. ".repeat(21).strip(), AuthorKind.MODEL,
                    author, null, "implications", null, null, "t"));
        }
    }

    private ContinualRequest request(String source) {
        return new ContinualRequest(ws, ckpt, settings, new PassageSplit(10), 2, 1, source, null);
    }

    @Test
    void aSelfEditLongerThanTheContextRefusesTheSequenceNamingIt() {
        ContextFit.SequencesTooLong e = assertThrows(ContextFit.SequencesTooLong.class,
                () -> Jobs.run(request("self-edits:tinyauthor"), (d, t, m) -> {}, new CancelToken()));
        String name = "passage " + yul + " (\"Yul\"), self-edit #" + longEdit;
        assertEquals(List.of(name), List.copyOf(e.tokens().keySet()), e.getMessage());
        int n = e.tokens().get(name);
        assertTrue(n > 512, "its longest sequence: " + n);
        assertTrue(e.getMessage().contains(name + ": " + n + " tokens"), e.getMessage());
        // the checkpoint is registered as tinyauthor (the self-edits' author): its name in the workspace
        assertTrue(e.getMessage().startsWith("tinyauthor has a context of 512 tokens, which every training sequence of the inner"
                + " loop must fit; 1 of 2 self-edits give a longer one"), e.getMessage());
        try (ExperimentLog log = ExperimentLog.open(ws)) {
            assertEquals(List.of(), log.runs(), "no step trained");
            assertEquals(List.of(), log.experiments(), "no experiment stored for a refused sequence");
            assertEquals(2, log.counts().selfEdits(), "the stored self-edits stay");
            JobRecord job = log.jobs().get(0);
            assertEquals(ContinualRequest.KIND, job.kind());
            assertEquals(Jobs.REFUSED, job.status(), "refused, not failed: the same request is refused again");
            assertEquals(e.getMessage(), job.message());
        }
    }

    @Test
    void aPassageLongerThanTheContextIsRefusedBeforeAnyStepTrains() {
        long velm;
        try (ExperimentLog log = ExperimentLog.open(ws)) {
            velm = log.addPassage(new Passage("Velm", "The harbour of Velm keeps forty boats. ".repeat(15), List.of(new Question("Boats?",
                    "forty"))), "a.json");
        }
        // passage-only: each step trains on its passage alone, and the third one is longer than the context
        ContextFit.SequencesTooLong e = assertThrows(ContextFit.SequencesTooLong.class,
                () -> Jobs.run(new ContinualRequest(ws, ckpt, settings, new PassageSplit(10), 3, 1, "passage-only", null),
                        (d, t, m) -> {}, new CancelToken()));
        String name = "passage " + velm + " (\"Velm\")";
        assertEquals(List.of(name), List.copyOf(e.tokens().keySet()), e.getMessage());
        assertTrue(e.getMessage().contains(name + ": " + e.tokens().get(name) + " tokens") && e.tokens().get(name) > 512,
                e.getMessage());
        try (ExperimentLog log = ExperimentLog.open(ws)) {
            assertEquals(List.of(), log.runs(), "not even the steps before it trained");
            assertEquals(Jobs.REFUSED, log.jobs().get(0).status());
        }
    }
}
