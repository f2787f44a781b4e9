package org.sealworkbench.llm.io;

import java.nio.file.Path;

/** A safetensors file that cannot be read or written; the message names the file and the problem. */
public final class SafeTensorsException extends RuntimeException {
    public SafeTensorsException(Path file, String problem) {
        super(file + ": " + problem);
    }

    public SafeTensorsException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
    }
}
