package org.sealworkbench.ui.annotate;

import org.sealworkbench.ui.FxThread;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.scene.Scene;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sealworkbench.jobs.annotate.AnnotationFixture;
import org.sealworkbench.jobs.annotate.AnnotationPair;
import org.sealworkbench.jobs.annotate.AnnotationService;
import org.sealworkbench.jobs.annotate.Judgement;
import org.sealworkbench.seal.annotate.Verdict;
import org.sealworkbench.ui.JobRunner;
import org.testfx.api.FxToolkit;

/** The annotation screen driven by the keyboard alone: a whole session of 5 pairs, then the measures and an export. */
class AnnotationScreenFxTest extends org.sealworkbench.ui.FxTestRobot {
    @TempDir Path tmp;
    private AnnotationService service;
    private JobRunner runner;
    private AnnotationViewModel vm;
    private AnnotationView view;
    private final List<Throwable> errors = new ArrayList<>();
    private int imports;

    private final class ScriptedDialogs implements AnnotationDialogs {
        @Override public Optional<Path> chooseExportFile(Window owner, String extension) {
            return Optional.of(tmp.resolve("export." + extension));
        }
        @Override public Optional<Path> chooseImportFile(Window owner) {
            imports++;
            return Optional.empty();
        }
        @Override public void showError(Window owner, String title, Throwable error) { errors.add(error); }
    }

    @BeforeEach
    void start() throws Exception {
        AnnotationFixture.create(tmp.resolve("ws"), new int[] {2, 2, 3}); // 1 + 1 + 3 = 5 pairs
        service = AnnotationService.open(tmp.resolve("ws"));
        runner = new JobRunner();
        Stage stage = FxToolkit.registerPrimaryStage();
        FxToolkit.setupStage(s -> {
            vm = new AnnotationViewModel(service, runner);
            view = new AnnotationView(vm, new ScriptedDialogs());
            s.setScene(new Scene(view, 1280, 800));
            s.show();
            view.focusAnnotator();
            vm.load();
        });
        FxThread.await("loaded", () -> vm.loadedProperty().get());
        assertTrue(stage.isShowing());
    }

    @AfterEach
    void stop() throws Exception {
        FxToolkit.cleanupStages();
        runner.closeAndWait(10_000);   // reads in flight end before the temporary folder goes
        service.close();
    }

    private AnnotationPair current() throws Exception {
        return FxThread.call(() -> vm.currentProperty().get());
    }

    @Test
    void aKeyboardOnlySessionOfFivePairsThenMeasuresAndExport() throws Exception {
        write("ann");
        press(KeyCode.CONTROL, KeyCode.ENTER).release(KeyCode.ENTER, KeyCode.CONTROL);
        FxThread.await("session", () -> vm.currentProperty().get() != null);
        assertEquals(5, FxThread.call(() -> vm.remainingProperty().get()));
        assertTrue(lookup("#shortcuts").queryLabeled().getText().contains("1 / ←  A (left) better"));

        List<AnnotationPair> shown = new ArrayList<>();
        shown.add(current());
        type(KeyCode.DIGIT1);                       // pair 1: A (left) better
        shown.add(current());
        type(KeyCode.RIGHT);                        // pair 2: B (right) better, by arrow
        shown.add(current());
        type(KeyCode.S);                            // pair 3: skipped ...
        assertEquals(1, FxThread.call(() -> vm.skippedProperty().get()));
        type(KeyCode.Z);                            // ... and undone: pair 3 is back
        assertEquals(shown.get(2), current());
        assertEquals(0, FxThread.call(() -> vm.skippedProperty().get()));
        type(KeyCode.DIGIT3);                       // pair 3: tie
        shown.add(current());
        press(KeyCode.CONTROL, KeyCode.DIGIT4).release(KeyCode.DIGIT4, KeyCode.CONTROL);   // rate A 4
        press(KeyCode.ALT, KeyCode.DIGIT2).release(KeyCode.DIGIT2, KeyCode.ALT);           // rate B 2
        assertTrue(lookup("#leftTextRating").queryLabeled().getText().startsWith("Rating: ★★★★☆"));
        type(KeyCode.N);                            // write a note
        write("A keeps the year");
        type(KeyCode.ENTER);                        // back to judging
        type(KeyCode.LEFT);                         // pair 4: A better, by arrow
        shown.add(current());
        type(KeyCode.DIGIT2);                       // pair 5: B better
        assertEquals(null, current());
        assertEquals(5, FxThread.call(() -> vm.doneProperty().get()));
        assertEquals(0, FxThread.call(() -> vm.remainingProperty().get()));
        assertTrue(FxThread.call(() -> vm.progressTextProperty().get()).startsWith("All 5 pairs judged"));
        FxThread.await("writes", () -> vm.pendingWritesProperty().get() == 0);

        List<Judgement> stored = service.judgements();
        assertEquals(6, stored.size(), "five judgements and the undone skip");
        List<Judgement> live = stored.stream().filter(j -> !j.retracted()).toList();
        assertEquals(5, live.size());
        Verdict[] said = {Verdict.LEFT, Verdict.RIGHT, Verdict.TIE, Verdict.LEFT, Verdict.RIGHT};
        for (int i = 0; i < 5; i++) {
            assertEquals(shown.get(i).left().selfEditId(), live.get(i).leftId(), "pair " + (i + 1) + " stored with the side shown");
            assertEquals(shown.get(i).right().selfEditId(), live.get(i).rightId());
            assertEquals(said[i], live.get(i).verdict(), "pair " + (i + 1));
        }
        assertEquals(4, live.get(3).ratingLeft());
        assertEquals(2, live.get(3).ratingRight());
        assertEquals("A keeps the year", live.get(3).note());
        assertTrue(stored.get(2).retracted() && stored.get(2).verdict() == Verdict.SKIP);

        type(KeyCode.M);                            // the measures
        FxThread.await("measures", () -> vm.measuresTextProperty().get().contains("Position bias"));
        String measures = lookup("#measuresText").queryAs(TextArea.class).getText();
        // left 2, right 2, tie 1: left share 2 of 4 = 50 %, Clopper-Pearson [6.8 %, 93.2 %].
        assertTrue(measures.contains("Position bias (all annotators): 50.0% of 4 [6.8%, 93.2%]"), measures);
        assertTrue(measures.lines().anyMatch(l -> l.trim().startsWith("ann") && l.contains("5")), measures);

        press(KeyCode.CONTROL, KeyCode.E).release(KeyCode.E, KeyCode.CONTROL);   // export CSV
        Path csv = tmp.resolve("export.csv");
        FxThread.await("csv export", () -> Files.exists(csv) && vm.statusProperty().get().startsWith("Exported"));
        List<String> rows = Files.readAllLines(csv);
        assertEquals(7, rows.size(), "header and six judgements");
        assertTrue(rows.stream().anyMatch(r -> r.contains(",A keeps the year,ann,")), String.join("\n", rows));
        press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.E).release(KeyCode.E, KeyCode.SHIFT, KeyCode.CONTROL);  // export JSONL
        Path jsonl = tmp.resolve("export.jsonl");
        FxThread.await("jsonl export", () -> Files.exists(jsonl));
        assertEquals(7, Files.readAllLines(jsonl).size(), "six judgements and one retraction");
        assertFalse(errors.stream().findAny().isPresent(), errors.toString());
        // Ctrl+Shift+I imports judgements; Ctrl+I is the window's File > Import (passages), not the tab's too
        press(KeyCode.CONTROL, KeyCode.I).release(KeyCode.I, KeyCode.CONTROL);
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
        assertEquals(0, imports, "Ctrl+I is left to the window's File > Import");
        press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.I).release(KeyCode.I, KeyCode.SHIFT, KeyCode.CONTROL);
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
        assertEquals(1, imports, "Ctrl+Shift+I asks for the judgements to import");
        type(KeyCode.P);                            // back to the pairs, still by keyboard
        assertEquals("Pairs", FxThread.call(() -> lookup(".tab-pane").queryAs(javafx.scene.control.TabPane.class)
                .getSelectionModel().getSelectedItem().getText()));
        assertEquals("ann", FxThread.call(() -> vm.annotatorProperty().get()), "no judging key leaked into the name field");
    }
}
