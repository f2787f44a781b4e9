package org.sealworkbench.llm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Resident memory of this process from /proc/self/status, and the memory it can still use (Linux); -1 where unavailable. */
public final class ProcMemory {
    private ProcMemory() {}

    /** Current resident set (VmRSS) in bytes. */
    public static long rss() {
        return field("VmRSS:");
    }

    /** Peak resident set (VmHWM) in bytes. */
    public static long peakRss() {
        return field("VmHWM:");
    }

    /**
     * Memory this process can still use, in bytes: the machine's MemAvailable, or less where the process's memory cgroup
     * (a container's limit, v1 or v2) leaves less (its limit minus its usage, page cache that can be dropped not
     * counted as used); -1 where unknown (not Linux).
     */
    public static long available() {
        long machine = -1;
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemAvailable:")) machine = kb(line);
            }
        } catch (IOException | RuntimeException ignored) {
            // not Linux: unknown
        }
        long group = cgroupAvailable(Path.of("/sys/fs/cgroup"), Path.of("/proc/self/cgroup"));
        if (machine < 0) return group;
        return group < 0 ? machine : Math.min(machine, group);
    }

    /**
     * What the memory cgroup named in {@code procCgroup} (a /proc/PID/cgroup file) leaves under {@code root}: limit minus
     * usage, inactive file pages counted as free; -1 when there is no memory cgroup, no limit, or a file cannot be read.
     * v1: the "memory" controller's memory.limit_in_bytes, memory.usage_in_bytes and total_inactive_file in memory.stat;
     * v2: the "0::" line's memory.max, memory.current and inactive_file (the unified tree at root, or at root/unified).
     */
    static long cgroupAvailable(Path root, Path procCgroup) {
        try {
            for (String line : Files.readAllLines(procCgroup)) {
                String[] f = line.split(":", 3);
                if (f.length < 3) continue;
                String rel = f[2].startsWith("/") ? f[2].substring(1) : f[2];
                boolean v1 = java.util.Arrays.asList(f[1].split(",")).contains("memory");
                if (v1) {
                    Path dir = root.resolve("memory").resolve(rel);
                    return left(read(dir.resolve("memory.limit_in_bytes")), read(dir.resolve("memory.usage_in_bytes")),
                            stat(dir.resolve("memory.stat"), "total_inactive_file"));
                }
            }
            for (String line : Files.readAllLines(procCgroup)) {
                if (!line.startsWith("0::")) continue;
                String rel = line.substring(3).startsWith("/") ? line.substring(4) : line.substring(3);
                for (Path base : new Path[] {root, root.resolve("unified")}) {
                    Path dir = base.resolve(rel);
                    if (Files.exists(dir.resolve("memory.max"))) {
                        return left(read(dir.resolve("memory.max")), read(dir.resolve("memory.current")),
                                stat(dir.resolve("memory.stat"), "inactive_file"));
                    }
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // no cgroup files: unknown
        }
        return -1;
    }

    /** limit - (usage - reclaimable), or -1 when there is no limit ("max", or v1's page-rounded Long.MAX_VALUE). */
    private static long left(long limit, long usage, long reclaimable) {
        if (limit < 0 || usage < 0 || limit >= Long.MAX_VALUE / 2) return -1;
        return Math.max(0, limit - Math.max(0, usage - Math.max(0, reclaimable)));
    }

    private static long read(Path f) throws IOException {
        String v = Files.readString(f).trim();
        return v.equals("max") ? Long.MAX_VALUE : Long.parseLong(v);
    }

    private static long stat(Path f, String key) throws IOException {
        if (!Files.exists(f)) return 0;
        for (String line : Files.readAllLines(f)) {
            if (line.startsWith(key + " ")) return Long.parseLong(line.substring(key.length() + 1).trim());
        }
        return 0;
    }

    private static long field(String name) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(name)) return kb(line);
            }
        } catch (IOException | RuntimeException ignored) {
            // not Linux: unknown
        }
        return -1;
    }

    private static long kb(String line) {
        String[] parts = line.trim().split("\\s+");
        return Long.parseLong(parts[1]) * 1024;
    }
}
