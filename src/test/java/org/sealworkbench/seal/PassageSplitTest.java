package org.sealworkbench.seal;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sealworkbench.data.Passage;
import org.sealworkbench.data.Question;
import org.sealworkbench.store.ExperimentLog;

class PassageSplitTest {
    @TempDir Path tmp;

    private static List<Long> add(ExperimentLog log, String label, int n) {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) ids.add(log.addPassage(new Passage(label + i, "c " + label + i, List.of(new Question("q", "a"))), label));
        return ids;
    }

    @Test
    void byPositionValidationFirstThenFreshBlocksPerRound() {
        try (ExperimentLog log = ExperimentLog.open(tmp)) {
            List<Long> ids = add(log, "p.json", 7);
            PassageSplit s = new PassageSplit(3);
            assertEquals(ids.subList(0, 3), s.validationSet(log));
            assertEquals(ids.subList(0, 2), s.validationPassages(log, 2));
            assertEquals(ids.subList(3, 5), s.rlPassages(log, 1, 2));
            assertEquals(ids.subList(5, 7), s.rlPassages(log, 2, 2));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.rlPassages(log, 3, 2));
            assertTrue(e.getMessage().startsWith("RL round 3 needs passages 8 to 9 of the workspace after the 3 validation passages"),
                    e.getMessage());
            assertTrue(e.getMessage().contains("but there are 7;"), e.getMessage());
            // a validation count above the workspace's passages: the message counts the passages there are
            IllegalArgumentException all = assertThrows(IllegalArgumentException.class, () -> new PassageSplit(200).rlPassages(log, 1, 6));
            assertTrue(all.getMessage().contains("needs passages 201 to 206") && all.getMessage().contains(
                    "but there are 7, all of them in the validation set; import more passages, or lower --passages-per-round or the validation count"),
                    all.getMessage());
        }
    }

    @Test
    void byNameRlNeverTouchesTheValidationSet() {
        try (ExperimentLog log = ExperimentLog.open(tmp)) {
            List<Long> rl = add(log, "rl-train.json", 4);
            List<Long> val = add(log, "validation.json", 3);
            assertEquals(List.of("rl-train.json", "validation.json"), log.passageSources());
            PassageSplit s = new PassageSplit(200, "validation.json", "rl-train.json");
            assertEquals(val, s.validationSet(log));
            assertEquals(rl.subList(0, 2), s.rlPassages(log, 1, 2));
            assertEquals(rl.subList(2, 4), s.rlPassages(log, 2, 2));
            assertTrue(assertThrows(IllegalArgumentException.class, () -> s.rlPassages(log, 3, 2)).getMessage()
                    .contains("of the set 'rl-train.json'"));
            // Without an RL set, RL takes every passage outside the validation set.
            assertEquals(rl, new PassageSplit(0, "validation.json", null).rlPool(log));
            // The same set named for both leaves RL nothing.
            assertTrue(new PassageSplit(0, "validation.json", "validation.json").rlPool(log).isEmpty());
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new PassageSplit(0, "val.json", null).validationSet(log));
            assertEquals("no passages imported from 'val.json' in the workspace (known sets: rl-train.json, validation.json)",
                    e.getMessage());
        }
    }
}
