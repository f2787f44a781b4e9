package org.sealworkbench.ui;

import java.nio.file.Path;
import java.util.List;
import org.sealworkbench.app.AppDirs;

/** The window's start arguments: {@code --workspace=DIR} (default: the per-user workspace) and the sample folder. */
public record StartupOptions(Path workspace, Path sampleDir, Path settingsFile) {
    /** With the settings file in the user data folder. */
    public StartupOptions(Path workspace, Path sampleDir) {
        this(workspace, sampleDir, null);
    }


    public static StartupOptions parse(List<String> args) {
        Path workspace = null;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.startsWith("--workspace=")) workspace = Path.of(a.substring("--workspace=".length()));
            else if (a.equals("--workspace") && i + 1 < args.size()) workspace = Path.of(args.get(++i));
            else throw new IllegalArgumentException("Unknown argument: " + a + " (expected --workspace=DIR)");
        }
        return new StartupOptions(workspace == null ? AppDirs.defaultWorkspace() : workspace,
                SampleSeeder.defaultSampleDir());
    }
}
