package org.sealworkbench.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * Which process wrote a job or run row: its pid, its start time (so that a reused pid is not taken for the
 * writer) and its host (a workspace on a shared disk may be written from another machine, whose processes
 * cannot be checked from here).
 */
record ProcessIdentity(long pid, String started, String host) {
    /** Start times may be computed from clock ticks by two JVMs slightly differently; allow this much. */
    private static final long START_TOLERANCE_MS = 2_000;

    private static final ProcessIdentity CURRENT = computeCurrent();

    static ProcessIdentity current() {
        return CURRENT;
    }

    private static ProcessIdentity computeCurrent() {
        ProcessHandle self = ProcessHandle.current();
        String started = self.info().startInstant().map(Instant::toString).orElse(null);
        return new ProcessIdentity(self.pid(), started, hostName());
    }

    /** The host name without asking a name server (no network at run time). */
    static String hostName() {
        Path proc = Path.of("/proc/sys/kernel/hostname");
        try {
            if (Files.isReadable(proc)) {
                String h = Files.readString(proc, StandardCharsets.UTF_8).strip();
                if (!h.isEmpty()) return h;
            }
        } catch (IOException ignored) {
            // fall through to the environment
        }
        for (String var : new String[]{"HOSTNAME", "COMPUTERNAME"}) {
            String h = System.getenv(var);
            if (h != null && !h.isBlank()) return h.strip();
        }
        return "unknown-host";
    }

    /**
     * False only when this process is sure the recorded process is gone: same host, and no live process
     * with that pid started at that time. A row from another host counts as alive (it cannot be checked).
     */
    boolean isAliveSeenFrom(ProcessIdentity here) {
        if (!host.equals(here.host)) return true;
        if (pid == here.pid && sameStart(started, here.started)) return true;
        Optional<ProcessHandle> h = ProcessHandle.of(pid);
        if (h.isEmpty() || !h.get().isAlive()) return false;
        if (started == null) return true;
        return h.get().info().startInstant().map(i -> sameStart(started, i.toString())).orElse(true);
    }

    private static boolean sameStart(String a, String b) {
        if (a == null || b == null) return a == null && b == null;
        try {
            return Math.abs(Instant.parse(a).toEpochMilli() - Instant.parse(b).toEpochMilli()) <= START_TOLERANCE_MS;
        } catch (RuntimeException e) {
            return a.equals(b);
        }
    }
}
