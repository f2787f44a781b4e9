package org.sealworkbench.jobs;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sealworkbench.util.CancelToken;

/**
 * Child process of {@link StagedImportTest}: imports a file, pausing after its first records for longer than a
 * staged chunk may stay open, so that the next record commits a chunk; prints "committed" at the next progress
 * report, then keeps importing slowly until it is killed.
 */
public final class ImportChild {
    /** Longer than store.Db.CHUNK_NANOS (200 ms). */
    static final int PAUSE_MS = 400;

    public static void main(String[] args) {
        int[] phase = {0};
        // From a request, as the command line does, so the job's row can be resumed.
        ImportJob.run(new ImportRequest(Path.of(args[0]), Path.of(args[1]), null), (done, total, message) -> {
            if (records(message) <= 0) return;
            try {
                if (phase[0] == 0) {
                    Thread.sleep(PAUSE_MS);
                    phase[0] = 1;
                } else if (phase[0] == 1) {
                    System.out.println("committed");
                    System.out.flush();
                    phase[0] = 2;
                } else {
                    Thread.sleep(50); // slow, so that it is surely killed mid-import
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, new CancelToken());
        System.out.println("finished");
    }

    private static final Pattern RECORDS = Pattern.compile(", (\\d+) records");

    /** The record count in an import's progress message ("0.1 MB of 0.4 MB, 250 records, ETA 3 s"), or -1. */
    static int records(String message) {
        Matcher m = RECORDS.matcher(message);
        return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }
}
