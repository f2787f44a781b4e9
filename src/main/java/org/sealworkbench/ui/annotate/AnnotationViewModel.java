package org.sealworkbench.ui.annotate;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.sealworkbench.jobs.annotate.AnnotationBackend;
import org.sealworkbench.jobs.annotate.AnnotationPair;
import org.sealworkbench.jobs.annotate.EditSide;
import org.sealworkbench.jobs.annotate.ImportResult;
import org.sealworkbench.jobs.annotate.Judgement;
import org.sealworkbench.jobs.annotate.MeasuresFormat;
import org.sealworkbench.jobs.annotate.Options;
import org.sealworkbench.jobs.annotate.PairingRule;
import org.sealworkbench.jobs.annotate.TaskSpec;
import org.sealworkbench.seal.annotate.Verdict;
import org.sealworkbench.ui.JobRunner;
import org.sealworkbench.ui.JobTask;

/**
 * The annotation screen's state: the session set-up (annotator, passages, pairing rule, blind mode, seed,
 * guideline), the pair on screen with its ratings and note, progress, and the measures text. Every read
 * and write of the log runs as a job on the {@link JobRunner}; judgements are applied to the screen at
 * once and written in order behind it (the runner is single-threaded, so an undo's retraction always runs
 * after the write it retracts). Call everything on the FX thread.
 */
public final class AnnotationViewModel {
    private final AnnotationBackend backend;
    private final JobRunner runner;

    // set-up
    private final StringProperty annotator = new SimpleStringProperty("");
    private final ObservableList<Options.PassageOption> passages = FXCollections.observableArrayList();
    private final ObservableList<Options.PassageOption> selectedPassages = FXCollections.observableArrayList();
    private final ObservableList<Options.AuthorOption> authors = FXCollections.observableArrayList();
    private final ObjectProperty<PairingRule> rule = new SimpleObjectProperty<>(PairingRule.ALL_PAIRS);
    private final StringProperty authorA = new SimpleStringProperty();
    private final StringProperty authorB = new SimpleStringProperty();
    private final BooleanProperty blind = new SimpleBooleanProperty(true);
    private final StringProperty seed = new SimpleStringProperty("1");
    private final StringProperty guideline = new SimpleStringProperty("");

    // the session
    private final List<AnnotationPair> queue = new ArrayList<>();
    private int index;
    private final Deque<Done> undo = new ArrayDeque<>();
    private final ReadOnlyObjectWrapper<AnnotationPair> current = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper sessionActive = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper blindSession = new ReadOnlyBooleanWrapper();
    private final ReadOnlyIntegerWrapper done = new ReadOnlyIntegerWrapper();
    private final ReadOnlyIntegerWrapper skipped = new ReadOnlyIntegerWrapper();
    private final ReadOnlyIntegerWrapper remaining = new ReadOnlyIntegerWrapper();
    private final ReadOnlyStringWrapper progressText = new ReadOnlyStringWrapper("No session. Choose passages and a pairing rule, then Start session (Ctrl+Enter).");
    private final ReadOnlyStringWrapper leftMeta = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper rightMeta = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper reveal = new ReadOnlyStringWrapper("");
    private final ObjectProperty<Integer> ratingLeft = new SimpleObjectProperty<>();
    private final ObjectProperty<Integer> ratingRight = new SimpleObjectProperty<>();
    private final StringProperty note = new SimpleStringProperty("");
    private final ObservableList<TextSpan> leftSpans = FXCollections.observableArrayList();
    private final ObservableList<TextSpan> rightSpans = FXCollections.observableArrayList();
    private final BooleanProperty highlightDifferences = new SimpleBooleanProperty(false);
    private WordDifferences wordDifferences = WordDifferences.NONE;
    private String sessionAnnotator;
    private TaskSpec lastSpec;
    private Runnable onWritten = () -> {};

    // measures, export, errors
    private final ReadOnlyStringWrapper measuresText = new ReadOnlyStringWrapper("Measures appear here: press M or Refresh.");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<Failure> failure = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyIntegerWrapper pendingWrites = new ReadOnlyIntegerWrapper();
    private final ReadOnlyBooleanWrapper loaded = new ReadOnlyBooleanWrapper();

    /** A failed job: what was being done and why it failed, for a dialog. */
    public record Failure(String what, Throwable error) {}

    /** A judged pair: where it sat in the queue and (once written) what was stored. */
    private static final class Done {
        final int index;
        final Verdict verdict;
        volatile Judgement stored;

        Done(int index, Verdict verdict) {
            this.index = index;
            this.verdict = verdict;
        }
    }

    public AnnotationViewModel(AnnotationBackend backend, JobRunner runner) {
        this.backend = backend;
        this.runner = runner;
        highlightDifferences.addListener((o, a, b) -> showSpans());
    }

    /** Called on the FX thread after each write to the log (a judgement, a retraction, the guideline, an import). */
    public void setOnWritten(Runnable r) {
        onWritten = r == null ? () -> {} : r;
    }

    /** The word-difference hook (see {@link WordDifferences}). */
    public void setWordDifferences(WordDifferences differences) {
        this.wordDifferences = differences == null ? WordDifferences.NONE : differences;
        showSpans();
    }

    public boolean wordDifferencesAvailable() {
        return wordDifferences != WordDifferences.NONE;
    }

    // ---- loading ------------------------------------------------------------------------------

    private record Loaded(List<Options.PassageOption> passages, List<Options.AuthorOption> authors, String annotator,
                          String guideline) {}

    /** Reads passages, authors, the last annotator's name and the guideline from the log. */
    public void load() {
        submit("Loading the annotation task", (p, c) -> new Loaded(backend.passages(), backend.authors(),
                backend.lastAnnotator().orElse(""), backend.guideline()), l -> {
            passages.setAll(l.passages().stream().filter(x -> x.selfEdits() >= 2).toList());
            selectedPassages.setAll(passages);
            authors.setAll(l.authors());
            if (annotator.get().isBlank()) annotator.set(l.annotator());
            guideline.set(l.guideline());
            if (authors.size() >= 2) {
                authorA.set(authors.get(0).author());
                authorB.set(authors.get(1).author());
            }
            loaded.set(true);
            status.set(passages.isEmpty() ? "No passage has two self-edits yet: import or generate self-edits first."
                    : passages.size() + " passages with two or more self-edits.");
        });
    }

    /**
     * Reads the passages and authors again (self-edits were generated, imported or edited since {@link #load}), keeping
     * what was chosen: the passages still offered stay selected as they were, newly offered ones are selected, and the
     * authors A and B stay while they are still authors. The name, the guideline being written and a running session
     * are left alone.
     */
    public void reloadOptions() {
        if (!loaded.get()) return;   // the first load is still to come and sets everything
        submit("Reading the annotation task", (p, c) -> new Loaded(backend.passages(), backend.authors(), "", ""), l -> {
            java.util.Set<Long> offered = new java.util.HashSet<>(), chosen = new java.util.HashSet<>();
            for (Options.PassageOption o : passages) offered.add(o.id());
            for (Options.PassageOption o : selectedPassages) chosen.add(o.id());
            List<Options.PassageOption> now = l.passages().stream().filter(x -> x.selfEdits() >= 2).toList();
            passages.setAll(now);
            selectedPassages.setAll(now.stream().filter(o -> chosen.contains(o.id()) || !offered.contains(o.id())).toList());
            String a = authorA.get(), b = authorB.get();
            authors.setAll(l.authors());
            List<String> names = authors.stream().map(Options.AuthorOption::author).toList();
            if (names.size() >= 2) {
                authorA.set(names.contains(a) ? a : names.get(0));
                authorB.set(names.contains(b) ? b : names.get(names.get(0).equals(authorA.get()) ? 1 : 0));
            }
            if (!sessionActive.get()) {
                status.set(passages.isEmpty() ? "No passage has two self-edits yet: import or generate self-edits first."
                        : passages.size() + " passages with two or more self-edits.");
            }
        });
    }

    public void saveGuideline() {
        String text = guideline.get();
        String who = annotator.get();
        submit("Saving the guideline", (p, c) -> {
            backend.saveGuideline(who, text);
            return null;
        }, x -> {
            status.set("Guideline saved.");
            onWritten.run();
        });
    }

    // ---- the session --------------------------------------------------------------------------

    private record Started(TaskSpec spec, List<AnnotationPair> pairs, int done, int skipped) {}

    /** Builds the task and starts judging where this annotator left off (pairs already judged are left out). */
    public void startSession() {
        TaskSpec spec;
        try {
            long s;
            try {
                s = Long.parseLong(seed.get().strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("the seed must be a whole number, got '" + seed.get() + "'");
            }
            if (selectedPassages.isEmpty()) throw new IllegalArgumentException("choose at least one passage");
            spec = new TaskSpec(annotator.get(), selectedPassages.stream().map(Options.PassageOption::id).toList(),
                    rule.get(), authorA.get(), authorB.get(), blind.get(), s);
        } catch (IllegalArgumentException e) {
            failure.set(new Failure("Cannot start the session", e));
            return;
        }
        begin(spec);
    }

    /** (Re)builds the session of a spec from the log: after a start, and after a write failed, so the screen matches the log. */
    private void begin(TaskSpec spec) {
        lastSpec = spec;
        submit("Building the annotation task", (p, c) -> {
            List<AnnotationPair> all = backend.pairs(spec);
            // This annotator's latest live judgement of each pair.
            Map<String, Verdict> latest = new HashMap<>();
            for (Judgement j : backend.judgements()) {
                if (!j.retracted() && j.annotator().equals(spec.annotator())) latest.put(j.pairKey(), j.verdict());
            }
            List<AnnotationPair> todo = new ArrayList<>();
            int d = 0, s = 0;
            for (AnnotationPair pair : all) {
                Verdict v = latest.get(pair.pairKey());
                if (v == null) todo.add(pair);
                else if (v == Verdict.SKIP) s++;
                else d++;
            }
            return new Started(spec, todo, d, s);
        }, st -> {
            queue.clear();
            queue.addAll(st.pairs());
            index = 0;
            undo.clear();
            sessionAnnotator = st.spec().annotator();
            blindSession.set(st.spec().blind());
            done.set(st.done());
            skipped.set(st.skipped());
            reveal.set("");
            sessionActive.set(true);
            if (queue.isEmpty() && st.done() + st.skipped() == 0) {
                status.set("This selection has no pairs" + (st.spec().rule() == PairingRule.AUTHOR_VS_AUTHOR
                        ? ": no passage has self-edits of both " + st.spec().authorA() + " and " + st.spec().authorB() : "") + ".");
            } else {
                status.set("Session of " + sessionAnnotator + ": " + (st.done() + st.skipped()) + " pairs already judged earlier.");
            }
            showCurrent();
        });
    }

    /** Judges the pair on screen (1 / ←: LEFT, 2 / →: RIGHT, 3: TIE, S: SKIP) and moves to the next. */
    public void judge(Verdict verdict) {
        AnnotationPair pair = current.get();
        if (pair == null) return;
        Integer rl = ratingLeft.get();
        Integer rr = ratingRight.get();
        String n = note.get();
        String who = sessionAnnotator;
        Done d = new Done(index, verdict);
        undo.push(d);
        if (verdict == Verdict.SKIP) skipped.set(skipped.get() + 1);
        else done.set(done.get() + 1);
        reveal.set(revealOf(pair, verdict));
        index++;
        showCurrent();
        pendingWrites.set(pendingWrites.get() + 1);
        submit("Saving a judgement", (p, c) -> {
            d.stored = backend.judge(who, pair, verdict, rl, rr, n);
            return d.stored;
        }, j -> {
            pendingWrites.set(pendingWrites.get() - 1);
            onWritten.run();
        }, this::writeFailed);
    }

    /** A judgement or retraction was not written (the dialog says why): rebuild the session from what the log holds. */
    private void writeFailed() {
        pendingWrites.set(pendingWrites.get() - 1);
        if (lastSpec != null) begin(lastSpec);
    }

    /** Takes back the last judgement of this session: the pair comes back, and a retraction is appended to the log. */
    public void undo() {
        if (undo.isEmpty()) {
            status.set("Nothing to undo in this session.");
            return;
        }
        Done d = undo.pop();
        if (d.verdict == Verdict.SKIP) skipped.set(skipped.get() - 1);
        else done.set(done.get() - 1);
        index = d.index;
        reveal.set("Undone: the pair is back; its judgement stays in the log, marked retracted.");
        showCurrent();
        String who = sessionAnnotator;
        pendingWrites.set(pendingWrites.get() + 1);
        submit("Retracting a judgement", (p, c) -> {
            // Runs after the write of d on the one-thread runner; nothing to retract if that write failed.
            if (d.stored != null) backend.retract(who, d.stored.uid());
            return null;
        }, x -> {
            pendingWrites.set(pendingWrites.get() - 1);
            onWritten.run();
        }, this::writeFailed);
    }

    public void rateLeft(int rating) {
        ratingLeft.set(ratingLeft.get() != null && ratingLeft.get() == rating ? null : checkRating(rating));
    }

    public void rateRight(int rating) {
        ratingRight.set(ratingRight.get() != null && ratingRight.get() == rating ? null : checkRating(rating));
    }

    private static int checkRating(int r) {
        if (r < 1 || r > 5) throw new IllegalArgumentException("a rating is 1 to 5, got " + r);
        return r;
    }

    private void showCurrent() {
        AnnotationPair pair = index < queue.size() ? queue.get(index) : null;
        current.set(pair);
        ratingLeft.set(null);
        ratingRight.set(null);
        note.set("");
        remaining.set(queue.size() - index);
        boolean hide = blindSession.get();
        leftMeta.set(pair == null ? "" : meta(pair.left(), hide));
        rightMeta.set(pair == null ? "" : meta(pair.right(), hide));
        showSpans();
        if (!sessionActive.get()) return;
        int total = done.get() + skipped.get() + remaining.get();
        progressText.set(pair == null
                ? String.format(Locale.ROOT, "All %d pairs judged (%d done, %d skipped). Press M for the measures.", total, done.get(), skipped.get())
                : String.format(Locale.ROOT, "Pair %d of %d   done %d   skipped %d   remaining %d", done.get() + skipped.get() + 1, total,
                done.get(), skipped.get(), remaining.get()));
    }

    private void showSpans() {
        AnnotationPair pair = current.get();
        if (pair == null) {
            leftSpans.clear();
            rightSpans.clear();
            return;
        }
        leftSpans.setAll(spans(pair.left().text(), pair.right().text()));
        rightSpans.setAll(spans(pair.right().text(), pair.left().text()));
    }

    private List<TextSpan> spans(String text, String other) {
        if (!highlightDifferences.get()) return List.of(new TextSpan(text, false));
        List<TextSpan> out = new ArrayList<>();
        int at = 0;
        for (WordDifferences.Range r : wordDifferences.changed(text, other)) {
            if (r.start() > at) out.add(new TextSpan(text.substring(at, r.start()), false));
            out.add(new TextSpan(text.substring(r.start(), r.end()), true));
            at = r.end();
        }
        if (at < text.length()) out.add(new TextSpan(text.substring(at), false));
        return out;
    }

    private static String meta(EditSide s, boolean hide) {
        if (hide) return "self-edit #" + s.selfEditId() + "  ·  author, template and reward hidden until judged";
        return "self-edit #" + s.selfEditId() + "  ·  " + s.author() + "  ·  template " + (s.template() == null ? "-" : s.template())
                + "  ·  reward " + reward(s);
    }

    private static String revealOf(AnnotationPair p, Verdict v) {
        String said = switch (v) {
            case LEFT -> "left better";
            case RIGHT -> "right better";
            case TIE -> "tie";
            case SKIP -> "skipped";
        };
        return "Last pair (" + said + "): left was " + who(p.left()) + "; right was " + who(p.right()) + ".";
    }

    private static String who(EditSide s) {
        return s.author() + " (#" + s.selfEditId() + ", reward " + reward(s) + ")";
    }

    /** A side's reward in percent, as the window writes rewards ({@link org.sealworkbench.ui.charts.ChartFactory#percent}), or "none". */
    static String reward(EditSide s) {
        return s.reward() == null ? "none" : org.sealworkbench.ui.charts.ChartFactory.percent(s.reward());
    }

    // ---- measures, export, import --------------------------------------------------------------

    public void refreshMeasures() {
        submit("Computing the annotation measures", (p, c) -> MeasuresFormat.text(backend.measures()), measuresText::set);
    }

    public void exportCsv(Path file) {
        submit("Exporting judgements (CSV)", (p, c) -> backend.exportCsv(file, p, c),
                n -> status.set("Exported " + n + " judgements to " + file));
    }

    public void exportJsonl(Path file) {
        submit("Exporting judgements (JSONL)", (p, c) -> backend.exportJsonl(file, p, c),
                n -> status.set("Exported " + n + " lines to " + file));
    }

    public void importJsonl(Path file) {
        submit("Importing judgements", (p, c) -> backend.importJsonl(file, p, c), (ImportResult r) -> {
            status.set("Imported " + r.judgements() + " judgements and " + r.retractions() + " retractions from " + file.getFileName()
                    + "; " + r.alreadyPresent() + " were already here.");
            onWritten.run();
            refreshMeasures();
        });
    }

    private <T> void submit(String title, JobTask.Work<T> work, Consumer<T> onSuccess) {
        submit(title, work, onSuccess, () -> {});
    }

    private <T> void submit(String title, JobTask.Work<T> work, Consumer<T> onSuccess, Runnable onFailure) {
        JobTask<T> task = new JobTask<>(title, work);
        task.setOnSucceeded(e -> onSuccess.accept(task.getValue()));
        task.setOnFailed(e -> {
            onFailure.run();
            failure.set(new Failure(title + " failed", task.getException()));
        });
        task.setOnCancelled(e -> onFailure.run());
        runner.submit(task);
    }

    // ---- properties ----------------------------------------------------------------------------

    public StringProperty annotatorProperty() { return annotator; }
    public ObservableList<Options.PassageOption> passages() { return passages; }
    /** The passages the task is built from; the view keeps it in step with its selection. */
    public ObservableList<Options.PassageOption> selectedPassages() { return selectedPassages; }
    public ObservableList<Options.AuthorOption> authors() { return authors; }
    public ObjectProperty<PairingRule> ruleProperty() { return rule; }
    public StringProperty authorAProperty() { return authorA; }
    public StringProperty authorBProperty() { return authorB; }
    public BooleanProperty blindProperty() { return blind; }
    public StringProperty seedProperty() { return seed; }
    public StringProperty guidelineProperty() { return guideline; }
    public ReadOnlyObjectProperty<AnnotationPair> currentProperty() { return current.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty sessionActiveProperty() { return sessionActive.getReadOnlyProperty(); }
    public ReadOnlyIntegerProperty doneProperty() { return done.getReadOnlyProperty(); }
    public ReadOnlyIntegerProperty skippedProperty() { return skipped.getReadOnlyProperty(); }
    public ReadOnlyIntegerProperty remainingProperty() { return remaining.getReadOnlyProperty(); }
    public ReadOnlyStringProperty progressTextProperty() { return progressText.getReadOnlyProperty(); }
    public ReadOnlyStringProperty leftMetaProperty() { return leftMeta.getReadOnlyProperty(); }
    public ReadOnlyStringProperty rightMetaProperty() { return rightMeta.getReadOnlyProperty(); }
    public ReadOnlyStringProperty revealProperty() { return reveal.getReadOnlyProperty(); }
    public ObjectProperty<Integer> ratingLeftProperty() { return ratingLeft; }
    public ObjectProperty<Integer> ratingRightProperty() { return ratingRight; }
    public StringProperty noteProperty() { return note; }
    public ObservableList<TextSpan> leftSpans() { return leftSpans; }
    public ObservableList<TextSpan> rightSpans() { return rightSpans; }
    public BooleanProperty highlightDifferencesProperty() { return highlightDifferences; }
    public ReadOnlyStringProperty measuresTextProperty() { return measuresText.getReadOnlyProperty(); }
    public ReadOnlyStringProperty statusProperty() { return status.getReadOnlyProperty(); }
    /** The last failed job, for a dialog; the view clears it once shown. */
    public ReadOnlyObjectProperty<Failure> failureProperty() { return failure.getReadOnlyProperty(); }
    public void clearFailure() { failure.set(null); }
    /** Judgements and retractions queued but not yet written. */
    public ReadOnlyIntegerProperty pendingWritesProperty() { return pendingWrites.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty loadedProperty() { return loaded.getReadOnlyProperty(); }
}
