package org.sealworkbench.llm.generation;

import org.sealworkbench.llm.generation.Sampler;

import static org.junit.jupiter.api.Assertions.*;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Sampling warpers on hand-computed distributions. */
class SamplerTest {
    // softmax of [ln4, ln2, ln1, ln1] = [4,2,1,1]/8 = [.5, .25, .125, .125]
    private static final float[] L = {(float) Math.log(4), (float) Math.log(2), 0f, 0f};

    @Test
    void plainSoftmaxAtTemperatureOne() {
        assertArrayEquals(new double[] {0.5, 0.25, 0.125, 0.125}, Sampler.distribution(L, 0, 4, 1, 0, 1), 1e-7);
    }

    @Test
    void temperatureFlattens() {
        // T=2: proportional to sqrt([4,2,1,1]) = [2, 1.41421, 1, 1], sum 5.41421
        assertArrayEquals(new double[] {0.369398, 0.261204, 0.184699, 0.184699}, Sampler.distribution(L, 0, 4, 2, 0, 1), 1e-6);
    }

    @Test
    void topKKeepsTheKHighestAndTies() {
        assertArrayEquals(new double[] {2 / 3.0, 1 / 3.0, 0, 0}, Sampler.distribution(L, 0, 4, 1, 2, 1), 1e-7);
        // k=3: the third and fourth tie, so both stay: [4,2,1,1]/8 unchanged
        assertArrayEquals(new double[] {0.5, 0.25, 0.125, 0.125}, Sampler.distribution(L, 0, 4, 1, 3, 1), 1e-7);
    }

    @Test
    void topPKeepsTokensUntilTheirMassReachesP() {
        // p=0.6: .5 kept (mass before 0), .25 kept (mass before .5 < .6), then .75 >= .6: stop
        assertArrayEquals(new double[] {2 / 3.0, 1 / 3.0, 0, 0}, Sampler.distribution(L, 0, 4, 1, 0, 0.6), 1e-7);
        // p=0.5: the first token alone reaches .5 (HF removes ascending cumsum <= 1-p = .5: tokens 1..3)
        assertArrayEquals(new double[] {1, 0, 0, 0}, Sampler.distribution(L, 0, 4, 1, 0, 0.5), 1e-7);
        // p=0.9: mass before the last token is .875 < .9, so all stay
        assertArrayEquals(new double[] {0.5, 0.25, 0.125, 0.125}, Sampler.distribution(L, 0, 4, 1, 0, 0.9), 1e-7);
    }

    @Test
    void topKThenTopP() {
        // top-k 3 keeps all four (tie), then top-p .7 on [.5,.25,.125,.125]: .5, .25 -> [2/3, 1/3]
        assertArrayEquals(new double[] {2 / 3.0, 1 / 3.0, 0, 0}, Sampler.distribution(L, 0, 4, 1, 3, 0.7), 1e-7);
    }

    @Test
    void offsetSelectsTheRow() {
        float[] two = {0, 0, 0, 0, L[0], L[1], L[2], L[3]};
        assertArrayEquals(new double[] {0.5, 0.25, 0.125, 0.125}, Sampler.distribution(two, 4, 4, 1, 0, 1), 1e-7);
        assertEquals(0, Sampler.argmax(two, 4, 4));
    }

    @Test
    void argmaxTakesTheFirstOnTies() {
        assertEquals(1, Sampler.argmax(new float[] {0, 3, 3, -1}, 0, 4));
        assertEquals(2, Sampler.next(new float[] {0, 1, 5, 2}, 0, 4, 0, 0, 1, new SplittableRandom(1)));
    }

    @Test
    void drawsFollowTheDistributionAndRepeatForASeed() {
        double[] p = {0.5, 0.25, 0.125, 0.125};
        int[] counts = new int[4];
        SplittableRandom rng = new SplittableRandom(7);
        int[] first = new int[20];
        for (int i = 0; i < 20000; i++) {
            int k = Sampler.draw(p, rng);
            counts[k]++;
            if (i < 20) first[i] = k;
        }
        for (int k = 0; k < 4; k++) assertEquals(p[k], counts[k] / 20000.0, 0.015, "token " + k);
        SplittableRandom again = new SplittableRandom(7);
        for (int i = 0; i < 20; i++) assertEquals(first[i], Sampler.draw(p, again));
        assertEquals(0, Sampler.draw(new double[] {1, 0, 0}, new SplittableRandom(3)));
    }

    @Test
    void descendingOrderHandlesNegativesAndTies() {
        assertArrayEquals(new int[] {2, 0, 3, 1}, Sampler.descending(new float[] {1, -2, 5, 1}, 0, 4));
    }

    /** The order of sorting (order-preserving key of -logit, index) pairs: the sampler's order before the radix sort. */
    private static int[] packedSortOrder(float[] logits) {
        long[] keys = new long[logits.length];
        for (int i = 0; i < logits.length; i++) {
            int bits = Float.floatToIntBits(-logits[i]);
            keys[i] = ((long) (bits ^ ((bits >> 31) & 0x7fffffff)) << 32) | i;
        }
        java.util.Arrays.sort(keys);
        int[] order = new int[keys.length];
        for (int i = 0; i < keys.length; i++) order[i] = (int) keys[i];
        return order;
    }

    @Test
    void radixOrderEqualsSortingKeyIndexPairs() {
        java.util.SplittableRandom r = new java.util.SplittableRandom(3);
        float[] specials = {0f, -0f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.MAX_VALUE, -Float.MAX_VALUE,
                Float.MIN_VALUE, -Float.MIN_VALUE, 1e-9f, -1e9f};
        for (int trial = 0; trial < 300; trial++) {
            int n = 1 + r.nextInt(trial < 10 ? 5 : 3000);
            float[] logits = new float[n];
            for (int i = 0; i < n; i++) {
                int kind = r.nextInt(10);
                logits[i] = kind == 0 ? specials[r.nextInt(specials.length)]
                        : kind < 4 ? (float) r.nextInt(-3, 4)                  // many ties
                        : (float) (r.nextGaussian() * Math.pow(10, r.nextInt(-3, 4)));
            }
            assertArrayEquals(packedSortOrder(logits), Sampler.descending(logits, 0, n), "trial " + trial);
        }
        float[] same = new float[50];
        java.util.Arrays.fill(same, 2.5f);
        assertArrayEquals(packedSortOrder(same), Sampler.descending(same, 0, 50));
        float[] padded = {9f, 1f, 3f, 2f, 9f};
        assertArrayEquals(new int[] {1, 2, 0}, Sampler.descending(padded, 1, 3), "offset: indices within the row");
    }
}
