package org.sealworkbench.llm.io;

/** A checkpoint folder the engine cannot run: the message names the file and the problem. */
public class CheckpointException extends RuntimeException {
    public CheckpointException(String message) {
        super(message);
    }

    public CheckpointException(String message, Throwable cause) {
        super(message, cause);
    }
}
