package org.sealworkbench.seal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * How varied a set of self-edits is, to watch RL's format collapse (issue 16, "Diversity"): distinct-n (Li et al. 2016,
 * "A Diversity-Promoting Objective": distinct n-grams over all n-grams of the set), the mean length in words, and the
 * share of each template-like format. Pure functions on texts; words are lower-cased runs of letters and digits (so
 * punctuation and case do not make two n-grams differ). Written here because these are a few lines each and no
 * library on the classpath has them.
 */
public final class SelfEditDiversity {
    private SelfEditDiversity() {}

    /** The template-like formats a self-edit can take; every text is exactly one. */
    public enum Format {
        /** Question/answer pairs: at least one line starting "Q:" / "Question:" and one starting "A:" / "Answer:". */
        QA_PAIRS("Q/A pairs"),
        /** At least two lines that start with a number and "." or ")" (e.g. "1. ...", "2) ..."), or with a bullet. */
        NUMBERED_LIST("numbered list"),
        /** Anything else. */
        PROSE("prose");

        private final String label;

        Format(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");
    private static final Pattern QUESTION = Pattern.compile("^\\s*(?:\\d+[.)]\\s*)?(?:q|question)\\s*\\d*\\s*[:.)]", Pattern.CASE_INSENSITIVE);
    private static final Pattern ANSWER = Pattern.compile("^\\s*(?:\\d+[.)]\\s*)?(?:a|answer)\\s*\\d*\\s*[:.)]", Pattern.CASE_INSENSITIVE);
    private static final Pattern ITEM = Pattern.compile("^\\s*(?:\\d+\\s*[.)]|[-*\u2022])\\s+\\S");

    /** The words of a text, lower-cased. */
    public static List<String> words(String text) {
        List<String> out = new ArrayList<>();
        var m = WORD.matcher(text.toLowerCase(Locale.ROOT));
        while (m.find()) out.add(m.group());
        return out;
    }

    /**
     * distinct-n of a set of texts: distinct n-grams / all n-grams, counted over all texts together (an n-gram never
     * spans two texts); NaN when the texts have no n-gram at all.
     */
    public static double distinctN(List<String> texts, int n) {
        if (n < 1) throw new IllegalArgumentException("n must be at least 1, got " + n);
        Set<List<String>> distinct = new HashSet<>();
        long total = 0;
        for (String t : texts) {
            List<String> w = words(t);
            for (int i = 0; i + n <= w.size(); i++) {
                distinct.add(List.copyOf(w.subList(i, i + n)));
                total++;
            }
        }
        return total == 0 ? Double.NaN : distinct.size() / (double) total;
    }

    /** Mean length in words; NaN for no texts. */
    public static double meanWords(List<String> texts) {
        if (texts.isEmpty()) return Double.NaN;
        long sum = 0;
        for (String t : texts) sum += words(t).size();
        return sum / (double) texts.size();
    }

    /** The format of one text: Q/A pairs first (a numbered Q/A list is Q/A), then a list, else prose. */
    public static Format format(String text) {
        boolean q = false, a = false;
        int items = 0;
        for (String line : text.split("\\R")) {
            if (QUESTION.matcher(line).find()) q = true;
            else if (ANSWER.matcher(line).find()) a = true;
            if (ITEM.matcher(line).find()) items++;
        }
        if (q && a) return Format.QA_PAIRS;
        if (items >= 2) return Format.NUMBERED_LIST;
        return Format.PROSE;
    }

    /** The share of each format among the texts, in {@link Format}'s order (all zeros for no texts). */
    public static double[] formatShares(List<String> texts) {
        double[] shares = new double[Format.values().length];
        for (String t : texts) shares[format(t).ordinal()]++;
        for (int i = 0; i < shares.length; i++) shares[i] = texts.isEmpty() ? 0 : shares[i] / texts.size();
        return shares;
    }
}
