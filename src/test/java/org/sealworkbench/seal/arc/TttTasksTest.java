package org.sealworkbench.seal.arc;

import static org.junit.jupiter.api.Assertions.*;

import java.util.HashSet;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.sealworkbench.data.arc.ArcExample;
import org.sealworkbench.data.arc.ArcTask;
import org.sealworkbench.data.arc.Grid;
import org.sealworkbench.seal.arc.Augmenter.Flip;
import org.sealworkbench.seal.arc.Augmenter.Repeat;

class TttTasksTest {
    static Grid g(int[][] c) {
        return Grid.of(c);
    }

    static final ArcExample P0 = new ArcExample(g(new int[][] {{1, 2}, {3, 4}}), g(new int[][] {{4, 3}, {2, 1}}));
    static final ArcExample P1 = new ArcExample(g(new int[][] {{5, 0, 1}}), g(new int[][] {{1, 0, 5}}));
    static final ArcExample P2 = new ArcExample(g(new int[][] {{2}, {7}}), g(new int[][] {{7}, {2}}));
    static final ArcExample TEST = new ArcExample(g(new int[][] {{6, 8}}), null);
    static final ArcTask TASK = new ArcTask("t", List.of(P0, P1, P2), TEST);

    static ArcTask t(ArcExample test, ArcExample... train) {
        return new ArcTask("t", List.of(train), test);
    }

    @Test
    void leaveOneWithoutAugmentersIsEachPairInTurnAsTheTest() {
        assertEquals(List.of(t(P0, P1, P2), t(P1, P0, P2), t(P2, P0, P1)), TttTasks.build(TASK, List.of(), 1, 0, 0));
    }

    @Test
    void leaveTwoOnThreePairsIsSixOnePairTasksInCombinationOrder() {
        List<ArcTask> expected = List.of(t(P0, P2), t(P0, P1), t(P1, P2), t(P1, P0), t(P2, P1), t(P2, P0));
        assertEquals(expected, TttTasks.build(TASK, List.of(), 2, 0, 0));
        // shuffling one train pair changes nothing, and without augmenters nothing is recoloured
        assertEquals(expected, TttTasks.build(TASK, List.of(), 2, 3, 0));
        // leave-3 would leave no train pair
        assertEquals(List.of(), TttTasks.build(TASK, List.of(), 3, 1, 0));
    }

    @Test
    void permutationRoundsAddTheOtherTrainOrders() {
        List<ArcTask> tasks = TttTasks.build(TASK, List.of(), 1, 20, 0);
        assertEquals(6, tasks.size(), "each of 3 tasks in its 2 train orders");
        assertTrue(tasks.containsAll(List.of(t(P0, P2, P1), t(P1, P2, P0), t(P2, P1, P0), t(P0, P1, P2))));
        assertEquals(tasks.size(), new HashSet<>(tasks).size());
    }

    @Test
    void oneAugmenterAddsItsTasksFirst() {
        Flip flip = new Flip(0);
        List<ArcTask> tasks = TttTasks.build(TASK, List.of(flip), 1, 0, 0);
        assertEquals(6, tasks.size());
        SplittableRandom unused = new SplittableRandom(0);
        assertEquals(flip.applyToTask(t(P0, P1, P2), unused), tasks.get(0));
        assertEquals(flip.applyToTask(t(P2, P0, P1), unused), tasks.get(2));
        assertEquals(t(P0, P1, P2), tasks.get(3));
        // with one round of recolouring and shuffling on top
        List<ArcTask> more = TttTasks.build(TASK, List.of(flip), 1, 1, 0);
        assertTrue(more.containsAll(tasks));
        assertEquals(12, more.size(), "every recoloured task is new (unused colours are available)");
    }

    @Test
    void aTaskSymmetricUnderTheAugmenterGivesDuplicatesThatAreDropped() {
        ArcExample a = new ArcExample(g(new int[][] {{1, 2}, {1, 2}}), g(new int[][] {{3}, {3}}));
        ArcExample b = new ArcExample(g(new int[][] {{4, 4}}), g(new int[][] {{5, 6}}));
        ArcExample c = new ArcExample(g(new int[][] {{7}}), g(new int[][] {{8, 9, 8}}));
        ArcTask sym = new ArcTask("s", List.of(a, b, c), new ArcExample(g(new int[][] {{1}}), null));
        assertEquals(List.of(t2(a, b, c), t2(b, a, c), t2(c, a, b)), TttTasks.build(sym, List.of(new Flip(0)), 1, 0, 0));
        assertEquals(6, TttTasks.build(sym, List.of(new Flip(1)), 1, 0, 0).size(), "not symmetric left-right");
    }

    static ArcTask t2(ArcExample test, ArcExample... train) {
        return new ArcTask("s", List.of(train), test);
    }

    @Test
    void augmentedTasksOverThirtyAreDropped() {
        int[][] tall = new int[16][2];
        ArcExample big = new ArcExample(g(tall), g(new int[][] {{1}}));
        ArcTask task = new ArcTask("t", List.of(big, P1, P2), TEST);
        Repeat repeat = new Repeat(0, 2);
        List<ArcTask> tasks = TttTasks.build(task, List.of(repeat), 2, 0, 0);
        // 6 leave-2 tasks; only the two without the 16-row pair survive doubling
        assertEquals(8, tasks.size());
        SplittableRandom unused = new SplittableRandom(0);
        assertEquals(List.of(repeat.applyToTask(t(P1, P2), unused), repeat.applyToTask(t(P2, P1), unused)),
                tasks.subList(0, 2));
        for (ArcTask x : tasks) assertTrue(x.maxHeight() <= 30 && x.maxWidth() <= 30);
    }

    @Test
    void theSameSeedGivesTheSameListAndAnotherSeedAnother() {
        List<ArcTask> a = TttTasks.build(TASK, Augmenters.all(), 1, 1, 7);
        assertEquals(a, TttTasks.build(TASK, Augmenters.all(), 1, 1, 7));
        assertNotEquals(a, TttTasks.build(TASK, Augmenters.all(), 1, 1, 8));
        assertEquals(a.size(), new HashSet<>(a).size());
        for (ArcTask x : a) assertTrue(x.maxHeight() <= 30 && x.maxWidth() <= 30);
    }

    @Test
    void capShufflesWithTheSeedOnlyWhenOverTheLimit() {
        List<Integer> ten = List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        List<Integer> five = TttTasks.cap(ten, 5, 3);
        assertEquals(5, five.size());
        assertEquals(5, new HashSet<>(five).size());
        assertTrue(ten.containsAll(five));
        assertEquals(five, TttTasks.cap(ten, 5, 3));
        assertNotEquals(ten.subList(0, 5), five);
        assertEquals(List.of(3, 1, 2), TttTasks.cap(List.of(3, 1, 2), 5, 3));
        assertEquals(List.of(3, 1, 2), TttTasks.cap(List.of(3, 1, 2), 3, 3));
    }
}
