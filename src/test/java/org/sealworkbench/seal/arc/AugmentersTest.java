package org.sealworkbench.seal.arc;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.sealworkbench.data.arc.ArcExample;
import org.sealworkbench.data.arc.ArcTask;
import org.sealworkbench.data.arc.Grid;
import org.sealworkbench.seal.arc.Augmenter.*;

class AugmentersTest {
    /** A 2 x 3 grid, as np.array([[1, 2, 3], [4, 5, 6]]). */
    static final Grid G = g(new int[][] {{1, 2, 3}, {4, 5, 6}});

    static Grid g(int[][] cells) {
        return Grid.unbounded(cells);
    }

    static Grid apply(Augmenter a, Grid grid) {
        return a.apply(grid, new SplittableRandom(0));
    }

    @Test
    void rotateIsNumpysCounterClockwiseRot90() {
        assertEquals(g(new int[][] {{3, 6}, {2, 5}, {1, 4}}), apply(new Rotate(90), G));
        assertEquals(g(new int[][] {{6, 5, 4}, {3, 2, 1}}), apply(new Rotate(180), G));
        assertEquals(g(new int[][] {{4, 1}, {5, 2}, {6, 3}}), apply(new Rotate(270), G));
        assertThrows(IllegalArgumentException.class, () -> new Rotate(0));
    }

    @Test
    void flipAndTranspose() {
        assertEquals(g(new int[][] {{4, 5, 6}, {1, 2, 3}}), apply(new Flip(0), G));
        assertEquals(g(new int[][] {{3, 2, 1}, {6, 5, 4}}), apply(new Flip(1), G));
        assertEquals(g(new int[][] {{1, 4}, {2, 5}, {3, 6}}), apply(new Transpose(), G));
    }

    @Test
    void reflectsFourForms() {
        assertEquals(g(new int[][] {{1, 2, 3}, {4, 5, 6}, {4, 5, 6}, {1, 2, 3}}), apply(new Reflect(0, false), G));
        assertEquals(g(new int[][] {{4, 5, 6}, {1, 2, 3}, {1, 2, 3}, {4, 5, 6}}), apply(new Reflect(0, true), G));
        assertEquals(g(new int[][] {{1, 2, 3, 3, 2, 1}, {4, 5, 6, 6, 5, 4}}), apply(new Reflect(1, false), G));
        assertEquals(g(new int[][] {{3, 2, 1, 1, 2, 3}, {6, 5, 4, 4, 5, 6}}), apply(new Reflect(1, true), G));
    }

    @Test
    void repeatTilesTheWholeGridOnThreeAxes() {
        assertEquals(g(new int[][] {{1, 2, 3}, {4, 5, 6}, {1, 2, 3}, {4, 5, 6}}), apply(new Repeat(0, 2), G));
        assertEquals(g(new int[][] {{1, 2, 3, 1, 2, 3}, {4, 5, 6, 4, 5, 6}}), apply(new Repeat(1, 2), G));
        assertEquals(g(new int[][] {{1, 2, 3, 1, 2, 3}, {4, 5, 6, 4, 5, 6}, {1, 2, 3, 1, 2, 3}, {4, 5, 6, 4, 5, 6}}),
                apply(new Repeat(2, 2), G));
        Grid three = apply(new Repeat(2, 3), G);
        assertEquals(6, three.height());
        assertEquals(9, three.width());
        assertEquals(6, three.at(5, 8));
    }

    @Test
    void increaseResolutionRepeatsEachCell() {
        assertEquals(g(new int[][] {{1, 1, 2, 2, 3, 3}, {1, 1, 2, 2, 3, 3}, {4, 4, 5, 5, 6, 6}, {4, 4, 5, 5, 6, 6}}),
                apply(new IncreaseResolution(2), G));
        assertEquals(g(new int[][] {{1, 2, 3}, {1, 2, 3}, {4, 5, 6}, {4, 5, 6}}), apply(new IncreaseHeight(2), G));
        assertEquals(g(new int[][] {{1, 1, 2, 2, 3, 3}, {4, 4, 5, 5, 6, 6}}), apply(new IncreaseWidth(2), G));
        assertEquals(g(new int[][] {{1, 1, 1, 2, 2, 2, 3, 3, 3}, {4, 4, 4, 5, 5, 5, 6, 6, 6}}),
                apply(new IncreaseWidth(3), G));
    }

    @Test
    void chainAppliesInOrderAndConcatJoins() {
        Chain rotThenFlip = new Chain(List.of(new Rotate(90), new Flip(0)));
        Chain flipThenRot = new Chain(List.of(new Flip(0), new Rotate(90)));
        assertEquals(g(new int[][] {{1, 4}, {2, 5}, {3, 6}}), apply(rotThenFlip, G));
        assertEquals(g(new int[][] {{6, 3}, {5, 2}, {4, 1}}), apply(flipThenRot, G));
        ArcTask t = new ArcTask("t", List.of(new ArcExample(G, G)), new ArcExample(G, null));
        ArcTask chained = rotThenFlip.applyToTask(t, new SplittableRandom(0));
        assertEquals(g(new int[][] {{1, 4}, {2, 5}, {3, 6}}), chained.train().get(0).output());
        assertEquals(g(new int[][] {{1, 4}, {2, 5}, {3, 6}}), chained.test().input());
        assertNull(chained.test().output());
        assertEquals(g(new int[][] {{1, 2, 3}, {4, 5, 6}, {6, 5, 4}, {3, 2, 1}}),
                apply(new Concat(List.of(new Identity(), new Rotate(180)), 0), G));
    }

    @Test
    void namesAreSealsReprs() {
        assertEquals("Rotate(90)", new Rotate(90).name());
        assertEquals("Flip(0)", new Flip(0).toString());
        assertEquals("Reflect(0, reverse=True)", new Reflect(0, true).name());
        assertEquals("Reflect(1, reverse=False)", new Reflect(1, false).name());
        assertEquals("Repeat(2, 2)", new Repeat(2, 2).name());
        assertEquals("Chain([Rotate(90), IncreaseResolution(2)])",
                new Chain(List.of(new Rotate(90), new IncreaseResolution(2))).name());
        assertEquals("Concat((IdentityAugmenter(), Rotate(180)), axis=1)",
                new Concat(List.of(new Identity(), new Rotate(180)), 1).name());
        assertEquals("RandomTranslateXY()", new RandomTranslateXY().name());
        assertEquals("Transpose()", new Transpose().name());
    }

    @Test
    void forConfigGivesSealsListsInSealsOrder() {
        List<String> names = Augmenters.all().stream().map(Augmenter::name).toList();
        assertEquals(List.of("Rotate(90)", "Rotate(270)", "Rotate(180)", "Flip(0)", "Flip(1)",
                "Reflect(0, reverse=True)", "Reflect(1, reverse=True)", "Reflect(0, reverse=False)",
                "Reflect(1, reverse=False)", "RandomTranslateXY()", "Transpose()",
                "IncreaseResolution(2)", "IncreaseHeight(2)", "IncreaseWidth(2)",
                "Chain([Rotate(90), IncreaseResolution(2)])", "Chain([Rotate(270), IncreaseResolution(2)])",
                "Chain([Rotate(180), IncreaseResolution(2)])", "Chain([Flip(0), IncreaseResolution(2)])",
                "Chain([Flip(1), IncreaseResolution(2)])", "Chain([Transpose(), IncreaseResolution(2)])",
                "Repeat(0, 2)", "Repeat(1, 2)", "Repeat(2, 2)"), names);
        assertEquals(List.of(), Augmenters.forConfig(false, false, false, false));
        assertEquals(List.of("Repeat(0, 2)", "Repeat(1, 2)", "Repeat(2, 2)"),
                Augmenters.forConfig(false, false, false, true).stream().map(Augmenter::name).toList());
        assertEquals(14, Augmenters.forConfig(true, true, false, false).size());
    }

    @Test
    void eachTestTimeInverseUndoesItsTransform() {
        Map<Augmenter, String> expected = new HashMap<>();
        expected.put(new Transpose(), "Transpose()");
        expected.put(new Flip(0), "Flip(0)");
        expected.put(new Flip(1), "Flip(1)");
        expected.put(new Rotate(90), "Rotate(270)");
        expected.put(new Rotate(180), "Rotate(180)");
        expected.put(new Rotate(270), "Rotate(90)");
        expected.forEach((a, invName) -> {
            Augmenter inv = a.inverse().orElseThrow();
            assertEquals(invName, inv.name());
            Grid once = apply(a, G);
            assertNotEquals(G, once, a.name());
            assertEquals(G, apply(inv, once), a.name());
        });
        assertTrue(new Reflect(0, true).inverse().isEmpty());
        assertTrue(new IncreaseResolution(2).inverse().isEmpty());
        assertTrue(new PermuteColors().inverse().isEmpty());
    }

    static final Grid SQUARE = g(new int[][] {{1, 2, 3}, {4, 5, 6}, {7, 8, 9}});
    static final Grid WIDE = g(new int[][] {{1, 2, 3, 4}, {5, 6, 7, 8}, {9, 1, 2, 3}});

    /** The (row, column) shifts whose np.roll of {@code from} gives {@code to}. */
    static Set<List<Integer>> rollsBetween(Grid from, Grid to) {
        Set<List<Integer>> out = new HashSet<>();
        if (from.height() != to.height() || from.width() != to.width()) return out;
        for (int dr = 0; dr < from.height(); dr++) {
            for (int dc = 0; dc < from.width(); dc++) {
                boolean ok = true;
                for (int i = 0; i < from.height() && ok; i++) {
                    for (int j = 0; j < from.width() && ok; j++) {
                        ok = to.at((i + dr) % from.height(), (j + dc) % from.width()) == from.at(i, j);
                    }
                }
                if (ok) out.add(List.of(dr, dc));
            }
        }
        return out;
    }

    @Test
    void randomTranslateIsARollSharedAcrossTheTasksExamplesAndFixedBySeed() {
        ArcTask t = new ArcTask("t", List.of(new ArcExample(SQUARE, WIDE), new ArcExample(SQUARE, WIDE)),
                new ArcExample(SQUARE, WIDE));
        Set<List<Integer>> shifts = new HashSet<>();
        for (long seed = 0; seed < 30; seed++) {
            ArcTask a = new RandomTranslateXY().applyToTask(t, new SplittableRandom(seed));
            assertEquals(a, new RandomTranslateXY().applyToTask(t, new SplittableRandom(seed)));
            Set<List<Integer>> in = rollsBetween(SQUARE, a.test().input());
            Set<List<Integer>> out = rollsBetween(WIDE, a.test().output());
            assertEquals(1, in.size(), "the input is a roll");
            assertEquals(1, out.size(), "the output is a roll");
            List<Integer> shift = in.iterator().next();
            assertTrue(shift.get(0) < 3 && shift.get(1) < 3);
            assertTrue(out.iterator().next().get(0) < 3 && out.iterator().next().get(1) < 4);
            for (ArcExample e : a.train()) {
                assertEquals(a.test().input(), e.input(), "one shift for every input of the task");
                assertEquals(a.test().output(), e.output(), "one shift for every output of the task");
            }
            shifts.add(shift);
        }
        assertTrue(shifts.size() > 3, "the shift is random: " + shifts);
    }

    static ArcTask coloured() {
        Grid a = g(new int[][] {{0, 1, 2}, {2, 0, 1}});
        Grid b = g(new int[][] {{3, 3}, {0, 1}});
        Grid c = g(new int[][] {{2, 2, 0}});
        return new ArcTask("c", List.of(new ArcExample(a, b), new ArcExample(b, c)), new ArcExample(c, a));
    }

    static List<Grid> grids(ArcTask t) {
        List<Grid> out = new ArrayList<>();
        for (ArcExample e : t.train()) {
            out.add(e.input());
            out.add(e.output());
        }
        out.add(t.test().input());
        if (t.test().hasOutput()) out.add(t.test().output());
        return out;
    }

    /** The colour map a recolouring used, checked to be one function across every cell of every grid. */
    static Map<Integer, Integer> mapBetween(ArcTask before, ArcTask after) {
        Map<Integer, Integer> map = new HashMap<>();
        List<Grid> xs = grids(before), ys = grids(after);
        for (int k = 0; k < xs.size(); k++) {
            Grid x = xs.get(k), y = ys.get(k);
            assertEquals(x.height(), y.height());
            assertEquals(x.width(), y.width());
            for (int i = 0; i < x.height(); i++) {
                for (int j = 0; j < x.width(); j++) {
                    Integer prev = map.put(x.at(i, j), y.at(i, j));
                    assertTrue(prev == null || prev == y.at(i, j), "one colour, one new colour in every grid");
                }
            }
        }
        return map;
    }

    @Test
    void permuteColorsIsOneBijectionForTheWholeTaskKeepingZero() {
        ArcTask t = coloured();
        Set<Map<Integer, Integer>> seen = new HashSet<>();
        for (long seed = 0; seed < 20; seed++) {
            ArcTask p = new PermuteColors().applyToTask(t, new SplittableRandom(seed));
            Map<Integer, Integer> map = mapBetween(t, p);
            assertEquals(Set.of(0, 1, 2, 3), map.keySet());
            assertEquals(0, map.get(0), "colour 0 stays");
            assertEquals(4, new HashSet<>(map.values()).size(), "one-to-one");
            for (int c = 1; c <= 3; c++) {
                assertTrue(map.get(c) >= 4, "with unused colours left, each colour goes to an unused one: " + map);
            }
            seen.add(map);
        }
        assertTrue(seen.size() > 5, "the map is random");
    }

    @Test
    void permuteColorsWithEveryColourUsedSwapsWithinThePalette() {
        Grid all = g(new int[][] {{0, 1, 2, 3, 4}, {5, 6, 7, 8, 9}});
        ArcTask t = new ArcTask("p", List.of(new ArcExample(all, all)), new ArcExample(all, all));
        boolean moved = false;
        for (long seed = 0; seed < 10; seed++) {
            Augmenter.ColorMap cm = PermuteColors.drawMap(t, new SplittableRandom(seed));
            ArcTask p = cm.applyToTask(t, new SplittableRandom(0));
            Map<Integer, Integer> map = mapBetween(t, p);
            assertEquals(0, map.get(0));
            assertEquals(10, new HashSet<>(map.values()).size(), "a bijection of 0-9");
            moved |= !p.equals(t);
            assertEquals(t, cm.inverse().orElseThrow().applyToTask(p, new SplittableRandom(0)), "the inverse map");
        }
        assertTrue(moved);
    }

    @Test
    void permuteExamplesShufflesTrainOnly() {
        List<ArcExample> train = new ArrayList<>();
        for (int i = 1; i <= 5; i++) train.add(new ArcExample(g(new int[][] {{i}}), g(new int[][] {{i}})));
        ArcTask t = new ArcTask("e", train, new ArcExample(G, G));
        ArcTask p = new PermuteExamples().applyToTask(t, new SplittableRandom(4));
        assertEquals(t.test(), p.test());
        assertEquals(new HashSet<>(t.train()), new HashSet<>(p.train()));
        boolean differs = false;
        for (long s = 0; s < 5; s++) differs |= !new PermuteExamples().applyToTask(t, new SplittableRandom(s)).equals(t);
        assertTrue(differs);
    }
}
