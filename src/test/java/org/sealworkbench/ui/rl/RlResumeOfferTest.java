package org.sealworkbench.ui.rl;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sealworkbench.data.Passage;
import org.sealworkbench.data.Question;
import org.sealworkbench.jobs.RequestJson;
import org.sealworkbench.jobs.RlRequest;
import org.sealworkbench.jobs.rl.RlService;
import org.sealworkbench.jobs.workspace.ModelItem;
import org.sealworkbench.seal.PassageSplit;
import org.sealworkbench.seal.Presets;
import org.sealworkbench.seal.SealSettings;
import org.sealworkbench.seal.SettingsOverrides;
import org.sealworkbench.store.ExperimentLog;
import org.sealworkbench.ui.FxThread;
import org.sealworkbench.ui.JobRunner;

/**
 * The ReST-EM window's run model on a real workspace ({@link RlService}): what it offers to resume when it opens on the
 * jobs table. An older failed job whose settings a later job finished is not offered; the latest stopped job of other
 * settings is.
 */
class RlResumeOfferTest {
    @TempDir Path tmp;
    JobRunner runner;

    @AfterEach
    void tearDown() {
        if (runner != null) runner.closeAndWait(10_000);   // reads in flight end before the temporary folder goes
    }

    @Test
    void aFailedJobThatALaterRunOfItsSettingsFinishedIsNotOfferedForResume() throws Exception {
        Path ws = tmp.resolve("ws");
        Path model = tmp.resolve("model");
        SealSettings one = new SettingsOverrides().grader("contains").rounds(1).apply(Presets.sealTinyCpu());
        try (ExperimentLog log = ExperimentLog.open(ws)) {
            log.addPassage(new Passage("Owls", "Owls hunt at night.", List.of(new Question("When do owls hunt?", "night"))),
                    "train.json");
            job(log, new RlRequest(ws, model, one, new PassageSplit(1), null, 1), "failed", "out of memory");
            job(log, new RlRequest(ws, model, one, new PassageSplit(1), null, 1), "done", "1 round");
        }
        RlRunViewModel vm = open(ws, model);
        assertEquals(List.of(), FxThread.call(() -> List.copyOf(vm.stoppedJobs())));
        assertNull(FxThread.call(() -> vm.jobIdProperty().get()), "no job to resume");
        assertEquals(RlRunViewModel.State.IDLE, FxThread.call(() -> vm.stateProperty().get()));
        assertFalse(FxThread.call(() -> vm.canResumeProperty().get()));
        assertFalse(FxThread.call(() -> vm.statusProperty().get()).contains("resumed"), vm.statusProperty().get());

        // another run of other settings (2 rounds) stopped since: that one is offered
        long stopped;
        try (ExperimentLog log = ExperimentLog.open(ws)) {
            SealSettings two = new SettingsOverrides().grader("contains").rounds(2).apply(Presets.sealTinyCpu());
            stopped = job(log, new RlRequest(ws, model, two, new PassageSplit(1), null, 1), "cancelled", "paused");
        }
        RlRunViewModel again = open(ws, model);
        FxThread.await("the stopped job found", () -> again.jobIdProperty().get() != null);
        assertEquals(stopped, again.jobIdProperty().get());
        assertEquals(RlRunViewModel.State.STOPPED, FxThread.call(() -> again.stateProperty().get()));
        assertTrue(FxThread.call(() -> again.canResumeProperty().get()));
        assertTrue(FxThread.call(() -> again.statusProperty().get()).contains("job " + stopped + " (cancelled, 2 rounds)"),
                again.statusProperty().get());
    }

    /** The window's run model opened on the workspace, once its read of the passage sets and stopped jobs is in. */
    private RlRunViewModel open(Path ws, Path model) throws Exception {
        FxThread.start();
        if (runner == null) runner = new JobRunner();
        List<String> errors = new ArrayList<>();
        RlRunViewModel vm = FxThread.call(() -> {
            RlRunViewModel m = new RlRunViewModel(new RlService(), runner, runner.reads(), (t, e) -> errors.add(t + ": " + e));
            m.form().modelProperty().set(new ModelItem(null, "m", model, "llama", "m"));
            m.form().workspaceProperty().set(ws);
            return m;
        });
        // the one read sets the passage sets, then the stopped jobs, in the same step on the FX thread
        FxThread.await("the workspace read", () -> !vm.form().passageSets().isEmpty());
        assertEquals(List.of(), errors);
        return vm;
    }

    private static long job(ExperimentLog log, RlRequest r, String status, String message) {
        long id = log.addJob(RlRequest.KIND, "{}", RequestJson.write(r));
        log.updateJob(id, status, status.equals("done") ? 1 : 0.5, message);
        return id;
    }
}
