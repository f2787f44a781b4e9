package org.sealworkbench.jobs.workspace;

import java.nio.file.Path;

/** A loaded model: what it is and what it costs. */
public record ModelInfo(long modelId, String name, Path dir, String family, long parameters, String dtype, String device,
                        long weightBytes) {
    /** "llama · 3.4 M parameters · float32 · cpu() · 13.6 MB of weights". */
    public String summary() {
        return family + " · " + human(parameters, 1000, " ", new String[] {"", "k", "M", "B"}) + " parameters · " + dtype
                + " · " + device + " · " + human(weightBytes, 1000, " ", new String[] {"B", "kB", "MB", "GB"}) + " of weights";
    }

    static String human(long n, int base, String sep, String[] units) {
        double v = n;
        int u = 0;
        while (v >= base && u < units.length - 1) {
            v /= base;
            u++;
        }
        String num = u == 0 ? Long.toString(n) : String.format(java.util.Locale.ROOT, "%.1f", v);
        return units[u].isEmpty() ? num : num + sep + units[u];
    }
}
