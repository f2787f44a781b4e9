package org.sealworkbench.ui;

import org.sealworkbench.jobs.workspace.WorkspaceService;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.sealworkbench.jobs.qa.LibraryQa;
import org.sealworkbench.jobs.qa.PassageQaSummary;
import org.sealworkbench.jobs.workspace.WorkspaceCounts;
import org.sealworkbench.jobs.workspace.PassageItem;

/**
 * What the library shows of a workspace at one moment, read on a background thread; {@code grader} names the
 * grader of the QA columns ("" when nothing is graded). {@code qaCurrent} false: the rows came without their QA numbers
 * (those take seconds on a large workspace and are read after, {@link WorkspaceService#libraryQa}), so the columns wait.
 */
public record LibrarySnapshot(List<PassageRow> rows, WorkspaceCounts counts, String grader, boolean qaCurrent) {

    public LibrarySnapshot {
        rows = List.copyOf(rows);
        grader = grader == null ? "" : grader;
    }

    public LibrarySnapshot(List<PassageRow> rows, WorkspaceCounts counts, String grader) {
        this(rows, counts, grader, true);
    }

    public LibrarySnapshot(List<PassageRow> rows, WorkspaceCounts counts) {
        this(rows, counts, "");
    }

    /**
     * Reads summaries, contexts (for the filter) and counts, and the QA numbers when nothing graded changed since they
     * were last computed; never on the FX thread. Two queries and the counts: a fifth of a second for 5,000 passages.
     */
    public static LibrarySnapshot read(WorkspaceService backend) {
        List<PassageItem> summaries = backend.passages();
        Map<Long, String> contexts = backend.passageContexts();
        Optional<LibraryQa> qa = backend.libraryQaIfCurrent();
        Map<Long, PassageQaSummary> byPassage = byPassage(qa.orElse(LibraryQa.NONE));
        List<PassageRow> rows = new ArrayList<>(summaries.size());
        for (PassageItem s : summaries) rows.add(PassageRow.of(s, contexts.getOrDefault(s.id(), ""), byPassage.get(s.id())));
        return new LibrarySnapshot(rows, backend.counts(), qa.map(LibraryQa::grader).orElse(""), qa.isPresent());
    }

    /** These rows with these QA numbers (a passage without any has none). */
    public LibrarySnapshot withQa(LibraryQa qa) {
        Map<Long, PassageQaSummary> byPassage = byPassage(qa);
        List<PassageRow> withQa = new ArrayList<>(rows.size());
        for (PassageRow r : rows) withQa.add(r.withQa(byPassage.get(r.id())));
        return new LibrarySnapshot(withQa, counts, qa.grader(), true);
    }

    private static Map<Long, PassageQaSummary> byPassage(LibraryQa qa) {
        Map<Long, PassageQaSummary> out = new HashMap<>();
        for (PassageQaSummary s : qa.passages()) out.put(s.passageId(), s);
        return out;
    }
}
