package org.sealworkbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import javafx.collections.FXCollections;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sealworkbench.jobs.ArcRlRequest;
import org.sealworkbench.ui.FxThread;
import org.sealworkbench.ui.JobRunner;
import org.sealworkbench.ui.arc.ArcRlViewModel;
import org.sealworkbench.ui.arc.ArcViewModel;
import picocli.CommandLine;

/** The Few-shot window's RL round builds the very request `./seal arc-rl` parses from the same values. */
class ArcRlFormMatchesCliTest {
    @TempDir Path tmp;
    JobRunner runner;
    ArcRlViewModel form;

    private static ArcRlRequest cli(String... args) {
        ArcRlCommand c = new ArcRlCommand();
        new CommandLine(c).parseArgs(args);
        return c.request();
    }

    @BeforeEach
    void setUp() throws Exception {
        FxThread.start();
        runner = new JobRunner();
        form = FxThread.call(() -> {
            ArcRlViewModel f = new ArcRlViewModel(runner, runner.reads(), (t, e) -> { },
                    FXCollections.observableArrayList(ArcViewModel.EVALUATION, ArcViewModel.TRAINING),
                    name -> tmp.resolve(name.equals(ArcViewModel.TRAINING) ? "train.json" : "eval.json"));
            f.workspaceProperty().set(tmp.resolve("ws"));
            f.generatorProperty().set(tmp.resolve("gen"));
            return f;
        });
    }

    @AfterEach
    void tearDown() {
        runner.closeAndWait(10_000);   // reads in flight end before the temporary folder goes
    }

    @Test
    void defaultsEqualTheCommandsDefaults() throws Exception {
        ArcRlRequest hand = cli("--workspace", tmp.resolve("ws").toString(), "--model", tmp.resolve("gen").toString(),
                "--tasks", tmp.resolve("train.json").toString());
        assertEquals(hand, FxThread.call(form::request), "K 15, SEAL's SFT recipe and self-edit tokens, tiny-cpu, "
                + "automatic workers, the training set");
    }

    @Test
    void everyKnobTurnedEqualsTheFlags() throws Exception {
        FxThread.run(() -> {
            form.sourceProperty().set(ArcViewModel.EVALUATION);
            form.onlyTasksProperty().set("a, b");
            form.kProperty().set("4");
            form.selfEditTokensProperty().set("192");
            form.presetProperty().set("reference");
            form.sftEpochsProperty().set("3");
            form.sftLearningRateProperty().set("1e-3");
            form.sftBatchProperty().set("2");
            form.workersProperty().set("1");
        });
        ArcRlRequest hand = cli("--workspace", tmp.resolve("ws").toString(), "--model", tmp.resolve("gen").toString(),
                "--tasks", tmp.resolve("eval.json").toString(), "--task", "a,b", "--k", "4", "--self-edit-tokens", "192",
                "--preset", "reference", "--sft-epochs", "3", "--sft-lr", "1e-3", "--sft-batch", "2", "--workers", "1");
        assertEquals(hand, FxThread.call(form::request));
        assertEquals(List.of("a", "b"), hand.taskIds());
    }
}
