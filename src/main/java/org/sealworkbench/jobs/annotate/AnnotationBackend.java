package org.sealworkbench.jobs.annotate;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.sealworkbench.util.CancelToken;
import org.sealworkbench.util.Progress;
import org.sealworkbench.seal.annotate.AnnotationMeasures;
import org.sealworkbench.seal.annotate.Verdict;

/**
 * What the annotation screen and {@code ./seal annotations} need from a workspace's log, in their own
 * records (the window never sees the store). {@link AnnotationService} is the real one. Every method may
 * touch the database: call them off the FX thread.
 */
public interface AnnotationBackend extends AutoCloseable {
    Path workspaceDir();

    List<Options.PassageOption> passages();

    List<Options.AuthorOption> authors();

    /** The annotator who judged last in this workspace, to fill in the name next time. */
    Optional<String> lastAnnotator();

    /** The latest guideline text, or "" when none was saved. */
    String guideline();

    void saveGuideline(String annotator, String text);

    /** The task's pairs in the order they are shown, each with its left/right order drawn from the spec's seed. */
    List<AnnotationPair> pairs(TaskSpec spec);

    /** Every judgement in the log, oldest first, retracted ones marked. */
    List<Judgement> judgements();

    /** Stores a judgement of a pair with the side each self-edit was shown on; returns it. */
    Judgement judge(String annotator, AnnotationPair pair, Verdict verdict, Integer ratingLeft, Integer ratingRight, String note);

    /** Appends a retraction of a judgement (undo); the judgement's row stays. */
    void retract(String annotator, String uid);

    AnnotationMeasures measures();

    /** Writes live and retracted judgements as CSV; returns the number of judgement rows. */
    int exportCsv(Path file, Progress progress, CancelToken cancel);

    /** Writes judgements and retractions as JSON lines; returns the number of lines. */
    int exportJsonl(Path file, Progress progress, CancelToken cancel);

    /** Reads a file written by {@link #exportJsonl}, adding what the log lacks, all or nothing. */
    ImportResult importJsonl(Path file, Progress progress, CancelToken cancel);

    @Override
    void close();
}
