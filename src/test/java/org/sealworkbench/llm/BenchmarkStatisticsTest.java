package org.sealworkbench.llm;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

import java.util.List;

/** The statistics the bench compares with torch_peer.py's (medians of step times). */
class BenchmarkStatisticsTest {
    @Test
    void medianOfOddAndEvenCountsAndNoneAtAll() {
        assertEquals(3.0, Benchmark.median(new double[] {5, 1, 3}));
        assertEquals(2.5, Benchmark.median(new double[] {4, 1, 3, 2}));
        assertTrue(Double.isNaN(Benchmark.median(new double[0])));
    }

    @Test
    void decodeStepsAreTheGapsBetweenCallbacksLeavingOutThePrefillsEnd() {
        long ms = 1_000_000L;
        // callbacks: first token (after prefill), then steps of 50 (left out), 20, 10, 60 ms
        List<Long> ends = List.of(0L, 50 * ms, 70 * ms, 80 * ms, 140 * ms);
        assertEquals(0.020, Benchmark.medianGapSeconds(ends), 1e-12);
        assertTrue(Double.isNaN(Benchmark.medianGapSeconds(List.of(0L, 5 * ms))), "one gap, the prefill's: no step");
    }
}
