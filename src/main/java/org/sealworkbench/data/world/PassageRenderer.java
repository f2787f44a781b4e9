package org.sealworkbench.data.world;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sealworkbench.data.Passage;
import org.sealworkbench.data.Question;

/**
 * Renders an entity as a SQuAD-style passage: a lead sentence with the full name, then every fact in
 * varied phrasing (random templates, shuffled order, pronouns, aliases, some facts combined into one
 * sentence), 3-8 sentences in all, with one question per fact (at most 6) whose gold answer is stated.
 * The same (entity, seed) always renders the same text.
 */
public final class PassageRenderer {
    public static final int MIN_SENTENCES = 3;
    public static final int MAX_SENTENCES = 8;
    public static final int MAX_QUESTIONS = 6;

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z_]+)}");
    private static final Pattern A_BEFORE_VOWEL = Pattern.compile("\\b([Aa]) (?=[AEIOUaeiou])");

    private PassageRenderer() {}

    /** The passage of an entity for a seed; the sentences, joined by spaces, are its context. */
    public static Passage passage(Entity e, long seed) {
        Random r = new Random(seed);
        List<String> sentences = sentences(e, r);
        return new Passage(e.title(), String.join(" ", sentences), questions(e, r));
    }

    /** The context sentences of a rendering: always between {@link #MIN_SENTENCES} and {@link #MAX_SENTENCES}. */
    public static List<String> sentences(Entity e, Random r) {
        return sentences(e, r, false);
    }

    /**
     * The context sentences of {@code passage(e, seed)} with every reference to the entity (pronoun, short
     * name, alias) written as its full name, and sentences joined by ", and" split in two: the passage's own
     * phrasing as self-contained lines, which is what a good self-edit of it looks like. The random draws are
     * the passage's, so the templates, order and values are the same.
     */
    public static List<String> explicitSentences(Entity e, long seed) {
        return sentences(e, new Random(seed), true);
    }

    private static List<String> sentences(Entity e, Random r, boolean explicit) {
        for (int attempt = 0; attempt < 20; attempt++) {
            int[] splits = new int[1];
            List<String> s = attempt(e, r, true, explicit, splits);
            int n = s.size() - splits[0];
            if (n >= MIN_SENTENCES && n <= MAX_SENTENCES) return s;
        }
        return attempt(e, r, false, explicit, new int[1]); // plain: lead + one sentence per fact, always in range
    }

    /** One question per fact (a random subset of at most {@link #MAX_QUESTIONS}), in fact order. */
    public static List<Question> questions(Entity e, Random r) {
        List<Fact> facts = new ArrayList<>(e.facts());
        while (facts.size() > MAX_QUESTIONS) facts.remove(r.nextInt(facts.size()));
        List<Question> qs = new ArrayList<>();
        for (Fact f : facts) qs.add(question(e, f, r));
        return qs;
    }

    public static Question question(Entity e, Fact f, Random r) {
        return question(e, f, pick(f.type().questions(), r));
    }

    /** A question from a given template of the fact's type. */
    public static Question question(Entity e, Fact f, String template) {
        return new Question(finish(template.replace("{N}", e.mention())), f.answer());
    }

    /**
     * A single self-contained sentence stating one fact with the entity's full name (no pronouns), in a
     * random phrasing: the form of a restatement or of a good self-edit line.
     */
    public static String restatement(Entity e, Fact f, Random r) {
        return fill(pick(f.type().sentences(), r), e, f, new Refs(e, r, true));
    }

    /** @param splits out: how many combined sentences were written as two (explicit mode only) */
    private static List<String> attempt(Entity e, Random r, boolean varied, boolean explicit, int[] splits) {
        List<Fact> todo = new ArrayList<>(e.facts());
        Collections.shuffle(todo, r);
        todo.sort(Comparator.comparingInt(f -> f.type().phase()));
        Refs refs = new Refs(e, r, false);
        refs.explicit = explicit;
        List<String> out = new ArrayList<>();

        List<Template> leads = KindTemplates.LEADS.get(e.kind()).stream().filter(t -> t.fits(e)).toList();
        Template lead = varied ? pick(leads, r) : leads.stream().min(Comparator.comparingInt(t -> t.covers().size())).orElseThrow();
        out.add(fill(lead.text(), e, null, refs));
        todo.removeIf(f -> lead.covers().contains(f.type()));
        refs.firstDone = true;

        Set<FactType> done = new HashSet<>(lead.covers());
        while (!todo.isEmpty()) {
            Fact f = todo.remove(0);
            Template combo = varied && r.nextDouble() < 0.3 ? combined(e, f, done, r) : null;
            if (combo != null) {
                out.add(fill(combo.text(), e, null, refs));
                done.addAll(combo.covers());
                todo.removeIf(x -> combo.covers().contains(x.type()));
                continue;
            }
            done.add(f.type());
            String t = pick(f.type().sentences(), r);
            if (varied && !todo.isEmpty() && t.startsWith("{S} ") && r.nextDouble() < 0.25) {
                Fact g = todo.get(0);
                String u = pick(g.type().sentences(), r);
                if (u.startsWith("{S} ")) {
                    todo.remove(0);
                    done.add(g.type());
                    String first = fill(t, e, f, refs);
                    if (explicit) {
                        out.add(first);
                        out.add(fill(u.replace("{S} ", e.mention() + " "), e, g, refs));
                        splits[0]++;
                        continue;
                    }
                    String second = fill(u.replace("{S} ", e.pronoun().subject() + " "), e, g, refs);
                    second = Character.toLowerCase(second.charAt(0)) + second.substring(1); // a pronoun
                    out.add(first.substring(0, first.length() - 1) + ", and " + second);
                    continue;
                }
            }
            out.add(fill(t, e, f, refs));
        }
        return out;
    }

    /** A combined template that states {@code f} and only facts not yet stated, or null. */
    private static Template combined(Entity e, Fact f, Set<FactType> done, Random r) {
        List<Template> fits = KindTemplates.COMBINED.get(e.kind()).stream()
                .filter(t -> t.fits(e) && t.covers().contains(f.type()) && t.covers().stream().noneMatch(done::contains))
                .toList();
        return fits.isEmpty() ? null : pick(fits, r);
    }

    private static String fill(String template, Entity e, Fact fact, Refs refs) {
        // "By trade, the poet was a poet": an alias that gives the value away is not used for that fact.
        refs.aliasAllowed = fact == null || !e.alias().contains(fact.text());
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String key = m.group(1);
            String value = switch (key) {
                case "S" -> refs.subject();
                case "P" -> refs.possessive();
                case "p" -> e.pronoun().possessive();
                case "O" -> refs.object();
                case "N" -> e.mention();
                case "A" -> e.noun();
                case "V" -> fact.text();
                default -> e.fact(FactType.valueOf(key)).orElseThrow().text();
            };
            m.appendReplacement(sb, Matcher.quoteReplacement(value));
        }
        m.appendTail(sb);
        return finish(sb.toString());
    }

    /** Capitalises the first letter and writes "an" before a vowel. */
    private static String finish(String s) {
        s = A_BEFORE_VOWEL.matcher(s).replaceAll("$1n ");
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static <T> T pick(List<T> list, Random r) {
        return list.get(r.nextInt(list.size()));
    }

    /** Chooses how to refer to the entity: full name first, then name, short name, pronoun or alias. */
    private static final class Refs {
        private final Entity e;
        private final Random r;
        private final boolean fullNameOnly;
        boolean firstDone;
        boolean aliasAllowed = true;
        boolean explicit;

        Refs(Entity e, Random r, boolean fullNameOnly) {
            this.e = e;
            this.r = r;
            this.fullNameOnly = fullNameOnly;
        }

        // Explicit mode makes exactly the draws of the normal mode, then answers with the full name.
        String subject() {
            if (fullNameOnly || !firstDone) return e.mention();
            double x = r.nextDouble();
            String ref = x < 0.35 ? name() : x < 0.75 || !aliasAllowed ? e.pronoun().subject() : e.alias();
            return explicit ? e.mention() : ref;
        }

        String possessive() {
            if (fullNameOnly || !firstDone) return e.mention() + "'s";
            double x = r.nextDouble();
            String ref = x < 0.35 ? name() + "'s" : x < 0.75 || !aliasAllowed ? e.pronoun().possessive() : e.alias() + "'s";
            return explicit ? e.mention() + "'s" : ref;
        }

        String object() {
            if (fullNameOnly || !firstDone) return e.mention();
            String ref = r.nextDouble() < 0.6 || !aliasAllowed ? name() : e.alias();
            return explicit ? e.mention() : ref;
        }

        private String name() {
            return r.nextBoolean() ? e.shortName() : e.mention();
        }
    }
}
