package org.sealworkbench.seal;

import org.sealworkbench.llm.ComputeDevice;
import java.nio.file.Files;
import java.nio.file.Path;
import org.sealworkbench.store.ExperimentLog;

/**
 * The RL run that {@link RestEmResumeTest} starts in a child JVM and kills: args workspace, checkpoint,
 * settings JSON file, validation count, rounds, and optionally the adapter batch (default: RestEm's). Prints "units N"
 * before each unit of work.
 */
public final class RestEmChild {
    private RestEmChild() {}

    public static void main(String[] args) throws Exception {
        SealFixtures.engine();
        SealSettings s = SealSettings.fromJson(Files.readString(Path.of(args[2])));
        try (ExperimentLog log = ExperimentLog.open(Path.of(args[0]))) {
            new RestEm(log, s, new PassageSplit(Integer.parseInt(args[3])), new SealFixtures.ParityGrader(), ComputeDevice.CPU)
                    .adapterBatch(args.length > 5 ? Integer.parseInt(args[5]) : StoredRuns.DEFAULT_ADAPTER_BATCH)
                    .run(Path.of(args[1]), Integer.parseInt(args[4]), (done, total, msg) -> {
                        System.out.println("units " + done);
                        System.out.flush();
                    }, () -> false);
        }
        System.out.println("finished");
    }
}
