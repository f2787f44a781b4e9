package org.sealworkbench.jobs;

import java.nio.file.Path;
import org.sealworkbench.data.Format;

/**
 * Export a workspace's passages or self-edits to a file (see {@link ExportJob}); {@code filter} chooses the self-edits
 * (null, as in requests stored before it existed: all).
 */
public record ExportRequest(Path workspace, Path out, Format format, ExportJob.What what, SelfEditFilter filter)
        implements JobRequest<ExportJob.Report> {
    public static final String KIND = "export";

    public ExportRequest {
        if (workspace == null || out == null || format == null || what == null) {
            throw new IllegalArgumentException("an export needs a workspace, a file, a format and what to export");
        }
        if (filter == null) filter = SelfEditFilter.ALL;
        if (what == ExportJob.What.PASSAGES && !filter.isAll()) {
            throw new IllegalArgumentException("--author, --template and --round choose self-edits; use them with --what self-edits");
        }
    }

    public ExportRequest(Path workspace, Path out, Format format, ExportJob.What what) {
        this(workspace, out, format, what, SelfEditFilter.ALL);
    }

    @Override
    public String kind() {
        return KIND;
    }
}
