package org.sealworkbench.jobs;

import java.nio.file.Path;

/**
 * Import one file into a workspace (see {@link ImportJob}).
 *
 * @param modelName who wrote imported self-edits (null: the .meta file's model, else the file's name)
 */
public record ImportRequest(Path workspace, Path file, String modelName) implements JobRequest<ImportReport> {
    public static final String KIND = "import";

    public ImportRequest {
        if (workspace == null || file == null) throw new IllegalArgumentException("an import needs a workspace and a file");
    }

    @Override
    public String kind() {
        return KIND;
    }
}
