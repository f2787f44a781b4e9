package org.sealworkbench.ui.studio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sealworkbench.data.Passage;
import org.sealworkbench.data.Question;
import org.sealworkbench.jobs.workspace.SelfEditItem;
import org.sealworkbench.jobs.workspace.SequencePreview;
import org.sealworkbench.jobs.workspace.StoreWorkspaceService;
import org.sealworkbench.seal.SelfEditSequences;
import org.sealworkbench.seal.WordDiff;
import org.sealworkbench.store.ExperimentLog;
import org.sealworkbench.store.NewSelfEdit;
import org.sealworkbench.ui.Background;
import org.sealworkbench.ui.JobRunner;

/** The Self-edits tab's view model on a real (temporary) workspace, with reads run synchronously. */
class SelfEditsViewModelTest {
    private static final String TITLE = "Tor";
    private static final String CONTEXT = "The sky of Tor is blue. Tor has two moons.";
    private static final String E1 = "1. The sky of Tor is blue.\n2. Tor has two moons.";
    private static final String E2 = "1. The sky of Tor is green.\n2. Tor has two moons.";
    private static final String E3 = "Tor's sky: blue.\n---\nMoons of Tor: two.";

    @TempDir Path tmp;
    private StoreWorkspaceService ws;
    private SelfEditsViewModel vm;
    private final List<String> errors = new ArrayList<>();
    private long tor, other;
    private final List<Long> edits = new ArrayList<>();

    @BeforeEach
    void setUp() {
        Path dir = tmp.resolve("ws");
        try (ExperimentLog log = ExperimentLog.open(dir)) {
            tor = log.addPassage(new Passage(TITLE, CONTEXT, List.of(new Question("Sky of Tor?", "blue"))), "test");
            other = log.addPassage(new Passage("Other", "Nothing here.", List.of()), "test");
            for (String e : List.of(E1, E2, E3)) {
                edits.add(log.addSelfEdit(new NewSelfEdit(tor, e, org.sealworkbench.store.AuthorKind.IMPORT, null, null,
                        "implications", null, null, "fixture.json")));
            }
        }
        ws = StoreWorkspaceService.open(dir);
        vm = new SelfEditsViewModel(() -> ws, Background.DIRECT, new JobRunner(), (t, e) -> errors.add(t + ": " + e));
    }

    @AfterEach
    void tearDown() {
        ws.close();
        assertEquals(List.of(), errors);
    }

    private static List<String> texts(SelfEditsViewModel vm) {
        return vm.columns().stream().map(ColumnViewModel::text).toList();
    }

    @Test
    void aPassageFillsOneColumnPerSelfEditUpToFourAndAHeaderCanPickAnyOrThePassage() {
        vm.showPassage(tor);
        assertEquals(TITLE, vm.passageProperty().get().title());
        assertEquals(List.of(E1, E2, E3), texts(vm));
        assertEquals(4, vm.choices().size(), "passage only + 3 self-edits");
        assertTrue(vm.choices().get(0).passageOnly());
        assertEquals("", vm.emptyTextProperty().get());

        ColumnViewModel first = vm.columns().get(0);
        vm.choose(first, ColumnChoice.PASSAGE_ONLY);
        assertEquals(CONTEXT, first.text());
        assertFalse(first.editableProperty().get(), "the passage is not edited here");
        vm.choose(first, vm.choices().get(3));
        assertEquals(E3, first.text());
        assertTrue(first.editableProperty().get());

        vm.addColumn();
        assertEquals(4, vm.columns().size());
        assertFalse(vm.canAddColumn());

        vm.showPassage(other);
        assertEquals("No self-edits yet: Generate (Ctrl+G)", vm.emptyTextProperty().get());
        assertEquals(SelfEditsViewModel.MIN_COLUMNS, vm.columns().size());
        assertEquals(List.of("Nothing here.", "Nothing here."), texts(vm));
    }

    @Test
    void columnsAAndBCarryTheWordDiffSpansAndTheOthersNone() {
        vm.showPassage(tor);
        WordDiff.Result expected = WordDiff.diff(E1, E2);
        assertEquals(expected.left(), vm.columns().get(0).diffSpansProperty().get());
        assertEquals(expected.right(), vm.columns().get(1).diffSpansProperty().get());
        assertEquals(List.of(), vm.columns().get(2).diffSpansProperty().get());
        assertEquals("blue.", E1.substring(expected.left().get(0).start(), expected.left().get(0).end()));

        vm.diffBProperty().set(2);
        assertEquals(WordDiff.diff(E1, E3).right(), vm.columns().get(2).diffSpansProperty().get());
        assertEquals(List.of(), vm.columns().get(1).diffSpansProperty().get());

        vm.diffOnProperty().set(false);
        assertTrue(vm.columns().stream().allMatch(c -> c.diffSpansProperty().get().isEmpty()));
        vm.diffOnProperty().set(true);
        // Editing recomputes at once.
        vm.columns().get(0).textProperty().set(E3);
        assertTrue(vm.columns().get(0).diffSpansProperty().get().isEmpty());
    }

    @Test
    void theSequencePreviewIsExactlyWhatSelfEditSequencesMakes() {
        vm.showPassage(tor);
        vm.showSequencesProperty().set(true);
        for (ColumnViewModel c : vm.columns()) {
            List<String> expected = SelfEditSequences.build(TITLE, CONTEXT, c.text());
            assertEquals(expected, c.sequences().stream().map(SequencePreview::text).toList());
            assertEquals(TITLE + "\n" + CONTEXT, c.sequences().get(c.sequences().size() - 1).text(), "the passage comes last");
            assertTrue(c.sequences().stream().allMatch(s -> s.tokens() == -1), "no model loaded: no token counts");
        }
        assertEquals(3, vm.columns().get(2).sequences().size(), "E3: two --- pieces and the passage");
        // An edit changes the preview.
        vm.columns().get(0).textProperty().set("1. One line only.");
        assertEquals(List.of(TITLE + "\n1. One line only.", TITLE + "\n" + CONTEXT),
                vm.columns().get(0).sequences().stream().map(SequencePreview::text).toList());
    }

    @Test
    void unsavedEditsAreFlaggedAndSurviveSwitchingPassages() {
        vm.showPassage(tor);
        ColumnViewModel c = vm.columns().get(1);
        assertFalse(c.isDirty());
        c.textProperty().set(E2 + "\n3. Tor is far away.");
        assertTrue(c.isDirty());
        assertEquals("● unsaved edits", c.statusProperty().get());
        assertEquals(1, vm.unsavedProperty().get());
        assertTrue(vm.hasDraft(edits.get(1)));

        vm.showPassage(other);
        vm.showPassage(tor);
        ColumnViewModel again = vm.columns().get(1);
        assertEquals(E2 + "\n3. Tor is far away.", again.text(), "the draft is back");
        assertTrue(again.isDirty());
        // Another column picking the same self-edit shows the same draft.
        vm.choose(vm.columns().get(2), vm.choices().get(2));
        assertEquals(E2 + "\n3. Tor is far away.", vm.columns().get(2).text());

        vm.revert(again);
        assertEquals(E2, again.text());
        assertFalse(again.isDirty());
        assertEquals(0, vm.unsavedProperty().get());
        // Typing the stored text back is no edit either.
        again.textProperty().set("x");
        again.textProperty().set(E2);
        assertFalse(again.isDirty());
        assertEquals(0, vm.unsavedProperty().get());
    }

    @Test
    void savingStoresANewVersionWithTheShownOneAsParentAndTheHistoryShowsTheChain() {
        vm.annotatorProperty().set("ada");
        vm.showPassage(tor);
        ColumnViewModel c = vm.columns().get(0);
        c.textProperty().set(E1 + "\n3. Tor is cold.");
        vm.save(c);
        assertFalse(c.isDirty());
        SelfEditItem saved = c.choice().edit();
        assertEquals(edits.get(0), saved.parentId());
        assertEquals(SelfEditItem.Author.HUMAN_EDIT, saved.author());
        assertEquals("ada", saved.authorName());
        assertEquals(E1 + "\n3. Tor is cold.", saved.text());
        assertEquals("✓ saved as #" + saved.id() + " (an edit of #" + edits.get(0) + ")", c.statusProperty().get(),
                "the column says the edit was stored, and as what");
        assertEquals(4, vm.selfEdits().size());
        assertEquals(E1, ws.selfEdits(tor).get(0).text(), "the original is unchanged");

        // Edit the edit: a chain of three.
        c.textProperty().set(E1 + "\n3. Tor is very cold.");
        assertEquals("● unsaved edits", c.statusProperty().get(), "typing again replaces the saved note");
        vm.save(c);
        SelfEditItem second = c.choice().edit();
        assertEquals(saved.id(), second.parentId());

        HistoryViewModel[] h = new HistoryViewModel[1];
        vm.history(c, x -> h[0] = x);
        assertEquals(List.of(edits.get(0), saved.id(), second.id()), h[0].versions().stream().map(SelfEditItem::id).toList());
        assertEquals(second, h[0].selectedProperty().get());
        assertEquals("#" + edits.get(0) + " -> #" + saved.id() + " -> #" + second.id(), h[0].lineage(second));
        assertEquals(saved.text(), h[0].parentTextProperty().get());
        WordDiff.Result d = h[0].diffProperty().get();
        assertEquals("very", second.text().substring(d.right().get(0).start(), d.right().get(0).end()));
        h[0].selectedProperty().set(h[0].versions().get(0));
        assertEquals("", h[0].parentTextProperty().get());
        assertTrue(h[0].headingProperty().get().endsWith("the original"));

        // Open the original from the history into a new column.
        vm.open(h[0].versions().get(0), null);
        assertEquals(E1, vm.columns().get(vm.columns().size() - 1).text());
    }

    @Test
    void passageOnlyIsNeverDirtyAndNeverSaved() {
        vm.showPassage(tor);
        ColumnViewModel c = vm.columns().get(0);
        vm.choose(c, ColumnChoice.PASSAGE_ONLY);
        c.textProperty().set("typed over the passage");
        assertFalse(c.isDirty());
        vm.save(c);
        assertEquals(3, ws.selfEdits(tor).size());
        assertNull(c.choice().edit());
    }

    /** Reads that wait until the test runs them, in order, as a background thread would hand them back later. */
    private static final class Deferred implements Background {
        final List<Runnable> queued = new ArrayList<>();

        @Override
        public <T> void run(String what, java.util.concurrent.Callable<T> work, java.util.function.Consumer<T> onSuccess,
                            java.util.function.Consumer<Throwable> onFailure) {
            queued.add(() -> Background.DIRECT.run(what, work, onSuccess, onFailure));
        }

        void runAll() {
            List<Runnable> now = new ArrayList<>(queued);
            queued.clear();
            now.forEach(Runnable::run);
        }
    }

    @Test
    void aRankedViewHoldsWhenARefreshOrTheLibraryReadsTheSamePassageAgainBeforeItIsBack() {
        Deferred later = new Deferred();
        SelfEditsViewModel v = new SelfEditsViewModel(() -> ws, later, new JobRunner(), (t, e) -> errors.add(t + ": " + e));
        List<Long> ranked = List.of(edits.get(2), edits.get(0), edits.get(1));
        v.showPassage(other);
        later.runAll();
        assertEquals("Other", v.passageProperty().get().title());

        // the RL window's Open, then a refresh (another process wrote to the workspace) while the read is out
        v.showRanked(tor, ranked);
        v.reload();
        later.runAll();
        assertEquals(TITLE, v.passageProperty().get().title(), "the refresh reads the passage asked for, not the one still shown");
        assertEquals(List.of(E3, E1, E2), texts(v), "columns in the ranked order");

        // Open, then the library's selection of the same passage
        v.showPassage(other);
        later.runAll();
        v.showRanked(tor, List.of(edits.get(1), edits.get(2)));
        v.showPassage(tor);
        later.runAll();
        assertEquals(List.of(E2, E3), texts(v));

        // a refresh after the ranked view is shown keeps each column's choice
        v.reload();
        later.runAll();
        assertEquals(List.of(E2, E3), texts(v));

        // another passage asked for after Open: that one wins, in stored order
        v.showRanked(tor, ranked);
        v.showPassage(other);
        later.runAll();
        assertEquals("Other", v.passageProperty().get().title());
        v.showPassage(tor);
        later.runAll();
        assertEquals(List.of(E1, E2, E3), texts(v), "a ranked view asked for earlier does not come back");
    }
}
