package org.sealworkbench.ui.annotate;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TabPane;
import javafx.scene.input.KeyCode;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sealworkbench.data.Passage;
import org.sealworkbench.data.Question;
import org.sealworkbench.jobs.annotate.AnnotationService;
import org.sealworkbench.store.AuthorKind;
import org.sealworkbench.store.ExperimentLog;
import org.sealworkbench.store.NewSelfEdit;
import org.sealworkbench.ui.FxThread;
import org.sealworkbench.ui.JobRunner;
import org.sealworkbench.ui.LayoutChecks;
import org.sealworkbench.ui.Keys;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The annotation screen at the size the Annotate tab has in a 1280x800 window (about 1000x640): a long passage leaves the
 * two self-edits room to be read, a long title wraps in the passage list, and the measures' buttons are whole. A restart of the session from the measures shows
 * the pairs.
 */
class AnnotationLayoutFxTest extends org.sealworkbench.ui.FxTestRobot {
    @TempDir Path tmp;
    private AnnotationService service;
    private JobRunner runner;
    private AnnotationViewModel vm;
    private AnnotationView view;

    @BeforeEach
    void start(org.junit.jupiter.api.TestInfo info) throws Exception {
        Path ws = tmp.resolve("ws");
        String passage = "The Vessary Lighthouse stands on a basalt spur at the northern tip of the island of Orrun. ".repeat(9);
        String edit = String.join("\n", java.util.Collections.nCopies(12, "A fact the passage implies, on a line of its own."));
        try (ExperimentLog log = ExperimentLog.open(ws)) {
            long pid = log.addPassage(new Passage("The Vessary Lighthouse on the Northern Tip of Orrun", passage, List.of(new Question("Where?", "Orrun"))), "t.json");
            if (info.getTestMethod().orElseThrow().getName().startsWith("theProgressLine")) {
                // 150 self-edits: 11,175 pairs, so the progress line has numbers as long as a real session's
                for (int i = 0; i < 150; i++) {
                    String who = (i % 2 == 0 ? "a" : "b") + ".jsonl";
                    log.addSelfEdit(new NewSelfEdit(pid, edit + "\n" + who + " " + i, AuthorKind.IMPORT, null, null, null, null, null, who));
                }
            } else {
                for (String who : List.of("a.jsonl", "b.jsonl")) {
                    log.addSelfEdit(new NewSelfEdit(pid, edit + "\n" + who, AuthorKind.IMPORT, null, null, null, null, null, who));
                }
            }
        }
        service = AnnotationService.open(ws);
        runner = new JobRunner();
        FxToolkit.registerPrimaryStage();
        FxToolkit.setupStage(s -> {
            vm = new AnnotationViewModel(service, runner);
            view = new AnnotationView(vm, new AnnotationDialogs() {
                @Override public Optional<Path> chooseExportFile(Window owner, String extension) { return Optional.empty(); }
                @Override public Optional<Path> chooseImportFile(Window owner) { return Optional.empty(); }
                @Override public void showError(Window owner, String title, Throwable error) { throw new AssertionError(title, error); }
            });
            s.setScene(new Scene(view, 1000, 640));
            s.show();
            vm.annotatorProperty().set("ann");
            vm.load();
        });
        FxThread.await("loaded", () -> vm.loadedProperty().get());
    }

    @AfterEach
    void stop() throws Exception {
        FxToolkit.cleanupStages();
        runner.closeAndWait(10_000);   // reads in flight end before the temporary folder goes
        service.close();
    }

    private void shortcut(KeyCode... keys) {
        Keys.shortcut(this, keys);
    }

    private static ScrollPane scrollOf(Node text) {
        for (Node n = text; n != null; n = n.getParent()) if (n instanceof ScrollPane sp) return sp;
        throw new AssertionError("no scroll pane around " + text);
    }

    @Test
    void theSelfEditsHaveRoomBesideALongPassageAndTheMeasuresButtonsAreWhole() throws Exception {
        // the long title wraps in the passage list, no horizontal scrolling
        for (Node n : view.lookup("#annotatePassages").lookupAll(".scroll-bar")) {
            if (n instanceof javafx.scene.control.ScrollBar sb && sb.getOrientation() == javafx.geometry.Orientation.HORIZONTAL) {
                assertTrue(!LayoutChecks.shown(sb), "the passage list scrolls sideways");
            }
        }
        interact(() -> view.lookup("#emptyPairs").requestFocus());
        shortcut(KeyCode.CONTROL, KeyCode.ENTER);
        FxThread.await("a pair is shown", () -> vm.currentProperty().get() != null);
        WaitForAsyncUtils.waitForFxEvents();
        for (String id : List.of("#leftText", "#rightText")) {
            ScrollPane scroll = scrollOf(view.lookup(id));
            LayoutChecks.assertInWindow(scroll, id + "'s pane");
            double h = scroll.getViewportBounds().getHeight();
            // 12 lines of 13 px monospace need ~200 px; the passage shown whole left them 117 here (3 lines in the real window)
            assertTrue(h >= 150, id + " shows its self-edit in " + h + " px (at least 150)");
        }
        LayoutChecks.assertInWindow(view.lookup("#shortcuts"), "the shortcuts");

        shortcut(KeyCode.M);
        WaitForAsyncUtils.waitForFxEvents();
        Node bar = view.lookup("#measuresBar");
        List<Node> buttons = LayoutChecks.descendants((javafx.scene.Parent) bar).stream().filter(n -> n instanceof Button).toList();
        assertTrue(buttons.size() == 4, buttons.toString());
        for (Node b : buttons) {
            LayoutChecks.assertInWindow(b, ((Button) b).getText());
            LayoutChecks.assertWhole((Button) b);
        }
        LayoutChecks.assertNoOverlap(buttons);

        // Ctrl+Enter from the measures starts the session again and shows its pairs.
        shortcut(KeyCode.CONTROL, KeyCode.ENTER);
        TabPane tabs = (TabPane) view.getCenter();
        FxThread.await("the pairs are shown", () -> tabs.getSelectionModel().getSelectedIndex() == 0);
    }

    /**
     * Before a session, the pairs' place says what to do; at 1280 its line ran under the guideline pane ("…type your
     * name, and p"): the invisible pair pane's least width made the middle wider than its room.
     */
    @Test
    void theEmptyPairsTextIsWholeBesideTheGuideline() throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        javafx.scene.control.Labeled empty = (javafx.scene.control.Labeled) view.lookup("#emptyPairs").lookup(".annotate-empty");
        assertTrue(empty.getText().contains("Ctrl+Enter"), empty.getText());
        Node guideline = view.lookup("#guideline");
        double right = LayoutChecks.inScene(empty).getMaxX(), guidelineLeft = LayoutChecks.inScene(guideline).getMinX();
        assertTrue(right <= guidelineLeft, "the empty pairs' text ends at x " + right + ", under the guideline from x " + guidelineLeft);
        TabPane tabs = (TabPane) view.getCenter();
        assertTrue(LayoutChecks.inScene(tabs).getMaxX() <= guidelineLeft,
                "the pairs' tabs end at x " + LayoutChecks.inScene(tabs).getMaxX() + ", under the guideline from x " + guidelineLeft);
    }

    /** "Pair 1 of 11175   done 0   skipped 0   remaining …" was cut beside the progress bar (at 1280 in the window). */
    @Test
    void theProgressLineOfALongSessionIsWhole() throws Exception {
        interact(() -> view.lookup("#emptyPairs").requestFocus());
        shortcut(KeyCode.CONTROL, KeyCode.ENTER);
        FxThread.await("a pair is shown", () -> vm.currentProperty().get() != null);
        WaitForAsyncUtils.waitForFxEvents();
        javafx.scene.control.Labeled progress = (javafx.scene.control.Labeled) view.lookup("#progress");
        assertTrue(progress.getText().contains("of 11175"), progress.getText());
        LayoutChecks.assertWhole(progress);
        LayoutChecks.assertInWindow(progress, "the progress line");
    }
}
