package org.sealworkbench.seal.pretrain;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.sealworkbench.data.Passage;
import org.sealworkbench.data.Question;
import org.sealworkbench.data.world.Entity;
import org.sealworkbench.data.world.EntityKind;
import org.sealworkbench.data.world.Fact;
import org.sealworkbench.data.world.FactType;
import org.sealworkbench.data.world.PassageRenderer;
import org.sealworkbench.data.world.World;
import org.sealworkbench.seal.PromptTemplates;

/**
 * Self-edit demonstrations for the pretraining corpus: SEAL's implications prompt for a passage, then
 * implications whose quality is uneven on purpose, or SEAL's self-qa prompt, then question-answer pairs of
 * uneven quality. A model pretrained on these writes self-edits of varied usefulness itself, which is what
 * gives SEAL's RL something to select.
 */
public final class SelfEditDemos {
    private SelfEditDemos() {}

    /** The styles of demonstration and how often each is written. */
    public enum Style {
        /**
         * Every fact as its own short sentence with the full name, then each fact restated once or twice more in
         * other words (in the passage's order), plus derived (two-step) lines.
         */
        THOROUGH(0.40),
        /** Only one or two facts. */
        BRIEF(0.15),
        /** A few facts mixed with irrelevant lines and a repeated line. */
        NOISY(0.15),
        /** A preamble line, then a numbered list of some or all facts. */
        NUMBERED(0.15),
        /** The passage's own sentences copied line by line, pronouns and all. */
        COPY(0.15);

        final double weight;

        Style(double weight) {
            this.weight = weight;
        }
    }

    private static final List<String> FILLER = List.of("This passage contains some information.",
            "Many places have a long history.", "There are many interesting things to learn.",
            "People have always told stories about the past.", "Some facts are easier to remember than others.",
            "Travel was slow in the old days.", "Markets bring people together.", "Rivers are useful for trade.",
            "Music is enjoyed by many people.", "Every town has its own customs.", "The passage is short.",
            "Years are counted one after another.", "Names can be hard to remember.");

    public static Style style(Random r) {
        double x = r.nextDouble();
        for (Style s : Style.values()) {
            if (x < s.weight) return s;
            x -= s.weight;
        }
        return Style.THOROUGH;
    }

    /**
     * The implications lines (without the prompt) for an entity's passage in a given style.
     *
     * @param explicit the passage's own sentences with the entity's full name in place of pronouns and aliases
     *                 ({@link PassageRenderer#explicitSentences}): the lines of a good demonstration, so that writing
     *                 one is mostly copying from the passage in context (a skill a small model can learn), while
     *                 the lines it trains on name the entity, which closed-book questions about it need
     */
    public static List<String> implications(World world, Entity e, Passage passage, List<String> explicit, Style style, Random r,
                                            List<String> otherFacts) {
        List<String> facts = new ArrayList<>(explicit);
        List<String> lines = new ArrayList<>();
        switch (style) {
            case THOROUGH -> {
                lines.addAll(facts);
                lines.addAll(restatements(e, passage, r));
                lines.addAll(derived(world, e, r));
            }
            case BRIEF -> {
                Collections.shuffle(facts, r);
                lines.addAll(facts.subList(0, 1 + r.nextInt(2)));
            }
            case NOISY -> {
                Collections.shuffle(facts, r);
                lines.addAll(facts.subList(0, Math.min(facts.size(), 2 + r.nextInt(2))));
                int filler = 1 + r.nextInt(3);
                for (int i = 0; i < filler; i++) lines.add(FILLER.get(r.nextInt(FILLER.size())));
                if (!otherFacts.isEmpty()) lines.add(otherFacts.get(r.nextInt(otherFacts.size())));
                Collections.shuffle(lines, r);
                lines.add(1 + r.nextInt(lines.size()), lines.get(r.nextInt(lines.size())));
            }
            case NUMBERED -> {
                List<String> some = facts.subList(0, Math.max(2, facts.size() - r.nextInt(3)));
                lines.add(r.nextBoolean() ? "Here are the implications:" : "Here is a list of implications:");
                for (int i = 0; i < some.size(); i++) lines.add((i + 1) + ". " + some.get(i));
            }
            case COPY -> {
                for (String s : passage.context().split("(?<=\\.) ")) lines.add(s.strip());
            }
        }
        return lines;
    }

    /**
     * One or two more statements of each fact in the passage, with the full name, in other words (the world's other
     * templates for the fact), ordered as the passage states them. Several phrasings of a fact next to the name are what
     * makes the inner loop store it (seal-tiny's MODEL_NOTES: world-probe's restatement rows beat the passage, the
     * passage's own sentences do not), and following the passage's order keeps each value a short copy away.
     */
    static List<String> restatements(Entity e, Passage passage, Random r) {
        List<String> out = new ArrayList<>();
        for (Fact f : stated(e, passage)) {
            int n = 1 + r.nextInt(2);
            for (int i = 0; i < n; i++) out.add(PassageRenderer.restatement(e, f, r));
        }
        return out;
    }

    /** A whole demonstration document: the prompt, then the lines. */
    public static String document(Passage passage, List<String> lines) {
        return PromptTemplates.IMPLICATIONS.render(passage.title(), passage.context()) + String.join("\n", lines);
    }

    /**
     * The question-answer pairs of a self-qa demonstration for an entity's passage, in a style, using the world's
     * question templates (the ones closed-book questions are written with):
     * <ul>
     * <li>THOROUGH: every fact the passage states, in its order, asked in two or three of its phrasings;</li>
     * <li>BRIEF: one or two facts;</li>
     * <li>NOISY: two or three facts, questions about another entity and a repeated pair, shuffled;</li>
     * <li>NUMBERED: every stated fact once, in one phrasing;</li>
     * <li>COPY: "What does the passage say about ...?" answered with each of the passage's sentences.</li>
     * </ul>
     * On the bundled model the inner loop on such oracle text with every phrasing reached 41 % against 21 % for the
     * passage alone; but a model pretrained with these (run K) wrote mostly wrong pairs (seal-tiny's MODEL_NOTES.md).
     */
    public static List<Question> selfQa(Entity e, Passage passage, Style style, Random r, List<Question> otherQuestions) {
        List<Fact> facts = stated(e, passage);
        List<Question> out = new ArrayList<>();
        switch (style) {
            case THOROUGH -> {
                for (Fact f : facts) {
                    List<String> templates = new ArrayList<>(f.type().questions());
                    Collections.shuffle(templates, r);
                    int n = Math.min(templates.size(), 2 + r.nextInt(2));
                    for (String t : templates.subList(0, n)) out.add(PassageRenderer.question(e, f, t));
                }
            }
            case BRIEF -> {
                Collections.shuffle(facts, r);
                for (Fact f : facts.subList(0, Math.min(facts.size(), 1 + r.nextInt(2)))) out.add(PassageRenderer.question(e, f, r));
            }
            case NOISY -> {
                Collections.shuffle(facts, r);
                for (Fact f : facts.subList(0, Math.min(facts.size(), 2 + r.nextInt(2)))) out.add(PassageRenderer.question(e, f, r));
                List<Question> others = new ArrayList<>(otherQuestions);
                Collections.shuffle(others, r);
                out.addAll(others.subList(0, Math.min(others.size(), 1 + r.nextInt(2))));
                Collections.shuffle(out, r);
                if (!out.isEmpty()) out.add(1 + r.nextInt(out.size()), out.get(r.nextInt(out.size())));
            }
            case NUMBERED -> {
                for (Fact f : facts) out.add(PassageRenderer.question(e, f, r));
            }
            case COPY -> {
                String about = "What does the passage say about " + e.title() + "?";
                for (String s : passage.context().split("(?<=\\.) ")) out.add(new Question(about, s.strip()));
            }
        }
        return out;
    }

    /** The facts of an entity that its passage states, in the order it states them. */
    private static List<Fact> stated(Entity e, Passage passage) {
        String context = passage.context();
        List<Fact> stated = new ArrayList<>(e.facts().stream().filter(f -> context.contains(f.answer())).toList());
        stated.sort(java.util.Comparator.comparingInt(f -> context.indexOf(f.answer())));
        return stated;
    }

    /**
     * A whole self-qa demonstration: SEAL's self-qa prompt (which ends with the pre-filled {@code Question 1: }), then
     * {@code question\nAnswer: answer} pairs, each after the first introduced by {@code Question N: } on a new line:
     * the shape {@code SelfEditSequences} splits into one training sequence per pair.
     */
    public static String qaDocument(Passage passage, List<Question> pairs) {
        return PromptTemplates.SELF_QA.render(passage.title(), passage.context()) + qaCompletion(pairs);
    }

    /** The completion part of {@link #qaDocument}. */
    public static String qaCompletion(List<Question> pairs) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < pairs.size(); i++) {
            if (i > 0) sb.append("\nQuestion ").append(i + 1).append(": ");
            sb.append(pairs.get(i).question()).append("\nAnswer: ").append(pairs.get(i).answer());
        }
        return sb.toString();
    }

    /**
     * Two-step implications: a relation fact joined with a fact of the entity it points at, which the
     * model knows from pretraining ("born in Velmar" + "Velmar lies in Orsk" = "born in the region of Orsk").
     */
    private static final Map<FactType, String[]> VIA_TARGET = Map.of(
            FactType.BIRTHPLACE, new String[] {"REGION", "{E} was born in the region of {X}."},
            FactType.TEACHER, new String[] {"PROFESSION", "{E} was taught by a {X}."},
            FactType.THROUGH_TOWN, new String[] {"REGION", "{E} flows through the region of {X}."},
            FactType.FOUNDER, new String[] {"PROFESSION", "{E} was founded by a {X}."},
            FactType.SEAT, new String[] {"REGION", "{E} is based in the region of {X}."},
            FactType.INVENTOR, new String[] {"PROFESSION", "{E} was invented by a {X}."},
            FactType.FIRST_MADE_IN, new String[] {"REGION", "{E} was first made in the region of {X}."},
            FactType.HABITAT, new String[] {"SOURCE", "{E} lives along a river that rises on {X}."},
            FactType.DISCOVERER, new String[] {"PROFESSION", "{E} was discovered by a {X}."},
            FactType.HELD_IN, new String[] {"REGION", "{E} is held in the region of {X}."});

    /** Lines that follow from the facts without being stated in the passage. */
    private static List<String> derived(World world, Entity e, Random r) {
        List<String> out = new ArrayList<>();
        String name = Character.toUpperCase(e.mention().charAt(0)) + e.mention().substring(1);
        for (Fact f : e.facts()) {
            String[] via = VIA_TARGET.get(f.type());
            if (via == null || !f.isRelation() || !r.nextBoolean()) continue;
            world.entity(f.target()).fact(FactType.valueOf(via[0])).ifPresent(x -> {
                String line = via[1].replace("{E}", name).replace("{X}", x.text());
                out.add(line.replaceAll("\\ba (?=[aeiou])", "an "));
            });
        }
        if (e.kind() == EntityKind.PERSON) {
            var born = e.fact(FactType.BIRTH_YEAR);
            var died = e.fact(FactType.DEATH_YEAR);
            if (born.isPresent() && died.isPresent()) {
                int years = Integer.parseInt(died.get().text()) - Integer.parseInt(born.get().text());
                out.add(e.title() + " lived to the age of about " + years + ".");
            }
        }
        if (r.nextBoolean()) {
            String noun = e.kind() == EntityKind.PERSON ? e.alias().substring(4) : e.noun();
            String article = "aeiou".indexOf(noun.charAt(0)) >= 0 ? "an " : "a ";
            out.add(name + " is " + article + noun + ".");
        }
        return out;
    }
}
