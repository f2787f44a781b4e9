package org.sealworkbench.ui.runs;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sealworkbench.jobs.charts.ChartsData.LossPoint;
import org.sealworkbench.jobs.runs.LiveListener;
import org.sealworkbench.jobs.runs.LiveStep;
import org.sealworkbench.ui.Background;

/** The live loss state: steps handed to the FX thread in bursts (one pending hand-over at a time), runs told apart. */
class LiveLossViewModelTest {
    private final List<Runnable> fx = new ArrayList<>();

    private void pulse() {
        List<Runnable> now = new ArrayList<>(fx);
        fx.clear();
        now.forEach(Runnable::run);
    }

    @Test
    void aBurstOfStepsIsOneHandOverAndANewRunStartsAFreshCurve() {
        LiveLossViewModel vm = new LiveLossViewModel(fx::add);
        List<LiveLossViewModel.Done> done = new ArrayList<>();
        vm.setOnRunDone(done::add);
        LiveListener l = vm.listener();
        for (int i = 1; i <= 5; i++) l.step(new LiveStep(7, 3, "passage only", i, 10, 2.0 / i, 1e-3, 1500));
        assertEquals(1, fx.size(), "five steps, one pending hand-over");
        assertTrue(vm.points().isEmpty(), "nothing applied off the FX thread");
        pulse();
        assertEquals(1, vm.handOvers());
        assertEquals(List.of(1, 2, 3, 4, 5), vm.points().stream().map(LossPoint::step).toList());
        assertEquals(0.4, vm.points().get(4).loss(), 1e-12);
        assertTrue(vm.liveProperty().get());
        assertEquals(7, vm.runIdProperty().get());
        assertEquals("step 5 of 10 · loss 0.4000 · lr 0.00100 · 1500 tokens/s", vm.detailProperty().get());

        l.step(new LiveStep(7, 3, "passage only", 6, 10, 0.3, 1e-3, 1500));
        l.runDone(7, 3, "passage only");
        l.step(new LiveStep(8, 3, "self-edits of tiny", 1, 4, 3.0, 5e-3, 900));
        assertEquals(1, fx.size());
        pulse();
        assertEquals(List.of(new LiveLossViewModel.Done(7, 3, "passage only")), done);
        assertEquals(List.of(new LossPoint(1, 3.0)), vm.points(), "run 8's curve replaces run 7's");
        assertEquals(8, vm.runIdProperty().get());
        assertTrue(vm.titleProperty().get().contains("self-edits of tiny"));
        l.runDone(8, 3, "self-edits of tiny");
        pulse();
        assertFalse(vm.liveProperty().get());
        assertTrue(vm.titleProperty().get().contains("done, 1 steps stored"), vm.titleProperty().get());
    }

    @Test
    void theTitleNamesThePassageByItsTitleWhereTheWindowKnowsIt() {
        LiveLossViewModel vm = new LiveLossViewModel(fx::add);
        vm.setPassageNames(id -> id == 3 ? "Vessary Lighthouse" : null);
        vm.listener().step(new LiveStep(7, 3, "passage only", 1, 10, 2.0, 1e-3, 1500));
        pulse();
        assertEquals("Run 7 · passage only · Vessary Lighthouse (training)", vm.titleProperty().get());
        vm.listener().runDone(7, 3, "passage only");
        pulse();
        assertEquals("Run 7 · passage only · Vessary Lighthouse (done, 1 steps stored)", vm.titleProperty().get());
        vm.listener().step(new LiveStep(8, 4, "passage only", 1, 10, 2.0, 1e-3, 1500));
        pulse();
        assertEquals("Run 8 · passage only · passage 4 (training)", vm.titleProperty().get(), "one it cannot name: by its id");
    }

    @Test
    void aStoredCurveIsShownWhenNothingTrains() {
        LiveLossViewModel vm = new LiveLossViewModel(fx::add);
        vm.showStored(12, "passage only, repeat 1 (run 12)", Background.DIRECT, id -> List.of(new LossPoint(1, 2.5), new LossPoint(2, 1.5)));
        assertEquals(2, vm.points().size());
        assertEquals(12, vm.runIdProperty().get());
        assertEquals("2 steps · last loss 1.5000", vm.detailProperty().get());
        // While a run trains, a stored curve does not replace the live one.
        vm.listener().step(new LiveStep(13, 1, "passage only", 1, 2, 4.0, 1e-3, 100));
        pulse();
        vm.showStored(12, "x", Background.DIRECT, id -> List.of());
        assertEquals(List.of(new LossPoint(1, 4.0)), vm.points());
    }

    /**
     * A run chosen below while another trains shows once training ends, not the last run trained (after a multi-passage
     * job the panel showed its last passage's curve whatever passage was chosen).
     */
    @Test
    void theRunChosenWhileAnotherTrainsShowsWhenTrainingEnds() {
        LiveLossViewModel vm = new LiveLossViewModel(fx::add);
        List<LossPoint> stored = List.of(new LossPoint(1, 2.5), new LossPoint(2, 1.5), new LossPoint(3, 0.5));
        vm.listener().step(new LiveStep(8, 4, "passage only", 1, 2, 3.0, 1e-3, 100));
        pulse();
        vm.showStored(12, "passage only, repeat 1 (run 12)", Background.DIRECT, id -> id == 12 ? stored : List.of());
        assertEquals(8, vm.runIdProperty().get(), "the run being trained stays while it trains");
        vm.listener().step(new LiveStep(8, 4, "passage only", 2, 2, 2.0, 1e-3, 100));
        vm.listener().runDone(8, 4, "passage only");
        pulse();
        assertEquals(12, vm.runIdProperty().get(), "the chosen run, not the last one trained");
        assertEquals(stored, vm.points());
        assertEquals("Run 12 · passage only, repeat 1 (run 12) (stored)", vm.titleProperty().get());
    }

    /**
     * In the window a job spans several runs (the training property follows the run queue): between its runs and until it
     * ends the panel keeps the run being trained, titled so, and says the chosen run comes after; then it shows that.
     */
    @Test
    void duringAJobThePanelShowsTheTrainedRunThenFollowsTheChoice() {
        LiveLossViewModel vm = new LiveLossViewModel(fx::add);
        vm.setPassageNames(id -> id == 3 ? "Drotreiford" : id == 4 ? "Kouka" : null);
        List<LossPoint> stored = List.of(new LossPoint(1, 2.5), new LossPoint(2, 1.5));
        vm.trainingProperty().set(true);
        LiveListener l = vm.listener();
        l.step(new LiveStep(7, 3, "passage only", 1, 1, 3.0, 1e-3, 100));
        l.runDone(7, 3, "passage only");
        pulse();
        vm.showStored(5, "passage only (run 5)", Background.DIRECT, id -> stored);   // chosen below meanwhile
        assertEquals(7, vm.runIdProperty().get(), "between the job's runs the trained run stays");
        assertEquals("The run chosen below (run 5) shows here when the job ends.", vm.noteProperty().get());
        l.step(new LiveStep(9, 4, "passage only", 1, 2, 3.0, 1e-3, 100));
        pulse();
        assertEquals("Run 9 · passage only · Kouka (training)", vm.titleProperty().get());
        assertFalse(vm.noteProperty().get().isEmpty());
        l.step(new LiveStep(9, 4, "passage only", 2, 2, 2.0, 1e-3, 100));
        l.runDone(9, 4, "passage only");
        pulse();
        assertEquals(9, vm.runIdProperty().get(), "the job has not ended");
        vm.trainingProperty().set(false);
        assertEquals(5, vm.runIdProperty().get());
        assertEquals(stored, vm.points());
        assertEquals("", vm.noteProperty().get());
        assertFalse(vm.liveProperty().get());

        // A passage without runs chosen: the panel says so rather than keep another passage's curve.
        vm.showNone("No stored run of the chosen passage");
        assertTrue(vm.points().isEmpty());
        assertEquals(-1, vm.runIdProperty().get());
        assertEquals("No stored run of the chosen passage", vm.detailProperty().get());
        // A job cancelled mid-run (no last runDone): its end still hands the panel back to the choice.
        vm.showStored(5, "passage only (run 5)", Background.DIRECT, id -> stored);
        vm.trainingProperty().set(true);
        l.step(new LiveStep(10, 3, "passage only", 1, 4, 3.0, 1e-3, 100));
        pulse();
        assertTrue(vm.liveProperty().get());
        vm.trainingProperty().set(false);
        assertEquals(5, vm.runIdProperty().get());
        assertEquals(stored, vm.points());
    }
}
