package org.sealworkbench.jobs;

import java.nio.file.Path;
import org.sealworkbench.data.Format;

/** Export a workspace's passages or self-edits to a file (see {@link ExportJob}). */
public record ExportRequest(Path workspace, Path out, Format format, ExportJob.What what) implements JobRequest<ExportJob.Report> {
    public static final String KIND = "export";

    public ExportRequest {
        if (workspace == null || out == null || format == null || what == null) {
            throw new IllegalArgumentException("an export needs a workspace, a file, a format and what to export");
        }
    }

    @Override
    public String kind() {
        return KIND;
    }
}
