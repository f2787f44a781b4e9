package org.sealworkbench.ui.arc;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sealworkbench.jobs.ArcRequest;
import org.sealworkbench.llm.TestEngine;
import org.sealworkbench.seal.arc.TttConfig;
import org.sealworkbench.ui.FxThread;
import org.sealworkbench.jobs.ArcJob;
import org.sealworkbench.seal.arc.ArcTtt;
import org.sealworkbench.ui.JobRunner;

/**
 * The Few-shot (ARC) window's state without a screen: the bundled sets read into the task list off the FX thread, a
 * bad file named to the error callback, the self-edit form and its JSON in sync both ways (a bad JSON naming its
 * problem and turning Run off), and a real run on seal-tiny adding a result row.
 */
class ArcViewModelTest {
    @TempDir Path tmp;
    JobRunner runner;
    ArcViewModel vm;
    final List<String> errors = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        FxThread.start();
        runner = new JobRunner();
        vm = FxThread.call(() -> new ArcViewModel(runner, runner.reads(), (t, e) -> errors.add(t + ": " + e.getMessage())));
    }

    @AfterEach
    void tearDown() {
        runner.closeAndWait(10_000);   // reads in flight end before the temporary folder goes
    }

    @Test
    void theBundledSetsFillTheTaskList() throws Exception {
        FxThread.run(() -> {
            assertTrue(vm.tasks().isEmpty());
            assertFalse(vm.canRunProperty().get(), "no task, no Run");
            vm.start();
        });
        FxThread.await("the evaluation set read", () -> vm.tasks().size() == 11);
        FxThread.run(() -> {
            assertEquals(ArcViewModel.EVALUATION, vm.sourceProperty().get());
            assertTrue(vm.tasks().stream().anyMatch(t -> t.name().equals("b1fc8b8e-0")), "two test inputs: two tasks");
            assertEquals("66e6c45b", vm.selectedTaskProperty().get().name(), "the task with the fewest cells (80) is selected, "
                    + "not the file's first (358ba94e, whose texts are all longer than seal-tiny's context)");
            assertEquals(80, vm.selectedTaskProperty().get().cells());
            assertTrue(vm.canRunProperty().get());
            assertEquals("", vm.tasksMessageProperty().get());
            vm.sourceProperty().set(ArcViewModel.TRAINING);
        });
        FxThread.await("the training set read", () -> vm.tasks().size() == 13);
        FxThread.run(() -> {
            ArcViewModel.TaskRow t = vm.tasks().stream().filter(x -> x.name().equals("6150a2bd")).findFirst().orElseThrow();
            assertEquals(2, t.pairs());
            assertEquals("3x3", t.largest());
            assertSame(t, vm.selectedTaskProperty().get(), "the kept task is not in this set: the one with the fewest cells");
            assertTrue(t.task().hasSolution(), "the solutions file beside it is read");
        });
        assertEquals(List.of(), errors);
    }

    /**
     * A read-only workspace (the main window binds its reason): Run and Run all tasks are off with the form fine and a
     * task chosen, and the RL round's Start too; they come back when the workspace may be written. (Run was on and the
     * job refused after the click, in a dialog.)
     */
    @Test
    void aReadOnlyWorkspaceTurnsRunOffWithItsReason() throws Exception {
        FxThread.run(() -> vm.start());
        FxThread.await("the evaluation set read", () -> vm.tasks().size() == 11 && vm.selectedTaskProperty().get() != null);
        FxThread.run(() -> {
            vm.workspaceProperty().set(tmp.resolve("ws"));
            assertTrue(vm.canRunProperty().get(), vm.problemProperty().get());
            assertTrue(vm.canRunAllProperty().get());
            vm.offReasonProperty().set("The workspace is open read-only (opened read-only on request): nothing can be stored in it.");
            assertFalse(vm.canRunProperty().get(), "Run off in a read-only workspace");
            assertFalse(vm.canRunAllProperty().get());
            assertEquals("", vm.problemProperty().get(), "the form itself is fine: the reason is the button's, not a form problem");
            assertEquals(vm.offReasonProperty().get(), vm.rl().offReasonProperty().get(), "the RL round hears it too");
            vm.runSelected();
            assertFalse(vm.runningProperty().get(), "Ctrl+Enter runs nothing");
            vm.offReasonProperty().set(null);
            assertTrue(vm.canRunProperty().get(), "on again once the workspace may be written");
        });
        assertEquals(List.of(), errors);
    }

    @Test
    void aBadFileGoesToTheErrorCallbackNamed() throws Exception {
        Path bad = Files.writeString(tmp.resolve("not-arc.json"), "{\"x\": [1, 2");
        FxThread.run(() -> vm.open(bad));
        FxThread.await("the error", () -> !errors.isEmpty() && !vm.loadingProperty().get());
        assertTrue(errors.get(0).contains("not-arc.json"), errors.get(0));
        FxThread.run(() -> {
            assertTrue(vm.tasks().isEmpty());
            assertTrue(vm.tasksMessageProperty().get().contains("Could not read not-arc.json"), vm.tasksMessageProperty().get());
            assertTrue(vm.tasksMessageProperty().get().contains("Open"), "says what to do next");
        });
    }

    @Test
    void theJsonAndTheFormStayInSync() throws Exception {
        FxThread.run(() -> {
            TttConfig c = TttConfig.parse(vm.jsonProperty().get()).config().orElseThrow();
            assertEquals(TttConfig.of(true, false, false, false, TttConfig.Strategy.OUTPUT_TOKENS, 3e-3, 8), c, "the default");
            // form -> JSON
            vm.repeatProperty().set(true);
            vm.epochsProperty().set("5");
            vm.strategyProperty().set(TttConfig.Strategy.ALL_TOKENS);
            c = TttConfig.parse(vm.jsonProperty().get()).config().orElseThrow();
            assertTrue(c.repeat());
            assertEquals(5, c.epochs());
            assertEquals(TttConfig.Strategy.ALL_TOKENS, c.strategy());
            // JSON -> form
            vm.jsonProperty().set("""
                    {"data_generation": {"use_basic_augmentations": false, "use_size_augmentations": true,
                     "use_chain_augmentations": true, "use_repeat_augmentations": false},
                     "training": {"strategy": "train_using_output_tokens", "learning_rate": 0.0005, "num_train_epochs": 3}}""");
            assertFalse(vm.basicProperty().get());
            assertTrue(vm.sizeProperty().get());
            assertTrue(vm.chainProperty().get());
            assertFalse(vm.repeatProperty().get());
            assertEquals(TttConfig.Strategy.OUTPUT_TOKENS, vm.strategyProperty().get());
            assertEquals(5e-4, Double.parseDouble(vm.learningRateProperty().get()));
            assertEquals("3", vm.epochsProperty().get());
            assertEquals("", vm.jsonProblemProperty().get());
            assertTrue(vm.jsonProperty().get().contains("0.0005"), "the typed JSON is kept as typed");
        });
    }

    @Test
    void aBadJsonSetsTheProblemAndTurnsRunOff() throws Exception {
        FxThread.run(vm::start);
        FxThread.await("tasks", () -> vm.canRunProperty().get());
        FxThread.run(() -> {
            vm.jsonProperty().set("{\"data_generation\": {}");
            assertEquals("Not a self-edit: not one JSON object", vm.jsonProblemProperty().get());
            assertFalse(vm.canRunProperty().get());
            assertFalse(vm.canRunAllProperty().get());
            assertTrue(vm.basicProperty().get(), "the form keeps its last config");
            vm.jsonProperty().set("{\"data_generation\": {}}");
            assertEquals("Not a self-edit: no \"training\" object", vm.jsonProblemProperty().get());
            assertFalse(vm.canRunProperty().get());
            // a form edit writes a fresh config over the bad text
            vm.epochsProperty().set("1");
            assertEquals("", vm.jsonProblemProperty().get());
            assertTrue(vm.canRunProperty().get());
            vm.learningRateProperty().set("fast");
            assertEquals("learning rate: 'fast' is not a number", vm.problemProperty().get());
            assertFalse(vm.canRunProperty().get());
            vm.learningRateProperty().set("1e-3");
            vm.maxTextsProperty().set("many");
            assertFalse(vm.canRunProperty().get());
            assertTrue(vm.problemProperty().get().startsWith("max training texts"));
        });
        assertEquals(List.of(), errors);
    }

    @Test
    void aRunOnSealTinyAddsAResultRow() throws Exception {
        TestEngine.setUp();
        FxThread.run(() -> vm.sourceProperty().set(ArcViewModel.TRAINING));
        FxThread.await("the training set", () -> vm.tasks().size() == 13);
        FxThread.run(() -> {
            vm.selectedTaskProperty().set(vm.tasks().stream().filter(t -> t.name().equals("6150a2bd")).findFirst().orElseThrow());
            vm.epochsProperty().set("1");
            vm.maxTextsProperty().set("2");
            ArcRequest q = vm.request("6150a2bd");
            assertEquals(2, q.maxExamples());
            assertEquals("tiny-cpu", q.preset());
            assertTrue(q.model().endsWith(Path.of("assets/models/seal-tiny")), q.model().toString());
            vm.runSelected();
            assertTrue(vm.runningProperty().get());
            assertFalse(vm.canRunProperty().get(), "one run at a time");
        });
        FxThread.await("the run ends", 300, () -> !vm.runningProperty().get(), () -> "; errors " + errors);
        assertEquals(List.of(), errors);
        FxThread.run(() -> {
            assertEquals(1, vm.results().size(), vm.statusProperty().get());
            ArcViewModel.ResultRow r = vm.results().get(0);
            assertEquals("6150a2bd", r.task());
            assertEquals(2, r.texts());
            assertTrue(r.steps() > 0, "trained: " + r.note());
            assertFalse(vm.loss().isEmpty(), "the loss line got the steps");
            assertSame(r, vm.selectedResultProperty().get(), "the selected task's new result is shown");
            assertEquals(r.result().prompts(), r.result().answers().size());
            assertTrue(r.answersText().startsWith("— answer 1 of " + r.result().prompts() + " —\n"
                    + r.result().answers().get(0).strip()), r.answersText());
            assertTrue(vm.statusProperty().get().startsWith("Done"), vm.statusProperty().get());
            ArcViewModel.TaskRow t = vm.selectedTaskProperty().get();
            assertTrue(t.markProperty().get().startsWith(r.result().solved() ? "✓" : "✗"), t.markProperty().get());
            assertTrue(vm.canRunProperty().get());
        });
    }

    @Test
    void withAWorkspaceARunIsStoredAndShownAgainByANewWindow() throws Exception {
        TestEngine.setUp();
        Path ws = tmp.resolve("ws");
        FxThread.run(() -> {
            vm.workspaceProperty().set(ws);
            vm.sourceProperty().set(ArcViewModel.TRAINING);
        });
        FxThread.await("the training set", () -> vm.tasks().size() == 13);
        FxThread.run(() -> {
            vm.selectedTaskProperty().set(vm.tasks().stream().filter(t -> t.name().equals("6150a2bd")).findFirst().orElseThrow());
            vm.epochsProperty().set("1");
            vm.maxTextsProperty().set("2");
            assertEquals(ws, vm.request("6150a2bd").workspace());
            vm.runSelected();
        });
        FxThread.await("the run ends", 300, () -> !vm.runningProperty().get(), () -> "; errors " + errors);
        FxThread.run(() -> {
            assertEquals(1, vm.results().size());
            assertTrue(vm.statusProperty().get().endsWith("Stored in the workspace."), vm.statusProperty().get());
        });
        // the same run again is found stored: no second row
        FxThread.run(vm::runSelected);
        FxThread.await("the second run ends", 300, () -> !vm.runningProperty().get(), () -> "; errors " + errors);
        FxThread.run(() -> {
            assertEquals(1, vm.results().size(), "found stored, not a second row");
            assertTrue(vm.statusProperty().get().contains("1 found stored"), vm.statusProperty().get());
        });
        ArcTtt.Result first = FxThread.call(() -> vm.results().get(0).result());

        // a new window on the same workspace reads the stored run back with the task set
        ArcViewModel other = FxThread.call(() -> new ArcViewModel(runner, runner.reads(), (t, e) -> errors.add(t + ": " + e.getMessage())));
        FxThread.run(() -> {
            other.workspaceProperty().set(ws);
            other.sourceProperty().set(ArcViewModel.TRAINING);
        });
        FxThread.await("the stored run read back", () -> other.results().size() == 1);
        FxThread.run(() -> {
            ArcTtt.Result back = other.results().get(0).result();
            assertTrue(ArcViewModel.sameRun(first, back));
            assertEquals(first.attempt1(), back.attempt1());
            ArcViewModel.TaskRow t = other.tasks().stream().filter(x -> x.name().equals("6150a2bd")).findFirst().orElseThrow();
            assertFalse(t.markProperty().get().isEmpty(), "the task's mark counts the stored run");
        });
        assertEquals(List.of(), errors);
    }

    @Test
    void theLossLineFollowsOneInnerLoopWhenWorkersRunSeveral() throws Exception {
        ArcViewModel direct = FxThread.call(() -> new ArcViewModel(runner, runner.reads(), (t, e) -> errors.add(t), Runnable::run));
        TttConfig c = TttConfig.of(true, false, false, false, TttConfig.Strategy.OUTPUT_TOKENS, 1e-3, 1);
        FxThread.run(() -> {
            ArcJob.Listener l = direct.listener();
            l.step("A", c, info(1, 10.0));
            l.step("B", c, info(1, 20.0));   // another worker's loop: not on the line
            l.step("A", c, info(2, 9.0));
            assertEquals(List.of(10.0, 9.0), direct.loss().stream().map(p -> p.loss()).toList());
            l.result(result("A", c));
            l.step("B", c, info(2, 19.0));   // A ended: the line follows B from here
            assertEquals(List.of(19.0), direct.loss().stream().map(p -> p.loss()).toList());
            assertTrue(direct.lossTitleProperty().get().startsWith("B · "), direct.lossTitleProperty().get());
        });
    }

    private static org.sealworkbench.llm.training.StepInfo info(long step, double loss) {
        return new org.sealworkbench.llm.training.StepInfo(step, 10, 0, loss, 1e-3, 1.0, 100, 100.0, 0.1, 0.01);
    }

    private static ArcTtt.Result result(String task, TttConfig c) {
        return new ArcTtt.Result(task, c, 2, 0, 2, 1.0, "", 0, 0, null, null, false, List.of(), 1L, 1L);
    }

    @Test
    void exportWritesTheResultsAsJsonOffTheFxThread() throws Exception {
        ArcViewModel direct = FxThread.call(() -> new ArcViewModel(runner, runner.reads(), (t, e) -> errors.add(t), Runnable::run));
        TttConfig c = TttConfig.of(true, false, false, false, TttConfig.Strategy.OUTPUT_TOKENS, 1e-3, 1);
        org.sealworkbench.data.arc.Grid g = org.sealworkbench.data.arc.Grid.of(new int[][] {{1, 2}, {3, 4}});
        ArcTtt.Result r = new ArcTtt.Result("A", c, 2, 0, 2, 1.0, "", 3, 1, g, null, true, List.of("[[1 2]\n [3 4]]#", "x", "y"), 1L, 1L);
        FxThread.run(() -> {
            assertFalse(direct.canExportProperty().get(), "nothing to export yet");
            direct.listener().result(r);
            assertTrue(direct.canExportProperty().get());
        });
        Path out = tmp.resolve("out/few-shot.json");
        FxThread.run(() -> direct.export(out));
        FxThread.await("the file written", () -> java.nio.file.Files.exists(out) && direct.statusProperty().get().startsWith("Exported"));
        com.google.gson.JsonObject o = com.google.gson.JsonParser.parseString(java.nio.file.Files.readString(out)).getAsJsonObject();
        assertEquals(1, o.get("tasks").getAsInt());
        com.google.gson.JsonObject run = o.getAsJsonArray("runs").get(0).getAsJsonObject();
        assertEquals("A", run.get("task").getAsString());
        assertEquals("[[1,2],[3,4]]", run.get("attempt_1").toString());
        assertTrue(run.get("attempt_2").isJsonNull());
        assertEquals(3, run.getAsJsonArray("answers").size());
        assertEquals(0.001, run.getAsJsonObject("config").getAsJsonObject("training").get("learning_rate").getAsDouble());

        // a folder in the way: the error callback names the file
        Path blocked = java.nio.file.Files.createDirectories(tmp.resolve("blocked.json"));
        FxThread.run(() -> direct.export(blocked));
        FxThread.await("the error", () -> errors.stream().anyMatch(e -> e.contains("blocked.json")));
    }
}
