package org.sealworkbench.ui.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.XYPlot;
import org.junit.jupiter.api.Test;
import org.sealworkbench.jobs.charts.ChartsData.DiversityRound;
import org.sealworkbench.jobs.charts.ChartsData.GainPoint;
import org.sealworkbench.jobs.charts.ChartsData.GainSeries;
import org.sealworkbench.jobs.charts.ChartsData.LearnPoint;
import org.sealworkbench.jobs.charts.ChartsData.RewardPoint;
import org.sealworkbench.jobs.charts.ChartsData.RlRound;
import org.sealworkbench.jobs.charts.ChartsData.Validation;
import org.sealworkbench.ui.rl.RewardRow;

/**
 * Charts' tooltips give rewards and accuracies in percent with one decimal, as the ReST-EM window ("60.0 %") and the
 * reports do (Charts &gt; RL printed "33.33 %").
 */
class ChartTooltipsTest {
    private static String tip(JFreeChart chart, int series, int item) {
        XYPlot p = chart.getXYPlot();
        return p.getRenderer().getDefaultToolTipGenerator().generateToolTip(p.getDataset(), series, item);
    }

    @Test
    void theRlChartsRewardsAndValidationAccuracyArePercentWithOneDecimal() {
        List<RlRound> rounds = List.of(new RlRound(1, 7, "done", "seal-tiny", "round-1", 3, 9, 1 / 3.0, 2 / 3.0));
        List<Validation> validation = List.of(new Validation(1, "round-1", "seal-round:1", "contains", "abc", 0.41666, 0.2, 0.6, 12));
        JFreeChart rl = ChartFactory.rl(rounds, validation);
        assertTrue(tip(rl, 0, 0).startsWith("round 1: mean reward 33.3 % over 3 passages"), tip(rl, 0, 0));
        assertTrue(tip(rl, 1, 0).startsWith("round 1: best-of-k reward 66.7 % over"), tip(rl, 1, 0));
        assertTrue(tip(rl, 2, 0).startsWith("round 1 (round-1): seal-round:1, macro accuracy 41.7 % [20.0, 60.0]"), tip(rl, 2, 0));

        List<RewardPoint> points = List.of(new RewardPoint(1, 10, 100, 1 / 3.0, false, 7),
                new RewardPoint(1, 10, 101, 2 / 3.0, true, 7));
        JFreeChart rewards = ChartFactory.rewards(points, rounds);
        assertEquals("round 1, passage 10, self-edit 100: reward 33.3 %", tip(rewards, 0, 0));
        assertEquals("round 1, passage 10, self-edit 101: reward 66.7 % (best of its passage)", tip(rewards, 1, 0));
        assertEquals("round 1: mean reward 50.0 % over 2 self-edits", tip(rewards, 2, 0));
        assertEquals(RewardRow.percent(2 / 3.0), "66.7 %", "the ReST-EM window's percent is the charts'");
    }

    @Test
    void theOtherChartsOfRlRoundsAndRewardsArePercentWithOneDecimalToo() {
        JFreeChart learn = ChartFactory.learnability(List.of(new LearnPoint(5, 10, org.sealworkbench.jobs.charts.ChartsData.OWN_MODEL, "seal-tiny", 2.0, 40, 1 / 3.0)));
        assertTrue(tip(learn, 0, 0).endsWith("over 40 tokens, reward 33.3 %"), tip(learn, 0, 0));

        JFreeChart gain = ChartFactory.gain(new GainSeries("seal", "passage-only", "contains", "abc",
                List.of(new GainPoint(10, "Owls", 1 / 3.0, 2 / 3.0))));
        assertEquals("Owls (passage 10): before 33.3 %, after 66.7 %, gain +33.3 points (click to open)", tip(gain, 0, 0));

        JFreeChart formats = ChartFactory.formats(List.of(new DiversityRound(1, 3, 0.5, 0.5, 20, 1 / 3.0, 2 / 3.0, 0)));
        CategoryPlot p = formats.getCategoryPlot();
        assertEquals("round 1: Q/A pairs 33.3 % (1 of 3 self-edits)",
                p.getRenderer().getDefaultToolTipGenerator().generateToolTip(p.getDataset(), 0, 0));
    }
}
