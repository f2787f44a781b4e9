package org.sealworkbench.seal;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sealworkbench.llm.ComputeDevice;
import org.sealworkbench.llm.training.SftBatch;
import org.sealworkbench.llm.training.SftExample;
import org.sealworkbench.llm.training.TrainableModel;
import org.sealworkbench.llm.training.Trainer;
import org.sealworkbench.store.ExperimentLog;
import org.sealworkbench.store.NewSelfEdit;
import org.sealworkbench.store.PassageDetail;
import org.sealworkbench.store.PerplexityRecord;
import org.sealworkbench.util.Progress;

/** A self-edit's stored perplexity is the trainer's loss, before any step, on the inner loop's sequences of it. */
class LearnabilityTest {
    @TempDir Path tmp;

    @Test
    void perplexityIsTheTrainersMeanTokenLossOnTheSameIds() throws Exception {
        SealFixtures.engine();
        Path ckpt = SealFixtures.checkpoint(tmp.resolve("base"), 3);
        SealSettings settings = SealFixtures.settings();
        String text = "Owls hunt at night.\nThey eat mice and voles.\n1. Owls fly quietly.";
        try (ExperimentLog log = ExperimentLog.open(tmp.resolve("ws"))) {
            long pid = SealFixtures.passages(log, 1).get(0);
            long modelId;
            try (SealModel m = SealModel.open(ckpt, log, ComputeDevice.CPU)) {
                modelId = m.modelId();
            }
            long se = log.addSelfEdit(NewSelfEdit.byModel(pid, text, modelId, "t", "p", "{}"));
            long gone = log.addModel(tmp.resolve("nowhere").toString(), "llama", "gone", null);
            long other = log.addSelfEdit(NewSelfEdit.byModel(pid, "another edit", gone, "t", "p", "{}"));
            log.startRun(null, modelId, pid, se, "self-edits of base", settings.toJson(), 1);
            log.startRun(null, gone, pid, other, "self-edits of gone", settings.toJson(), 1);

            Learnability.Summary s = Learnability.compute(log, ComputeDevice.CPU, Progress.none(), () -> false);
            assertEquals(1, s.computed());
            assertEquals(1, s.skipped());
            assertTrue(s.problems().get(0).contains("nowhere") && s.problems().get(0).contains("gone"), s.problems().toString());
            List<PerplexityRecord> stored = log.perplexities();
            assertEquals(1, stored.size());
            PerplexityRecord p = stored.get(0);
            assertEquals(se, p.selfEditId());
            assertEquals(modelId, p.modelId());
            assertEquals(settings.digest(), p.settingsDigest());

            try (SealModel m = SealModel.open(ckpt, log, ComputeDevice.CPU)) {
                PassageDetail passage = log.passage(pid).orElseThrow();
                InnerLoop inner = new InnerLoop(log, m, settings, null);
                List<SftExample> all = inner.trainingExamples(passage, text);
                List<SftExample> ofEdit = all.subList(0, all.size() - 1);
                assertTrue(ofEdit.size() >= 2, "the self-edit's lines, without the passage's own sequence");
                List<SftBatch> batches = new ArrayList<>();
                long targets = 0;
                for (SftExample e : ofEdit) {
                    batches.add(SftBatch.collate(List.of(e), m.eosId(), inner.trainSettings(0).mask()));
                    targets += e.ids().length - 1;
                }
                try (Trainer tr = new Trainer(TrainableModel.of(m.model()), m.model().parameters(), inner.trainSettings(1), m.eosId())) {
                    assertEquals(tr.loss(batches), p.meanTokenLoss(), 1e-5);
                }
                assertEquals(targets, p.tokens());
            }
            Learnability.Summary again = Learnability.compute(log, ComputeDevice.CPU, Progress.none(), () -> false);
            assertEquals(0, again.computed());
            assertEquals(1, again.reused(), "a stored pair is not scored again");
        }
    }
}
