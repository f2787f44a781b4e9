package org.sealworkbench.llm;

import static org.junit.jupiter.api.Assertions.*;

import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sealworkbench.app.Offline;
import org.sealworkbench.llm.training.LossMask;
import org.sealworkbench.llm.training.SftBatch;
import org.sealworkbench.llm.training.SftExample;
import org.sealworkbench.llm.training.TokenLoss;
import org.sealworkbench.llm.training.TrainSettings;
import org.sealworkbench.llm.training.Trainer;

/** A sequence set's mean token loss is the trainer's loss on the same ids, however the trainer batches them. */
class TokenLossTest {
    @Test
    void meanTokenLossIsTheTrainersLossOnTheSameIds() {
        Offline.enforce();
        try (NDManager nd = NDManager.newBaseManager()) {
            ToyLm m = new ToyLm(nd, 13, 8, 2);
            List<SftExample> d = TrainerTest.data(4, 13, 7);
            TokenLoss.Result r = TokenLoss.of(m, d, 0, LossMask.PADDING);
            long targets = 0;
            for (SftExample e : d) targets += e.ids().length - 1;
            assertEquals(targets, r.targets(), "every token after the first is a target");
            try (Trainer tr = new Trainer(m, m.parameters(), TrainSettings.defaults(), 0)) {
                List<SftBatch> one = new ArrayList<>();
                for (SftExample e : d) one.add(SftBatch.collate(List.of(e), 0, LossMask.PADDING));
                assertEquals(tr.loss(one), r.meanLoss(), 1e-6);
                // padded into one batch: padding carries no weight, so the mean is the same
                assertEquals(tr.loss(List.of(SftBatch.collate(d, 0, LossMask.PADDING))), r.meanLoss(), 1e-5);
            }
            assertTrue(r.meanLoss() > 0 && Double.isFinite(r.meanLoss()));
            assertTrue(Double.isNaN(TokenLoss.of(m, List.of(), 0, LossMask.PADDING).meanLoss()));
        }
    }
}
