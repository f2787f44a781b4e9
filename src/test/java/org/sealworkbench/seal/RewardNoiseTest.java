package org.sealworkbench.seal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class RewardNoiseTest {
    @Test
    void repeatsThatRankTheSelfEditsAlikeCorrelateAndAgreeOnTheTopOne() {
        double[][] a = {{0.2, 0.2}, {0.8, 0.6}, {0.4, 0.4}};
        double[][] b = {{0.0, 0.2}, {0.6, 0.8}, {1.0, 1.0}};
        RewardNoise n = RewardNoise.of(List.of(a, b));
        assertEquals(6, n.selfEdits());
        assertEquals(2, n.passages());
        assertEquals(1.0, n.agreement(), 1e-12);
        // Pearson of x = (.2,.8,.4,0,.6,1) and y = (.2,.6,.4,.2,.8,1), worked out with numpy: 0.9165
        assertEquals(0.9165, n.correlation(), 1e-3);
        // Within passages (each passage's mean out of each repeat), worked out with numpy: 0.98058; Spearman-Brown for
        // the mean of 2: 2r / (1 + r) = 0.99020.
        assertEquals(0.98058, n.withinPassage(), 1e-4);
        assertEquals(2, n.repeats());
        assertEquals(0.99020, n.reliability(), 1e-4);
    }

    @Test
    void easierPassagesDoNotPassForAReliableReward() {
        // Two passages, one easy and one hard; within each, the repeats rank the self-edits in opposite orders.
        double[][] easy = {{0.9, 0.7}, {0.7, 0.9}};
        double[][] hard = {{0.2, 0.0}, {0.0, 0.2}};
        RewardNoise n = RewardNoise.of(List.of(easy, hard));
        assertTrue(n.correlation() > 0.7, "pooled, the passages' difficulty dominates: " + n.correlation());
        assertEquals(-1.0, n.withinPassage(), 1e-12);
        assertEquals(0.0, n.reliability(), 1e-12, "no positive within-passage correlation: no reliability");
    }

    @Test
    void withinPassageCorrelationAveragesEveryPairOfRepeats() {
        // One passage, 3 self-edits x 3 repeats; pairs (1,2), (1,3), (2,3) correlate -0.5, 0.5, 0.5 (numpy), mean 1/6;
        // Spearman-Brown for 3: 3r / (1 + 2r) = 0.375.
        double[][] p = {{0.2, 0.4, 0.0}, {0.6, 0.2, 0.4}, {0.4, 0.6, 0.8}};
        RewardNoise n = RewardNoise.of(List.<double[][]>of(p));
        assertEquals(3, n.repeats());
        assertEquals(1.0 / 6, n.withinPassage(), 1e-9);
        assertEquals(0.375, n.reliability(), 1e-9);
    }

    @Test
    void aRankingThatFlipsBetweenRepeatsDisagrees() {
        double[][] a = {{1.0, 0.0}, {0.0, 1.0}};
        double[][] b = {{0.5, 0.5}, {0.0, 0.5}};   // a tie on repeat 2: the earliest wins, as in the selection
        RewardNoise n = RewardNoise.of(List.of(a, b));
        assertEquals(0.5, n.agreement(), 1e-12);
        assertTrue(n.correlation() < 0, "repeat 1 and 2 disagree on passage a: " + n.correlation());
    }

    @Test
    void oneRepeatSaysNothing() {
        assertNull(RewardNoise.of(List.<double[][]>of(new double[][] {{0.4}, {0.6}})));
        assertTrue(Double.isNaN(RewardNoise.of(List.<double[][]>of(new double[][] {{0.4, 0.4}, {0.4, 0.4}})).correlation()));
    }
}
