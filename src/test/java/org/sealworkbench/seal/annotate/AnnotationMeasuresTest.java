package org.sealworkbench.seal.annotate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The annotation measures on textbook examples, with values computed by hand (or quoted from the source). */
class AnnotationMeasuresTest {

    private static List<String> repeat(String label, int n) {
        return Collections.nCopies(n, label);
    }

    private static List<String> concat(List<String>... parts) {
        List<String> out = new ArrayList<>();
        for (List<String> p : parts) out.addAll(p);
        return out;
    }

    @Test
    void cohensKappaOnTheWikipediaExample() {
        // 50 proposals: both yes 20, A yes/B no 5, A no/B yes 10, both no 15.
        // p_o = 35/50 = 0.7; p_yes = 25/50 * 30/50 = 0.3, p_no = 25/50 * 20/50 = 0.2, p_e = 0.5; kappa = 0.2/0.5 = 0.4.
        List<String> a = concat(repeat("yes", 20), repeat("yes", 5), repeat("no", 10), repeat("no", 15));
        List<String> b = concat(repeat("yes", 20), repeat("no", 5), repeat("yes", 10), repeat("no", 15));
        assertEquals(0.7, Agreement.percent(a, b), 1e-12);
        assertEquals(0.4, Agreement.cohensKappa(a, b), 1e-12);
    }

    @Test
    void kappaIsOneForPerfectAgreementAndUndefinedForOneSharedLabel() {
        assertEquals(1.0, Agreement.cohensKappa(List.of("x", "y", "x"), List.of("x", "y", "x")), 1e-12);
        assertTrue(Double.isNaN(Agreement.cohensKappa(List.of("x", "x"), List.of("x", "x"))));
        // Systematic disagreement on a balanced set: p_o = 0, p_e = 0.5, kappa = -1.
        assertEquals(-1.0, Agreement.cohensKappa(List.of("x", "y"), List.of("y", "x")), 1e-12);
    }

    @Test
    void krippendorffAlphaOnKrippendorffsBinaryTwoCoderExample() {
        // Krippendorff (2011), section A: two observers, ten units, binary data; alpha = 0.095.
        // Hand: n = 20, n_0 = 14, n_1 = 6, o_01 = o_10 = 4. alpha = 1 - 19 * 8 / (2 * 14 * 6) = 1 - 152/168 = 0.0952.
        int[] a = {0, 1, 0, 0, 0, 0, 0, 0, 1, 0};
        int[] b = {1, 1, 1, 0, 0, 1, 0, 0, 0, 0};
        List<List<String>> units = new ArrayList<>();
        for (int i = 0; i < a.length; i++) units.add(List.of(String.valueOf(a[i]), String.valueOf(b[i])));
        assertEquals(1 - 152.0 / 168.0, Agreement.krippendorffAlphaNominal(units), 1e-12);
        assertEquals(0.095, Agreement.krippendorffAlphaNominal(units), 5e-4);
    }

    @Test
    void krippendorffAlphaOnKrippendorffsFourCoderExampleWithMissingValues() {
        // Krippendorff (2011), section C: four observers, twelve units, values 1-5, missing data; nominal alpha = 0.743.
        String[][] coders = {
                {"1", "2", "3", "3", "2", "1", "4", "1", "2", null, null, null},
                {"1", "2", "3", "3", "2", "2", "4", "1", "2", "5", null, "3"},
                {null, "3", "3", "3", "2", "3", "4", "2", "2", "5", "1", null},
                {"1", "2", "3", "3", "2", "4", "4", "1", "2", "5", "1", null}};
        List<List<String>> units = new ArrayList<>();
        for (int u = 0; u < 12; u++) {
            List<String> unit = new ArrayList<>();
            for (String[] c : coders) unit.add(c[u]);
            units.add(unit);
        }
        assertEquals(0.743, Agreement.krippendorffAlphaNominal(units), 5e-4);
    }

    @Test
    void clopperPearsonMatchesTheClosedFormAtTheEdgesAndTheTablesInside() {
        // k = 0: upper = 1 - (alpha/2)^(1/n); n = 10: 1 - 0.025^0.1 = 0.308497.
        double[] zero = PositionBias.clopperPearson(0, 10, 0.95);
        assertEquals(0.0, zero[0], 0);
        assertEquals(1 - Math.pow(0.025, 0.1), zero[1], 1e-9);
        // k = n: lower = (alpha/2)^(1/n).
        double[] all = PositionBias.clopperPearson(10, 10, 0.95);
        assertEquals(Math.pow(0.025, 0.1), all[0], 1e-9);
        assertEquals(1.0, all[1], 0);
        // 5 of 10: the tabled exact interval (0.1871, 0.8129), symmetric about 0.5.
        double[] half = PositionBias.clopperPearson(5, 10, 0.95);
        assertEquals(0.1871, half[0], 1e-4);
        assertEquals(0.8129, half[1], 1e-4);
        assertEquals(1.0, half[0] + half[1], 1e-9);
    }

    @Test
    void positionBiasCountsLeftAmongDecisiveVerdictsOnly() {
        List<Verdict> v = new ArrayList<>();
        v.addAll(Collections.nCopies(9, Verdict.LEFT));
        v.add(Verdict.RIGHT);
        v.addAll(Collections.nCopies(3, Verdict.TIE));
        v.add(Verdict.SKIP);
        PositionBias pb = PositionBias.of(v);
        assertEquals(9, pb.left());
        assertEquals(1, pb.right());
        assertEquals(3, pb.ties());
        assertEquals(0.9, pb.share(), 1e-12);
        // 9 of 10: lower = Beta(9, 2) quantile 0.025 = 0.5550 (tabled), upper = Beta(10, 1) quantile 0.975 = 0.975^(1/10).
        assertEquals(0.5550, pb.low(), 1e-4);
        assertEquals(Math.pow(0.975, 0.1), pb.high(), 1e-9);
        assertTrue(pb.significant());
        assertFalse(PositionBias.of(List.of(Verdict.LEFT, Verdict.RIGHT)).significant());
        assertTrue(Double.isNaN(PositionBias.of(List.of(Verdict.TIE)).share()));
    }

    @Test
    void winRatesCountTiesAsHalfAndLeaveOutSameAuthorPairs() {
        List<WinRate.Comparison> cs = List.of(
                new WinRate.Comparison("model", "teacher", "teacher"),
                new WinRate.Comparison("teacher", "model", "teacher"),
                new WinRate.Comparison("model", "teacher", "model"),
                new WinRate.Comparison("model", "teacher", null),
                new WinRate.Comparison("model", "model", "model"));
        List<WinRate> r = WinRate.rank(cs);
        assertEquals(2, r.size());
        // teacher: 2 wins, 1 loss, 1 tie of 4 -> (2 + 0.5) / 4 = 0.625; model: 1, 2, 1 -> 1.5 / 4 = 0.375.
        assertEquals(new WinRate("teacher", 2, 1, 1), r.get(0));
        assertEquals(0.625, r.get(0).rate(), 1e-12);
        assertEquals(new WinRate("model", 1, 2, 1), r.get(1));
        assertEquals(0.375, r.get(1).rate(), 1e-12);
    }

    @Test
    void rewardAgreementCountsOnlyPairsWithRewardsOnBothSides() {
        RewardAgreement ra = RewardAgreement.of(List.of(
                new RewardAgreement.Preference(0.8, 0.2),
                new RewardAgreement.Preference(0.5, 0.4),
                new RewardAgreement.Preference(0.1, 0.3),
                new RewardAgreement.Preference(0.3, 0.3),
                new RewardAgreement.Preference(null, 0.3),
                new RewardAgreement.Preference(0.9, null)));
        assertEquals(new RewardAgreement(4, 2, 1, 1, 2), ra);
        assertEquals(2.0 / 3.0, ra.share(), 1e-12);
    }

    @Test
    void measuresCompareAnnotatorsWhoSawAPairTheOtherWayRound() {
        // Self-edits 1, 2 by "model"; 3, 4 by "teacher". Passage 10 has pairs 1-3 and 2-4; passage 11 has 1-2.
        Map<Long, String> author = Map.of(1L, "model", 2L, "model", 3L, "teacher", 4L, "teacher");
        Map<Long, Double> reward = Map.of(1L, 0.2, 3L, 0.6, 4L, 0.1);
        List<PairJudgement> js = List.of(
                new PairJudgement("ann", 10, 1, 3, Verdict.RIGHT),   // prefers 3 (teacher)
                new PairJudgement("bob", 10, 3, 1, Verdict.LEFT),    // prefers 3, seen reversed
                new PairJudgement("ann", 10, 2, 4, Verdict.LEFT),    // prefers 2 (model)
                new PairJudgement("bob", 10, 4, 2, Verdict.LEFT),    // prefers 4: disagrees
                new PairJudgement("ann", 11, 1, 2, Verdict.SKIP),
                new PairJudgement("ann", 11, 1, 2, Verdict.TIE),     // the later judgement replaces the skip
                new PairJudgement("bob", 11, 2, 1, Verdict.SKIP));
        AnnotationMeasures m = AnnotationMeasures.compute(js, author::get, reward::get);

        assertEquals(2, m.annotators().size());
        var ann = m.annotators().get(0);
        assertEquals("ann", ann.annotator());
        assertEquals(3, ann.judged());
        assertEquals(1, ann.left());
        assertEquals(1, ann.right());
        assertEquals(1, ann.ties());
        assertEquals(0, ann.skipped());
        var bob = m.annotators().get(1);
        assertEquals(2, bob.judged());
        assertEquals(2, bob.left());
        assertEquals(1, bob.skipped());
        // Overall: left 3 (ann 1, bob 2), right 1, ties 1.
        assertEquals(3, m.positionBias().left());
        assertEquals(1, m.positionBias().right());
        assertEquals(0.75, m.positionBias().share(), 1e-12);

        // ann and bob both judged 1-3 and 2-4: agree on one of two. Labels ann (second, first) vs bob (second, second):
        // p_o = 0.5, p_e = 0.5*1 + 0.5*0 = 0.5 -> kappa 0.
        assertEquals(1, m.agreements().size());
        var pa = m.agreements().get(0);
        assertEquals(2, pa.pairs());
        assertEquals(0.5, pa.percent(), 1e-12);
        assertEquals(0.0, pa.kappa(), 1e-12);
        assertEquals(2, m.alphaUnits());

        // Ranking over cross-author pairs: 1-3 twice (teacher wins twice), 2-4 twice (model once, teacher once).
        assertEquals(new WinRate("teacher", 3, 1, 0), m.ranking().get(0));
        assertEquals(new WinRate("model", 1, 3, 0), m.ranking().get(1));

        // Rewards: preferred 3 (0.6) over 1 (0.2) twice -> agree 2; 2 has no reward -> ann's 2-4 lacks one;
        // bob preferred 4 (0.1) over 2 (none) -> lacks one.
        assertEquals(new RewardAgreement(2, 2, 0, 0, 2), m.reward());
    }
}
