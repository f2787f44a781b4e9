package org.sealworkbench.ui;

import org.sealworkbench.jobs.workspace.WorkspaceService;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.sealworkbench.jobs.qa.LibraryQa;
import org.sealworkbench.jobs.qa.PassageQaSummary;
import org.sealworkbench.jobs.workspace.WorkspaceCounts;
import org.sealworkbench.jobs.workspace.PassageText;
import org.sealworkbench.jobs.workspace.PassageItem;

/**
 * What the library shows of a workspace at one moment, read on a background thread; {@code grader} names the
 * grader of the QA columns ("" when nothing is graded).
 */
public record LibrarySnapshot(List<PassageRow> rows, WorkspaceCounts counts, String grader) {

    public LibrarySnapshot {
        rows = List.copyOf(rows);
        grader = grader == null ? "" : grader;
    }

    public LibrarySnapshot(List<PassageRow> rows, WorkspaceCounts counts) {
        this(rows, counts, "");
    }

    /** Reads summaries, contexts (for the filter), QA results and counts; slow for big workspaces, so never on the FX thread. */
    public static LibrarySnapshot read(WorkspaceService backend) {
        List<PassageItem> summaries = backend.passages();
        LibraryQa qa = backend.libraryQa();
        Map<Long, PassageQaSummary> byPassage = new HashMap<>();
        for (PassageQaSummary s : qa.passages()) byPassage.put(s.passageId(), s);
        List<PassageRow> rows = new ArrayList<>(summaries.size());
        for (PassageItem s : summaries) {
            String context = backend.passage(s.id()).map(PassageText::context).orElse("");
            rows.add(PassageRow.of(s, context, byPassage.get(s.id())));
        }
        return new LibrarySnapshot(rows, backend.counts(), qa.grader());
    }
}
