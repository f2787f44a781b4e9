package org.sealworkbench.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sealworkbench.seal.Continual;

/** What a continual job says when it ends: the last step's newest and retention in percent, counted right. */
class ContinualJobMessageTest {
    @Test
    void theLastStepsNewestAndRetentionInPercent() {
        double[][] m = {{0.2, Double.NaN}, {0.0, 0.5}};
        Continual.Result two = new Continual.Result(List.of(4L, 9L), "world-validation.json", List.<double[][]>of(m), m,
                new double[] {0.2, 0.5}, new double[] {Double.NaN, 0.0}, new double[] {Double.NaN, 0.2}, 1, "d");
        assertEquals("2 passages x 1 repeat: newest 50.0 %, retention 0.0 % after the last step",
                ContinualJob.resultMessage(two));
        double[][] one = {{1.0 / 3}};
        Continual.Result single = new Continual.Result(List.of(4L), "f.json", List.<double[][]>of(one, one, one), one,
                new double[] {1.0 / 3}, new double[] {Double.NaN}, new double[] {Double.NaN}, 1, "d");
        assertEquals("1 passage x 3 repeats: newest 33.3 % after the last step", ContinualJob.resultMessage(single));
    }
}
