package org.sealworkbench.jobs;

import org.sealworkbench.util.CancelledException;

/**
 * Thrown out of a job that noticed its cancel token; the job has undone or recorded its partial work. A
 * {@link CancelledException}, like the one {@link org.sealworkbench.util.CancelToken#throwIfCancelled()} throws.
 */
public final class JobCancelledException extends CancelledException {
    public JobCancelledException(String message) {
        super(message);
    }
}
