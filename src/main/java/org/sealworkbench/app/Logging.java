package org.sealworkbench.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.logging.FileHandler;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Logging set-up. The libraries (DJL, sqlite-jdbc, ...) log through slf4j, which slf4j-jdk14 routes to
 * java.util.logging; the console shows warnings only ({@code logging.properties} beside this class).
 *
 * <p>The window also writes a rolling log file in the user data folder ({@link #toFile}), for bug reports.
 * Why java.util.logging rather than logback: its {@link FileHandler} already rotates by size (a limit and a
 * count of generations) and locks the file against a second process, it is part of the JDK (one module in
 * the jlinked runtime, nothing to configure in XML), and the workbench needs nothing more (no time-based
 * rolling, no async appenders).
 */
public final class Logging {
    /** Rotation: the file starts anew after 2 MB, the last 5 files are kept (10 MB at most). */
    static final int LIMIT_BYTES = 2 * 1024 * 1024;
    static final int GENERATIONS = 5;
    static final String FILE_PATTERN = "seal-workbench.%g.log";

    private static Path currentFile;
    private static FileHandler fileHandler;
    private static boolean consoleConfigured;

    private Logging() {}

    /** Reads the bundled console configuration, once (before the first logger is used). */
    public static synchronized void configureConsole() {
        if (consoleConfigured) return;
        consoleConfigured = true;
        if (System.getProperty("java.util.logging.config.file") != null) return; // the user's own set-up wins
        try (InputStream in = Logging.class.getResourceAsStream("logging.properties")) {
            if (in != null) LogManager.getLogManager().readConfiguration(in);
        } catch (IOException e) {
            System.err.println("seal: cannot read the logging configuration: " + e.getMessage());
        }
    }

    /**
     * Adds the rolling log file in {@code logsDir} (created when missing) to the root logger and returns the
     * file being written now. Idempotent: a second call returns the same file.
     */
    public static synchronized Path toFile(Path logsDir) {
        if (fileHandler != null) return currentFile;
        configureConsole();
        try {
            Files.createDirectories(logsDir);
            // FileHandler patterns treat '%' specially; a folder name may contain one.
            String dir = logsDir.toAbsolutePath().toString().replace("%", "%%");
            FileHandler handler = new FileHandler(dir + "/" + FILE_PATTERN, LIMIT_BYTES, GENERATIONS, true);
            handler.setLevel(Level.INFO);
            handler.setFormatter(new LineFormatter());
            handler.setEncoding("UTF-8");
            Logger.getLogger("").addHandler(handler);
            fileHandler = handler;
            currentFile = logsDir.toAbsolutePath().resolve(FILE_PATTERN.replace("%g", "0"));
            return currentFile;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the log file in " + logsDir + ": " + e.getMessage(), e);
        }
    }

    /** The log file being written, or null when only the console is logged to. */
    public static synchronized Path currentFile() {
        return currentFile;
    }

    /** Flushes and closes the log file (at exit). */
    public static synchronized void closeFile() {
        if (fileHandler == null) return;
        Logger.getLogger("").removeHandler(fileHandler);
        fileHandler.close();
        fileHandler = null;
        currentFile = null;
    }

    /** For tests: the file handler, to flush it. */
    static synchronized Handler fileHandler() {
        return fileHandler;
    }

    /** One line per record: local time, level, logger, message; the stack trace below when there is one. */
    static final class LineFormatter extends Formatter {
        private static final DateTimeFormatter TIME =
                DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneId.systemDefault());

        @Override
        public String format(LogRecord r) {
            StringBuilder s = new StringBuilder(160)
                    .append(TIME.format(Instant.ofEpochMilli(r.getMillis()))).append(' ')
                    .append(r.getLevel().getName()).append(' ')
                    .append(r.getLoggerName()).append(" - ")
                    .append(formatMessage(r)).append(System.lineSeparator());
            if (r.getThrown() != null) {
                java.io.StringWriter w = new java.io.StringWriter();
                r.getThrown().printStackTrace(new java.io.PrintWriter(w));
                s.append(w);
            }
            return s.toString();
        }
    }
}
