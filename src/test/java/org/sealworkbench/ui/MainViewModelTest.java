package org.sealworkbench.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainViewModelTest {
    @TempDir Path tmp;
    private final Map<Path, FakeWorkspace> workspaces = new HashMap<>();
    private MainViewModel vm;
    private JobRunner runner;

    @BeforeAll
    static void fx() {
        FxThread.start();
    }

    @AfterEach
    void close() throws Exception {
        if (vm != null) FxThread.run(vm::close);
    }

    private FakeWorkspace workspace(String name) {
        Path dir = tmp.resolve(name).toAbsolutePath().normalize();
        return workspaces.computeIfAbsent(dir, FakeWorkspace::new);
    }

    private MainViewModel newViewModel(Path sampleDir) throws Exception {
        runner = FxThread.call(JobRunner::new);
        return FxThread.call(() -> new MainViewModel(dir -> workspaces.computeIfAbsent(dir, FakeWorkspace::new),
                runner, sampleDir));
    }

    private void open(String name) throws Exception {
        FxThread.run(() -> vm.openWorkspace(tmp.resolve(name), false));
        FxThread.await("workspace opened", () -> vm.openStateProperty().get() == JobState.SUCCEEDED);
    }

    @Test
    void openingShowsTheWorkspaceInTitleStatusAndCounts() throws Exception {
        workspace("alpha").add("Volcanoes", "Magma rises.", "What rises?", "Magma");
        vm = newViewModel(tmp.resolve("none"));
        assertEquals("SEAL Workbench", FxThread.call(() -> vm.windowTitleProperty().get()));
        open("alpha");
        assertEquals("SEAL Workbench — alpha", FxThread.call(() -> vm.windowTitleProperty().get()));
        assertEquals(tmp.resolve("alpha").toAbsolutePath().normalize(), FxThread.call(() -> vm.workspacePathProperty().get()));
        assertEquals("1 passage · 1 question · 0 self-edits", FxThread.call(() -> vm.countsTextProperty().get()));
        assertTrue(FxThread.call(() -> vm.statusMessageProperty().get()).startsWith("Opened "));
        assertEquals(1, FxThread.call(() -> vm.library().visibleRows().size()));
    }

    /**
     * A read-only workspace: read as any other, marked in the title and the status line, no sample data seeded into it,
     * and every action that would store something off (Import, ReST-EM and the rest through canWrite, Generate, editing
     * and saving a self-edit, loading a model), a call that gets through anyway refused in words. A writable workspace
     * opened next has them all on again.
     */
    @Test
    void aReadOnlyWorkspaceIsReadAndMarkedAndEveryActionThatWritesIsOff() throws Exception {
        FakeWorkspace ro = workspace("ro");
        ro.add("Volcanoes", "Magma rises.", "What rises?", "Magma").add("Tides", "The Moon pulls the sea.");
        ro.readOnlyReason = "this user may not write to the folder";
        ro.addSelfEdit(1, "Magma rises up.");
        Path more = tmp.resolve("more.json");
        ro.file(more, new String[] {"Glaciers", "Ice carves valleys."});
        Path samples = Files.createDirectories(tmp.resolve("samples"));
        Files.writeString(samples.resolve("a.json"), "[]");
        vm = newViewModel(samples);
        FxThread.run(() -> vm.openWorkspace(tmp.resolve("ro"), true));
        FxThread.await("workspace opened", () -> vm.openStateProperty().get() == JobState.SUCCEEDED);

        assertTrue(FxThread.call(() -> vm.readOnlyProperty().get()));
        assertEquals("this user may not write to the folder", FxThread.call(() -> vm.readOnlyReasonProperty().get()));
        assertEquals("SEAL Workbench — ro (read-only)", FxThread.call(() -> vm.windowTitleProperty().get()));
        assertEquals("Opened ro (2 passages), read-only: this user may not write to the folder",
                FxThread.call(() -> vm.statusMessageProperty().get()));
        assertEquals(1, ro.importStarted.getCount(), "no sample data imported into a read-only workspace");
        assertFalse(FxThread.call(() -> vm.canWriteProperty().get()), "Import, ReST-EM, Continual: off");
        assertEquals("The workspace is open read-only (this user may not write to the folder): nothing can be stored in it. To"
                + " change it, work on a copy of its folder.", FxThread.call(() -> vm.readOnlyTipProperty().get()));

        // The studio shows the first passage's self-edit, not editable, and Generate is off.
        var studio = vm.studio();
        FxThread.await("self-edit shown", () -> !studio.columns().get(0).choice().passageOnly());
        var column = studio.columns().get(0);
        assertFalse(FxThread.call(() -> studio.canGenerateProperty().get()));
        assertFalse(FxThread.call(() -> column.editableProperty().get()));
        assertTrue(FxThread.call(() -> column.showsSelfEditProperty().get()), "its history can still be shown");
        FxThread.run(() -> column.textProperty().set("Magma rises up, fast."));
        assertFalse(FxThread.call(column::isDirty), "nothing to save");
        FxThread.run(() -> studio.save(column));
        assertEquals(1, ro.selfEdits(1).size(), "no edit stored");
        // A passage without self-edits does not say to generate some.
        FxThread.run(() -> vm.library().selectedProperty().set(vm.library().visibleRows().get(1)));
        FxThread.await("second passage shown", () -> studio.passageProperty().get() != null && studio.passageProperty().get().id() == 2);
        assertEquals("No self-edits of this passage, and the workspace is open read-only: to generate some, work on a copy of"
                + " its folder.", FxThread.call(() -> studio.emptyTextProperty().get()));

        // No model is loaded (loading records it in the workspace); the Models dialog's Use does nothing.
        assertNull(FxThread.call(() -> vm.models().load()));
        assertEquals(org.sealworkbench.ui.studio.ModelsViewModel.NOT_LOADED_READ_ONLY, FxThread.call(() -> vm.models().infoProperty().get()));
        var dialog = FxThread.call(() -> new org.sealworkbench.ui.studio.ModelsDialogViewModel(vm.models(), vm::loadedModel));
        assertTrue(FxThread.call(() -> dialog.readOnlyProperty().get()));
        FxThread.await("models listed", () -> dialog.chosenProperty().get() != null);
        assertTrue(FxThread.call(() -> dialog.detailsProperty().get()).contains("Not loaded: the workspace is open read-only"),
                FxThread.call(() -> dialog.detailsProperty().get()));
        FxThread.run(dialog::use);
        Thread.sleep(200);
        assertEquals(0, ro.modelsLoaded());

        // Import, had it been reached (the menu item and the button are off), is refused in words and not run.
        assertNull(FxThread.call(() -> vm.importFile(more)));
        MainViewModel.UiError shown = FxThread.call(() -> vm.errorProperty().get());
        assertEquals("Could not import more.json", shown.title());
        assertEquals(FxThread.call(() -> vm.readOnlyTipProperty().get()), shown.cause().getMessage());
        assertEquals(1, ro.importStarted.getCount());
        assertEquals(2, ro.passages().size());

        // An empty read-only workspace's library does not point to File › Import….
        FakeWorkspace none = workspace("empty-ro");
        none.readOnlyReason = "this user may not write workspace.db";
        open("empty-ro");
        String placeholder = FxThread.call(() -> vm.library().placeholderText().get());
        assertTrue(placeholder.startsWith("No passages in this workspace, and it is open read-only") && !placeholder.contains("Import…"),
                placeholder);

        // A writable workspace next: everything on again.
        workspace("rw").add("Owls", "Owls hunt at night.");
        open("rw");
        assertFalse(FxThread.call(() -> vm.readOnlyProperty().get()));
        assertNull(FxThread.call(() -> vm.readOnlyTipProperty().get()));
        assertEquals("SEAL Workbench — rw", FxThread.call(() -> vm.windowTitleProperty().get()));
        assertTrue(FxThread.call(() -> vm.canWriteProperty().get()));
        FxThread.await("passage shown", () -> studio.passageProperty().get() != null && studio.passageProperty().get().title().equals("Owls"));
        assertTrue(FxThread.call(() -> studio.canGenerateProperty().get()));
        assertEquals("No self-edits yet: Generate (Ctrl+G)", FxThread.call(() -> studio.emptyTextProperty().get()));
        assertEquals("No passages yet. Use File › Import… to add some.", FxThread.call(() -> {
            vm.library().filterTextProperty().set("");
            return vm.library().placeholderText().get();
        }));
    }

    @Test
    void filterMatchesTitleAndContextWordsInAnyCaseAndDropsAHiddenSelection() throws Exception {
        workspace("w").add("Photosynthesis", "Plants turn light into sugar.")
                .add("Roman roads", "Built of stone; some still carry traffic.")
                .add("Tides", "The Moon's pull raises the sea; light has nothing to do with it.");
        vm = newViewModel(tmp.resolve("none"));
        open("w");
        var lib = vm.library();
        FxThread.run(() -> lib.filterTextProperty().set("LIGHT"));
        assertEquals(List.of("Photosynthesis", "Tides"), FxThread.call(() -> titles(lib)));
        FxThread.run(() -> lib.filterTextProperty().set("light sea"));
        assertEquals(List.of("Tides"), FxThread.call(() -> titles(lib)));
        FxThread.run(() -> lib.filterTextProperty().set("roman"));
        assertEquals(List.of("Roman roads"), FxThread.call(() -> titles(lib)));
        FxThread.run(() -> lib.filterTextProperty().set("  "));
        assertEquals(3, FxThread.call(() -> lib.visibleRows().size()));

        FxThread.run(() -> lib.selectedProperty().set(lib.visibleRows().get(0)));
        FxThread.run(() -> lib.filterTextProperty().set("stone"));
        assertNull(FxThread.call(() -> lib.selectedProperty().get()), "a filtered-out passage stays selected");
        assertFalse(FxThread.call(() -> vm.detail().showingProperty().get()));
    }

    @Test
    void thePeriodicCheckNoticesWhatAnotherProcessAddedAndKeepsTheSelection() throws Exception {
        FakeWorkspace ws = workspace("w").add("Bees", "Bees dance.").add("Glass", "Glass is sand.");
        vm = newViewModel(tmp.resolve("none"));
        open("w");
        FxThread.run(() -> vm.library().selectedProperty().set(vm.library().visibleRows().get(1)));
        FxThread.run(vm::checkForChanges); // the first look only remembers the stamp
        FxThread.await("first check", () -> true);
        Thread.sleep(200);
        assertEquals(2, FxThread.call(() -> vm.library().totalRows()));
        ws.add("Comets", "Comets have tails."); // as the command line would, behind the window's back
        FxThread.run(vm::checkForChanges);
        FxThread.await("the new passage appears", () -> vm.library().totalRows() == 3);
        assertEquals("Glass", FxThread.call(() -> vm.library().selectedProperty().get().title()));
        assertEquals("The workspace changed on disk; refreshed", FxThread.call(() -> vm.statusMessageProperty().get()));
        // Nothing new: no refresh.
        FxThread.run(() -> vm.reportProblem("quiet"));
        FxThread.run(vm::checkForChanges);
        Thread.sleep(300);
        assertEquals("quiet", FxThread.call(() -> vm.statusMessageProperty().get()));
    }

    @Test
    void aJudgementOrVerdictOfThisWindowIsNoChangeOnDisk() throws Exception {
        FakeWorkspace ws = workspace("w").add("Bees", "Bees dance.");
        vm = newViewModel(tmp.resolve("none"));
        open("w");
        FxThread.run(vm::checkForChanges); // the baseline
        Thread.sleep(200);
        FxThread.run(() -> vm.reportProblem("judging"));
        // The Annotate tab stores a judgement through its own connection, then says so.
        ws.otherWrites++;
        FxThread.run(vm::noteOwnWrite);
        for (int i = 0; i < 3; i++) {
            FxThread.run(vm::checkForChanges);
            Thread.sleep(150);
        }
        assertEquals("judging", FxThread.call(() -> vm.statusMessageProperty().get()),
                "the window's own judgement is not reported as a change on disk");
        // A real change on disk afterwards is still seen.
        ws.add("Comets", "Comets have tails.");
        FxThread.run(vm::checkForChanges);
        FxThread.await("the new passage appears", () -> vm.library().totalRows() == 2);
        assertEquals("The workspace changed on disk; refreshed", FxThread.call(() -> vm.statusMessageProperty().get()));
    }

    @Test
    void loadingAModelIsNoChangeOnDisk() throws Exception {
        workspace("w").add("Bees", "Bees dance.");
        vm = newViewModel(tmp.resolve("none"));
        open("w");
        FxThread.run(vm::checkForChanges); // the baseline
        FxThread.await("models listed", () -> vm.models().selectedProperty().get() != null);
        FxThread.run(() -> vm.models().load());
        FxThread.await("model loaded", () -> vm.models().infoProperty().get().startsWith("llama"));
        FxThread.run(() -> vm.reportProblem("loaded"));
        for (int i = 0; i < 3; i++) {
            FxThread.run(vm::checkForChanges);
            Thread.sleep(150);
        }
        assertEquals("loaded", FxThread.call(() -> vm.statusMessageProperty().get()),
                "the window's own model load (it registers the model) is not a change on disk");
        // A real change on disk afterwards is still seen.
        workspace("w").add("Comets", "Comets have tails.");
        FxThread.run(vm::checkForChanges);
        FxThread.await("the new passage appears", () -> vm.library().totalRows() == 2);
        assertEquals("The workspace changed on disk; refreshed", FxThread.call(() -> vm.statusMessageProperty().get()));
    }

    @Test
    void aJobsNoteStaysInTheNoticeAfterTheJobHasGoneUntilDismissed() throws Exception {
        workspace("w").add("Bees", "Bees dance.");
        vm = newViewModel(tmp.resolve("none"));
        open("w");
        JobTask<Void> job = FxThread.call(() -> new JobTask<>("Fine-tune & evaluate: passage 1", (p, c) -> {
            p.update(0, 2, org.sealworkbench.util.Progress.NOTE + "16 inner loops at once (adapter batch 16 on 1 worker) to fit memory");
            p.update(1, 2, "inner loop 2 of 2");
            return null;
        }));
        FxThread.run(() -> vm.runner().submit(job));
        FxThread.await("job over", () -> vm.runner().active().isEmpty());
        FxThread.await("the note", () -> vm.noticeProperty().get() != null);
        assertEquals("Fine-tune & evaluate: passage 1: 16 inner loops at once (adapter batch 16 on 1 worker) to fit memory",
                FxThread.call(() -> vm.noticeProperty().get()));
        FxThread.run(vm::dismissNotice);
        assertNull(FxThread.call(() -> vm.noticeProperty().get()));
        // the same note from a later job shows again after a dismissal
        JobTask<Void> again = FxThread.call(() -> new JobTask<>("Fine-tune & evaluate: passage 1", (p, c) -> {
            p.update(0, 1, org.sealworkbench.util.Progress.NOTE + "16 inner loops at once (adapter batch 16 on 1 worker) to fit memory");
            return null;
        }));
        FxThread.run(() -> vm.runner().submit(again));
        FxThread.await("the note again", () -> vm.noticeProperty().get() != null);
    }

    @Test
    void writesWhileAJobOfTheWindowRunsAreNoChangeOnDisk() throws Exception {
        FakeWorkspace ws = workspace("w").add("Bees", "Bees dance.");
        vm = newViewModel(tmp.resolve("none"));
        open("w");
        FxThread.run(vm::checkForChanges); // the baseline
        Thread.sleep(150);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        FxThread.run(() -> vm.runner().submit(new javafx.concurrent.Task<Void>() {
            @Override
            protected Void call() throws Exception {
                release.await();
                return null;
            }
        }));
        FxThread.run(() -> vm.reportProblem("job running"));
        ws.add("Comets", "Comets have tails."); // written by the window's job
        for (int i = 0; i < 3; i++) {
            FxThread.run(vm::checkForChanges);
            Thread.sleep(150);
        }
        assertEquals("job running", FxThread.call(() -> vm.statusMessageProperty().get()),
                "the window's own job writing is not a change on disk");
        release.countDown();
        FxThread.await("job over", () -> vm.runner().active().isEmpty());
        FxThread.run(vm::checkForChanges); // a fresh baseline after the job
        Thread.sleep(150);
        assertEquals("job running", FxThread.call(() -> vm.statusMessageProperty().get()));
        // Another process's write afterwards is seen again.
        ws.add("Glass", "Glass is sand.");
        FxThread.run(vm::checkForChanges);
        FxThread.await("the new passage appears", () -> vm.library().totalRows() == 3);
        assertEquals("The workspace changed on disk; refreshed", FxThread.call(() -> vm.statusMessageProperty().get()));
    }

    @Test
    void aShortJobOfTheWindowThatNoCheckSawRunningIsNoChangeOnDisk() throws Exception {
        FakeWorkspace ws = workspace("w").add("Bees", "Bees dance.");
        vm = newViewModel(tmp.resolve("none"));
        open("w");
        FxThread.run(vm::checkForChanges); // the baseline
        Thread.sleep(150);
        FxThread.run(() -> vm.runner().submit(new javafx.concurrent.Task<Void>() {
            @Override
            protected Void call() {
                ws.add("Comets", "Comets have tails."); // e.g. the job row of a ReST-EM run that failed at once
                return null;
            }
        }));
        FxThread.await("job over", () -> vm.runner().active().isEmpty());
        FxThread.run(() -> vm.reportProblem("ReST-EM failed"));
        for (int i = 0; i < 3; i++) {
            FxThread.run(vm::checkForChanges);
            Thread.sleep(150);
        }
        assertEquals("ReST-EM failed", FxThread.call(() -> vm.statusMessageProperty().get()),
                "the window's own job is not a change on disk, even when no check saw it running");
        ws.add("Glass", "Glass is sand.");   // another process's write afterwards is seen
        FxThread.run(vm::checkForChanges);
        FxThread.await("the new passage appears", () -> vm.library().totalRows() == 3);
    }

    @Test
    void aRunStoredByTheWindowRefreshesTheLibrarysQaColumnsQuietly() throws Exception {
        FakeWorkspace ws = workspace("w").add("Bees", "Bees dance.").add("Glass", "Glass is sand.");
        vm = newViewModel(tmp.resolve("none"));
        open("w");
        assertEquals(null, FxThread.call(() -> vm.library().visibleRows().get(1).gain()));
        ws.qa = new org.sealworkbench.jobs.qa.LibraryQa("contains",
                List.of(new org.sealworkbench.jobs.qa.PassageQaSummary(2, 0.75, "self-edits", 0.5, 0.25)));
        FxThread.run(() -> vm.reportProblem("run done"));
        FxThread.run(vm::workspaceWritten);
        FxThread.await("the gain shows", () -> vm.library().visibleRows().get(1).gain() != null);
        assertEquals(0.25, FxThread.call(() -> vm.library().visibleRows().get(1).gain()), 1e-12);
        assertEquals("contains", FxThread.call(() -> vm.library().graderProperty().get()));
        assertEquals("run done", FxThread.call(() -> vm.statusMessageProperty().get()));
    }

    private static List<String> titles(PassageLibraryViewModel lib) {
        return lib.visibleRows().stream().map(PassageRow::title).toList();
    }

    @Test
    void selectingAPassageShowsItsDetailAndClearingHidesIt() throws Exception {
        workspace("w").add("Bees", "Bees dance to show where flowers are.", "Why do bees dance?", "To show where flowers are",
                "What do bees look for?", "Flowers")
                .add("Glass", "Glass is made from sand.", "What is glass made from?", "Sand");
        vm = newViewModel(tmp.resolve("none"));
        open("w");
        FxThread.run(() -> vm.library().selectedProperty().set(vm.library().visibleRows().get(0)));
        var d = vm.detail();
        // The passage is read off the FX thread, so the detail fills in a moment later.
        FxThread.await("the detail shows Bees", () -> "Bees".equals(d.titleProperty().get()));
        assertTrue(FxThread.call(() -> d.showingProperty().get()));
        assertEquals("Bees dance to show where flowers are.", FxThread.call(() -> d.contextProperty().get()));
        assertEquals(List.of("Why do bees dance?", "What do bees look for?"),
                FxThread.call(() -> d.questions().stream().map(q -> q.question()).toList()));
        assertEquals("Flowers", FxThread.call(() -> d.questions().get(1).answer()));
        assertEquals("Passage #1 · 7 words · 2 questions", FxThread.call(() -> d.subtitleProperty().get()));

        FxThread.run(() -> vm.library().selectedProperty().set(vm.library().visibleRows().get(1)));
        FxThread.await("the detail shows Glass", () -> "Glass".equals(d.titleProperty().get()));
        assertEquals(1, FxThread.call(() -> d.questions().size()));

        FxThread.run(() -> vm.library().selectedProperty().set(null));
        assertFalse(FxThread.call(() -> d.showingProperty().get()));
        assertEquals("", FxThread.call(() -> d.titleProperty().get()));
        assertTrue(FxThread.call(() -> d.questions().isEmpty()));
    }

    @Test
    void importRunsInTheBackgroundThenRefreshesTheLibraryAndReports() throws Exception {
        Path file = tmp.resolve("new.json");
        workspace("w").add("Old", "Already here.")
                .file(file, new String[] {"Comets", "Ice and dust.", "What are comets made of?", "Ice and dust"},
                        new String[] {"Maps", "Maps flatten the globe.", "What do maps flatten?", "The globe",
                                "Q2", "A2"});
        vm = newViewModel(tmp.resolve("none"));
        open("w");
        FxThread.run(() -> vm.library().selectedProperty().set(vm.library().visibleRows().get(0)));
        List<JobState> states = new ArrayList<>();
        FxThread.run(() -> vm.importStateProperty().addListener((o, a, b) -> states.add(b)));

        FxThread.run(() -> vm.importFile(file));
        FxThread.await("import finished", () -> vm.importStateProperty().get() == JobState.SUCCEEDED);

        assertEquals(List.of(JobState.RUNNING, JobState.SUCCEEDED), FxThread.call(() -> List.copyOf(states)));
        assertEquals(List.of("Old", "Comets", "Maps"), FxThread.call(() -> titles(vm.library())));
        assertEquals("Imported 2 passages, 3 questions from new.json (seal-json)", FxThread.call(() -> vm.statusMessageProperty().get()));
        assertEquals("3 passages · 3 questions · 0 self-edits", FxThread.call(() -> vm.countsTextProperty().get()));
        assertEquals("Old", FxThread.call(() -> vm.library().selectedProperty().get().title()), "selection survives a refresh");
        FxThread.await("jobs list empties", () -> vm.runner().active().isEmpty());
    }

    @Test
    void failedImportNamesTheFileAndTheProblemAndKeepsTheLibrary() throws Exception {
        Path file = tmp.resolve("broken.json");
        workspace("w").add("Old", "Already here.")
                .failing(file, new IllegalArgumentException("record 3: field 'questions' must be an array"));
        vm = newViewModel(tmp.resolve("none"));
        open("w");
        List<JobState> states = new ArrayList<>();
        FxThread.run(() -> vm.importStateProperty().addListener((o, a, b) -> states.add(b)));
        FxThread.run(() -> vm.importFile(file));
        FxThread.await("import failed", () -> vm.importStateProperty().get() == JobState.FAILED);
        assertEquals(List.of(JobState.RUNNING, JobState.FAILED), FxThread.call(() -> List.copyOf(states)));
        assertEquals("Import failed: broken.json: record 3: field 'questions' must be an array",
                FxThread.call(() -> vm.statusMessageProperty().get()));
        assertEquals(List.of("Old"), FxThread.call(() -> titles(vm.library())));
        MainViewModel.UiError shown = FxThread.call(() -> vm.errorProperty().get());
        assertEquals("Could not import broken.json", shown.title(), "the dialog's heading; its text is the problem");
        assertEquals("record 3: field 'questions' must be an array", shown.cause().getMessage());
    }

    @Test
    void errorMessageThatAlreadyNamesTheFileIsNotRepeated() {
        Path file = Path.of("/data/x.json");
        assertEquals("Import failed: /data/x.json: line 4: unexpected end of input",
                MainViewModel.importFailure(file, new RuntimeException("/data/x.json: line 4: unexpected end of input")));
        assertEquals("Import failed: x.json: NullPointerException", MainViewModel.importFailure(file, new NullPointerException()));
    }

    @Test
    void cancellingARunningImportStopsItAndImportsNothing() throws Exception {
        Path file = tmp.resolve("big.json");
        FakeWorkspace ws = workspace("w").file(file, new String[] {"Never", "Should not appear."});
        vm = newViewModel(tmp.resolve("none"));
        open("w");
        ws.blockImports = new CountDownLatch(1);
        var task = FxThread.call(() -> vm.importFile(file));
        assertTrue(ws.importStarted.await(30, TimeUnit.SECONDS));
        FxThread.await("progress reported", () -> task.getProgress() == 0.5);
        assertEquals(JobState.RUNNING, FxThread.call(() -> vm.importStateProperty().get()));
        FxThread.run(task::cancel);
        FxThread.await("import cancelled", () -> vm.importStateProperty().get() == JobState.CANCELLED);
        assertEquals("Import of big.json cancelled; nothing was imported", FxThread.call(() -> vm.statusMessageProperty().get()));
        assertTrue(FxThread.call(() -> vm.library().visibleRows().isEmpty()));
        assertEquals(0, ws.counts().passages());
    }

    @Test
    void newWorkspaceIsSeededOnceFromTheSampleFolder() throws Exception {
        Path samples = Files.createDirectories(tmp.resolve("samples"));
        Path a = Files.writeString(samples.resolve("a.json"), "[]");
        Path b = Files.writeString(samples.resolve("b.json"), "[]");
        Files.writeString(samples.resolve("notes.txt"), "not data");
        Path wsDir = Files.createDirectories(tmp.resolve("fresh"));
        workspace("fresh").file(a, new String[] {"A", "a"}).file(b, new String[] {"B", "b"}, new String[] {"C", "c"});
        vm = newViewModel(samples);
        FxThread.run(() -> vm.openWorkspace(wsDir, true));
        FxThread.await("opened", () -> vm.openStateProperty().get() == JobState.SUCCEEDED);
        assertEquals(List.of("A", "B", "C"), FxThread.call(() -> titles(vm.library())));
        assertTrue(Files.exists(wsDir.resolve(SampleSeeder.MARKER)));
        assertTrue(FxThread.call(() -> vm.statusMessageProperty().get()).contains("imported 3 sample passages"));

        // A second start does not import the samples again, even after the marker's workspace is emptied.
        FxThread.run(vm::close);
        workspaces.put(wsDir.toAbsolutePath().normalize(), new FakeWorkspace(wsDir.toAbsolutePath().normalize()));
        vm = newViewModel(samples);
        FxThread.run(() -> vm.openWorkspace(wsDir, true));
        FxThread.await("reopened", () -> vm.openStateProperty().get() == JobState.SUCCEEDED);
        assertTrue(FxThread.call(() -> vm.library().visibleRows().isEmpty()));
    }

    @Test
    void missingSampleFolderIsSkippedSilently() throws Exception {
        Path wsDir = Files.createDirectories(tmp.resolve("fresh"));
        vm = newViewModel(tmp.resolve("no-such-folder"));
        FxThread.run(() -> vm.openWorkspace(wsDir, true));
        FxThread.await("opened", () -> vm.openStateProperty().get() == JobState.SUCCEEDED);
        assertTrue(FxThread.call(() -> vm.library().visibleRows().isEmpty()));
        assertFalse(Files.exists(wsDir.resolve(SampleSeeder.MARKER)));
        assertFalse(FxThread.call(() -> vm.statusMessageProperty().get()).contains("sample"));
    }

    @Test
    void failingOpenKeepsTheCurrentWorkspaceAndSaysWhy() throws Exception {
        workspace("good").add("Kept", "Still here.");
        vm = FxThread.call(() -> new MainViewModel(dir -> {
            if (dir.endsWith("bad")) throw new IllegalStateException("workspace.db is not a database");
            return workspaces.computeIfAbsent(dir, FakeWorkspace::new);
        }, new JobRunner(), tmp.resolve("none")));
        open("good");
        FxThread.run(() -> vm.openWorkspace(tmp.resolve("bad"), false));
        FxThread.await("open failed", () -> vm.openStateProperty().get() == JobState.FAILED);
        assertTrue(FxThread.call(() -> vm.statusMessageProperty().get()).endsWith("bad: workspace.db is not a database"));
        assertEquals("SEAL Workbench — good", FxThread.call(() -> vm.windowTitleProperty().get()));
        assertEquals(List.of("Kept"), FxThread.call(() -> titles(vm.library())));
    }

    @Test
    void openingAnotherWorkspaceClosesThePreviousOne() throws Exception {
        FakeWorkspace first = workspace("one").add("First", "x");
        workspace("two").add("Second", "y");
        vm = newViewModel(tmp.resolve("none"));
        open("one");
        FxThread.run(() -> vm.library().selectedProperty().set(vm.library().visibleRows().get(0)));
        FxThread.run(() -> vm.openWorkspace(tmp.resolve("two"), false));
        FxThread.await("second opened", () -> "SEAL Workbench — two".equals(vm.windowTitleProperty().get()));
        assertTrue(first.closed);
        assertEquals(List.of("Second"), FxThread.call(() -> titles(vm.library())));
        // The detail is read off the FX thread after the library arrives: wait for it (fails after 30 s) before checking it.
        FxThread.await("the first passage's detail", () -> !vm.detail().titleProperty().get().isEmpty());
        assertEquals("Second", FxThread.call(() -> vm.detail().titleProperty().get()), "opens on its first passage");
    }

    @Test
    void aJobThePersonStartedElsewhereInTheWindowSaysInTheStatusBarHowItEnded() throws Exception {
        workspace("alpha").add("Volcanoes", "Magma rises.", "What rises?", "Magma");
        vm = newViewModel(tmp.resolve("none"));
        open("alpha");
        // as the studio submits a generation: to the shared runner, not through the main view model
        JobTask<String> generate = FxThread.call(() -> new JobTask<>("Generate self-edits", (p, c) -> {
            p.update(5, 5, "5 of 5 stored");
            return "ok";
        }));
        FxThread.run(() -> runner.submit(generate, true));
        FxThread.await("reported", () -> "Generate self-edits: done · 5 of 5 stored".equals(vm.statusMessageProperty().get()));

        JobTask<String> failing = FxThread.call(() -> new JobTask<>("Load model", (p, c) -> {
            throw new IllegalStateException("config.json: hidden_size missing");
        }));
        FxThread.run(() -> runner.submit(failing, true));
        FxThread.await("failure reported", () -> "Load model: failed: config.json: hidden_size missing".equals(vm.statusMessageProperty().get()));

        // a refusal says so with its summary (the few-shot round's names every task, whole in its dialog and window);
        // another failure's message is cut to its first line (the rest is in its dialog)
        java.util.Map<String, Integer> tokens = new java.util.LinkedHashMap<>();
        for (int i = 0; i < 13; i++) tokens.put("task" + i, 700 + 50 * i);
        JobTask<String> refused = FxThread.call(() -> new JobTask<>("Few-shot RL round: training, K 15", (p, c) -> {
            throw new org.sealworkbench.jobs.ArcRlJob.PromptsTooLong("seal-tiny", 512, 13, tokens);
        }));
        FxThread.run(() -> runner.submit(refused, true));
        FxThread.await("refusal reported", 30, () -> ("Few-shot RL round: training, K 15: refused: 13 of 13 tasks' self-edit "
                + "prompts leave no room in seal-tiny's 512-token context (longest 1300 tokens; a self-edit needs 16 more).")
                .equals(vm.statusMessageProperty().get()), () -> vm.statusMessageProperty().get());
        // the method's own refusal (a passage whose prompt leaves no room), not a jobs' one, says so the same way
        JobTask<String> passageRefused = FxThread.call(() -> new JobTask<>("Generate self-edits", (p, c) -> {
            throw new org.sealworkbench.seal.ContextFit.PromptsTooLong("seal-tiny", 512, "passage", 3,
                    java.util.Map.of("passage 2 (\"Velm\")", 902), "Use a model with a longer context");
        }));
        FxThread.run(() -> runner.submit(passageRefused, true));
        FxThread.await("passage refusal reported", 30, () -> ("Generate self-edits: refused: 1 of 3 passages' self-edit "
                + "prompts leave no room in seal-tiny's 512-token context (longest 902 tokens; a self-edit needs 16 more).")
                .equals(vm.statusMessageProperty().get()), () -> vm.statusMessageProperty().get());
        JobTask<String> twoLines = FxThread.call(() -> new JobTask<>("Import", (p, c) -> {
            throw new IllegalArgumentException("bad.json: record 3 has no title\n\nEach record needs a title and a context.");
        }));
        FxThread.run(() -> runner.submit(twoLines, true));
        FxThread.await("first line reported", 30, () -> "Import: failed: bad.json: record 3 has no title"
                .equals(vm.statusMessageProperty().get()), () -> vm.statusMessageProperty().get());

        // the same ending twice still shows the second time, after another message came between
        FxThread.run(() -> vm.reportProblem("Settings file unreadable"));
        JobTask<String> again = FxThread.call(() -> new JobTask<>("Generate self-edits", (p, c) -> {
            p.update(5, 5, "5 of 5 stored");
            return "ok";
        }));
        FxThread.run(() -> runner.submit(again, true));
        FxThread.await("reported again", () -> "Generate self-edits: done · 5 of 5 stored".equals(vm.statusMessageProperty().get()));

        // a view's read (a chart, a tab's data) is not announced
        FxThread.run(() -> vm.reportProblem("Opened alpha"));
        JobTask<String> read = FxThread.call(() -> new JobTask<>("Loading the annotation task", (p, c) -> "ok"));
        FxThread.run(() -> runner.submit(read));
        FxThread.await("read over", () -> read.getState() == javafx.concurrent.Worker.State.SUCCEEDED && runner.active().isEmpty());
        assertEquals("Opened alpha", FxThread.call(() -> vm.statusMessageProperty().get()));
    }

    @Test
    void theLibraryShowsItsRowsBeforeItsQaNumbersWhichFillInWhenRead() throws Exception {
        FakeWorkspace ws = workspace("big").add("Volcanoes", "Magma rises.", "What rises?", "Magma")
                .add("Tides", "The Moon pulls the sea.", "What pulls?", "The Moon");
        long first = ws.passages().get(0).id();
        ws.qa = new org.sealworkbench.jobs.qa.LibraryQa("contains",
                List.of(new org.sealworkbench.jobs.qa.PassageQaSummary(first, 0.75, "passage only", Double.NaN, Double.NaN)));
        java.util.concurrent.CountDownLatch gate = new java.util.concurrent.CountDownLatch(1);
        ws.qaGate = gate;   // the numbers take long (every grade of a large workspace)
        vm = newViewModel(tmp.resolve("none"));
        open("big");
        var lib = vm.library();
        assertEquals(2, FxThread.call(() -> lib.visibleRows().size()), "the rows are there while the numbers are read");
        assertTrue(FxThread.call(() -> lib.qaPendingProperty().get()));
        assertNull(FxThread.call(() -> lib.visibleRows().get(0).bestAccuracy()));
        assertEquals(first, FxThread.call(() -> lib.selectedProperty().get().id()), "the first passage is chosen at once");
        gate.countDown();
        FxThread.await("QA numbers", () -> !lib.qaPendingProperty().get());
        assertEquals(0.75, FxThread.call(() -> lib.findVisible(first).orElseThrow().bestAccuracy()), 1e-12);
        assertEquals("contains", FxThread.call(() -> lib.graderProperty().get()));
        // Refreshes asked for while the numbers are read give one more read, not one each.
        ws.qaGate = new java.util.concurrent.CountDownLatch(1);
        int before = ws.qaReads.get();
        FxThread.run(vm::refresh);
        FxThread.await("refresh read", () -> lib.qaPendingProperty().get());
        for (int i = 0; i < 3; i++) {
            FxThread.run(vm::refresh);
            FxThread.await("refreshed", () -> vm.runner().active().isEmpty());
        }
        ws.qaGate.countDown();
        FxThread.await("QA numbers again", () -> !lib.qaPendingProperty().get());
        FxThread.await("the read for the refreshes meanwhile", () -> ws.qaReads.get() >= before + 2);
        Thread.sleep(500);
        assertEquals(before + 2, ws.qaReads.get(), "the read under way, then one more for the refreshes meanwhile");
        assertFalse(FxThread.call(() -> lib.qaPendingProperty().get()));
    }
}
