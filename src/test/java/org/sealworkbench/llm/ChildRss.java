package org.sealworkbench.llm;

import static org.junit.jupiter.api.Assertions.*;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Resident memory of a child JVM over N units of work (training steps, inner loops), for the memory tests: the child
 * runs with a small, fixed, pre-touched heap and the JIT's first tier only, so neither the Java heap's own growth (DJL's
 * per-op handles are garbage) nor the optimising compiler's growing code and working memory can pass for a native leak,
 * and prints {@code rss I BYTES} after unit I (1..N).
 */
public final class ChildRss {
    private ChildRss() {}

    /** Runs {@code main} with {@code args} in a child JVM of {@code heapMiB} and returns resident memory after each unit, by unit (index 0 unused). */
    public static long[] run(Class<?> main, int heapMiB, int units, String... args) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-Xms" + heapMiB + "m", "-Xmx" + heapMiB + "m", "-XX:+AlwaysPreTouch",
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-DOPT_OUT_TRACKING=true", "-DDJL_OFFLINE=true", "-Dai.djl.offline=true",
                "-cp", System.getProperty("java.class.path"), main.getName()));
        cmd.addAll(List.of(args));
        String cache = System.getProperty("DJL_CACHE_DIR");
        if (cache != null) cmd.add(1, "-DDJL_CACHE_DIR=" + cache);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        long[] rss = new long[units + 1];
        StringBuilder log = new StringBuilder();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
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
        assertTrue(rss[units] > 0, "the child did not report unit " + units + ":\n" + log);
        return rss;
    }

    /**
     * Asserts that resident memory did not grow like a leak over {@code rss[1..n]}: medians over the second, fifth,
     * seventh-and-a-half and last tenths (units 101-200, 401-500, 651-750 and 901-1000 of 1,000). A loose bound from the
     * second tenth (the allocator settles in over the first few hundred units), a tighter one over the last half, and no
     * growth of {@code halfMiB} or more in both quarters of the last half: a leak grows every unit, a one-time step of the
     * allocator grows one quarter. Prints the trace, every tenth, with {@code unit} and {@code perUnit} (the work one
     * index stands for, e.g. 8 inner loops).
     */
    public static void assertFlat(long[] rss, String unit, int perUnit, int halfMiB) {
        int n = rss.length - 1;
        List<String> trace = new ArrayList<>();
        for (int i = n / 10; i <= n; i += Math.max(1, n / 10)) trace.add(i * perUnit + ":" + (rss[i] >> 20) + "MiB");
        long early = median(rss, n / 10 + 1, n / 5), mid = median(rss, n * 2 / 5 + 1, n / 2),
                between = median(rss, n * 13 / 20 + 1, n * 3 / 4), late = median(rss, n - n / 10 + 1, n);
        String span = unit + "s " + range(n / 10 + 1, n / 5, perUnit) + " " + (early >> 20) + " MiB, " + range(n * 2 / 5 + 1, n / 2, perUnit)
                + " " + (mid >> 20) + " MiB, " + range(n * 13 / 20 + 1, n * 3 / 4, perUnit) + " " + (between >> 20) + " MiB, "
                + range(n - n / 10 + 1, n, perUnit) + " " + (late >> 20) + " MiB";
        System.out.println("RSS by " + unit + " " + trace + "; medians: " + span);
        assertTrue(late - early < 32L << 20, "resident memory grew by " + ((late - early) >> 20) + " MiB (" + span + "): " + trace);
        assertTrue(late - mid < 12L << 20, "resident memory grew by " + ((late - mid) >> 20) + " MiB over the last half (" + span + "): " + trace);
        assertFalse(between - mid >= (long) halfMiB << 20 && late - between >= (long) halfMiB << 20, "resident memory grew in both "
                + "quarters of the last half (" + ((between - mid) >> 10) + " and " + ((late - between) >> 10) + " KiB): " + trace);
    }

    private static String range(int from, int to, int perUnit) {
        return ((from - 1) * perUnit + 1) + "-" + (to * perUnit);
    }

    private static long median(long[] a, int from, int to) {
        long[] c = Arrays.copyOfRange(a, from, to + 1);
        Arrays.sort(c);
        return c[c.length / 2];
    }
}
