package org.sealworkbench.jobs.history;

import java.time.Instant;
import java.util.Locale;

/**
 * A row of the workspace's jobs table as the window shows it.
 *
 * @param progress  done fraction in [0, 1] as the job last wrote it (at most once a second)
 * @param elsewhere "running" in another process (the command line, another window): its progress comes from this row
 * @param status    running, done, cancelled, failed, interrupted, or refused (its request would be refused again)
 * @param resumable stopped (cancelled, failed, interrupted; not refused) with its request stored, so {@code Jobs.resume}
 *                  can finish it
 */
public record JobItem(long id, String kind, String status, double progress, String message, Instant created,
                      Instant updated, boolean elsewhere, boolean resumable) {
    /** Where the job runs, for people. */
    public String where() {
        if (!"running".equals(status)) return "";
        return elsewhere ? "another process" : "this window";
    }

    /** "42 %" and the last message: what a stopped job had finished. */
    public String progressText() {
        String pct = String.format(Locale.ROOT, "%.0f %%", 100 * progress);
        return message == null || message.isBlank() ? pct : pct + " · " + message;
    }
}
