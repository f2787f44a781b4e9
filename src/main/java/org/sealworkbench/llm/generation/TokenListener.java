package org.sealworkbench.llm.generation;

/** Receives tokens as they are generated (on the generating thread). */
@FunctionalInterface
public interface TokenListener {
    /** row: which sequence of the batch; textDelta: new text since the last call ("" without a tokenizer). */
    void onToken(int row, int tokenId, String textDelta);
}
