package org.sealworkbench.seal.arc;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.sealworkbench.data.arc.ArcExample;
import org.sealworkbench.data.arc.ArcTask;
import org.sealworkbench.data.arc.Grid;
import org.sealworkbench.seal.arc.TestTimeAugmentation.TestTask;

class TestTimeAugmentationTest {
    static final ArcExample P0 = TttTasksTest.P0, P1 = TttTasksTest.P1, P2 = TttTasksTest.P2;
    static final ArcExample TEST = new ArcExample(Grid.of(new int[][] {{6, 8}, {9, 1}}), Grid.of(new int[][] {{1, 2}}));
    static final ArcTask TASK = new ArcTask("t", List.of(P0, P1, P2), TEST);

    static List<ArcTask> plain(List<TestTask> tasks) {
        return tasks.stream().filter(t -> t.augmenter().isEmpty()).map(TestTask::task).toList();
    }

    @Test
    void leaveOneThinsTheDemonstrationsAndKeepsTheRealTest() {
        List<TestTask> tasks = TestTimeAugmentation.leaveN(TASK, 1, 0, 0);
        assertEquals(List.of(new ArcTask("t", List.of(P1, P2), TEST), new ArcTask("t", List.of(P0, P2), TEST),
                new ArcTask("t", List.of(P0, P1), TEST)), plain(tasks));
        assertEquals(8, tasks.size(), "3 plain + the 5 augmentations");
        List<String> categories = tasks.stream().map(TestTask::category).toList();
        assertEquals(List.of("Transpose()", "Flip(0)", "Flip(1)", "Rotate(270)", "Rotate(180)", "identity",
                "identity", "identity"), categories);
        SplittableRandom unused = new SplittableRandom(0);
        for (TestTask t : tasks) {
            if (t.augmenter().isEmpty()) continue;
            ArcTask back = t.inverter().orElseThrow().applyToTask(t.task(), unused);
            assertEquals(TEST, back.test(), "the inverter maps the augmented test back to the real one");
            assertTrue(plain(tasks).contains(back));
        }
    }

    @Test
    void leaveZeroKeepsAllPairsAndAddsShuffles() {
        List<ArcTask> p = plain(TestTimeAugmentation.leaveN(TASK, 0, 2, 0));
        assertEquals(new ArcTask("t", List.of(P0, P1, P2), TEST), p.get(0));
        assertTrue(p.size() >= 1 && p.size() <= 3);
        for (ArcTask t : p) assertEquals(3, t.train().size());
        assertEquals(TestTimeAugmentation.leaveN(TASK, 0, 2, 0), TestTimeAugmentation.leaveN(TASK, 0, 2, 0));
    }

    @Test
    void augmentationsEqualToAPlainTaskAreDropped() {
        Grid pal = Grid.of(new int[][] {{1, 2, 1}});
        ArcTask sym = new ArcTask("s", List.of(new ArcExample(pal, pal)), new ArcExample(pal, pal));
        List<TestTask> tasks = TestTimeAugmentation.leaveN(sym, 0, 0, 0);
        // Flip(0), Flip(1) and Rotate(180) give the task itself; Rotate(90) gives the same task as Transpose(),
        // which the final deduplication keeps first
        assertEquals(List.of("Transpose()", "identity"), tasks.stream().map(TestTask::category).toList());
        assertEquals(Grid.of(new int[][] {{1}, {2}, {1}}), tasks.get(0).task().test().input());
    }

    @Test
    void evaluationDefaultsAreLeaveOneWithTwoShuffles() {
        List<TestTask> tasks = TestTimeAugmentation.forPrediction(TASK);
        assertEquals(tasks, TestTimeAugmentation.forPrediction(TASK, List.of(1), 2, 0));
        for (TestTask t : tasks) assertEquals(2, t.task().train().size());
        assertTrue(plain(tasks).size() >= 3 && plain(tasks).size() <= 6);
        assertEquals(2 * TestTimeAugmentation.leaveN(TASK, 1, 2, 0).size(),
                TestTimeAugmentation.forPrediction(TASK, List.of(1, 1), 2, 0).size(), "no dedup across n");
    }
}
