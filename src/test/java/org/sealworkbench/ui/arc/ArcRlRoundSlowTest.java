package org.sealworkbench.ui.arc;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javafx.collections.FXCollections;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sealworkbench.jobs.ArcJob;
import org.sealworkbench.jobs.ArcRlFixtures;
import org.sealworkbench.llm.TestEngine;
import org.sealworkbench.store.ExperimentLog;
import org.sealworkbench.ui.FxThread;
import org.sealworkbench.ui.JobRunner;

/**
 * The RL round's view model through a real round that rewards and saves a model (ArcRlEndToEndTest's fixture: seal-tiny
 * with a 2048-token context taught to write two configs, two tiny tasks): the sampled configs listed, their rewards
 * (the config that learns solves, the over-cap one trains nothing), the SFT's loss by step, the saved
 * models/arc-round-1 and the next step; a second Start reads the round back. Slow (teaching the generator takes
 * minutes on two cores), so tagged "slow".
 */
@Tag("slow")
class ArcRlRoundSlowTest {
    @TempDir Path tmp;
    JobRunner runner;

    @AfterEach
    void tearDown() {
        if (runner != null) runner.closeAndWait(10_000);   // reads in flight end before the temporary folder goes
    }

    @Test
    void aRealRoundShowsItsRewardsItsSftLossAndItsSavedModel() throws Exception {
        TestEngine.setUp();
        Path m0 = ArcRlFixtures.longContextTiny(tmp.resolve("m0"));
        Path tasks = ArcRlFixtures.constantTasks(tmp.resolve("t"), new LinkedHashMap<>(Map.of("aa", 1, "bb", 6)));
        Path gen = ArcRlFixtures.teachConfigs(m0, tmp.resolve("gen"), ArcJob.readTasks(tasks, null),
                List.of(ArcRlFixtures.LEARNS, ArcRlFixtures.OVER_CAP), 20);
        Path ws = tmp.resolve("ws");
        List<String> errors = new CopyOnWriteArrayList<>();
        FxThread.start();
        runner = new JobRunner();
        ArcRlViewModel vm = FxThread.call(() -> new ArcRlViewModel(runner, runner.reads(),
                (t, e) -> errors.add(t + ": " + e.getMessage()),
                FXCollections.observableArrayList(ArcViewModel.TRAINING), name -> tasks));
        FxThread.run(() -> {
            vm.workspaceProperty().set(ws);
            vm.generatorProperty().set(gen);
            vm.kProperty().set("8");
            vm.selfEditTokensProperty().set("192");
            vm.sftLearningRateProperty().set("1e-3");
            vm.workersProperty().set("1");
            vm.start();
        });
        FxThread.await("the round's end", 900, () -> !vm.runningProperty().get() && !vm.outcomeProperty().get().isEmpty(),
                errors::toString);
        Path saved = ws.resolve("models/arc-round-1").toAbsolutePath().normalize();
        FxThread.run(() -> {
            assertEquals(ArcRlViewModel.Phase.DONE, vm.phaseProperty().get(), vm.outcomeProperty().get());
            assertEquals(16, vm.pairs().size(), "8 self-edits of each of 2 tasks");
            assertTrue(vm.pairs().stream().allMatch(ArcRlViewModel.PairRow::done));
            long ones = vm.pairs().stream().filter(p -> "1".equals(p.rewardProperty().get())).count();
            assertTrue(ones > 0, "the config that learns solved its task");
            assertEquals(ones, vm.rewardedCountProperty().get());
            assertTrue(vm.pairs().stream().filter(p -> p.config().contains("400 ep")).allMatch(p ->
                    p.trainedProperty().get().startsWith("no") && "0".equals(p.rewardProperty().get())),
                    "the over-cap config trains nothing and gets 0");
            assertFalse(vm.sftLoss().isEmpty(), "the SFT's loss by step");
            assertEquals(saved, vm.savedModelProperty().get().toAbsolutePath().normalize());
            assertTrue(vm.outcomeProperty().get().contains("Next: evaluate it"), vm.outcomeProperty().get());
        });
        assertTrue(Files.isDirectory(saved));
        try (ExperimentLog log = ExperimentLog.open(ws)) {
            assertTrue(log.modelAt(saved.toString()).isPresent(), "a models row for the round's model");
        }
        // Start again with the same settings: read back, nothing computed
        FxThread.run(vm::start);
        FxThread.await("read back", 120, () -> !vm.runningProperty().get() && vm.outcomeProperty().get().contains(
                "read back from the workspace"), errors::toString);
        FxThread.run(() -> assertEquals(16, vm.pairs().size()));
        assertEquals(List.of(), errors);
    }
}
