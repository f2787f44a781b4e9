package org.sealworkbench.ui.arc;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sealworkbench.data.arc.Grid;
import org.sealworkbench.jobs.ArcRlFixtures;
import org.sealworkbench.jobs.ArcRlJob;
import org.sealworkbench.jobs.ArcRlRequest;
import org.sealworkbench.jobs.ArcSteps;
import org.sealworkbench.jobs.workspace.StoreWorkspaceService;
import org.sealworkbench.llm.TestEngine;
import org.sealworkbench.seal.arc.ArcRestEm;
import org.sealworkbench.seal.arc.ArcTtt;
import org.sealworkbench.seal.arc.TttConfig;
import org.sealworkbench.store.ExperimentLog;
import org.sealworkbench.store.JobRecord;
import org.sealworkbench.ui.FxThread;
import org.sealworkbench.ui.JobRunner;
import org.sealworkbench.util.CancelToken;
import org.sealworkbench.util.Progress;

/**
 * The Few-shot window's RL round without a screen. With a scripted backend (the round's events as ArcRlJob tells them):
 * the rows, phases and counts as the events arrive, the end's account (saved model and the next step), Cancel and the
 * stopped round offered and resumed by its job id. With the real job (ArcRlJob, as `./seal arc-rl`): the bundled
 * seal-tiny refused before any work, each task named with its prompt's length, in a dialog and in full in the window;
 * and a real round on tiny tasks that solves nothing, said so.
 */
class ArcRlViewModelTest {
    @TempDir Path tmp;
    JobRunner runner;
    final List<String> errors = new CopyOnWriteArrayList<>();
    final ObservableList<String> sources = FXCollections.observableArrayList(ArcViewModel.EVALUATION, ArcViewModel.TRAINING);

    static final TttConfig A = TttConfig.of(false, false, false, false, TttConfig.Strategy.OUTPUT_TOKENS, 1e-2, 8);
    static final TttConfig B = TttConfig.of(true, false, false, false, TttConfig.Strategy.ALL_TOKENS, 1e-3, 400);
    static final String CUT = "not one JSON object (stopped: the new-token limit (150 tokens) is reached)";

    /** A round told as ArcRlJob tells it, paused at the gates the test opens; Cancel ends it as the job does. */
    static class Scripted implements ArcRlViewModel.Backend {
        final CountDownLatch sampled = new CountDownLatch(1), goOn = new CountDownLatch(1);
        final List<ArcRlRequest> ran = new CopyOnWriteArrayList<>();
        final List<Long> resumed = new CopyOnWriteArrayList<>();
        volatile List<ArcRlViewModel.Stopped> stopped = List.of();
        volatile boolean waitForCancel;
        Path modelDir;

        @Override
        public ArcRlJob.Report run(ArcRlRequest q, ArcSteps steps, Progress progress, CancelToken cancel) {
            ran.add(q);
            steps.sampling("aa", 2);
            steps.sampled("aa", List.of(A, B), 3, List.of(CUT));
            steps.sampling("bb", 2);
            steps.sampled("bb", List.of(A, B), 2, List.of());
            sampled.countDown();
            await(goOn);
            if (waitForCancel) {
                while (!cancel.isCancelled()) Thread.onSpinWait();
                throw new org.sealworkbench.jobs.JobCancelledException("cancelled; every finished inner loop is stored");
            }
            for (int s = 1; s <= 3; s++) steps.step("aa", A, s, 3, 1.0 / s);
            steps.result(result("aa", A, "", true));
            steps.result(result("aa", B, "over SEAL's step cap", false));
            steps.result(result("bb", B, "over SEAL's step cap", false));
            steps.result(result("bb", A, "", false));
            steps.sftStep(1, 2, 0.9);
            steps.sftStep(2, 2, 0.5);
            steps.saving(modelDir);
            List<ArcRestEm.Pair> pairs = List.of(pair("aa", 0, A, "", true), pair("aa", 1, B, "over SEAL's step cap", false),
                    pair("bb", 0, A, "", false), pair("bb", 1, B, "over SEAL's step cap", false));
            return new ArcRlJob.Report(1, "0123456789abcdef", "tiny_challenges.json", 5, 1, pairs, List.of(), 4, 0, 1,
                    List.of(), q.sft(), 2L, modelDir, false);
        }

        @Override
        public ArcRlJob.Report resume(Path ws, long jobId, ArcSteps steps, Progress progress, CancelToken cancel) {
            resumed.add(jobId);
            return new ArcRlJob.Report(1, "0123456789abcdef", "tiny_challenges.json", 5, 1,
                    List.of(pair("aa", 0, A, "", false)), List.of(), 0, 1, 0, List.of(), ArcRestEm.reference(), null, null, true);
        }

        @Override
        public List<ArcRlViewModel.Stopped> stopped(Path workspace) {
            return stopped;
        }

        @Override
        public int contextTokens(Path dir) {
            return dir.getFileName().toString().contains("tiny") ? 512 : 4096;
        }

        private static void await(CountDownLatch l) {
            try {
                if (!l.await(30, TimeUnit.SECONDS)) throw new IllegalStateException("the test did not open the gate");
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    static ArcTtt.Result result(String task, TttConfig c, String notTrained, boolean solved) {
        Grid g = Grid.unbounded(new int[][] {{1}});
        return new ArcTtt.Result(task, c, 3, 0, notTrained.isEmpty() ? 3 : 0, notTrained.isEmpty() ? 0.1 : Double.NaN,
                notTrained, 2, 2, g, g, solved, List.of("1"), 1, 1);
    }

    static ArcRestEm.Pair pair(String task, int index, TttConfig c, String notTrained, boolean solved) {
        return new ArcRestEm.Pair(task, index, c.toJson(), c, notTrained, solved);
    }

    @BeforeEach
    void setUp() {
        FxThread.start();
        runner = new JobRunner();
    }

    @AfterEach
    void tearDown() {
        runner.closeAndWait(10_000);   // reads in flight end before the temporary folder goes
    }

    private ArcRlViewModel vm(ArcRlViewModel.Backend backend) throws Exception {
        return FxThread.call(() -> new ArcRlViewModel(runner, runner.reads(), (t, e) -> errors.add(t + ": " + e.getMessage()),
                javafx.application.Platform::runLater, backend, sources, name -> tmp.resolve(name.replace(' ', '_') + ".json")));
    }

    @Test
    void theRoundShowsEachSampledConfigThenItsRewardTheSftLossAndTheSavedModelWithTheNextStep() throws Exception {
        Scripted backend = new Scripted();
        backend.modelDir = tmp.resolve("ws/models/arc-round-1");
        ArcRlViewModel vm = vm(backend);
        FxThread.run(() -> {
            assertFalse(vm.canStartProperty().get(), "no workspace, no Start");
            assertTrue(vm.problemProperty().get().contains("workspace"), vm.problemProperty().get());
            vm.workspaceProperty().set(tmp.resolve("ws"));
            vm.generatorProperty().set(tmp.resolve("gen-4k"));
            assertTrue(vm.canStartProperty().get(), vm.problemProperty().get());
            vm.kProperty().set("2");
            vm.start();
            assertTrue(vm.runningProperty().get());
            assertFalse(vm.canStartProperty().get(), "one round at a time");
        });
        assertTrue(backend.sampled.await(30, TimeUnit.SECONDS));
        FxThread.await("the sampled configs listed", () -> vm.pairs().size() == 4);
        FxThread.run(() -> {
            assertEquals(ArcRlViewModel.Phase.SAMPLING, vm.phaseProperty().get());
            assertTrue(vm.phaseTextProperty().get().contains("task 2 (bb)"), vm.phaseTextProperty().get());
            assertEquals(List.of("aa", "aa", "bb", "bb"), vm.pairs().stream().map(ArcRlViewModel.PairRow::task).toList());
            assertEquals(A.shortForm(), vm.pairs().get(0).config());
            assertEquals("…", vm.pairs().get(0).rewardProperty().get(), "no reward before its inner loop");
            assertEquals("2 of 3 draws", vm.perTask().get(0).sampledProperty().get());
            // the draw that was not a config, and why, for the window to show under the tasks (bb's draws were all configs)
            assertEquals("1 of 3 draws was not a config: 1 " + CUT, vm.perTask().get(0).notConfigsProperty().get());
            assertEquals("", vm.perTask().get(1).notConfigsProperty().get());
            assertEquals("Task aa: 1 of 3 draws was not a config: 1 " + CUT, vm.notConfigsProperty().get());
        });
        backend.goOn.countDown();
        FxThread.await("the round done", () -> vm.phaseProperty().get() == ArcRlViewModel.Phase.DONE);
        FxThread.run(() -> {
            ArcRlRequest q = backend.ran.get(0);
            assertEquals(2, q.k());
            assertEquals(tmp.resolve("gen-4k"), q.model());
            assertEquals(tmp.resolve(ArcViewModel.TRAINING.replace(' ', '_') + ".json"), q.tasks(), "SEAL's training set first");
            assertEquals(1, vm.rewardedCountProperty().get());
            assertEquals(List.of("1", "0", "0", "0"), vm.pairs().stream().map(p -> p.rewardProperty().get()).toList());
            assertEquals("✓ yes", vm.pairs().get(0).solvedProperty().get());
            assertEquals("no: over SEAL's step cap", vm.pairs().get(1).trainedProperty().get());
            assertEquals("1 of 2 rewarded", vm.perTask().get(0).rewardedProperty().get());
            assertEquals("0 of 2 rewarded", vm.perTask().get(1).rewardedProperty().get());
            assertFalse(vm.endedWithoutPairsProperty().get(), "a round with pairs");
            assertEquals(2, vm.sftLoss().size(), "the SFT's two steps");
            assertEquals(0.5, vm.sftLoss().get(1).loss(), 1e-9);
            assertTrue(vm.sftTitleProperty().get().contains("step 2 of 2"), vm.sftTitleProperty().get());
            assertEquals(backend.modelDir, vm.savedModelProperty().get());
            String out = vm.outcomeProperty().get();
            assertTrue(out.contains("1 of 4 (task, self-edit) pairs rewarded") && out.contains("1 of 2 tasks"), out);
            assertTrue(out.contains("saved as models/arc-round-1 in the workspace") && out.contains("Next: evaluate it")
                    && out.contains("Choose arc-round-1 as the model (Self-edits > Models…")
                    && out.contains("--model WS/models/arc-round-1") && out.contains("(WS: " + tmp.resolve("ws") + ")"), out);
            assertEquals(1.0, vm.progressProperty().get(), 1e-9);
            assertTrue(vm.canStartProperty().get());
        });
        assertEquals(List.of(), errors);
    }

    /** A read-only workspace: Start is off with the form fine, and a stopped round is not offered for resuming. */
    @Test
    void aReadOnlyWorkspaceTurnsStartAndResumeOff() throws Exception {
        Scripted backend = new Scripted();
        ArcRlViewModel vm = vm(backend);
        FxThread.run(() -> {
            vm.workspaceProperty().set(tmp.resolve("ws"));
            vm.generatorProperty().set(tmp.resolve("gen-4k"));
            assertTrue(vm.canStartProperty().get(), vm.problemProperty().get());
            vm.offReasonProperty().set("The workspace is open read-only (the folder is not writable): nothing can be stored in it.");
            assertFalse(vm.canStartProperty().get());
            assertFalse(vm.canResumeProperty().get());
            assertEquals("", vm.problemProperty().get(), "the form is fine");
            vm.start();
            assertFalse(vm.runningProperty().get(), "Ctrl+Enter starts nothing");
            vm.offReasonProperty().set(null);
            assertTrue(vm.canStartProperty().get());
        });
        assertTrue(backend.ran.isEmpty());
        assertEquals(List.of(), errors);
    }

    @Test
    void cancelStopsTheRoundAndTheStoppedRoundIsOfferedAndResumedByItsJob() throws Exception {
        Scripted backend = new Scripted();
        backend.waitForCancel = true;
        ArcRlViewModel vm = vm(backend);
        FxThread.run(() -> {
            vm.workspaceProperty().set(tmp.resolve("ws"));
            vm.generatorProperty().set(tmp.resolve("gen-4k"));
            vm.start();
        });
        assertTrue(backend.sampled.await(30, TimeUnit.SECONDS));
        backend.stopped = List.of(new ArcRlViewModel.Stopped(7, "cancelled", "cancelled; every finished inner loop is stored"));
        backend.goOn.countDown();
        FxThread.run(vm::cancel);
        FxThread.await("stopped", () -> vm.phaseProperty().get() == ArcRlViewModel.Phase.CANCELLED);
        FxThread.await("the stopped round offered", () -> vm.canResumeProperty().get());
        FxThread.run(() -> {
            assertFalse(vm.runningProperty().get());
            assertTrue(vm.outcomeProperty().get().contains("Resume"), vm.outcomeProperty().get());
            assertEquals(7, vm.resumableProperty().get().jobId());
            vm.resume();
        });
        FxThread.await("resumed", () -> vm.phaseProperty().get() == ArcRlViewModel.Phase.NOTHING_SOLVED);
        assertEquals(List.of(7L), backend.resumed);
        FxThread.run(() -> assertTrue(vm.outcomeProperty().get().contains("already run with these settings"),
                vm.outcomeProperty().get()));
        assertEquals(List.of(), errors, "a cancel is no error");
    }

    @Test
    void aBadFieldNamesItselfAndTurnsStartOff() throws Exception {
        ArcRlViewModel vm = vm(new Scripted());
        FxThread.run(() -> {
            vm.workspaceProperty().set(tmp.resolve("ws"));
            vm.generatorProperty().set(tmp.resolve("gen-4k"));
            vm.kProperty().set("0");
            assertFalse(vm.canStartProperty().get());
            assertTrue(vm.problemProperty().get().startsWith("K (self-edits per task)"), vm.problemProperty().get());
            vm.kProperty().set("3");
            vm.sftLearningRateProperty().set("fast");
            assertFalse(vm.canStartProperty().get());
            assertTrue(vm.problemProperty().get().contains("SFT learning rate"), vm.problemProperty().get());
            vm.sftLearningRateProperty().set("1e-3");
            vm.onlyTasksProperty().set("aa, bb");
            assertTrue(vm.canStartProperty().get());
            assertEquals(List.of("aa", "bb"), vm.request().taskIds());
            assertEquals(1e-3, vm.request().sft().learningRate());
        });
    }

    @Test
    void aGeneratorWithASmallContextIsFlaggedBeforeStartSayingWhichModelWouldWork() throws Exception {
        ArcRlViewModel vm = vm(new Scripted());
        FxThread.run(() -> vm.generatorProperty().set(tmp.resolve("seal-tiny")));
        FxThread.await("the note", () -> !vm.generatorNoteProperty().get().isEmpty());
        FxThread.run(() -> {
            String n = vm.generatorNoteProperty().get();
            assertTrue(n.contains("512 tokens") && n.contains("refused") && n.contains("Llama-3.2-1B-Instruct"), n);
            vm.generatorProperty().set(tmp.resolve("gen-4k"));
        });
        FxThread.await("the note for the other", () -> vm.generatorNoteProperty().get().contains("4096"));
        FxThread.run(() -> assertFalse(vm.generatorNoteProperty().get().contains("refused")));
    }

    @Test
    void theRealJobRefusesSealTinyBeforeAnyWorkNamingEachTaskInADialogAndInFull() throws Exception {
        TestEngine.setUp();
        Path ws = tmp.resolve("ws");
        Path training = Path.of("sample-data/arc/arc-agi_training_challenges_filtered_1B_training_set.json").toAbsolutePath();
        ArcRlViewModel vm = FxThread.call(() -> new ArcRlViewModel(runner, runner.reads(),
                (t, e) -> errors.add(t + ": " + e.getMessage()), sources, name -> training));
        FxThread.run(() -> {
            vm.workspaceProperty().set(ws);
            vm.generatorProperty().set(StoreWorkspaceService.bundledModel());
            vm.onlyTasksProperty().set("6150a2bd, 4be741c5");
            vm.start();
        });
        FxThread.await("refused", 60, () -> vm.phaseProperty().get() == ArcRlViewModel.Phase.REFUSED, errors::toString);
        assertEquals(1, errors.size(), "one dialog");
        String e = errors.get(0);
        // a summary line first, then which model would do, then the tasks one a line
        assertTrue(e.startsWith("The few-shot RL round was refused: 2 of 2 tasks' self-edit prompts leave no room in "
                + "seal-tiny's 512-token context (longest "), e);
        assertTrue(e.contains("\n  task 6150a2bd: ") && e.contains("\n  task 4be741c5: "), e);
        assertTrue(e.contains("Llama-3.2-1B-Instruct"), "says which model would work: " + e);
        FxThread.run(() -> {
            String out = vm.outcomeProperty().get();
            assertTrue(out.startsWith("The round was refused: 2 of 2 tasks' self-edit prompts") && out.contains("\n  task "
                    + "6150a2bd: ") && out.contains("2048 tokens or more"), out);
            assertFalse(vm.runningProperty().get());
        });
        FxThread.await("the note on seal-tiny", () -> vm.generatorNoteProperty().get().contains("512 tokens"));
        try (ExperimentLog log = ExperimentLog.open(ws)) {
            assertEquals(0, log.arcRuns().size(), "nothing sampled or trained");
            JobRecord job = log.jobs().get(0);
            assertEquals(ArcRlRequest.KIND, job.kind(), "the command's job, in the workspace's jobs table");
            assertEquals(org.sealworkbench.jobs.Jobs.REFUSED, job.status(), "refused, not failed: it would be refused again");
        }
        // Resume does not offer it: the stopped rounds read after the end (the reads run in order) hold none
        java.util.concurrent.CountDownLatch read = new java.util.concurrent.CountDownLatch(1);
        FxThread.run(() -> {
            vm.refreshStopped();
            runner.reads().run("after the stopped rounds", () -> null, x -> read.countDown(), x -> read.countDown());
        });
        assertTrue(read.await(30, java.util.concurrent.TimeUnit.SECONDS));
        FxThread.run(() -> {
            assertNull(vm.resumableProperty().get(), "a refused round is not offered for resume");
            assertFalse(vm.canResumeProperty().get());
        });
    }

    @Test
    void aRealRoundOnTinyTasksThatSolvesNothingSaysSoAndSavesNoModel() throws Exception {
        TestEngine.setUp();
        Path model = ArcRlFixtures.longContextTiny(tmp.resolve("tiny-2k"));
        Path tasks = ArcRlFixtures.constantTasks(tmp.resolve("t"), new LinkedHashMap<>(Map.of("aa", 1)));
        Path ws = tmp.resolve("ws");
        List<String> finished = new CopyOnWriteArrayList<>();
        ArcRlViewModel vm = FxThread.call(() -> new ArcRlViewModel(runner, runner.reads(),
                (t, e) -> errors.add(t + ": " + e.getMessage()), sources, name -> tasks));
        FxThread.run(() -> {
            vm.onFinished(() -> finished.add("refresh"));
            vm.workspaceProperty().set(ws);
            vm.generatorProperty().set(model);
            vm.kProperty().set("1");
            vm.selfEditTokensProperty().set("16");   // no config fits in 16 tokens: every draw refused, nothing to run
            vm.start();
        });
        FxThread.await("the round ended", 120, () -> !vm.runningProperty().get() && !vm.outcomeProperty().get().isEmpty(),
                errors::toString);
        FxThread.run(() -> {
            assertEquals(ArcRlViewModel.Phase.NOTHING_SOLVED, vm.phaseProperty().get(), vm.outcomeProperty().get());
            assertTrue(vm.outcomeProperty().get().contains("solved nothing") && vm.outcomeProperty().get().contains("no model "
                    + "was saved"), vm.outcomeProperty().get());
            assertEquals(1, vm.perTask().size());
            assertEquals("0 of 20 draws", vm.perTask().get(0).sampledProperty().get(), "1 wanted x SEAL's 20 tries");
            // why none was a config: a random model's text, cut by the 16-token limit before it could be one
            String why = vm.perTask().get(0).notConfigsProperty().get();
            assertTrue(why.startsWith("20 of 20 draws were not configs: ") && why.contains(
                    " (stopped: the new-token limit (16 tokens) is reached)"), why);
            assertEquals("Task aa: " + why, vm.notConfigsProperty().get());
            assertTrue(vm.endedWithoutPairsProperty().get(), "the empty pairs table says why it is empty");
            assertNull(vm.savedModelProperty().get());
        });
        assertEquals(List.of("refresh"), finished);
        assertEquals(List.of(), errors, "nothing solved is a message, not an error");
        String told = FxThread.call(() -> vm.notConfigsProperty().get());
        // again: the round is read back (no steps), and its record still says why the draws were not configs
        FxThread.run(vm::start);
        FxThread.await("the round read back", 120, () -> finished.size() == 2 && !vm.runningProperty().get(), errors::toString);
        FxThread.run(() -> {
            assertTrue(vm.outcomeProperty().get().contains("read back from the workspace"), vm.outcomeProperty().get());
            assertEquals(1, vm.perTask().size());
            assertEquals("0 of 20 draws", vm.perTask().get(0).sampledProperty().get());
            assertEquals(told, vm.notConfigsProperty().get());
            assertEquals("none sampled", vm.perTask().get(0).rewardedProperty().get());
        });
        try (ExperimentLog log = ExperimentLog.open(ws)) {
            assertEquals("done", log.jobs().get(0).status());
            assertEquals(ArcRlRequest.KIND, log.jobs().get(0).kind());
            assertEquals(1, ArcRlJob.rounds(log).size(), "the round is recorded");
            assertTrue(Files.notExists(ws.resolve("models")), "no model folder");
        }
    }

    /** A task's draws that were not configs, grouped by why (the commonest first, first seen first among equals); none: "". */
    @Test
    void theDrawsThatWereNotConfigsAreCountedByWhyTheCommonestFirst() {
        String json = "not one JSON object", training = "no \"training\" object";
        assertEquals("", ArcRlViewModel.notConfigs(5, List.of()));
        assertEquals("1 of 1 draw was not a config: 1 " + CUT, ArcRlViewModel.notConfigs(1, List.of(CUT)));
        assertEquals("4 of 6 draws were not configs: 2 " + CUT + "; 1 " + json + "; 1 " + training,
                ArcRlViewModel.notConfigs(6, List.of(json, CUT, training, CUT)));
    }

    /** A refusal of 13 tasks reads at a glance: the count and the longest prompt first, then the tasks, longest first. */
    @Test
    void aLongRefusalSaysHowManyAndTheLongestFirstThenListsTheTasksOneALine() throws Exception {
        Map<String, Integer> tokens = new LinkedHashMap<>();
        for (int i = 0; i < 13; i++) tokens.put("task" + (char) ('a' + i), 700 + 50 * ((i * 7) % 13));
        ArcRlJob.PromptsTooLong refusal = new ArcRlJob.PromptsTooLong("seal-tiny", 512, 13, tokens);
        Scripted backend = new Scripted() {
            @Override
            public ArcRlJob.Report run(ArcRlRequest q, ArcSteps steps, Progress progress, CancelToken cancel) {
                throw refusal;
            }
        };
        ArcRlViewModel vm = vm(backend);
        FxThread.run(() -> {
            vm.workspaceProperty().set(tmp.resolve("ws"));
            vm.generatorProperty().set(tmp.resolve("seal-tiny"));
            vm.start();
        });
        FxThread.await("refused", () -> vm.phaseProperty().get() == ArcRlViewModel.Phase.REFUSED);
        FxThread.await("the dialog", () -> errors.size() == 1);
        String summary = "13 of 13 tasks' self-edit prompts leave no room in seal-tiny's 512-token context (longest 1300 "
                + "tokens; a self-edit needs 16 more).";
        FxThread.run(() -> {
            String out = vm.outcomeProperty().get();
            assertEquals("The round was refused: " + summary, out.lines().findFirst().orElseThrow());
            List<String> listed = out.lines().filter(l -> l.startsWith("  task ")).toList();
            assertEquals(13, listed.size(), out);
            assertEquals("  task taskl: 1300 tokens", listed.get(0), "longest first");
            assertEquals("  task taska: 700 tokens", listed.get(12));
            assertTrue(out.contains(ArcRlViewModel.WHICH_MODEL), "which model would do, before the list");
        });
        assertEquals("The few-shot RL round was refused: " + summary, errors.get(0).lines().findFirst().orElseThrow(),
                "the dialog opens with the same line");
    }

    /** An opened source: the closed list names its file, and its whole path is told beside it. */
    @Test
    void anOpenedSourceIsNamedByItsFileWithItsWholePathBeside() throws Exception {
        assertEquals("tiny_challenges.json", ArcRlViewModel.shortSourceName("Opened: tiny_challenges.json"));
        assertEquals("tiny_challenges.json", ArcRlViewModel.shortSourceName("Opened: /a/b/tiny_challenges.json"));
        assertEquals(ArcViewModel.TRAINING, ArcRlViewModel.shortSourceName(ArcViewModel.TRAINING));
        ArcRlViewModel vm = vm(new Scripted());
        FxThread.run(() -> {
            assertEquals("", vm.sourcePathProperty().get(), "a bundled set: no path to tell");
            sources.add("Opened: tiny challenges");
            vm.sourceProperty().set("Opened: tiny challenges");
            assertEquals(tmp.resolve("Opened:_tiny_challenges.json").toAbsolutePath().toString(),
                    vm.sourcePathProperty().get());
            vm.sourceProperty().set(ArcViewModel.EVALUATION);
            assertEquals("", vm.sourcePathProperty().get());
        });
    }

    /** A generator chosen is what the app remembers; one remembered whose folder is gone is not chosen again. */
    @Test
    void aChosenGeneratorIsTheOneToRememberAndAGoneFolderIsNotRestored() throws Exception {
        Path gen = Files.createDirectories(tmp.resolve("gen-4k"));
        ArcRlViewModel vm = vm(new Scripted());
        FxThread.run(() -> {
            vm.generatorProperty().set(tmp.resolve("seal-tiny"));   // what the Few-shot window's model sets
            assertNull(vm.chosenGeneratorProperty().get(), "following the window's model is no choice");
            assertFalse(vm.restoreGenerator(tmp.resolve("deleted-model")));
            assertEquals(tmp.resolve("seal-tiny"), vm.generatorProperty().get());
            assertTrue(vm.restoreGenerator(gen));
            assertEquals(gen, vm.generatorProperty().get());
            assertEquals(gen, vm.chosenGeneratorProperty().get());
        });
    }

    /** A round read back: its kept SFT loss drawn; none kept (a round stored before), the panel says so. */
    @Test
    void aRoundReadBackShowsItsKeptSftLossOrSaysItWasNotStored() throws Exception {
        Path roundDir = Files.createDirectories(tmp.resolve("ws/models/arc-round-1"));
        List<org.sealworkbench.jobs.charts.ChartsData.LossPoint> kept = List.of(
                new org.sealworkbench.jobs.charts.ChartsData.LossPoint(1, 0.8),
                new org.sealworkbench.jobs.charts.ChartsData.LossPoint(2, 0.4));
        List<List<org.sealworkbench.jobs.charts.ChartsData.LossPoint>> losses = new java.util.ArrayList<>(List.of(List.of(), kept));
        Scripted backend = new Scripted() {
            @Override
            public ArcRlJob.Report run(ArcRlRequest q, ArcSteps steps, Progress progress, CancelToken cancel) {
                return new ArcRlJob.Report(1, "0123456789abcdef", "tiny_challenges.json", 5, 1,
                        List.of(pair("aa", 0, A, "", true)), List.of(), 0, 1, 1, List.of(), ArcRestEm.reference(), 2L,
                        roundDir, true, losses.remove(0));
            }
        };
        ArcRlViewModel vm = vm(backend);
        FxThread.run(() -> {
            vm.workspaceProperty().set(tmp.resolve("ws"));
            vm.generatorProperty().set(tmp.resolve("gen-4k"));
            vm.start();
        });
        FxThread.await("read back", 30, () -> vm.phaseProperty().get() == ArcRlViewModel.Phase.DONE, () -> "; phase "
                + vm.phaseProperty().get() + ", problem " + vm.problemProperty().get() + ", outcome " + vm.outcomeProperty().get()
                + ", errors " + errors);
        FxThread.run(() -> {
            assertTrue(vm.sftLoss().isEmpty());
            assertTrue(vm.sftNoteProperty().get().startsWith("SFT loss not stored for this round: it was read back"),
                    vm.sftNoteProperty().get());
            vm.start();
        });
        FxThread.await("read back again", () -> !vm.runningProperty().get() && !vm.sftLoss().isEmpty());
        FxThread.run(() -> {
            assertEquals(kept, List.copyOf(vm.sftLoss()), "the kept loss drawn");
            assertEquals("", vm.sftNoteProperty().get());
            assertTrue(vm.sftTitleProperty().get().startsWith("SFT: 2 steps · last loss 0.4000"), vm.sftTitleProperty().get());
        });
    }
}
