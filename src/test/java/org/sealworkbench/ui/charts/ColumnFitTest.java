package org.sealworkbench.ui.charts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sealworkbench.ui.charts.ColumnFit.Need;

/**
 * How Charts &gt; Runs shares its width. Headings and values as measured under the workbench's theme on the few-shot
 * fixture (run, kind, model, passage/task, condition, settings, grader, score, time, status, started, steps).
 */
class ColumnFitTest {
    private static final double[] HEADINGS = {43, 51, 65, 120, 90, 81, 69, 59, 52, 66, 123, 59};
    private static final double[] VALUES = {40, 89, 83, 96, 330, 104, 72, 90, 63, 52, 145, 27};
    private static final boolean[] FIXED = {true, true, false, false, false, false, true, true, true, true, true, true};

    private static List<Need> needs(boolean rows) {
        List<Need> out = new ArrayList<>();
        for (int i = 0; i < HEADINGS.length; i++) out.add(new Need(HEADINGS[i], rows ? VALUES[i] : 0, FIXED[i]));
        return out;
    }

    @Test
    void withNoRowsEveryColumnIsItsHeadingAndTheRestIsLeftToTheNames() {
        ColumnFit.Fit f = ColumnFit.fit(needs(false), 995, 160);
        assertArrayEquals(HEADINGS, f.widths(), "each column its heading: no value to fit to");
        assertArrayEquals(new boolean[HEADINGS.length], f.headingCut());
        assertTrue(f.total() <= 995);
    }

    @Test
    void theNamesGetTheirHeadingsThenTheirValuesInEqualShares() {
        ColumnFit.Fit f = ColumnFit.fit(needs(true), 1100, 160);
        double fixed = 43 + 89 + 72 + 90 + 63 + 66 + 145 + 59;
        assertEquals(89, f.widths()[1], "kind: its widest value");
        assertEquals(66, f.widths()[9], "status: its heading, wider than 'done'");
        for (int i = 0; i < HEADINGS.length; i++) {
            assertTrue(f.widths()[i] >= HEADINGS[i], "heading " + i + " whole: " + f.widths()[i]);
            assertFalse(f.headingCut()[i]);
        }
        assertEquals(83, f.widths()[2], "model: its widest value, 'seal-tiny', is less than a share");
        assertEquals(104, f.widths()[5], "settings: its widest value");
        assertEquals(120, f.widths()[3], "passage/task: its heading, wider than its values");
        assertEquals(1100 - fixed, f.total() - fixed, 0.01, "the names take all that is left");
        assertEquals(1100 - fixed - 83 - 104 - 120, f.widths()[4], 0.01, "the long condition takes the rest");
        // less room: every heading still whole, the values share what is left over them
        ColumnFit.Fit tight = ColumnFit.fit(needs(true), 1000, 160);
        for (int i = 0; i < HEADINGS.length; i++) assertTrue(tight.widths()[i] >= HEADINGS[i], "heading " + i + " whole");
        assertEquals(1000, tight.total(), 0.01);
    }

    @Test
    void aLongValueOfAFixedColumnIsCutAtTheBound() {
        List<Need> n = List.of(new Need(50, 400, true), new Need(60, 100, false));
        assertEquals(160, ColumnFit.fit(n, 600, 160).widths()[0]);
    }

    @Test
    void whereTheHeadingsCannotAllFitTheLongestIsCutFirst() {
        double fixed = 43 + 89 + 72 + 90 + 63 + 66 + 145 + 59;
        // room for the fixed columns and 340 px: model 65, settings 81 and condition 90 whole, passage/task cut to 104
        ColumnFit.Fit f = ColumnFit.fit(needs(true), fixed + 340, 160);
        assertFalse(f.headingCut()[2] || f.headingCut()[4] || f.headingCut()[5], "model, condition, settings whole");
        assertTrue(f.headingCut()[3], "passage/task, the longest heading, cut");
        assertEquals(104, f.widths()[3], 1);
        assertTrue(f.total() <= fixed + 340);
        // less room: passage/task and condition cut to a common width, then settings; model last
        ColumnFit.Fit g = ColumnFit.fit(needs(true), fixed + 300, 160);
        assertTrue(g.headingCut()[3] && g.headingCut()[4] && !g.headingCut()[2], java.util.Arrays.toString(g.widths()));
        assertEquals(g.widths()[3], g.widths()[4]);
        assertTrue(g.total() <= fixed + 300);
        // never below a few letters
        ColumnFit.Fit h = ColumnFit.fit(needs(true), fixed + 20, 160);
        for (int i : new int[] {2, 3, 4, 5}) assertEquals(ColumnFit.LEAST_NAME, h.widths()[i]);
    }
}
