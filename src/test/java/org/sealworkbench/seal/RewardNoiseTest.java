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
