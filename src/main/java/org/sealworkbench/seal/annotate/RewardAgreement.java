package org.sealworkbench.seal.annotate;

import java.util.List;

/**
 * How often the self-edit a person preferred is the one with the higher stored reward, over decisive
 * judgements whose two self-edits both have a reward. Pairs with equal rewards are counted apart.
 *
 * @param withRewards decisive judgements with a reward on both sides
 * @param agree       of those, the preferred self-edit had the higher reward
 * @param disagree    of those, the preferred self-edit had the lower reward
 * @param rewardTies  of those, both rewards were equal
 * @param withoutRewards decisive judgements where at least one side had no reward
 */
public record RewardAgreement(int withRewards, int agree, int disagree, int rewardTies, int withoutRewards) {

    /** agree / (agree + disagree); NaN when no pair had different rewards. */
    public double share() {
        return agree + disagree == 0 ? Double.NaN : (double) agree / (agree + disagree);
    }

    /** The rewards of the preferred and the other self-edit of one decisive judgement; null = no reward. */
    public record Preference(Double preferredReward, Double otherReward) {}

    public static RewardAgreement of(List<Preference> prefs) {
        int with = 0, agree = 0, disagree = 0, ties = 0, without = 0;
        for (Preference p : prefs) {
            if (p.preferredReward() == null || p.otherReward() == null) {
                without++;
                continue;
            }
            with++;
            int c = Double.compare(p.preferredReward(), p.otherReward());
            if (c > 0) agree++;
            else if (c < 0) disagree++;
            else ties++;
        }
        return new RewardAgreement(with, agree, disagree, ties, without);
    }
}
