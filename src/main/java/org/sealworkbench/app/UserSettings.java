package org.sealworkbench.app;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The app's one settings file ({@link AppDirs#settingsFile()}, Java properties, in the config folder): whether the
 * welcome screen was answered, the workspace opened last (the installer's first run), and the window's layout, theme,
 * open tab and annotator (the workbench). Written to a temporary file and moved into place, so a crash never leaves
 * half a file. An unreadable file is reported with its name ({@link #loadProblem()}) and treated as empty.
 *
 * <p>Two parts of the app hold their own copy (the first run's writer thread and the window), so {@link #save()}
 * writes only the keys this copy changed over what the file holds now: neither copy undoes the other's change.
 */
public final class UserSettings {
    static final String WELCOME_DONE = "welcome.done";
    static final String LAST_WORKSPACE = "workspace.last";
    /** The workbench's own file before the two were merged (in the data folder); read once, never written. */
    public static final String LEGACY_WORKBENCH_FILE = "workbench-settings.properties";

    private final Path file;
    private final Properties values = new Properties();
    /** Keys set (a value) or removed (null) since loading, in order. */
    private final Map<String, String> changed = new LinkedHashMap<>();
    private String loadProblem;

    private UserSettings(Path file) {
        this.file = file;
    }

    /** Reads the file (missing: empty settings). */
    public static UserSettings load(Path file) {
        UserSettings s = new UserSettings(file);
        try {
            read(file, s.values);
        } catch (IOException | IllegalArgumentException e) {
            s.loadProblem = file + ": " + e.getMessage() + " (using the defaults)";
            System.err.println("seal-workbench: ignoring unreadable settings file " + s.loadProblem);
            s.values.clear();
        }
        return s;
    }

    /**
     * The settings file of this user ({@link AppDirs#settingsFile()}); window settings still only in the old
     * {@value #LEGACY_WORKBENCH_FILE} of the data folder are taken over, so an update loses no layout.
     */
    public static UserSettings loadDefault() {
        AppDirs dirs = AppDirs.current();
        UserSettings s = load(dirs.settingsFile());
        s.adopt(dirs.data().resolve(LEGACY_WORKBENCH_FILE));
        return s;
    }

    /** Takes over the keys of an older settings file that this one lacks (marked changed, so the next save keeps them). */
    public synchronized void adopt(Path older) {
        Properties old = new Properties();
        try {
            read(older, old);
        } catch (IOException | IllegalArgumentException e) {
            System.err.println("seal-workbench: ignoring unreadable old settings file " + older + ": " + e.getMessage());
            return;
        }
        for (String key : old.stringPropertyNames()) {
            if (!values.containsKey(key)) put(key, old.getProperty(key));
        }
    }

    private static void read(Path file, Properties into) throws IOException {
        if (!Files.isRegularFile(file)) return;
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            into.load(in);
        }
    }

    public Path file() { return file; }

    /** Why the file could not be read, or null. */
    public synchronized String loadProblem() { return loadProblem; }

    public synchronized boolean welcomeDone() {
        return Boolean.parseBoolean(values.getProperty(WELCOME_DONE));
    }

    public synchronized void setWelcomeDone() {
        put(WELCOME_DONE, "true");
    }

    public synchronized Optional<Path> lastWorkspace() {
        String v = values.getProperty(LAST_WORKSPACE);
        return (v == null || v.isBlank()) ? Optional.empty() : Optional.of(Path.of(v));
    }

    public synchronized void setLastWorkspace(Path dir) {
        put(LAST_WORKSPACE, dir.toAbsolutePath().toString());
    }

    public synchronized String get(String key, String fallback) {
        return values.getProperty(key, fallback);
    }

    /** A number in [min, max], else the fallback (a hand-edited file must not break the window). */
    public synchronized double getDouble(String key, double fallback, double min, double max) {
        try {
            double v = Double.parseDouble(values.getProperty(key, ""));
            return Double.isFinite(v) && v >= min && v <= max ? v : fallback;
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    /** Sets a value (null removes the key). */
    public synchronized void put(String key, String value) {
        if (value == null) values.remove(key);
        else values.setProperty(key, value);
        changed.put(key, value);
    }

    public synchronized void putDouble(String key, double value) {
        put(key, Double.toString(value));
    }

    /** Writes this copy's changes over the file's current content, atomically (creating its folder). */
    public synchronized void save() {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Properties merged = new Properties();
            try {
                read(file, merged);
            } catch (IOException | IllegalArgumentException e) {
                merged.clear(); // unreadable now: this copy's values are the best there is
                merged.putAll(values);
            }
            changed.forEach((k, v) -> {
                if (v == null) merged.remove(k);
                else merged.setProperty(k, v);
            });
            Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), "settings", ".tmp");
            try (Writer out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                merged.store(out, "SEAL Workbench settings");
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            values.clear();
            values.putAll(merged);
            changed.clear();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the settings file " + file + ": " + e.getMessage(), e);
        }
    }
}
