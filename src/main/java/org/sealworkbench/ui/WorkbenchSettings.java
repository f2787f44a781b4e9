package org.sealworkbench.ui;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;
import org.sealworkbench.app.AppDirs;

/**
 * What the window remembers between starts: window size, divider positions, the open tab, the theme and the
 * annotator's name, in a small properties file in the user data folder. A missing or unreadable file gives the
 * defaults (the window must start); a write goes to a temporary file first, so a crash never leaves half a file.
 */
public final class WorkbenchSettings {
    public static final String FILE = "workbench-settings.properties";

    private final Path file;
    private final Properties values = new Properties();
    private String loadProblem;

    private WorkbenchSettings(Path file) {
        this.file = file;
    }

    /** The settings file in the user data folder ({@link AppDirs#dataDir()}). */
    public static WorkbenchSettings load() {
        return load(AppDirs.dataDir().resolve(FILE));
    }

    public static WorkbenchSettings load(Path file) {
        WorkbenchSettings s = new WorkbenchSettings(file);
        if (Files.isRegularFile(file)) {
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                s.values.load(r);
            } catch (IOException | IllegalArgumentException e) {
                s.loadProblem = file + ": " + e.getMessage() + " (using the default layout)";
                s.values.clear();
            }
        }
        return s;
    }

    public Path file() { return file; }

    /** Why the file could not be read, or null. */
    public String loadProblem() { return loadProblem; }

    public String get(String key, String fallback) {
        return values.getProperty(key, fallback);
    }

    public double getDouble(String key, double fallback, double min, double max) {
        try {
            double v = Double.parseDouble(values.getProperty(key, ""));
            return Double.isFinite(v) && v >= min && v <= max ? v : fallback;
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    public void put(String key, String value) {
        if (value == null) values.remove(key);
        else values.setProperty(key, value);
    }

    public void putDouble(String key, double value) {
        put(key, Double.toString(value));
    }

    public void save() throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            values.store(w, "SEAL Workbench window settings");
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
