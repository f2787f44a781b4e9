package org.sealworkbench.util;

/**
 * Seeds derived from where a computation sits, so that a rerun draws exactly the same random numbers and two
 * computations never share a seed by accident. Both derivations run SplitMix64's finaliser; they differ only
 * in how the parts are folded in, and each is kept as it was because stored runs and generated worlds
 * depend on their exact values.
 */
public final class Seeds {
    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private Seeds() {}

    /**
     * The method's seeds (SEAL runs): a base seed and the parts that locate one computation (experiment or
     * round, passage, self-edit index, repeat); equal inputs give equal seeds. Non-negative and below 2^53, so
     * that JSON readers that go through doubles keep it exact.
     */
    public static long derive(long base, long... parts) {
        long h = finalise(base ^ 0x5EA15EEDL);
        for (long p : parts) h = finalise(h ^ finalise(p + GOLDEN_GAMMA));
        return h >>> 11;
    }

    /** The fictional world's seeds: independent seeds from a world seed, so that one entity's rendering never shifts another's. */
    public static long mix(long... parts) {
        long h = GOLDEN_GAMMA;
        for (long p : parts) h = finalise((h ^ p) + GOLDEN_GAMMA);
        return h;
    }

    /** SplitMix64's finaliser. */
    private static long finalise(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
