package org.sealworkbench.ui.rl;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

/**
 * One passage of one RL round in the rewards table: its k self-edits, each one's reward as it arrives (null until
 * then), the unadapted baseline, and the chosen best (-1 until chosen). Immutable; an update is a new row.
 */
public record RewardRow(int round, long passageId, String title, int index, int of, List<Long> selfEditIds, List<String> texts,
                        List<Double> rewards, Double baseline, int best, boolean kept) {
    public RewardRow {
        selfEditIds = List.copyOf(selfEditIds);
        texts = List.copyOf(texts);
        rewards = Collections.unmodifiableList(new ArrayList<>(rewards)); // nulls allowed: not computed yet
    }

    /** A passage whose self-edits exist and whose rewards are still to come. */
    static RewardRow of(int round, long passageId, String title, int index, int of, List<Long> ids, List<String> texts) {
        return new RewardRow(round, passageId, title, index, of, ids, texts, Collections.nCopies(ids.size(), null), null, -1, false);
    }

    public int k() {
        return selfEditIds.size();
    }

    RewardRow withBaseline(double accuracy) {
        return new RewardRow(round, passageId, title, index, of, selfEditIds, texts, rewards, accuracy, best, kept);
    }

    RewardRow withReward(int i, double reward) {
        List<Double> r = new ArrayList<>(rewards);
        r.set(i, reward);
        return new RewardRow(round, passageId, title, index, of, selfEditIds, texts, r, baseline, best, kept);
    }

    RewardRow withBest(int i, boolean keep) {
        return new RewardRow(round, passageId, title, index, of, selfEditIds, texts, rewards, baseline, i, keep);
    }

    /** How many of the k rewards are in. */
    public int rewardsIn() {
        return (int) rewards.stream().filter(x -> x != null).count();
    }

    /** The self-edit ids ordered by reward, best first (the earliest wins ties, as ReST-EM's choice); unrewarded ones last. */
    public List<Long> rankedIds() {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < k(); i++) order.add(i);
        order.sort(Comparator.comparing((Integer i) -> rewards.get(i) == null ? Double.NEGATIVE_INFINITY : rewards.get(i)).reversed());
        return order.stream().map(selfEditIds::get).toList();
    }

    /**
     * "50.0 %" (the reward, a share of the questions answered, in percent as Charts &gt; RL and the reports show it) or
     * "…" while it is computed.
     */
    public String rewardText(int i) {
        if (i >= k()) return "";
        Double r = rewards.get(i);
        return r == null ? "…" : percent(r);
    }

    /** A reward or baseline in [0, 1] as the app's percent with one decimal, as Charts shows it: "33.3 %". */
    public static String percent(double share) {
        return org.sealworkbench.ui.charts.ChartFactory.percent(share);
    }

    /** "#2 (50.0 %)" with "not kept" when it did not beat the baseline and the settings drop such passages. */
    public String bestText() {
        if (best < 0) return "…";
        return "#" + (best + 1) + " (" + rewardText(best) + ")" + (kept ? "" : ", not kept");
    }

    public String baselineText() {
        return baseline == null ? "…" : percent(baseline);
    }
}
