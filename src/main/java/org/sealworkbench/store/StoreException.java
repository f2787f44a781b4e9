package org.sealworkbench.store;

/** A failure of the experiment log; the message names the database file and the problem. */
public class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public StoreException(String message) {
        super(message);
    }
}
