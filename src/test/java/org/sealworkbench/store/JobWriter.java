package org.sealworkbench.store;

import java.nio.file.Path;
import java.util.List;
import org.sealworkbench.data.Passage;
import org.sealworkbench.data.Question;

/**
 * Child process of {@link JobHonestyTest}: starts a job and an inner-loop run as SEAL's jobs do, prints
 * "ready" with their ids, then keeps logging training steps until it is killed.
 */
public final class JobWriter {
    public static void main(String[] args) throws Exception {
        ExperimentLog log = ExperimentLog.open(Path.of(args[0]));
        long passage = log.findPassage("t", "c").orElseGet(() -> log.addPassage(
                new Passage("t", "c", List.of(new Question("q", "a"))), "test"));
        long model = log.findOrAddModel("m", null, "m");
        long job = log.addJob("inner loops", "{}");
        long run = log.startRun(null, model, passage, null, "passage only", "{}", 7);
        System.out.println("ready " + job + " " + run);
        System.out.flush();
        // A bound, so an orphaned child cannot write forever if the test runner dies.
        for (int step = 0; step < 100_000; step++) {
            log.addTrainingStep(run, step, 1.0, 1e-3);
            Thread.sleep(5);
        }
        log.close();
    }
}
