package org.sealworkbench.ui.studio;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ChangeListener;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;
import org.sealworkbench.jobs.workspace.GenerateRequest;
import org.sealworkbench.jobs.workspace.PassageText;
import org.sealworkbench.jobs.workspace.SampleStream;
import org.sealworkbench.jobs.workspace.SelfEditItem;
import org.sealworkbench.jobs.workspace.WorkspaceService;
import org.sealworkbench.seal.WordDiff;
import org.sealworkbench.ui.Background;
import org.sealworkbench.ui.JobRunner;
import org.sealworkbench.ui.JobTask;

/**
 * The Self-edits tab: the selected passage beside 2 to 4 columns, each showing one of the passage's self-edits
 * (or the passage alone), word differences between two chosen columns, the training sequences under each, and
 * the actions Generate (samples stream into new columns) and Save (an edit becomes a new self-edit whose parent
 * is the shown one). Unsaved edits are kept per self-edit for the session, so they survive switching passages.
 * Every read and write runs through {@link Background} or the {@link JobRunner}; methods are called on the FX
 * thread.
 */
public final class SelfEditsViewModel {
    public static final int MIN_COLUMNS = 2;
    public static final int MAX_COLUMNS = 4;
    /** Generation opens one column per sample, up to this many. */
    public static final int MAX_GENERATED_COLUMNS = 8;

    private final Supplier<WorkspaceService> workspace;
    private final Background background;
    private final JobRunner runner;
    private final BiConsumer<String, Throwable> errors;

    private final ObjectProperty<PassageText> passage = new SimpleObjectProperty<>(this, "passage");
    private final ObservableList<SelfEditItem> selfEdits = FXCollections.observableArrayList();
    private final ObservableList<ColumnChoice> choices = FXCollections.observableArrayList();
    private final ObservableList<ColumnViewModel> columns = FXCollections.observableArrayList();
    private final BooleanProperty diffOn = new SimpleBooleanProperty(this, "diffOn", true);
    private final IntegerProperty diffA = new SimpleIntegerProperty(this, "diffA", 0);
    private final IntegerProperty diffB = new SimpleIntegerProperty(this, "diffB", 1);
    private final BooleanProperty showSequences = new SimpleBooleanProperty(this, "showSequences", false);
    private final BooleanProperty generating = new SimpleBooleanProperty(this, "generating", false);
    /** The workspace is read-only: nothing is generated or saved, and the columns are not editable (the window binds it). */
    private final BooleanProperty readOnly = new SimpleBooleanProperty(this, "readOnly", false);
    private final javafx.beans.binding.BooleanBinding canGenerate = passage.isNotNull().and(generating.not()).and(readOnly.not());
    private final StringProperty emptyText = new SimpleStringProperty(this, "emptyText", "Select a passage in the library.");
    private final StringProperty annotator = new SimpleStringProperty(this, "annotator", System.getProperty("user.name", ""));
    private final StringProperty timing = new SimpleStringProperty(this, "timing", "");
    private final ReadOnlyIntegerWrapper unsaved = new ReadOnlyIntegerWrapper(this, "unsaved", 0);
    /** Unsaved editor text per self-edit id, for the whole session. */
    private final Map<Long, String> drafts = new HashMap<>();
    private Runnable onStored = () -> {};
    private long generatingPassage = -1;
    private int showToken; // discards a slow read when a newer passage was asked for
    private Long requested; // the passage last asked for (shown, or still being read)
    private Ranked ranked;  // a ranked view of the passage being read, applied when its read is back

    public SelfEditsViewModel(Supplier<WorkspaceService> workspace, Background background, JobRunner runner,
                              BiConsumer<String, Throwable> errors) {
        this.workspace = workspace;
        this.background = background;
        this.runner = runner;
        this.errors = errors;
        for (int i = 0; i < MIN_COLUMNS; i++) columns.add(newColumn());
        Runnable rediff = this::recomputeDiff;
        diffOn.addListener((o, a, b) -> rediff.run());
        diffA.addListener((o, a, b) -> rediff.run());
        diffB.addListener((o, a, b) -> rediff.run());
        showSequences.addListener((o, a, on) -> {
            if (on) columns.forEach(this::refreshSequences);
        });
    }

    public ObjectProperty<PassageText> passageProperty() { return passage; }
    public ObservableList<SelfEditItem> selfEdits() { return selfEdits; }
    /** "Passage only", then every self-edit of the passage: what a column header can pick. */
    public ObservableList<ColumnChoice> choices() { return choices; }
    public ObservableList<ColumnViewModel> columns() { return columns; }
    public BooleanProperty diffOnProperty() { return diffOn; }
    /** The two columns (0-based) whose word differences are highlighted. */
    public IntegerProperty diffAProperty() { return diffA; }
    public IntegerProperty diffBProperty() { return diffB; }
    public BooleanProperty showSequencesProperty() { return showSequences; }
    public BooleanProperty generatingProperty() { return generating; }
    public BooleanProperty readOnlyProperty() { return readOnly; }
    /** Whether Generate is on: a passage is shown, no generation runs, and the workspace may be written. */
    public javafx.beans.binding.BooleanBinding canGenerateProperty() { return canGenerate; }
    public StringProperty emptyTextProperty() { return emptyText; }
    /** Who saves edits (from the settings). */
    public StringProperty annotatorProperty() { return annotator; }
    /** After a generation: "first token after 0.41 s · 5 samples after 3.2 s". */
    public StringProperty timingProperty() { return timing; }
    /** How many self-edits have unsaved edits in this session. */
    public ReadOnlyIntegerProperty unsavedProperty() { return unsaved.getReadOnlyProperty(); }

    /** Called after a self-edit was stored (an edit saved, a sample generated), e.g. to refresh the library's counts. */
    public void setOnStored(Runnable r) {
        onStored = r == null ? () -> {} : r;
    }

    public boolean hasDraft(long selfEditId) {
        return drafts.containsKey(selfEditId);
    }

    // ---- showing a passage --------------------------------------------------------------------------

    /** Reads the passage and its self-edits in the background, then shows them. */
    public void showPassage(Long passageId) {
        int token = ++showToken;
        requested = passageId;
        if (ranked != null && !ranked.passageId().equals(passageId)) ranked = null;
        WorkspaceService ws = workspace.get();
        if (passageId == null || ws == null) {
            clear();
            return;
        }
        background.run("Reading passage " + passageId, () -> new Loaded(ws.passage(passageId), ws.selfEdits(passageId)),
                loaded -> {
                    if (token != showToken) return;
                    if (loaded.passage().isEmpty()) {
                        clear();
                        return;
                    }
                    apply(loaded.passage().get(), loaded.edits());
                    if (ranked != null && ranked.passageId() == loaded.passage().get().id()) {
                        List<Long> ids = ranked.selfEditIds();
                        ranked = null;
                        applyRanked(ids);
                    }
                },
                e -> errors.accept("Could not read passage " + passageId, e));
    }

    private record Loaded(Optional<PassageText> passage, List<SelfEditItem> edits) {}

    /** A ranked view asked for and not shown yet: a newer read of the same passage (a reload) still shows it ranked. */
    private record Ranked(Long passageId, List<Long> selfEditIds) {}

    /**
     * Shows a passage with the given self-edits as its columns, in that order (an RL passage's k self-edits ranked by
     * reward, best first), up to {@link #MAX_GENERATED_COLUMNS}; ids not found are skipped. The order holds when the same
     * passage is read again before the first read is back (the library's selection, or a refresh after another process
     * wrote to the workspace, as a running RL job does): before, such a read won and the columns came in stored order, or
     * the studio stayed on the passage shown before.
     */
    public void showRanked(long passageId, List<Long> selfEditIds) {
        if (workspace.get() == null || generating.get()) return;
        ranked = new Ranked(passageId, List.copyOf(selfEditIds));
        showPassage(passageId);
    }

    private void applyRanked(List<Long> selfEditIds) {
        List<ColumnChoice> chosen = new ArrayList<>();
        for (long id : selfEditIds) find(id).map(ColumnChoice::new).ifPresent(chosen::add);
        if (chosen.isEmpty()) return;
        int n = Math.min(MAX_GENERATED_COLUMNS, Math.max(MIN_COLUMNS, chosen.size()));
        while (columns.size() > n) columns.remove(columns.size() - 1);
        while (columns.size() < n) columns.add(newColumn());
        for (int i = 0; i < n; i++) choose(columns.get(i), i < chosen.size() ? chosen.get(i) : ColumnChoice.PASSAGE_ONLY);
        diffA.set(0);
        diffB.set(Math.min(1, n - 1));
        recomputeDiff();
    }

    /**
     * Re-reads the passage last asked for (the one shown, or one still being read) and its self-edits (e.g. after the
     * command line added some), keeping each column's choice.
     */
    public void reload() {
        Long id = requested != null ? requested : passage.get() != null ? Long.valueOf(passage.get().id()) : null;
        if (id != null) showPassage(id);
    }

    public void clear() {
        if (generating.get()) return; // the generation's columns stay until it ends
        passage.set(null);
        selfEdits.clear();
        choices.setAll(ColumnChoice.PASSAGE_ONLY);
        for (ColumnViewModel c : columns) c.show(ColumnChoice.PASSAGE_ONLY, "", "");
        emptyText.set("Select a passage in the library.");
    }

    /** Shows a passage: keeps each column on the self-edit it showed when the passage is the same, else fills them in order. */
    void apply(PassageText p, List<SelfEditItem> edits) {
        boolean same = passage.get() != null && passage.get().id() == p.id();
        List<Long> shownIds = new ArrayList<>();
        for (ColumnViewModel c : columns) shownIds.add(c.choice().passageOnly() ? null : c.choice().edit().id());
        passage.set(p);
        selfEdits.setAll(edits);
        List<ColumnChoice> list = new ArrayList<>();
        list.add(ColumnChoice.PASSAGE_ONLY);
        for (SelfEditItem e : edits) list.add(new ColumnChoice(e));
        choices.setAll(list);
        if (generating.get() && generatingPassage == p.id()) return; // the streaming columns stay
        if (!same || columns.stream().anyMatch(c -> c.streamingProperty().get())) {
            while (columns.size() > Math.max(MIN_COLUMNS, Math.min(MAX_COLUMNS, edits.size()))) columns.remove(columns.size() - 1);
            while (columns.size() < Math.min(MAX_COLUMNS, Math.max(MIN_COLUMNS, edits.size()))) columns.add(newColumn());
            for (int i = 0; i < columns.size(); i++) choose(columns.get(i), i < edits.size() ? list.get(i + 1) : ColumnChoice.PASSAGE_ONLY);
        } else {
            for (int i = 0; i < columns.size(); i++) {
                Long id = shownIds.get(i);
                choose(columns.get(i), id == null ? ColumnChoice.PASSAGE_ONLY : find(id).map(ColumnChoice::new).orElse(ColumnChoice.PASSAGE_ONLY));
            }
        }
        emptyText.set(!edits.isEmpty() ? "" : readOnly.get()
                ? "No self-edits of this passage, and the workspace is open read-only: to generate some, work on a copy of its folder."
                : "No self-edits yet: Generate (Ctrl+G)");
        recomputeDiff();
    }

    private Optional<SelfEditItem> find(long id) {
        return selfEdits.stream().filter(e -> e.id() == id).findFirst();
    }

    // ---- columns -----------------------------------------------------------------------------------

    private ColumnViewModel newColumn() {
        ColumnViewModel c = new ColumnViewModel();
        c.readOnlyProperty().bind(readOnly);
        ChangeListener<String> edited = (o, old, now) -> {
            ColumnChoice ch = c.choice();
            if (!c.streamingProperty().get() && ch != null && !ch.passageOnly()) {
                if (now.equals(c.originalProperty().get())) drafts.remove(ch.edit().id());
                else drafts.put(ch.edit().id(), now);
                unsaved.set(drafts.size());
                c.statusProperty().set(c.isDirty() ? "● unsaved edits" : "");
            }
            recomputeDiff();
            if (showSequences.get() && !c.streamingProperty().get()) refreshSequences(c);
        };
        c.textProperty().addListener(edited);
        return c;
    }

    /** Points a column at a choice, with the unsaved draft of that self-edit when there is one. */
    public void choose(ColumnViewModel column, ColumnChoice choice) {
        PassageText p = passage.get();
        if (choice == null || choice.passageOnly()) {
            column.show(ColumnChoice.PASSAGE_ONLY, p == null ? "" : p.context(), p == null ? "" : p.context());
            column.statusProperty().set("");
        } else {
            String stored = choice.edit().text();
            column.show(choice, stored, drafts.getOrDefault(choice.edit().id(), stored));
            column.statusProperty().set(column.isDirty() ? "● unsaved edits" : "");
        }
        if (showSequences.get()) refreshSequences(column);
        recomputeDiff();
    }

    public boolean canAddColumn() {
        return columns.size() < MAX_COLUMNS;
    }

    /** Adds a column showing the next self-edit not yet shown (or the passage). */
    public ColumnViewModel addColumn() {
        if (!canAddColumn()) throw new IllegalStateException("at most " + MAX_COLUMNS + " columns");
        ColumnViewModel c = newColumn();
        columns.add(c);
        ColumnChoice next = choices.stream().filter(ch -> !ch.passageOnly())
                .filter(ch -> columns.stream().noneMatch(col -> ch.equals(col.choice()))).findFirst().orElse(ColumnChoice.PASSAGE_ONLY);
        choose(c, next);
        return c;
    }

    public void removeColumn(ColumnViewModel c) {
        if (columns.size() <= MIN_COLUMNS || c.streamingProperty().get()) return;
        columns.remove(c);
        if (diffA.get() >= columns.size()) diffA.set(columns.size() - 1);
        if (diffB.get() >= columns.size()) diffB.set(columns.size() - 1);
        recomputeDiff();
    }

    /** Puts every column's diff spans: column A gets what B lacks, column B what A lacks; others none. */
    void recomputeDiff() {
        int a = diffA.get(), b = diffB.get();
        boolean on = diffOn.get() && a != b && a >= 0 && b >= 0 && a < columns.size() && b < columns.size();
        WordDiff.Result r = on ? WordDiff.diff(columns.get(a).text(), columns.get(b).text()) : null;
        for (int i = 0; i < columns.size(); i++) {
            List<WordDiff.Span> spans = !on ? List.of() : i == a ? r.left() : i == b ? r.right() : List.of();
            columns.get(i).diffSpansProperty().set(spans);
        }
    }

    /** Rebuilds every column's sequence preview (e.g. with a newly loaded model's token counts). */
    public void refreshSequences() {
        if (showSequences.get()) columns.forEach(this::refreshSequences);
    }

    private void refreshSequences(ColumnViewModel c) {
        PassageText p = passage.get();
        WorkspaceService ws = workspace.get();
        if (p == null || ws == null) {
            c.sequences().clear();
            return;
        }
        String text = c.choice().passageOnly() ? "" : c.text();
        background.run("Sequences", () -> ws.sequences(p.id(), text), seqs -> {
            // Only if the column still shows that text.
            String now = c.choice().passageOnly() ? "" : c.text();
            if (now.equals(text)) c.sequences().setAll(seqs);
        }, e -> errors.accept("Could not build the training sequences", e));
    }

    // ---- saving an edit ----------------------------------------------------------------------------

    /** Stores the column's edited text as a new self-edit whose parent is the shown one; the column then shows it. */
    public void save(ColumnViewModel column) {
        ColumnChoice ch = column.choice();
        WorkspaceService ws = workspace.get();
        if (ws == null || readOnly.get() || ch.passageOnly() || !column.isDirty()) return;
        long parent = ch.edit().id();
        String text = column.text();
        String who = annotator.get();
        background.run("Saving edit of #" + parent, () -> ws.saveEdit(parent, text, who), saved -> {
            drafts.remove(parent);
            unsaved.set(drafts.size());
            if (passage.get() != null && passage.get().id() == saved.passageId()) {
                selfEdits.add(saved);
                choices.add(new ColumnChoice(saved));
                if (ch.equals(column.choice())) {
                    choose(column, new ColumnChoice(saved));
                    // Ctrl+S said nothing: the unsaved mark went and the picker's number changed, easily missed
                    column.statusProperty().set("✓ saved as #" + saved.id() + " (an edit of #" + parent + ")");
                }
            }
            onStored.run();
        }, e -> errors.accept("Could not save the edit of self-edit #" + parent, e));
    }

    /** Throws away a column's unsaved edits. */
    public void revert(ColumnViewModel column) {
        if (column.choice().passageOnly()) return;
        drafts.remove(column.choice().edit().id());
        unsaved.set(drafts.size());
        choose(column, column.choice());
    }

    /** Opens a version (e.g. from the history) in a column: the given one, or a new one when there is room. */
    public void open(SelfEditItem item, ColumnViewModel into) {
        ColumnChoice ch = choices.stream().filter(c -> !c.passageOnly() && c.edit().id() == item.id()).findFirst()
                .orElse(new ColumnChoice(item));
        choose(into != null ? into : canAddColumn() ? addColumn() : columns.get(columns.size() - 1), ch);
    }

    /** Reads the history of what a column shows, then hands it on (on the FX thread). */
    public void history(ColumnViewModel column, java.util.function.Consumer<HistoryViewModel> show) {
        WorkspaceService ws = workspace.get();
        if (ws == null || column.choice().passageOnly()) return;
        long id = column.choice().edit().id();
        background.run("History of #" + id, () -> ws.history(id), chain -> show.accept(new HistoryViewModel(chain, id)),
                e -> errors.accept("Could not read the history of self-edit #" + id, e));
    }

    // ---- generating ----------------------------------------------------------------------------------

    /**
     * Generates k self-edits of each passage as one job in the jobs area. For the shown passage, k new columns
     * receive the samples token by token; each sample is stored as it ends (a cancel keeps the finished ones).
     */
    public Task<?> generate(GenerateRequest request, List<Long> passageIds) {
        WorkspaceService ws = workspace.get();
        if (ws == null) throw new IllegalStateException("No workspace is open");
        if (generating.get()) throw new IllegalStateException("A generation is already running");
        PassageText shown = passage.get();
        long clicked = System.nanoTime();
        long[] firstToken = {-1};
        int[] finished = {0};
        int k = Math.min(request.k(), MAX_GENERATED_COLUMNS);
        List<ColumnViewModel> live = new ArrayList<>();
        if (shown != null && passageIds.contains(shown.id())) {
            generatingPassage = shown.id();
            columns.clear();
            for (int i = 0; i < Math.max(k, MIN_COLUMNS); i++) {
                ColumnViewModel c = newColumn();
                if (i < k) c.startStreaming("generating sample " + (i + 1) + " of " + request.k() + "…");
                else choose(c, ColumnChoice.PASSAGE_ONLY);
                columns.add(c);
                if (i < k) live.add(c);
            }
            diffA.set(0);
            diffB.set(1);
            emptyText.set("");
        }
        generating.set(true);
        timing.set("");
        StreamBuffer buffer = new StreamBuffer(live, () -> {
            if (firstToken[0] < 0) firstToken[0] = System.nanoTime();
        });
        SampleStream stream = new SampleStream() {
            @Override
            public void text(long passageId, int sample, String delta) {
                if (passageId == generatingPassage && sample < live.size()) buffer.add(sample, delta);
            }

            @Override
            public void stored(long passageId, int sample, SelfEditItem item, org.sealworkbench.seal.Ending ending) {
                buffer.flushNow();
                Platform.runLater(() -> {
                    finished[0]++;
                    if (finished[0] == 5 || finished[0] == request.k() * passageIds.size()) {
                        timing.set(timingText(clicked, firstToken[0], System.nanoTime(), finished[0]));
                    }
                    if (passage.get() != null && passage.get().id() == item.passageId()) {
                        selfEdits.add(item);
                        choices.add(new ColumnChoice(item));
                        emptyText.set("");
                    }
                    if (passageId == generatingPassage && sample < live.size()) {
                        ColumnViewModel c = live.get(sample);
                        c.streamingProperty().set(false);
                        choose(c, new ColumnChoice(item));
                        // a sample the model's context or the new-token limit cut short says so under its header, in
                        // brief (a column is narrow: five side by side), the whole sentence in its tooltip
                        if (ending.cut()) c.showStatus(ending.brief(), ending.sentence());
                    }
                });
            }
        };
        String what = passageIds.size() == 1 ? "passage " + passageIds.get(0) : passageIds.size() + " passages";
        JobTask<List<SelfEditItem>> task = new JobTask<>("Generating " + request.k() + " self-edits of " + what,
                (progress, cancel) -> ws.generate(passageIds, request, stream, progress, cancel));
        // how the job ended ("cancelled", "failed", "refused") is said on each column it cut short
        java.util.function.Consumer<String> done = ending -> {
            buffer.flushNow();
            Platform.runLater(() -> {
                generating.set(false);
                for (ColumnViewModel c : live) {
                    if (c.streamingProperty().get()) { // cut short by a cancel or an error: not stored
                        c.streamingProperty().set(false);
                        choose(c, ColumnChoice.PASSAGE_ONLY);
                        c.statusProperty().set(ending + ": not stored");
                    }
                }
                generatingPassage = -1;
                onStored.run();
                refreshSequences(); // token counts under the model the generation loaded
            });
        };
        task.setOnSucceeded(e -> done.accept("cancelled"));
        task.setOnCancelled(e -> done.accept("cancelled"));
        task.setOnFailed(e -> {
            // refused before a token was sampled (a prompt leaving no room in the model's context): said so, not "failed"
            boolean refused = task.getException() instanceof org.sealworkbench.util.Refusal;
            done.accept(refused ? "refused" : "failed");
            errors.accept(refused ? "Generation refused" : "Generation failed", task.getException());
        });
        return runner.submit(task, true);
    }

    static String timingText(long clicked, long firstToken, long now, int samples) {
        String first = firstToken < 0 ? "no token shown" : String.format(java.util.Locale.ROOT, "first token after %.2f s", (firstToken - clicked) / 1e9);
        return first + String.format(java.util.Locale.ROOT, " · %d samples after %.2f s", samples, (now - clicked) / 1e9);
    }

    /**
     * Collects streamed text on the generating thread and applies it on the FX thread at most once per pulse,
     * so a fast model does not flood the FX queue with one runnable per token.
     */
    private static final class StreamBuffer {
        private final List<ColumnViewModel> columns;
        private final Runnable onFirstApplied;
        private final StringBuilder[] pending;
        private boolean scheduled;

        StreamBuffer(List<ColumnViewModel> columns, Runnable onFirstApplied) {
            this.columns = columns;
            this.onFirstApplied = onFirstApplied;
            pending = new StringBuilder[columns.size()];
            for (int i = 0; i < pending.length; i++) pending[i] = new StringBuilder();
        }

        synchronized void add(int sample, String delta) {
            pending[sample].append(delta);
            if (!scheduled) {
                scheduled = true;
                Platform.runLater(this::apply);
            }
        }

        void flushNow() {
            Platform.runLater(this::apply);
        }

        private void apply() {
            String[] take = new String[pending.length];
            synchronized (this) {
                scheduled = false;
                for (int i = 0; i < pending.length; i++) {
                    take[i] = pending[i].toString();
                    pending[i].setLength(0);
                }
            }
            for (int i = 0; i < take.length; i++) {
                if (!take[i].isEmpty() && columns.get(i).streamingProperty().get()) {
                    columns.get(i).append(take[i]);
                    onFirstApplied.run();
                }
            }
        }
    }
}
