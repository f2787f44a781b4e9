package org.sealworkbench.seal.annotate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Every measure of the annotation screen and of {@code ./seal annotations}, from the live judgements in
 * the order they were made. When an annotator judged a pair more than once, the last judgement counts; a
 * pair whose last judgement is a skip counts as not judged.
 */
public record AnnotationMeasures(List<AnnotatorCounts> annotators, PositionBias positionBias,
                                 List<PairAgreement> agreements, double krippendorffAlpha, int alphaUnits,
                                 List<WinRate> ranking, RewardAgreement reward) {

    /** One annotator's counts and their own position bias. */
    public record AnnotatorCounts(String annotator, int judged, int left, int right, int ties, int skipped,
                                  PositionBias positionBias) {}

    /** Two annotators on the pairs both judged (ties included as a third label). */
    public record PairAgreement(String annotatorA, String annotatorB, int pairs, double percent, double kappa) {}

    /**
     * @param judgements live judgements, oldest first
     * @param authorOf   the author label of a self-edit id (for the ranking)
     * @param rewardOf   a self-edit's stored reward, or null when it has none
     */
    public static AnnotationMeasures compute(List<PairJudgement> judgements, Function<Long, String> authorOf,
                                             Function<Long, Double> rewardOf) {
        // annotator -> pair -> last judgement
        Map<String, Map<String, PairJudgement>> last = new TreeMap<>();
        for (PairJudgement j : judgements) last.computeIfAbsent(j.annotator(), k -> new LinkedHashMap<>()).put(j.pairKey(), j);

        List<AnnotatorCounts> counts = new ArrayList<>();
        List<Verdict> allVerdicts = new ArrayList<>();
        List<WinRate.Comparison> comparisons = new ArrayList<>();
        List<RewardAgreement.Preference> prefs = new ArrayList<>();
        for (var e : last.entrySet()) {
            int skipped = 0;
            List<Verdict> verdicts = new ArrayList<>();
            for (PairJudgement j : e.getValue().values()) {
                if (j.verdict() == Verdict.SKIP) {
                    skipped++;
                    continue;
                }
                verdicts.add(j.verdict());
                String la = authorOf.apply(j.leftId());
                String ra = authorOf.apply(j.rightId());
                String winner = j.verdict() == Verdict.LEFT ? la : j.verdict() == Verdict.RIGHT ? ra : null;
                comparisons.add(new WinRate.Comparison(la, ra, winner));
                if (j.verdict().decisive()) prefs.add(new RewardAgreement.Preference(rewardOf.apply(j.preferredId()), rewardOf.apply(j.otherId())));
            }
            allVerdicts.addAll(verdicts);
            PositionBias pb = PositionBias.of(verdicts);
            counts.add(new AnnotatorCounts(e.getKey(), verdicts.size(), pb.left(), pb.right(), pb.ties(), skipped, pb));
        }

        List<String> names = new ArrayList<>(last.keySet());
        List<PairAgreement> agreements = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            for (int k = i + 1; k < names.size(); k++) {
                List<String> a = new ArrayList<>();
                List<String> b = new ArrayList<>();
                Map<String, PairJudgement> ja = last.get(names.get(i));
                Map<String, PairJudgement> jb = last.get(names.get(k));
                for (String pair : new TreeSet<>(ja.keySet())) {
                    PairJudgement x = ja.get(pair);
                    PairJudgement y = jb.get(pair);
                    if (y == null || x.outcome() == null || y.outcome() == null) continue;
                    a.add(x.outcome());
                    b.add(y.outcome());
                }
                agreements.add(new PairAgreement(names.get(i), names.get(k), a.size(),
                        a.isEmpty() ? Double.NaN : Agreement.percent(a, b), Agreement.cohensKappa(a, b)));
            }
        }

        Map<String, List<String>> units = new TreeMap<>();
        for (Map<String, PairJudgement> byPair : last.values()) {
            for (PairJudgement j : byPair.values()) {
                if (j.outcome() != null) units.computeIfAbsent(j.pairKey(), k -> new ArrayList<>()).add(j.outcome());
            }
        }
        int pairable = (int) units.values().stream().filter(u -> u.size() >= 2).count();
        double alpha = Agreement.krippendorffAlphaNominal(units.values());

        return new AnnotationMeasures(counts, PositionBias.of(allVerdicts), agreements, alpha, pairable,
                WinRate.rank(comparisons), RewardAgreement.of(prefs));
    }
}
