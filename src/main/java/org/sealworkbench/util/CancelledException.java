package org.sealworkbench.util;

/**
 * Work stopped because its {@link CancelToken} was set. Deliberately not an {@code IllegalStateException} (as
 * {@code java.util.concurrent.CancellationException} is), so that parsers which translate those into format errors
 * never mistake a cancel for a malformed file.
 */
public class CancelledException extends RuntimeException {
    public CancelledException(String message) {
        super(message);
    }
}
