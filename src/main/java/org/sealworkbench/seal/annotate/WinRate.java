package org.sealworkbench.seal.annotate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An author's record over the pairs that set their self-edits against another author's: wins, losses,
 * ties, and the win rate (wins + ties / 2) / comparisons. Pairs of one author's own self-edits say
 * nothing about authors and are left out.
 */
public record WinRate(String author, int wins, int losses, int ties) {

    public int comparisons() {
        return wins + losses + ties;
    }

    public double rate() {
        return comparisons() == 0 ? Double.NaN : (wins + ties / 2.0) / comparisons();
    }

    /** One decided comparison: the authors of the two sides and who won (null winner = tie). */
    public record Comparison(String authorA, String authorB, String winner) {}

    /** Authors by win rate, best first (ties in rate by more comparisons, then by name). */
    public static List<WinRate> rank(List<Comparison> comparisons) {
        Map<String, int[]> tally = new LinkedHashMap<>(); // wins, losses, ties
        for (Comparison c : comparisons) {
            if (c.authorA().equals(c.authorB())) continue;
            int[] a = tally.computeIfAbsent(c.authorA(), k -> new int[3]);
            int[] b = tally.computeIfAbsent(c.authorB(), k -> new int[3]);
            if (c.winner() == null) {
                a[2]++;
                b[2]++;
            } else if (c.winner().equals(c.authorA())) {
                a[0]++;
                b[1]++;
            } else if (c.winner().equals(c.authorB())) {
                b[0]++;
                a[1]++;
            } else {
                throw new IllegalArgumentException("winner " + c.winner() + " is neither " + c.authorA() + " nor " + c.authorB());
            }
        }
        List<WinRate> out = new ArrayList<>();
        tally.forEach((author, t) -> out.add(new WinRate(author, t[0], t[1], t[2])));
        out.sort(Comparator.comparingDouble(WinRate::rate).reversed()
                .thenComparing(Comparator.comparingInt(WinRate::comparisons).reversed())
                .thenComparing(WinRate::author));
        return out;
    }
}
