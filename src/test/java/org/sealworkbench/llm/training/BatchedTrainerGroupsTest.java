package org.sealworkbench.llm.training;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

/** The batched trainer's grouping of rows by length: the cheapest cut, checked against every possible cut. */
class BatchedTrainerGroupsTest {
    @Test
    void oneGroupWhenPaddingIsCheaperThanAnotherPass() {
        assertArrayEquals(new int[] {4}, BatchedTrainer.groupEnds(new int[] {20, 22, 25, 30}, 96));
    }

    @Test
    void aLongRowGetsAGroupOfItsOwnWhenPaddingToItWouldCostMore() {
        // 10 short rows padded to 200 would cost 11 * 200; apart they cost 96 + 10 * 20 and 96 + 200
        int[] lengths = {15, 15, 16, 16, 17, 18, 18, 19, 20, 20, 200};
        assertArrayEquals(new int[] {10, 11}, BatchedTrainer.groupEnds(lengths, 96));
    }

    @Test
    void theCutIsTheCheapestOfAllCuts() {
        SplittableRandom r = new SplittableRandom(5);
        for (int trial = 0; trial < 200; trial++) {
            int n = 1 + r.nextInt(10);
            int[] lengths = r.ints(n, 2, 120).sorted().toArray();
            int cost = r.nextInt(200);
            long got = cost(lengths, BatchedTrainer.groupEnds(lengths, cost), cost);
            long best = Long.MAX_VALUE;
            for (int mask = 0; mask < 1 << (n - 1); mask++) {          // bit i: a cut after row i
                int[] ends = new int[Integer.bitCount(mask) + 1];
                int e = 0;
                for (int i = 0; i < n - 1; i++) if ((mask & 1 << i) != 0) ends[e++] = i + 1;
                ends[e] = n;
                best = Math.min(best, cost(lengths, ends, cost));
            }
            assertEquals(best, got, "lengths " + java.util.Arrays.toString(lengths) + " cost " + cost);
        }
    }

    private static long cost(int[] lengths, int[] ends, int groupCost) {
        long c = 0;
        int from = 0;
        for (int to : ends) {
            assertTrue(to > from, "groups are not empty");
            c += groupCost + (long) (to - from) * lengths[to - 1];
            from = to;
        }
        assertEquals(lengths.length, from, "every row is in a group");
        return c;
    }
}
