package org.sealworkbench.seal.arc;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.sealworkbench.data.arc.Grid;

/**
 * The two attempts SEAL submits for an ARC task, voted from many predictions, after SEAL's {@code vote},
 * {@code get_all_type_of_votingsv2} and {@code row_base_majority_voting} (few-shot {@code arclib/voting.py}).
 * Predictions are already mapped back to the original task's frame and carry the category of the test-time
 * augmentation that produced them (its inverter's name, {@code identity} for none).
 * <ol>
 * <li>Top three of a list ({@link #topThree}): the distinct grids ranked by how often they occur; the first is
 *     the most common, the second and third the next (the first again when there are fewer). A second equal to
 *     the first becomes the row-majority grid, or, if that equals the first, the column-majority grid; a third
 *     equal to the first or second becomes the row-majority grid unless that is one of them, else the
 *     column-majority grid.</li>
 * <li>Row majority ({@link #rowMajority}): the most common shape; then, for each of its rows, the most common row
 *     of that width at that index among all predictions long enough (of any height); column majority is the same
 *     on the transposed grids, transposed back. It may be a grid no prediction is.</li>
 * <li>{@link #voteByCategory} ({@link #vote} with every prediction as identity): the predictions are grouped by category in first-seen order, and "all" is the groups
 *     concatenated in that order; the top three of "all", then of {@code identity, Transpose(), Flip(0), Flip(1),
 *     Rotate(180), Rotate(270)} (those present) are pooled as candidates; attempt 1 is the candidates' top one,
 *     attempt 2 their second, except that when the second and third occur equally often among the candidates,
 *     attempt 2 is the third unless the second occurs more often among the {@code identity} predictions (no
 *     change where there are none).</li>
 * </ol>
 * Deliberate differences: Python ranks the distinct grids of a set, whose order is arbitrary, taking the first
 * with {@code argmax} and the second with {@code argsort}, which on a tie at the top can pick the first grid again
 * (which then falls back to the row-majority grid); we rank by count with ties broken by first appearance, so the
 * second is always another grid where there is one, and the row/column fallback only serves when a list holds one
 * distinct grid (second) or two (third). The same first-appearance rule
 * breaks ties between shapes and rows. An empty list of predictions is refused (SEAL's caller submits
 * {@code [[0]]} twice).
 */
public final class ArcVoting {
    private ArcVoting() {}

    /** The category of predictions made on a task without a test-time augmentation. */
    public static final String IDENTITY = "identity";

    /** The categories whose top three join the candidates, after "all", in SEAL's order. */
    static final List<String> CATEGORIES = List.of(IDENTITY, "Transpose()", "Flip(0)", "Flip(1)", "Rotate(180)",
            "Rotate(270)");

    /** One prediction, in the original frame, and its category (null for {@link #IDENTITY}). */
    public record Prediction(Grid output, String category) {
        public Prediction {
            Objects.requireNonNull(output, "output");
            if (category == null) category = IDENTITY;
        }
    }

    /** The two attempts (they may be equal). */
    public record Attempts(Grid first, Grid second) {}

    /** {@link #voteByCategory} with every prediction in the {@code identity} category. */
    public static Attempts vote(List<Grid> predictions) {
        return voteByCategory(predictions.stream().map(g -> new Prediction(g, IDENTITY)).toList());
    }

    public static Attempts voteByCategory(List<Prediction> predictions) {
        if (predictions.isEmpty()) throw new IllegalArgumentException("no predictions to vote on");
        Map<String, List<Grid>> byCategory = new LinkedHashMap<>();
        for (Prediction p : predictions) byCategory.computeIfAbsent(p.category(), k -> new ArrayList<>()).add(p.output());
        List<Grid> all = new ArrayList<>();
        byCategory.values().forEach(all::addAll);

        List<Grid> candidates = new ArrayList<>(topThree(all));
        for (String key : CATEGORIES) {
            if (byCategory.containsKey(key)) candidates.addAll(topThree(byCategory.get(key)));
        }
        List<Grid> top = topThree(candidates);
        Grid c1 = top.get(0), c2 = top.get(1), c3 = top.get(2);
        List<Grid> identity = byCategory.get(IDENTITY);
        if (count(candidates, c2) == count(candidates, c3) && identity != null) {
            if (count(identity, c2) <= count(identity, c3)) c2 = c3;
        }
        return new Attempts(c1, c2);
    }

    /** SEAL's {@code get_all_type_of_votingsv2}: the three grids of step 1, for a non-empty list. */
    public static List<Grid> topThree(List<Grid> outputs) {
        if (outputs.isEmpty()) throw new IllegalArgumentException("no outputs");
        List<Grid> ranked = ranked(outputs);
        Grid most = ranked.get(0);
        Grid second = ranked.size() > 1 ? ranked.get(1) : most;
        Grid third = ranked.size() > 2 ? ranked.get(2) : most;
        Grid row = rowMajority(outputs, false);
        Grid col = rowMajority(outputs, true);
        if (second.equals(most)) second = !row.equals(most) ? row : col;
        if (third.equals(most) || third.equals(second)) {
            third = !row.equals(most) && !row.equals(second) ? row : col;
        }
        return List.of(most, second, third);
    }

    /** SEAL's {@code row_base_majority_voting} (column-based with {@code transpose}), for a non-empty list. */
    public static Grid rowMajority(List<Grid> outputs, boolean transpose) {
        List<Grid> grids = transpose ? outputs.stream().map(ArcVoting::transpose).toList() : outputs;
        List<List<Integer>> shapes = grids.stream().map(g -> List.of(g.height(), g.width())).toList();
        List<Integer> shape = ranked(shapes).get(0);
        int height = shape.get(0), width = shape.get(1);
        int[][] out = new int[height][];
        for (int r = 0; r < height; r++) {
            List<List<Integer>> rows = new ArrayList<>();
            for (Grid g : grids) {
                if (g.height() > r && g.width() == width) rows.add(row(g, r));
            }
            out[r] = ranked(rows).get(0).stream().mapToInt(Integer::intValue).toArray();
        }
        Grid result = Grid.unbounded(out);
        return transpose ? transpose(result) : result;
    }

    /** The distinct items, most frequent first, ties in order of first appearance. */
    private static <T> List<T> ranked(List<T> items) {
        Map<T, Integer> counts = new LinkedHashMap<>();
        for (T t : items) counts.merge(t, 1, Integer::sum);
        List<T> distinct = new ArrayList<>(counts.keySet());
        distinct.sort(Comparator.comparing((T t) -> counts.get(t)).reversed()); // stable: ties keep first-seen order
        return distinct;
    }

    private static int count(List<Grid> list, Grid g) {
        int n = 0;
        for (Grid x : list) if (x.equals(g)) n++;
        return n;
    }

    private static List<Integer> row(Grid g, int r) {
        List<Integer> row = new ArrayList<>(g.width());
        for (int c = 0; c < g.width(); c++) row.add(g.at(r, c));
        return row;
    }

    private static Grid transpose(Grid g) {
        int[][] out = new int[g.width()][g.height()];
        for (int i = 0; i < g.height(); i++) for (int j = 0; j < g.width(); j++) out[j][i] = g.at(i, j);
        return Grid.unbounded(out);
    }
}
