package org.sealworkbench.jobs;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sealworkbench.util.Progress;

class ProgressMeterTest {
    @Test
    void etaFromRateSoFar() {
        // 10 s for 25% -> 30 s left.
        assertEquals("ETA 30 s", ProgressMeter.eta(10_000_000_000L, 0.25));
        // 60 s for 40% -> 90 s left.
        assertEquals("ETA 1 min 30 s", ProgressMeter.eta(60_000_000_000L, 0.4));
        // 1 h for 20% -> 4 h left.
        assertEquals("ETA 4 h 00 min", ProgressMeter.eta(3_600_000_000_000L, 0.2));
        assertEquals("", ProgressMeter.eta(10_000_000_000L, 0.01), "too little done to estimate");
        assertEquals("", ProgressMeter.eta(100_000_000L, 0.5), "too early to estimate");
        assertEquals("", ProgressMeter.eta(10_000_000_000L, 1.0), "nothing left");
    }

    @Test
    void neverHoldsBackTheFirstOrForcedReports() {
        List<Double> got = new ArrayList<>();
        ProgressMeter p = new ProgressMeter((d, t, m) -> got.add(Progress.fraction(d, t)));
        p.report(0, -1, "start", true);
        p.report(1, 4, "first", false);
        p.report(4, 4, "end", true);
        assertEquals(List.of(-1.0, 0.25, 1.0), got);
    }

    @Test
    void aNoteIsNeverHeldBackAndCarriesNoEta() throws Exception {
        List<String> got = new ArrayList<>();
        ProgressMeter p = new ProgressMeter((d, t, m) -> got.add(m));
        p.report(0, 10, "start", true);
        Thread.sleep(600);                                   // long enough for an ETA
        p.report(5, 10, "half", false);
        p.report(5, 10, Progress.NOTE + "smaller batches to fit memory", false);   // within 100 ms of the last report
        p.report(6, 10, "six", false);                       // an ordinary report that soon is held back
        assertEquals(3, got.size(), got.toString());
        assertTrue(got.get(1).startsWith("half, ETA "), got.get(1));
        assertEquals("note: smaller batches to fit memory", got.get(2));
    }
}
