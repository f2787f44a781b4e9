package org.sealworkbench.ui.charts;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class EmaTest {
    @Test
    void debiasedEmaOnAHandComputedSeries() {
        // w = 0.5: last 0.5, 1.25, 2.125; debias by 1 - 0.5^n = 0.5, 0.75, 0.875 -> 1, 5/3, 17/7.
        double[] s = Ema.smooth(new double[] {1, 2, 3}, 0.5);
        assertArrayEquals(new double[] {1, 5 / 3.0, 17 / 7.0}, s, 1e-12);
        // w = 0.9 on a constant series stays constant (the debiasing is what makes the start right).
        assertArrayEquals(new double[] {4, 4, 4, 4}, Ema.smooth(new double[] {4, 4, 4, 4}, 0.9), 1e-12);
    }

    @Test
    void nonFiniteValuesPassThroughAndDoNotAdvance() {
        double[] s = Ema.smooth(new double[] {1, Double.NaN, 2}, 0.5);
        assertEquals(1, s[0], 1e-12);
        assertTrue(Double.isNaN(s[1]));
        assertEquals(5 / 3.0, s[2], 1e-12);
    }

    @Test
    void zeroWeightIsTheSeriesAndWeightOneIsRefused() {
        assertArrayEquals(new double[] {3, 1, 2}, Ema.smooth(new double[] {3, 1, 2}, 0), 0.0);
        assertThrows(IllegalArgumentException.class, () -> Ema.smooth(new double[] {1}, 1.0));
    }
}
