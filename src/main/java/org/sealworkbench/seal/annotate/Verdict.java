package org.sealworkbench.seal.annotate;

/** What an annotator said about a pair, in terms of the sides they were shown. */
public enum Verdict {
    LEFT("left"), RIGHT("right"), TIE("tie"), SKIP("skip");

    private final String key;

    Verdict(String key) {
        this.key = key;
    }

    /** The word stored in the log and in exports. */
    public String key() {
        return key;
    }

    /** LEFT or RIGHT: a side won. */
    public boolean decisive() {
        return this == LEFT || this == RIGHT;
    }

    public static Verdict fromKey(String key) {
        for (Verdict v : values()) if (v.key.equals(key)) return v;
        throw new IllegalArgumentException("unknown verdict '" + key + "' (expected left, right, tie or skip)");
    }
}
