package org.sealworkbench.app;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.Properties;

/**
 * The user's settings file ({@link AppDirs#settingsFile()}, Java properties): whether the welcome screen was
 * answered, and the workspace opened last. Written to a temporary file and moved into place, so a crash
 * never leaves half a file. An unreadable file is reported with its name and treated as empty.
 */
public final class UserSettings {
    static final String WELCOME_DONE = "welcome.done";
    static final String LAST_WORKSPACE = "workspace.last";

    private final Path file;
    private final Properties values = new Properties();

    private UserSettings(Path file) {
        this.file = file;
    }

    /** Reads the file (missing: empty settings). */
    public static UserSettings load(Path file) {
        UserSettings s = new UserSettings(file);
        if (Files.isRegularFile(file)) {
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                s.values.load(in);
            } catch (IOException | IllegalArgumentException e) {
                System.err.println("seal-workbench: ignoring unreadable settings file " + file + ": " + e.getMessage());
                s.values.clear();
            }
        }
        return s;
    }

    public Path file() { return file; }

    public synchronized boolean welcomeDone() {
        return Boolean.parseBoolean(values.getProperty(WELCOME_DONE));
    }

    public synchronized void setWelcomeDone() {
        values.setProperty(WELCOME_DONE, "true");
    }

    public synchronized Optional<Path> lastWorkspace() {
        String v = values.getProperty(LAST_WORKSPACE);
        return (v == null || v.isBlank()) ? Optional.empty() : Optional.of(Path.of(v));
    }

    public synchronized void setLastWorkspace(Path dir) {
        values.setProperty(LAST_WORKSPACE, dir.toAbsolutePath().toString());
    }

    /** Writes the file atomically (creating its folder). */
    public synchronized void save() {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), "settings", ".tmp");
            try (Writer out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                values.store(out, "SEAL Workbench settings");
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the settings file " + file + ": " + e.getMessage(), e);
        }
    }
}
