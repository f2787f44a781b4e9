package org.sealworkbench.seal.arc;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.random.RandomGenerator;
import org.sealworkbench.data.arc.ArcExample;
import org.sealworkbench.data.arc.ArcTask;
import org.sealworkbench.data.arc.Grid;

/**
 * A transformation of ARC grids and tasks, after SEAL's {@code arclib/augmenters.py} (the {@code Augmenter} family
 * and its {@code inverse} function). Each kind is a record named as SEAL prints it ({@link #name()}, e.g.
 * {@code Rotate(90)}, {@code Reflect(0, reverse=True)}, {@code Chain([Rotate(90), IncreaseResolution(2)])}), so
 * the names can label results and select voting categories exactly as SEAL's strings do.
 * <ol>
 * <li>{@link #apply} transforms one grid with numpy's semantics: {@code Rotate(90)} is {@code np.rot90(k=1)}
 *     (counter-clockwise), {@code Flip(0)} is {@code flipud}, {@code Flip(1)} {@code fliplr}; {@code Reflect}
 *     concatenates the grid and its flip (the flip first when {@code reverse}); {@code Repeat} tiles the whole grid
 *     ({@code np.concatenate}: axis 0 down, 1 across, 2 both) while {@code IncreaseResolution/Height/Width} repeat
 *     each cell ({@code np.repeat}); {@code RandomTranslateXY} is {@code np.roll} by a shift drawn in
 *     {@code [0, min(4, side))} per axis. Results may exceed 30 per side ({@link Grid#unbounded}).</li>
 * <li>{@link #applyToTask} applies the grid transform to every input and known output of the task, test pair
 *     included, each example's input before its output, keeping the task's name. Augmenters that share their
 *     randomness across examples (SEAL's {@code share_rng}: {@link RandomTranslateXY}) start every example from
 *     the same generator state, so every example's input gets one shift and every output another (the two differ,
 *     as in SEAL, where the input's draws come before the output's from one copied generator).</li>
 * <li>{@link PermuteColors} draws one colour map per task (SEAL's algorithm, colour 0 fixed) and applies it to
 *     every grid; {@link PermuteExamples} shuffles the train pairs and leaves the test pair; {@link Chain} applies
 *     its augmenters' task transforms in order.</li>
 * <li>{@link #inverse()} is SEAL's {@code inverse}: {@code Rotate(a)} -> {@code Rotate(360 - a)}, {@code Flip}
 *     and {@code Transpose} undo themselves, a drawn {@link ColorMap} inverts its map; others have none.</li>
 * </ol>
 * Deliberate differences: where SEAL deep-copies the caller's generator for a {@code share_rng} augmenter (so the
 * caller's generator does not move and every task of one set gets the same shift), we draw one seed from the
 * caller's generator and start each example from it (what SEAL's commented-out line intended), so successive tasks
 * get fresh shifts. Draws are ours ({@link RandomGenerator}), never numpy's, so shifts, colour maps and
 * permutations differ from SEAL's for the same seed. {@code Rotate(0)}, which SEAL accepts and then fails on, is
 * rejected. {@link PermuteExamples} (which SEAL leaves unnamed) is named {@code PermuteExamples()}, and its grid
 * transform is the identity where SEAL's is unimplemented. A test pair without an output only has its input
 * transformed.
 */
public sealed interface Augmenter {

    /** The name as SEAL's {@code str()} prints it. */
    String name();

    /** This augmenter applied to one grid; {@code rng} is only used by the random kinds. */
    Grid apply(Grid g, RandomGenerator rng);

    /** Whether every example of a task starts from the same generator state (SEAL's {@code share_rng}). */
    default boolean sharesRng() {
        return false;
    }

    /** The augmenter that undoes this one, for the kinds SEAL's {@code inverse} knows. */
    default Optional<Augmenter> inverse() {
        return Optional.empty();
    }

    /** This augmenter applied to every grid of the task (see the class comment for the randomness rules). */
    default ArcTask applyToTask(ArcTask t, RandomGenerator rng) {
        if (!sharesRng()) {
            List<ArcExample> train = new ArrayList<>();
            for (ArcExample e : t.train()) train.add(applyToExample(e, rng));
            return new ArcTask(t.name(), train, applyToExample(t.test(), rng));
        }
        long seed = rng.nextLong();
        List<ArcExample> train = new ArrayList<>();
        for (ArcExample e : t.train()) train.add(applyToExample(e, new SplittableRandom(seed)));
        return new ArcTask(t.name(), train, applyToExample(t.test(), new SplittableRandom(seed)));
    }

    private ArcExample applyToExample(ArcExample e, RandomGenerator rng) {
        Grid in = apply(e.input(), rng);
        return new ArcExample(in, e.hasOutput() ? apply(e.output(), rng) : null);
    }

    // ---- the kinds ----

    /** {@code np.rot90} by {@code angle / 90} counter-clockwise quarter turns; angle 90, 180 or 270. */
    record Rotate(int angle) implements Augmenter {
        public Rotate {
            if (angle != 90 && angle != 180 && angle != 270) {
                throw new IllegalArgumentException("Rotate takes 90, 180 or 270 degrees, not " + angle);
            }
        }

        @Override public String name() { return "Rotate(" + angle + ")"; }
        @Override public String toString() { return name(); }

        @Override
        public Grid apply(Grid g, RandomGenerator rng) {
            int h = g.height(), w = g.width();
            int[][] c = g.cells();
            int[][] out;
            if (angle == 180) {
                out = new int[h][w];
                for (int i = 0; i < h; i++) for (int j = 0; j < w; j++) out[i][j] = c[h - 1 - i][w - 1 - j];
            } else {
                out = new int[w][h];
                for (int i = 0; i < w; i++) {
                    for (int j = 0; j < h; j++) {
                        out[i][j] = angle == 90 ? c[j][w - 1 - i] : c[h - 1 - j][i];
                    }
                }
            }
            return Grid.unbounded(out);
        }

        @Override public Optional<Augmenter> inverse() { return Optional.of(new Rotate(360 - angle)); }
    }

    /** Axis 0: {@code np.flipud} (rows reversed); axis 1: {@code np.fliplr} (each row reversed). */
    record Flip(int axis) implements Augmenter {
        public Flip {
            checkAxis(axis, 1);
        }

        @Override public String name() { return "Flip(" + axis + ")"; }
        @Override public String toString() { return name(); }
        @Override public Grid apply(Grid g, RandomGenerator rng) { return Grid.unbounded(flip(g.cells(), axis)); }
        @Override public Optional<Augmenter> inverse() { return Optional.of(this); }
    }

    /** The grid and its flip along {@code axis} side by side (axis 0: stacked), the flip first when reverse. */
    record Reflect(int axis, boolean reverse) implements Augmenter {
        public Reflect {
            checkAxis(axis, 1);
        }

        @Override public String name() { return "Reflect(" + axis + ", reverse=" + (reverse ? "True" : "False") + ")"; }
        @Override public String toString() { return name(); }

        @Override
        public Grid apply(Grid g, RandomGenerator rng) {
            int[][] original = g.cells();
            int[][] flipped = flip(g.cells(), axis);
            return reverse ? concat(List.of(flipped, original), axis) : concat(List.of(original, flipped), axis);
        }
    }

    /** {@code n} copies of the whole grid: axis 0 stacked down, 1 across, 2 an n-by-n tiling. */
    record Repeat(int axis, int n) implements Augmenter {
        public Repeat {
            checkAxis(axis, 2);
            if (n < 1) throw new IllegalArgumentException("Repeat needs n >= 1, not " + n);
        }

        @Override public String name() { return "Repeat(" + axis + ", " + n + ")"; }
        @Override public String toString() { return name(); }

        @Override
        public Grid apply(Grid g, RandomGenerator rng) {
            int[][] c = g.cells();
            if (axis == 0 || axis == 1) return concat(java.util.Collections.nCopies(n, c), axis);
            Grid column = concat(java.util.Collections.nCopies(n, c), 0);
            return concat(java.util.Collections.nCopies(n, column.cells()), 1);
        }
    }

    /** {@code np.transpose}: row i becomes column i. */
    record Transpose() implements Augmenter {
        @Override public String name() { return "Transpose()"; }
        @Override public String toString() { return name(); }

        @Override
        public Grid apply(Grid g, RandomGenerator rng) {
            int[][] out = new int[g.width()][g.height()];
            for (int i = 0; i < g.height(); i++) for (int j = 0; j < g.width(); j++) out[j][i] = g.at(i, j);
            return Grid.unbounded(out);
        }

        @Override public Optional<Augmenter> inverse() { return Optional.of(this); }
    }

    /** Each cell becomes a {@code factor} x {@code factor} block ({@code np.repeat} on both axes). */
    record IncreaseResolution(int factor) implements Augmenter {
        public IncreaseResolution {
            checkFactor(factor);
        }

        @Override public String name() { return "IncreaseResolution(" + factor + ")"; }
        @Override public String toString() { return name(); }
        @Override public Grid apply(Grid g, RandomGenerator rng) { return scale(g, factor, factor); }
    }

    /** Each row repeated {@code factor} times in place ({@code np.repeat} on axis 0). */
    record IncreaseHeight(int factor) implements Augmenter {
        public IncreaseHeight {
            checkFactor(factor);
        }

        @Override public String name() { return "IncreaseHeight(" + factor + ")"; }
        @Override public String toString() { return name(); }
        @Override public Grid apply(Grid g, RandomGenerator rng) { return scale(g, factor, 1); }
    }

    /** Each column repeated {@code factor} times in place ({@code np.repeat} on axis 1). */
    record IncreaseWidth(int factor) implements Augmenter {
        public IncreaseWidth {
            checkFactor(factor);
        }

        @Override public String name() { return "IncreaseWidth(" + factor + ")"; }
        @Override public String toString() { return name(); }
        @Override public Grid apply(Grid g, RandomGenerator rng) { return scale(g, 1, factor); }
    }

    /**
     * {@code np.roll} by a row shift drawn in {@code [0, min(4, height))} then a column shift in
     * {@code [0, min(4, width))}; shares its randomness across a task's examples.
     */
    record RandomTranslateXY() implements Augmenter {
        @Override public String name() { return "RandomTranslateXY()"; }
        @Override public String toString() { return name(); }
        @Override public boolean sharesRng() { return true; }

        @Override
        public Grid apply(Grid g, RandomGenerator rng) {
            int h = g.height(), w = g.width();
            int dr = rng.nextInt(Math.min(4, h));
            int dc = rng.nextInt(Math.min(4, w));
            return roll(g, dr, dc);
        }
    }

    /** The augmenters in order, each applied to the result of the one before. */
    record Chain(List<Augmenter> augmenters) implements Augmenter {
        public Chain {
            augmenters = List.copyOf(augmenters);
        }

        @Override
        public String name() {
            List<String> names = augmenters.stream().map(Augmenter::name).toList();
            return "Chain([" + String.join(", ", names) + "])";
        }

        @Override public String toString() { return name(); }

        @Override
        public Grid apply(Grid g, RandomGenerator rng) {
            for (Augmenter a : augmenters) g = a.apply(g, rng);
            return g;
        }

        @Override
        public ArcTask applyToTask(ArcTask t, RandomGenerator rng) {
            for (Augmenter a : augmenters) t = a.applyToTask(t, rng);
            return t;
        }
    }

    /** The results of each augmenter on the same grid, concatenated along {@code axis} (0 down, 1 across). */
    record Concat(List<Augmenter> augmenters, int axis) implements Augmenter {
        public Concat {
            augmenters = List.copyOf(augmenters);
            checkAxis(axis, 1);
            if (augmenters.isEmpty()) throw new IllegalArgumentException("Concat needs at least one augmenter");
        }

        @Override
        public String name() {
            List<String> names = augmenters.stream().map(Augmenter::name).toList();
            String tuple = names.size() == 1 ? "(" + names.get(0) + ",)" : "(" + String.join(", ", names) + ")";
            return "Concat(" + tuple + ", axis=" + axis + ")";
        }

        @Override public String toString() { return name(); }

        @Override
        public Grid apply(Grid g, RandomGenerator rng) {
            List<int[][]> parts = new ArrayList<>();
            for (Augmenter a : augmenters) parts.add(a.apply(g, rng).cells());
            return concat(parts, axis);
        }
    }

    /** The grid unchanged. */
    record Identity() implements Augmenter {
        @Override public String name() { return "IdentityAugmenter()"; }
        @Override public String toString() { return name(); }
        @Override public Grid apply(Grid g, RandomGenerator rng) { return g; }
    }

    /**
     * A fixed colour map (SEAL's {@code PermuteColorswithMap}); colours not in the map stay. What
     * {@link PermuteColors} draws, and its inverse.
     */
    record ColorMap(Map<Integer, Integer> map) implements Augmenter {
        public ColorMap {
            map = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(map));
            for (Map.Entry<Integer, Integer> e : map.entrySet()) {
                if (e.getKey() < 0 || e.getKey() > 9 || e.getValue() < 0 || e.getValue() > 9) {
                    throw new IllegalArgumentException("colours are 0-9: " + e);
                }
            }
        }

        @Override
        public String name() {
            List<String> pairs = map.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).toList();
            return "PermuteColorswithMap({" + String.join(", ", pairs) + "})";
        }

        @Override public String toString() { return name(); }

        @Override
        public Grid apply(Grid g, RandomGenerator rng) {
            int[][] c = g.cells();
            for (int[] row : c) for (int j = 0; j < row.length; j++) row[j] = map.getOrDefault(row[j], row[j]);
            return Grid.unbounded(c);
        }

        /** The reversed map (for a later key with the same value, the later one wins, as in SEAL). */
        @Override
        public Optional<Augmenter> inverse() {
            Map<Integer, Integer> inv = new LinkedHashMap<>();
            map.forEach((k, v) -> inv.put(v, k));
            return Optional.of(new ColorMap(inv));
        }
    }

    /**
     * A random recolouring, drawn once per task by SEAL's algorithm ({@link #drawMap}) and applied to every grid.
     * Applied to a lone grid it draws a map from that grid's colours.
     */
    record PermuteColors() implements Augmenter {
        @Override public String name() { return "PermuteColors()"; }
        @Override public String toString() { return name(); }

        @Override
        public Grid apply(Grid g, RandomGenerator rng) {
            return drawMap(colours(List.of(g)), rng).apply(g, rng);
        }

        @Override
        public ArcTask applyToTask(ArcTask t, RandomGenerator rng) {
            return drawMap(t, rng).applyToTask(t, rng);
        }

        /**
         * SEAL's map for a task: the task's colours other than 0 (train inputs and outputs, the test input, and
         * the test output when known), ascending, are each sent to a colour the task does not use, taken from a
         * shuffled list of the unused ones 1-9; once those run out, a colour is swapped with one drawn from a
         * shuffled list of the task's colours (both directions set). Colour 0 stays 0. The map is one-to-one
         * on the task's colours.
         */
        public static ColorMap drawMap(ArcTask t, RandomGenerator rng) {
            List<Grid> grids = new ArrayList<>();
            for (ArcExample e : t.train()) {
                grids.add(e.input());
                grids.add(e.output());
            }
            grids.add(t.test().input());
            if (t.hasSolution()) grids.add(t.test().output());
            return drawMap(colours(grids), rng);
        }

        private static ColorMap drawMap(TreeSet<Integer> used, RandomGenerator rng) {
            used.remove(0);
            List<Integer> colours = new ArrayList<>(used);
            List<Integer> remaining = new ArrayList<>();
            for (int c = 1; c <= 9; c++) if (!used.contains(c)) remaining.add(c);
            Shuffles.shuffle(remaining, rng);
            List<Integer> permuted = new ArrayList<>(colours);
            Shuffles.shuffle(permuted, rng);
            Map<Integer, Integer> map = new LinkedHashMap<>();
            map.put(0, 0);
            for (Integer colour : colours) {
                if (map.containsKey(colour)) continue;
                int next;
                if (!remaining.isEmpty()) {
                    next = remaining.remove(remaining.size() - 1);
                } else {
                    next = permuted.remove(permuted.size() - 1);
                    map.put(next, colour);
                    permuted.remove(colour);
                }
                map.put(colour, next);
            }
            return new ColorMap(map);
        }

        private static TreeSet<Integer> colours(List<Grid> grids) {
            TreeSet<Integer> set = new TreeSet<>();
            for (Grid g : grids) for (int i = 0; i < g.height(); i++) for (int j = 0; j < g.width(); j++) set.add(g.at(i, j));
            return set;
        }
    }

    /** The train pairs in a random order; the test pair stays. On a lone grid, the identity. */
    record PermuteExamples() implements Augmenter {
        @Override public String name() { return "PermuteExamples()"; }
        @Override public String toString() { return name(); }
        @Override public Grid apply(Grid g, RandomGenerator rng) { return g; }

        @Override
        public ArcTask applyToTask(ArcTask t, RandomGenerator rng) {
            List<ArcExample> train = new ArrayList<>(t.train());
            Shuffles.shuffle(train, rng);
            return new ArcTask(t.name(), train, t.test());
        }
    }

    // ---- helpers ----

    private static void checkAxis(int axis, int max) {
        if (axis < 0 || axis > max) throw new IllegalArgumentException("axis must be 0-" + max + ", not " + axis);
    }

    private static void checkFactor(int factor) {
        if (factor < 2) throw new IllegalArgumentException("the factor must be at least 2, not " + factor);
    }

    private static int[][] flip(int[][] c, int axis) {
        int h = c.length, w = c[0].length;
        int[][] out = new int[h][w];
        for (int i = 0; i < h; i++) {
            for (int j = 0; j < w; j++) out[i][j] = axis == 0 ? c[h - 1 - i][j] : c[i][w - 1 - j];
        }
        return out;
    }

    /** np.concatenate: axis 0 stacks (widths must agree), axis 1 joins rows (heights must agree). */
    private static Grid concat(List<int[][]> parts, int axis) {
        List<int[]> rows = new ArrayList<>();
        if (axis == 0) {
            for (int[][] p : parts) rows.addAll(List.of(p));
        } else {
            int h = parts.get(0).length;
            for (int i = 0; i < h; i++) {
                int width = 0;
                for (int[][] p : parts) {
                    if (p.length != h) throw new IllegalArgumentException("heights differ: " + p.length + " vs " + h);
                    width += p[i].length;
                }
                int[] row = new int[width];
                int at = 0;
                for (int[][] p : parts) {
                    System.arraycopy(p[i], 0, row, at, p[i].length);
                    at += p[i].length;
                }
                rows.add(row);
            }
        }
        return Grid.unbounded(rows.toArray(new int[0][]));
    }

    private static Grid scale(Grid g, int fr, int fc) {
        int[][] out = new int[g.height() * fr][g.width() * fc];
        for (int i = 0; i < out.length; i++) for (int j = 0; j < out[i].length; j++) out[i][j] = g.at(i / fr, j / fc);
        return Grid.unbounded(out);
    }

    /** np.roll(g, (dr, dc), axis=(0, 1)): the cell at (i, j) moves to ((i + dr) mod h, (j + dc) mod w). */
    private static Grid roll(Grid g, int dr, int dc) {
        int h = g.height(), w = g.width();
        int[][] out = new int[h][w];
        for (int i = 0; i < h; i++) {
            for (int j = 0; j < w; j++) out[Math.floorMod(i + dr, h)][Math.floorMod(j + dc, w)] = g.at(i, j);
        }
        return Grid.unbounded(out);
    }
}
