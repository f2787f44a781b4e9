package org.sealworkbench.util;

/** A number with its noun, one or many, as messages write it: "1 passage", "3 passages", "1 run row", "0 run rows". */
public final class Counts {
    private Counts() {}

    /** {@code n} and the noun, with an "s" unless {@code n} is 1: "1 passage", "2 passages". */
    public static String of(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    /** {@code n} and the singular or plural given: "1 row of the table", "3 rows of the table". */
    public static String of(long n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }
}
