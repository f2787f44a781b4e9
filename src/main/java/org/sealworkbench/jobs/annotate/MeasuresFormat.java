package org.sealworkbench.jobs.annotate;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.Locale;
import org.sealworkbench.seal.annotate.AnnotationMeasures;
import org.sealworkbench.seal.annotate.PositionBias;
import org.sealworkbench.seal.annotate.RewardAgreement;
import org.sealworkbench.seal.annotate.WinRate;

/** The annotation measures as text (the window's measures panel and {@code ./seal annotations}) and as JSON. */
public final class MeasuresFormat {
    private MeasuresFormat() {}

    public static String text(AnnotationMeasures m) {
        StringBuilder s = new StringBuilder();
        if (m.annotators().isEmpty()) {
            return "No judgements yet. Start a session, judge pairs with 1/2/3, then come back here.\n";
        }
        s.append("Annotators\n");
        s.append(String.format(Locale.ROOT, "  %-12s %6s %5s %5s %4s %7s  %s%n", "annotator", "judged", "left", "right", "tie",
                "skipped", "left share of non-ties [95% CI]"));
        for (var a : m.annotators()) {
            s.append(String.format(Locale.ROOT, "  %-12s %6d %5d %5d %4d %7d  %s%n", a.annotator(), a.judged(), a.left(), a.right(),
                    a.ties(), a.skipped(), bias(a.positionBias())));
        }
        s.append("\nPosition bias (all annotators): ").append(bias(m.positionBias()));
        if (m.positionBias().decisive() > 0) {
            s.append(m.positionBias().significant() ? "\n  the interval leaves out 0.5: sides were not judged evenly"
                    : "\n  consistent with no bias (0.5 inside the interval)");
        }
        s.append("\n\nAgreement on pairs both judged (labels: first better / second better / tie)\n");
        if (m.agreements().isEmpty()) s.append("  needs two annotators\n");
        for (var a : m.agreements()) {
            s.append(String.format(Locale.ROOT, "  %-12s vs %-12s %4d pair(s)  agreement %6s  Cohen's kappa %s%n", a.annotatorA(),
                    a.annotatorB(), a.pairs(), pct(a.percent()), num(a.kappa())));
        }
        if (m.annotators().size() > 2) {
            s.append(String.format(Locale.ROOT, "  Krippendorff's alpha (nominal, all annotators): %s over %d pairs judged by 2 or more%n",
                    num(m.krippendorffAlpha()), m.alphaUnits()));
        }
        s.append("\nAuthors by win rate (ties count half; pairs of one author's own self-edits left out)\n");
        if (m.ranking().isEmpty()) s.append("  no pair set two authors against each other\n");
        int rank = 1;
        for (WinRate w : m.ranking()) {
            s.append(String.format(Locale.ROOT, "  %d. %-24s %s   %d wins, %d losses, %d ties of %d%n", rank++, w.author(),
                    pct(w.rate()), w.wins(), w.losses(), w.ties(), w.comparisons()));
        }
        RewardAgreement r = m.reward();
        s.append("\nHuman preference vs stored reward\n");
        s.append(String.format(Locale.ROOT, "  %d decisive judgements with a reward on both sides (%d without)%n", r.withRewards(),
                r.withoutRewards()));
        if (r.withRewards() > 0) {
            s.append(String.format(Locale.ROOT, "  preferred edit had the higher reward in %d, the lower in %d, equal rewards in %d: %s%n",
                    r.agree(), r.disagree(), r.rewardTies(), pct(r.share())));
        }
        return s.toString();
    }

    private static String bias(PositionBias b) {
        if (b.decisive() == 0) return "no decisive verdicts";
        return String.format(Locale.ROOT, "%s of %d [%s, %s]", pct(b.share()), b.decisive(), pct(b.low()), pct(b.high()));
    }

    private static String pct(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.1f%%", 100 * v);
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.3f", v);
    }

    public static String json(AnnotationMeasures m) {
        JsonObject o = new JsonObject();
        JsonArray anns = new JsonArray();
        for (var a : m.annotators()) {
            JsonObject x = new JsonObject();
            x.addProperty("annotator", a.annotator());
            x.addProperty("judged", a.judged());
            x.addProperty("left", a.left());
            x.addProperty("right", a.right());
            x.addProperty("ties", a.ties());
            x.addProperty("skipped", a.skipped());
            x.add("position_bias", biasJson(a.positionBias()));
            anns.add(x);
        }
        o.add("annotators", anns);
        o.add("position_bias", biasJson(m.positionBias()));
        JsonArray ag = new JsonArray();
        for (var a : m.agreements()) {
            JsonObject x = new JsonObject();
            x.addProperty("annotator_a", a.annotatorA());
            x.addProperty("annotator_b", a.annotatorB());
            x.addProperty("pairs", a.pairs());
            x.addProperty("percent_agreement", finite(a.percent()));
            x.addProperty("cohens_kappa", finite(a.kappa()));
            ag.add(x);
        }
        o.add("agreement", ag);
        o.addProperty("krippendorff_alpha_nominal", finite(m.krippendorffAlpha()));
        o.addProperty("krippendorff_alpha_units", m.alphaUnits());
        JsonArray rank = new JsonArray();
        for (WinRate w : m.ranking()) {
            JsonObject x = new JsonObject();
            x.addProperty("author", w.author());
            x.addProperty("wins", w.wins());
            x.addProperty("losses", w.losses());
            x.addProperty("ties", w.ties());
            x.addProperty("win_rate", finite(w.rate()));
            rank.add(x);
        }
        o.add("ranking", rank);
        JsonObject r = new JsonObject();
        r.addProperty("pairs_with_rewards", m.reward().withRewards());
        r.addProperty("preferred_higher_reward", m.reward().agree());
        r.addProperty("preferred_lower_reward", m.reward().disagree());
        r.addProperty("equal_rewards", m.reward().rewardTies());
        r.addProperty("pairs_without_rewards", m.reward().withoutRewards());
        r.addProperty("share", finite(m.reward().share()));
        o.add("reward_agreement", r);
        return new GsonBuilder().setPrettyPrinting().serializeNulls().create().toJson(o);
    }

    private static JsonObject biasJson(PositionBias b) {
        JsonObject x = new JsonObject();
        x.addProperty("left", b.left());
        x.addProperty("right", b.right());
        x.addProperty("ties", b.ties());
        x.addProperty("left_share", finite(b.share()));
        x.addProperty("ci95_low", finite(b.low()));
        x.addProperty("ci95_high", finite(b.high()));
        x.addProperty("method", "Clopper-Pearson");
        return x;
    }

    /** JSON has no NaN: an undefined measure is null. */
    private static Double finite(double v) {
        return Double.isNaN(v) ? null : v;
    }
}
