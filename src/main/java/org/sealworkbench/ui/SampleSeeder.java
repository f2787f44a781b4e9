package org.sealworkbench.ui;

import org.sealworkbench.jobs.workspace.WorkspaceService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * First start of a workspace: when it has no passages and was never seeded, the sample passages are
 * imported once and a marker file remembers it (so a workspace the user emptied is not refilled).
 */
public final class SampleSeeder {
    public static final String MARKER = ".seeded";
    public static final String SAMPLE_DATA_PROPERTY = "seal.sampleData";

    private SampleSeeder() {}

    /** The folder named by -Dseal.sampleData, else ./sample-data. */
    public static Path defaultSampleDir() {
        String prop = System.getProperty(SAMPLE_DATA_PROPERTY);
        return (prop != null && !prop.isBlank()) ? Path.of(prop) : Path.of("sample-data");
    }

    public static boolean needsSeeding(WorkspaceService workspace) {
        return workspace.counts().passages() == 0 && !Files.exists(workspace.dir().resolve(MARKER));
    }

    /** Every *.json file in the folder, by name; empty when the folder does not exist. */
    public static List<Path> sampleFiles(Path sampleDir) {
        if (sampleDir == null || !Files.isDirectory(sampleDir)) return List.of();
        try (Stream<Path> files = Files.list(sampleDir)) {
            return files.filter(f -> f.getFileName().toString().toLowerCase().endsWith(".json"))
                    .filter(Files::isRegularFile)
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list the sample data folder " + sampleDir + ": " + e.getMessage(), e);
        }
    }

    public static void markSeeded(Path workspaceDir) {
        try {
            Files.writeString(workspaceDir.resolve(MARKER), "sample data imported\n");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + workspaceDir.resolve(MARKER) + ": " + e.getMessage(), e);
        }
    }
}
