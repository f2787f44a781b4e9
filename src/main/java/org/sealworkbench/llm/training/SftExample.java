package org.sealworkbench.llm.training;

/** One training sequence: token ids, the first {@code promptLength} of which are the prompt. */
public record SftExample(int[] ids, int promptLength) {
    public SftExample {
        if (ids.length < 2) throw new IllegalArgumentException("a training sequence needs at least 2 tokens, got " + ids.length);
        if (promptLength < 0 || promptLength > ids.length) {
            throw new IllegalArgumentException("prompt length " + promptLength + " outside [0, " + ids.length + "]");
        }
    }

    public static SftExample plain(int[] ids) {
        return new SftExample(ids, 0);
    }
}
