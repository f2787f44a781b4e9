package org.sealworkbench.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.sealworkbench.util.Progress;

/** A one-line progress bar redrawn in place on stderr; used only when stderr is a terminal. */
final class TerminalProgressBar implements Progress {
    private static final int WIDTH = 30;
    private final PrintWriter err;
    private int lastLength;

    TerminalProgressBar(PrintWriter err) {
        this.err = err;
    }

    /**
     * A bar when stderr is a terminal, else a listener that prints nothing (logs stay clean) except one line
     * each time a write starts waiting for another writer of the workspace.
     */
    static Progress forStderr(PrintWriter err) {
        if (stderrIsTerminal()) return new TerminalProgressBar(err);
        boolean[] waiting = {false};
        return (done, total, message) -> {
            if (Progress.isNote(message)) {
                err.println(message);
                err.flush();
                return;
            }
            boolean now = message != null && message.contains(org.sealworkbench.store.ExperimentLog.WAITING);
            if (now && !waiting[0]) {
                err.println(message);
                err.flush();
            }
            waiting[0] = now;
        };
    }

    static boolean stderrIsTerminal() {
        try {
            // Java 17 has no isatty for stderr alone; on Linux the fd's link names the terminal device.
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (Exception e) {
            return System.console() != null;
        }
    }

    @Override
    public synchronized void update(long done, long total, String message) {
        if (Progress.isNote(message)) {                             // a line of its own, above the bar
            err.print("\r" + " ".repeat(lastLength) + "\r" + message + "\n");
            lastLength = 0;
            err.flush();
            return;
        }
        double fraction = Progress.fraction(done, total);
        String line;
        if (fraction < 0) {
            line = "[" + " ".repeat(WIDTH) + "]      " + message;
        } else {
            int filled = (int) Math.round(fraction * WIDTH);
            line = "[" + "#".repeat(filled) + ".".repeat(WIDTH - filled) + "] "
                    + String.format(Locale.ROOT, "%3d%% ", Math.round(fraction * 100)) + message;
        }
        int pad = Math.max(0, lastLength - line.length());
        err.print("\r" + line + " ".repeat(pad));
        lastLength = line.length();
        err.flush();
    }

    /** Ends the bar's line so that what follows starts on a fresh one. */
    synchronized void finish() {
        if (lastLength > 0) {
            err.println();
            err.flush();
            lastLength = 0;
        }
    }
}
