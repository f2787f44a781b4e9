package org.sealworkbench.cli;

import org.sealworkbench.util.FileTrees;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import org.sealworkbench.data.DataWriter;
import org.sealworkbench.data.Format;
import org.sealworkbench.data.Passage;
import org.sealworkbench.data.Question;
import org.sealworkbench.util.CancelToken;
import org.sealworkbench.jobs.ImportJob;
import org.sealworkbench.jobs.ImportReport;
import org.sealworkbench.util.Progress;
import org.sealworkbench.store.ExperimentLog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "import-bench", mixinStandardHelpOptions = true,
        description = {"Measure import speed: generate a SEAL JSON file of synthetic passages in a temporary folder, "
                + "import it, and print one JSON line (passages/s, file MB, peak heap used).",
                "Run with a small heap (SEAL_JAVA_OPTS=-Xmx256m) to check that import streams."})
final class ImportBenchCommand implements Callable<Integer> {
    private static final String[] WORDS = ("river lantern copper orchard signal harbor meadow engine quartz ledger "
            + "valley beacon glass thread market compass winter garden tower canal loom furnace archive bridge "
            + "ferry mill salt amber cedar drum falcon granite harvest island jasmine kettle lagoon marble needle "
            + "oak pepper quarry ribbon saddle tide umber velvet willow yarrow zinc").split(" ");

    @Spec
    CommandSpec spec;

    @Option(names = "--passages", defaultValue = "10000", description = "How many passages to generate (default ${DEFAULT-VALUE}).")
    int passages;

    @Option(names = "--workspace", paramLabel = "DIR",
            description = "Workspace to import into (default: a fresh temporary one, deleted afterwards).")
    Path workspace;

    @Override
    public Integer call() throws Exception {
        if (passages < 1) throw new IllegalArgumentException("--passages must be at least 1");
        Path tmp = Files.createTempDirectory("seal-import-bench");
        try {
            Path file = tmp.resolve("bench-passages.json");
            generate(file, passages);
            Path ws = workspace != null ? workspace : tmp.resolve("workspace");

            MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
            System.gc();
            long before = memory.getHeapMemoryUsage().getUsed();
            AtomicLong peak = new AtomicLong(before);
            Thread sampler = new Thread(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                    try {
                        Thread.sleep(5);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "heap-sampler");
            sampler.setDaemon(true);
            sampler.start();

            long t0 = System.nanoTime();
            ImportReport report;
            try (ExperimentLog log = ExperimentLog.openWritable(ws)) {
                report = new ImportJob(file, log).run(Progress.none(), new CancelToken());
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            sampler.interrupt();
            sampler.join();
            peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);

            JsonObject o = new JsonObject();
            o.addProperty("passages", report.passages());
            o.addProperty("questions", report.questions());
            o.addProperty("file_mb", round(Files.size(file) / 1e6));
            o.addProperty("seconds", round(seconds));
            o.addProperty("passages_per_s", Math.round(report.passages() / seconds));
            o.addProperty("heap_before_mb", round(before / 1e6));
            o.addProperty("heap_used_max_mb", round(peak.get() / 1e6));
            o.addProperty("heap_max_mb", round(memory.getHeapMemoryUsage().getMax() / 1e6));
            spec.commandLine().getOut().println(o);
            spec.commandLine().getOut().flush();
            return 0;
        } finally {
            FileTrees.deleteTree(tmp);
        }
    }

    /** Writes n synthetic passages (about 700 characters and 4 questions each), seeded so every run is alike. */
    static void generate(Path file, int n) throws IOException {
        Random rnd = new Random(42);
        try (OutputStream os = Files.newOutputStream(file); DataWriter w = DataWriter.open(os, Format.SEAL_JSON)) {
            for (int i = 0; i < n; i++) {
                StringBuilder context = new StringBuilder();
                for (int s = 0; s < 6; s++) context.append(sentence(rnd)).append(' ');
                List<Question> qs = new ArrayList<>();
                for (int q = 0; q < 4; q++) {
                    qs.add(new Question("What is the " + word(rnd) + " of the " + word(rnd) + " in passage " + i + "?",
                            word(rnd) + " " + word(rnd)));
                }
                w.passage(new Passage("Synthetic passage " + i, context.toString().trim(), qs));
            }
        }
    }

    private static String sentence(Random rnd) {
        StringBuilder sb = new StringBuilder("The");
        int len = 12 + rnd.nextInt(8);
        for (int i = 0; i < len; i++) sb.append(' ').append(word(rnd));
        return sb.append('.').toString();
    }

    private static String word(Random rnd) {
        return WORDS[rnd.nextInt(WORDS.length)];
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }

}
