package org.sealworkbench.ui.annotate;

import org.sealworkbench.ui.FxThread;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sealworkbench.jobs.annotate.AnnotationFixture;
import org.sealworkbench.jobs.annotate.AnnotationPair;
import org.sealworkbench.jobs.annotate.AnnotationService;
import org.sealworkbench.jobs.annotate.Judgement;
import org.sealworkbench.jobs.annotate.PairingRule;
import org.sealworkbench.seal.annotate.Verdict;
import org.sealworkbench.ui.JobRunner;

/** The annotation view model on a real temporary workspace, without a screen. */
class AnnotationViewModelTest {
    @TempDir Path tmp;
    private AnnotationService service;
    private JobRunner runner;
    private AnnotationViewModel vm;

    @BeforeAll
    static void fx() {
        FxThread.start();
    }

    @BeforeEach
    void open() throws Exception {
        AnnotationFixture.create(tmp.resolve("ws"), new int[] {2, 2, 3});
        service = AnnotationService.open(tmp.resolve("ws"));
        runner = new JobRunner();
        vm = FxThread.call(() -> new AnnotationViewModel(service, runner));
        FxThread.run(vm::load);
        FxThread.await("loaded", () -> vm.loadedProperty().get());
    }

    @AfterEach
    void close() {
        runner.closeAndWait(10_000);   // reads in flight end before the temporary folder goes
        service.close();
    }

    private void start(String annotator) throws Exception {
        FxThread.run(() -> {
            vm.annotatorProperty().set(annotator);
            vm.startSession();
        });
        FxThread.await("session", () -> vm.sessionActiveProperty().get());
    }

    private void settle() throws Exception {
        FxThread.await("writes", () -> vm.pendingWritesProperty().get() == 0);
    }

    @Test
    void loadOffersPassagesWithTwoSelfEditsAndBothAuthors() throws Exception {
        assertEquals(3, FxThread.call(() -> vm.passages().size()));
        assertEquals(3, FxThread.call(() -> vm.selectedPassages().size()));
        assertEquals("seal-tiny", FxThread.call(() -> vm.authorAProperty().get()));
        assertEquals("teacher", FxThread.call(() -> vm.authorBProperty().get()));
        assertEquals("", FxThread.call(() -> vm.annotatorProperty().get()), "nobody has judged yet");
    }

    @Test
    void judgingCountsProgressHidesAuthorsInBlindModeAndUndoAppendsARetraction() throws Exception {
        start("ann");
        assertEquals(5, FxThread.call(() -> vm.remainingProperty().get()));
        assertTrue(FxThread.call(() -> vm.leftMetaProperty().get()).contains("hidden until judged"));
        assertFalse(FxThread.call(() -> vm.leftMetaProperty().get()).contains("seal-tiny"));

        AnnotationPair first = FxThread.call(() -> vm.currentProperty().get());
        FxThread.run(() -> {
            vm.rateLeft(4);
            vm.rateRight(2);
            vm.noteProperty().set("left keeps the date");
            vm.judge(Verdict.LEFT);
        });
        assertEquals(1, FxThread.call(() -> vm.doneProperty().get()));
        assertEquals(4, FxThread.call(() -> vm.remainingProperty().get()));
        assertTrue(FxThread.call(() -> vm.revealProperty().get()).contains("left was " + first.left().author()));
        assertNull(FxThread.call(() -> vm.ratingLeftProperty().get()), "ratings start empty on the next pair");
        assertEquals("", FxThread.call(() -> vm.noteProperty().get()));

        FxThread.run(() -> vm.judge(Verdict.SKIP));
        assertEquals(1, FxThread.call(() -> vm.skippedProperty().get()));
        FxThread.run(vm::undo);
        assertEquals(0, FxThread.call(() -> vm.skippedProperty().get()));
        assertEquals(4, FxThread.call(() -> vm.remainingProperty().get()));
        settle();

        List<Judgement> stored = service.judgements();
        assertEquals(2, stored.size());
        Judgement j = stored.get(0);
        assertEquals(first.left().selfEditId(), j.leftId(), "stored with the side shown");
        assertEquals(first.right().selfEditId(), j.rightId());
        assertEquals(Verdict.LEFT, j.verdict());
        assertEquals(4, j.ratingLeft());
        assertEquals(2, j.ratingRight());
        assertEquals("left keeps the date", j.note());
        assertFalse(j.retracted());
        assertEquals(Verdict.SKIP, stored.get(1).verdict());
        assertTrue(stored.get(1).retracted(), "undo retracts, it does not delete");
    }

    @Test
    void aNewSessionResumesWhereTheAnnotatorLeftOffAndFillsInTheirName() throws Exception {
        start("ann");
        FxThread.run(() -> {
            vm.judge(Verdict.LEFT);
            vm.judge(Verdict.TIE);
        });
        settle();
        start("ann");
        assertEquals(2, FxThread.call(() -> vm.doneProperty().get()));
        assertEquals(3, FxThread.call(() -> vm.remainingProperty().get()));

        AnnotationViewModel again = FxThread.call(() -> new AnnotationViewModel(service, runner));
        FxThread.run(again::load);
        FxThread.await("loaded", () -> again.loadedProperty().get());
        assertEquals("ann", FxThread.call(() -> again.annotatorProperty().get()), "the name is remembered");
    }

    @Test
    void notBlindShowsAuthorAndRewardAndAuthorRulePairsOnlyThoseAuthors() throws Exception {
        FxThread.run(() -> {
            vm.blindProperty().set(false);
            vm.ruleProperty().set(PairingRule.AUTHOR_VS_AUTHOR);
        });
        start("ann");
        assertEquals(2, FxThread.call(() -> vm.remainingProperty().get()), "only the third passage has a teacher self-edit");
        String meta = FxThread.call(() -> vm.leftMetaProperty().get() + " | " + vm.rightMetaProperty().get());
        assertTrue(meta.contains("seal-tiny") && meta.contains("teacher"), meta);
        assertTrue(meta.contains("reward none"), meta);
    }

    /** A self-edit's reward reads as the whole window writes rewards (it read 0.333 here, 33.3 % in the ReST-EM window). */
    @Test
    void aRewardReadsInPercentAsTheWindowWritesIt() {
        var side = new org.sealworkbench.jobs.annotate.EditSide(7, "text", "seal-tiny", "implications", 1 / 3.0);
        assertEquals("33.3 %", AnnotationViewModel.reward(side));
        assertEquals("16.7 %", AnnotationViewModel.reward(new org.sealworkbench.jobs.annotate.EditSide(8, "t", "a", null, 1 / 6.0)));
        assertEquals("none", AnnotationViewModel.reward(new org.sealworkbench.jobs.annotate.EditSide(9, "t", "a", null, null)));
    }

    @Test
    void aSessionWithoutAnnotatorIsRefusedWithAMessage() throws Exception {
        FxThread.run(vm::startSession);
        FxThread.await("failure", () -> vm.failureProperty().get() != null);
        assertTrue(FxThread.call(() -> vm.failureProperty().get().error().getMessage()).contains("annotator name"));
        assertFalse(FxThread.call(() -> vm.sessionActiveProperty().get()));
    }

    @Test
    void wordDifferencesHookSplitsTheTextIntoMarkedSpans() throws Exception {
        start("ann");
        FxThread.run(() -> {
            vm.setWordDifferences((text, other) -> List.of(new WordDifferences.Range(0, 3)));
            vm.highlightDifferencesProperty().set(true);
        });
        List<TextSpan> spans = FxThread.call(() -> List.copyOf(vm.leftSpans()));
        String text = FxThread.call(() -> vm.currentProperty().get().left().text());
        assertEquals(new TextSpan(text.substring(0, 3), true), spans.get(0));
        assertEquals(new TextSpan(text.substring(3), false), spans.get(1));
        FxThread.run(() -> vm.highlightDifferencesProperty().set(false));
        assertEquals(List.of(new TextSpan(text, false)), FxThread.call(() -> List.copyOf(vm.leftSpans())));
        assertNotNull(text);
    }

    @Test
    void aBadImportFileFailsWithItsNameAndLineAndAddsNothing() throws Exception {
        Path bad = java.nio.file.Files.writeString(tmp.resolve("bad.jsonl"), "{\"type\": \"judgement\"}\n");
        FxThread.run(() -> vm.importJsonl(bad));
        FxThread.await("failure", () -> vm.failureProperty().get() != null);
        String msg = FxThread.call(() -> vm.failureProperty().get().error().getMessage());
        assertEquals(bad + ", line 1: missing field 'uid'", msg);
        assertEquals(List.of(), service.judgements());
    }

    @Test
    void aFailedWriteRebuildsTheSessionFromTheLog() throws Exception {
        // A backend whose first judge() fails, like a full disk would.
        java.util.concurrent.atomic.AtomicBoolean failed = new java.util.concurrent.atomic.AtomicBoolean();
        org.sealworkbench.jobs.annotate.AnnotationBackend flaky = (org.sealworkbench.jobs.annotate.AnnotationBackend)
                java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                        new Class<?>[] {org.sealworkbench.jobs.annotate.AnnotationBackend.class}, (proxy, method, args) -> {
                            if (method.getName().equals("judge") && failed.compareAndSet(false, true)) {
                                throw new IllegalStateException("disk full");
                            }
                            try {
                                return method.invoke(service, args);
                            } catch (java.lang.reflect.InvocationTargetException e) {
                                throw e.getCause();
                            }
                        });
        vm = FxThread.call(() -> new AnnotationViewModel(flaky, runner));
        FxThread.run(vm::load);
        FxThread.await("loaded", () -> vm.loadedProperty().get());
        start("ann");
        AnnotationPair first = FxThread.call(() -> vm.currentProperty().get());
        FxThread.run(() -> vm.judge(Verdict.LEFT));
        FxThread.await("failure", () -> vm.failureProperty().get() != null);
        assertTrue(FxThread.call(() -> vm.failureProperty().get().error().getMessage()).contains("disk full"));
        FxThread.await("rebuilt", () -> vm.doneProperty().get() == 0 && vm.remainingProperty().get() == 5);
        assertEquals(first, FxThread.call(() -> vm.currentProperty().get()), "the unsaved pair is on screen again");
        assertEquals(List.of(), service.judgements());
    }
}
