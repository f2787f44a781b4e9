package org.sealworkbench.llm.generation;

/**
 * One generated continuation: the new token ids (including the EOS that ended it, if any), the text
 * (special tokens left out, cut before a stop string) and why it ended.
 */
public record Generation(int[] tokens, String text, Finish finish) {
    public enum Finish { EOS, STOP_STRING, MAX_TOKENS }
}
