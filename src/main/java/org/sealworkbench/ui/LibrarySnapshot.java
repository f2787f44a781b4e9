package org.sealworkbench.ui;

import org.sealworkbench.jobs.workspace.WorkspaceService;
import java.util.ArrayList;
import java.util.List;
import org.sealworkbench.jobs.workspace.WorkspaceCounts;
import org.sealworkbench.jobs.workspace.PassageText;
import org.sealworkbench.jobs.workspace.PassageItem;

/** What the library shows of a workspace at one moment; read on a background thread. */
public record LibrarySnapshot(List<PassageRow> rows, WorkspaceCounts counts) {

    public LibrarySnapshot {
        rows = List.copyOf(rows);
    }

    /** Reads summaries, contexts (for the filter) and counts; slow for big workspaces, so never on the FX thread. */
    public static LibrarySnapshot read(WorkspaceService backend) {
        List<PassageItem> summaries = backend.passages();
        List<PassageRow> rows = new ArrayList<>(summaries.size());
        for (PassageItem s : summaries) {
            String context = backend.passage(s.id()).map(PassageText::context).orElse("");
            rows.add(PassageRow.of(s, context));
        }
        return new LibrarySnapshot(rows, backend.counts());
    }
}
