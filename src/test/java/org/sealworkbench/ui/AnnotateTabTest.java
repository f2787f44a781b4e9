package org.sealworkbench.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.control.ListView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sealworkbench.data.Passage;
import org.sealworkbench.data.Question;
import org.sealworkbench.jobs.annotate.AnnotationFixture;
import org.sealworkbench.jobs.annotate.AnnotationService;
import org.sealworkbench.jobs.annotate.Options;
import org.sealworkbench.jobs.workspace.WorkspaceService;
import org.sealworkbench.seal.annotate.Verdict;
import org.sealworkbench.store.AuthorKind;
import org.sealworkbench.store.ExperimentLog;
import org.sealworkbench.store.NewSelfEdit;
import org.sealworkbench.ui.annotate.AnnotationViewModel;

/**
 * The Annotate tab in the main window's terms, without a window: its screen keeps working while the window's job runner
 * is busy with a long job, and it follows the library when self-edits arrive and the workbench's annotator name.
 */
class AnnotateTabTest {
    @TempDir Path tmp;
    private final List<Throwable> errors = new CopyOnWriteArrayList<>();
    private final java.util.concurrent.atomic.AtomicInteger written = new java.util.concurrent.atomic.AtomicInteger();
    private final SimpleLongProperty libraryRead = new SimpleLongProperty();
    private final javafx.beans.property.SimpleStringProperty annotatorName = new javafx.beans.property.SimpleStringProperty("ann");
    private JobRunner runner;
    private AnnotateTab tab;
    private WorkbenchTabs tabs;

    @BeforeAll
    static void fx() {
        FxThread.start();
    }

    @AfterEach
    void close() throws Exception {
        if (tab != null) FxThread.run(tab::close);
        if (runner != null) runner.closeAndWait(10_000);   // reads in flight end before the temporary folder goes
    }

    private AnnotationViewModel open(Path ws) throws Exception {
        runner = new JobRunner();
        FxThread.run(() -> {
            tabs = new WorkbenchTabs();
            tab = new AnnotateTab(tabs, new SimpleObjectProperty<WorkspaceService>(new FakeWorkspace(ws)), libraryRead, runner,
                    AnnotationService::open, (title, e) -> errors.add(e), annotatorName, written::incrementAndGet);
        });
        FxThread.await("the screen is loaded", () -> tab.viewModel() != null && tab.viewModel().loadedProperty().get());
        return FxThread.call(tab::viewModel);
    }

    @Test
    void aSessionStartsAndJudgementsAreWrittenWhileALongJobHoldsTheWindowsRunner() throws Exception {
        Path ws = tmp.resolve("ws");
        AnnotationFixture.create(ws, new int[] {2, 2, 3});   // 5 pairs
        AnnotationViewModel vm = open(ws);

        // A Fine-tune & evaluate of many passages: the window's runner is busy until the latch opens.
        CountDownLatch longJob = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(1);
        FxThread.run(() -> runner.submit(new JobTask<Void>("Fine-tune & evaluate", (p, c) -> {
            started.countDown();
            longJob.await(60, TimeUnit.SECONDS);
            return null;
        })));
        assertTrue(started.await(10, TimeUnit.SECONDS));
        try {
            FxThread.run(vm::startSession);
            FxThread.await("the session starts while the job runs", () -> vm.currentProperty().get() != null);
            assertEquals(5, FxThread.call(() -> vm.remainingProperty().get()));
            FxThread.run(() -> vm.judge(Verdict.LEFT));
            FxThread.run(() -> vm.judge(Verdict.TIE));
            FxThread.await("both judgements are written while the job runs", () -> vm.pendingWritesProperty().get() == 0);
            assertEquals(2, written.get(), "the window is told of each write (its change check is not to call them changes on disk)");
            FxThread.run(vm::refreshMeasures);
            FxThread.await("the measures count them", () -> vm.measuresTextProperty().get().contains("ann"));
            assertEquals(1, FxThread.call(() -> runner.active().size()), "only the long job is in the window's jobs area");
        } finally {
            longJob.countDown();
        }
        try (AnnotationService s = AnnotationService.open(ws)) {
            assertEquals(2, s.judgements().size(), "both judgements are in the log");
        }
        assertEquals(List.of(), errors);
    }

    @Test
    void whenTheLibraryIsReadAgainNewSelfEditsAndAuthorsAppearAndTheChosenPassagesStay() throws Exception {
        Path ws = tmp.resolve("ws");
        AnnotationFixture.create(ws, new int[] {2, 2, 2});   // three passages, two self-edits each, all by seal-tiny
        long deltas;
        try (ExperimentLog log = ExperimentLog.open(ws)) {
            deltas = log.addPassage(new Passage("Deltas", "A delta forms where a river meets the sea.",
                    List.of(new Question("Where does a delta form?", "where a river meets the sea"))), "more.json");
            log.addSelfEdit(new NewSelfEdit(deltas, "Deltas form at river mouths.", AuthorKind.IMPORT, null, null, null,
                    null, null, "first.jsonl"));
        }
        AnnotationViewModel vm = open(ws);
        assertEquals("first.jsonl", FxThread.call(() -> vm.authorBProperty().get()));
        assertEquals(List.of("Lighthouses (2 self-edits)", "Glaciers (2 self-edits)", "Sourdough (2 self-edits)"),
                FxThread.call(() -> vm.passages().stream().map(Object::toString).toList()));
        @SuppressWarnings("unchecked")
        ListView<Options.PassageOption> list = (ListView<Options.PassageOption>) FxThread.call(
                () -> tabs.getTabs().get(WorkbenchTabs.NAMES.indexOf(WorkbenchTabs.ANNOTATE)).getContent().lookup("#annotatePassages"));
        assertNotNull(list);
        // The annotator leaves Glaciers out.
        FxThread.run(() -> list.getSelectionModel().clearSelection(1));
        assertEquals(List.of("Lighthouses", "Sourdough"), FxThread.call(() -> vm.selectedPassages().stream().map(Options.PassageOption::title).toList()));

        // A second self-edit of Deltas (by a hand), a third of Lighthouses: the library is read again.
        try (ExperimentLog log = ExperimentLog.open(ws)) {
            log.addSelfEdit(new NewSelfEdit(deltas, "A delta is where a river meets the sea.", AuthorKind.IMPORT, null, null,
                    null, null, null, "bea.jsonl"));
            long lighthouses = log.passages().get(0).id();
            log.addSelfEdit(new NewSelfEdit(lighthouses, "Lighthouses warn ships.", AuthorKind.IMPORT, null, null, null, null,
                    null, "bea.jsonl"));
        }
        FxThread.run(() -> libraryRead.set(libraryRead.get() + 1));
        FxThread.await("Deltas is offered", () -> vm.passages().size() == 4);
        assertEquals(List.of("Lighthouses (3 self-edits)", "Glaciers (2 self-edits)", "Sourdough (2 self-edits)", "Deltas (2 self-edits)"),
                FxThread.call(() -> vm.passages().stream().map(Object::toString).toList()), "the counts are today's");
        assertEquals(List.of("Lighthouses", "Sourdough", "Deltas"),
                FxThread.call(() -> vm.selectedPassages().stream().map(Options.PassageOption::title).toList()),
                "Glaciers stays left out; the newly offered Deltas is chosen");
        assertEquals(List.of("Lighthouses", "Sourdough", "Deltas"),
                FxThread.call(() -> list.getSelectionModel().getSelectedItems().stream().map(Options.PassageOption::title).toList()),
                "the list shows the same choice");
        assertEquals(List.of("bea.jsonl", "first.jsonl", "seal-tiny"),
                FxThread.call(() -> vm.authors().stream().map(Options.AuthorOption::author).sorted().toList()), "the new author is offered");
        assertEquals("seal-tiny", FxThread.call(() -> vm.authorAProperty().get()), "author A stays");
        assertEquals("first.jsonl", FxThread.call(() -> vm.authorBProperty().get()), "author B stays");

        // View > Annotator name… gives the workbench another name: the judge's name follows.
        assertEquals("ann", FxThread.call(() -> vm.annotatorProperty().get()));
        FxThread.run(() -> annotatorName.set("bea"));
        assertEquals("bea", FxThread.call(() -> vm.annotatorProperty().get()));
        assertEquals(List.of(), errors);
    }
}
