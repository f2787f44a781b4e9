package org.sealworkbench.llm;

import org.sealworkbench.llm.lora.LoraAdapter;
import org.sealworkbench.llm.lora.LoraConfig;
import org.sealworkbench.llm.model.LlamaModel;
import org.sealworkbench.llm.model.ModelShapes;
import org.sealworkbench.llm.training.LossMask;
import org.sealworkbench.llm.training.LrSchedule;
import org.sealworkbench.llm.training.SftExample;
import org.sealworkbench.llm.training.TrainSettings;
import org.sealworkbench.llm.training.TrainableModel;
import org.sealworkbench.llm.training.Trainer;

import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.sealworkbench.app.Offline;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Native memory must not grow across steps: resident memory after 1,000 LoRA steps of a tiny model ~
 * resident memory at step 100. The steps run in a child JVM with a small, pre-touched, fixed heap and the JIT's first tier
 * only, so neither the Java heap's own growth (DJL's per-op handles are garbage) nor the optimising compiler's growing
 * code can pass for a native leak.
 */
@Tag("slow")
class TrainingMemoryTest {
    static final int STEPS = 1000;

    /** The child: trains and prints "rss STEP BYTES" after every step. */
    public static void main(String[] args) {
        Offline.enforce();
        try (NDManager nd = NDManager.newBaseManager(); LlamaModel m = LlamaModel.random(ModelShapes.of("qwen2", "tiny", 64), 2, nd)) {
            List<SftExample> data = TrainerTest.data(8, 64, 4);
            TrainSettings s = TrainSettings.defaults().withEpochs(STEPS / 4).withBatch(2, 1).withLr(1e-3, LrSchedule.Kind.COSINE, 10)
                    .withMask(LossMask.PROMPT);
            try (LoraAdapter a = LoraAdapter.create("mem", m.linears(), LoraConfig.of(8, 16, 0.1, LoraConfig.ALL_PROJECTIONS), 1, nd)) {
                a.attach(m.linears());
                try (Trainer tr = new Trainer(TrainableModel.of(m), a.parameters(), s, 0)) {
                    tr.run(data, info -> System.out.println("rss " + info.step() + " " + ProcMemory.rss()), null);
                }
            }
        }
    }

    @Test
    void residentMemoryIsFlatOverAThousandSteps() throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // C1 only (TieredStopAtLevel=1): the optimising compiler (C2) keeps compiling the step's Java code for thousands of
        // steps, and its code and working memory are resident too: with it, resident memory rose 8-20 MiB over the 1,000
        // steps on this code and on the code before issue 19's changes alike (once past this test's bound, in CI); with C1
        // only it stayed within 269-274 MiB from step 100 to 1,000 in three runs. What this test looks for, native memory
        // of the engine that grows per step, is the same under either compiler.
        List<String> cmd = new ArrayList<>(List.of(java, "-Xms96m", "-Xmx96m", "-XX:+AlwaysPreTouch", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-DOPT_OUT_TRACKING=true", "-DDJL_OFFLINE=true", "-Dai.djl.offline=true",
                "-cp", System.getProperty("java.class.path"), TrainingMemoryTest.class.getName()));
        String cache = System.getProperty("DJL_CACHE_DIR");
        if (cache != null) cmd.add(1, "-DDJL_CACHE_DIR=" + cache);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        long[] rss = new long[STEPS + 1];
        StringBuilder log = new StringBuilder();
        try (var r = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("rss ")) {
                    String[] f = line.split(" ");
                    rss[Integer.parseInt(f[1])] = Long.parseLong(f[2]);
                } else {
                    log.append(line).append('\n');
                }
            }
        }
        assertTrue(p.waitFor(20, TimeUnit.MINUTES));
        assertEquals(0, p.exitValue(), log.toString());
        assertTrue(rss[STEPS] > 0, "the child did not report step " + STEPS + ":\n" + log);
        List<String> trace = new ArrayList<>();
        for (int i = 100; i <= STEPS; i += 100) trace.add(i + ":" + (rss[i] >> 20) + "MiB");
        long early = median(rss, 101, 200), mid = median(rss, 401, 500), between = median(rss, 651, 750),
                late = median(rss, STEPS - 99, STEPS);
        System.out.println("RSS by step " + trace + "; medians: steps 101-200 " + (early >> 20) + " MiB, 401-500 " + (mid >> 20)
                + " MiB, 651-750 " + (between >> 20) + " MiB, 901-1000 " + (late >> 20) + " MiB");
        // A leak grows with every step. The allocator settles in over the first few hundred steps
        // (batches of different lengths; seen: +12 to +17 MiB by step 400, then flat), so the bound from
        // step 100 is loose, and the leak check proper is the last 500 steps, in two halves of 250. Resident memory
        // also takes one-time steps of 2-8 MiB at data-dependent points (seen around step 850-1000, on the code before
        // issue 19's changes as well as after; the allocator or the JIT), which grow one half only. So: a leak of
        // 16 KiB/step or more grows both halves by 4 MiB or more, and the whole stays under 12 MiB (24 KiB/step).
        // Leaks of NDArrays are caught exactly, by count, in InnerLoopMemoryTest and BatchedInnerLoopMemoryTest.
        assertTrue(late - early < 32L << 20, "resident memory grew by " + ((late - early) >> 20) + " MiB from steps 101-200 to 901-1000: " + trace);
        assertTrue(late - mid < 12L << 20, "resident memory grew by " + ((late - mid) >> 20) + " MiB from steps 401-500 to 901-1000: " + trace);
        assertFalse(between - mid >= 4L << 20 && late - between >= 4L << 20, "resident memory grew in both halves of the last 500 steps ("
                + ((between - mid) >> 10) + " and " + ((late - between) >> 10) + " KiB): " + trace);
    }

    private static long median(long[] a, int from, int to) {
        long[] c = Arrays.copyOfRange(a, from, to + 1);
        Arrays.sort(c);
        return c[c.length / 2];
    }
}
