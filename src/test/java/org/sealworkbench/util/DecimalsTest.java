package org.sealworkbench.util;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link Decimals#fixed} writes what {@code String.format("%.Nf")} writes, ties, edges and random values alike. */
class DecimalsTest {
    @Test
    void fixedIsTheFormattersTextForEdgesAndTies() {
        List<Double> values = List.of(0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0.0625, 0.1235,
                0.0005, 0.00049999, 0.001, 0.0015, 2.5, 0.05, 0.25, 0.45, 1.45, 1.0 / 3, 2.0 / 3, 0.999, 0.9995, 0.99949,
                9_999_999.95, 1e7, 1e7 + 0.05, 123_456_789.123, 1e20, 1e-5, -1.25, -0.0005, -12.345, Double.MIN_VALUE,
                Double.MAX_VALUE, 4.35, 1.005, 100.0, 59.95);
        for (double v : values) {
            for (int d = 0; d <= 4; d++) assertEquals(format(v, d), Decimals.fixed(v, d), v + " to " + d + " decimals");
        }
    }

    @Test
    void fixedIsTheFormattersTextForRandomAccuraciesAndDurations() {
        SplittableRandom r = new SplittableRandom(7);
        for (int i = 0; i < 60_000; i++) {
            double v = switch (i % 4) {
                case 0 -> r.nextInt(0, 2000) / (double) r.nextInt(1, 2000);   // an accuracy: correct / answers
                case 1 -> r.nextDouble() * 10_000;                              // seconds
                case 2 -> Math.round(r.nextDouble() * 1e6) / 1e4;                // few digits: ties at the rounded place
                default -> r.nextInt(0, 100_000) / 1000.0 + 0.0005;             // a tie one place further
            };
            assertEquals(format(v, 1), Decimals.fixed(v, 1), "" + v);
            assertEquals(format(v, 3), Decimals.fixed(v, 3), "" + v);
        }
    }

    private static String format(double v, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }
}
