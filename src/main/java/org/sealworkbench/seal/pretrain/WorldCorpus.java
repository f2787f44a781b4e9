package org.sealworkbench.seal.pretrain;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.sealworkbench.data.Passage;
import org.sealworkbench.data.Question;
import org.sealworkbench.data.world.Entity;
import org.sealworkbench.data.world.Fact;
import org.sealworkbench.data.world.Part;
import org.sealworkbench.data.world.PassageRenderer;
import org.sealworkbench.util.Seeds;
import org.sealworkbench.data.world.World;
import org.sealworkbench.data.world.WorldGenerator;
import org.sealworkbench.data.world.WorldSpec;
import org.sealworkbench.seal.PromptTemplates;

/**
 * The pretraining corpus of seal-tiny: documents about the world's pretraining entities only (held-out
 * entities are never mentioned), in four kinds: passages in several phrasings, closed-book QA in SEAL's
 * answering template, self-edit demonstrations in SEAL's implications or self-qa format, and plain restatements.
 * Documents are shuffled; the same world and spec give the same corpus.
 */
public final class WorldCorpus {
    /** The end-of-text token that separates documents in corpus files; the tokenizer's EOS. */
    public static final String SEPARATOR = "<|endoftext|>";

    private WorldCorpus() {}

    /** The canonical passage of an entity: the one in the world's SEAL JSON files. */
    public static Passage passage(World world, Entity e) {
        return rendering(world, e, 0);
    }

    /** The {@code variant}-th phrasing of an entity's passage (variant 0 is the canonical one). */
    public static Passage rendering(World world, Entity e, int variant) {
        return PassageRenderer.passage(e, Seeds.mix(world.spec().seed(), 100, e.id(), variant));
    }

    /** The sentences of {@link #rendering} with the entity's full name for every reference to it. */
    public static List<String> explicit(World world, Entity e, int variant) {
        return PassageRenderer.explicitSentences(e, Seeds.mix(world.spec().seed(), 100, e.id(), variant));
    }

    public static List<Document> build(World world, CorpusSpec spec) {
        List<Entity> known = world.part(Part.PRETRAIN);
        List<Document> docs = new ArrayList<>();
        for (Entity e : known) {
            Random r = new Random(Seeds.mix(world.spec().seed(), 200, e.id()));
            for (int v = 0; v < spec.renderings(); v++) {
                Passage p = rendering(world, e, v);
                docs.add(new Document(DocumentKind.PASSAGE, p.title() + "\n" + p.context()));
            }
            for (Fact f : e.facts()) {
                List<String> templates = new ArrayList<>(f.type().questions());
                Collections.shuffle(templates, r);
                for (int i = 0; i < Math.min(spec.questionsPerFact(), templates.size()); i++) {
                    Question q = PassageRenderer.question(e, f, templates.get(i));
                    docs.add(new Document(DocumentKind.QA, PromptTemplates.qaPrompt(e.title(), q.question()) + q.answer()));
                }
                for (int i = 0; i < spec.restatementsPerFact(); i++) {
                    docs.add(new Document(DocumentKind.RESTATEMENT, e.title() + "\n" + PassageRenderer.restatement(e, f, r)));
                }
            }
            for (int i = 0; i < spec.selfEditDemos(); i++) {
                // A demo's passage is a phrasing of its own (variant after the renderings), not a copy of one.
                Passage p = rendering(world, e, spec.renderings() + i);
                Entity other = known.get(r.nextInt(known.size()));
                if (selfQa(spec.selfQaShare(), r)) {
                    List<Question> otherQuestions = other == e ? List.of()
                            : other.facts().stream().map(f -> PassageRenderer.question(other, f, r)).toList();
                    List<Question> pairs = SelfEditDemos.selfQa(e, p, SelfEditDemos.style(r), r, otherQuestions);
                    docs.add(new Document(DocumentKind.SELF_QA_DEMO, SelfEditDemos.qaDocument(p, pairs)));
                    continue;
                }
                List<String> otherFacts = other == e ? List.of()
                        : other.facts().stream().map(f -> PassageRenderer.restatement(other, f, r)).toList();
                List<String> lines = SelfEditDemos.implications(world, e, p, explicit(world, e, spec.renderings() + i),
                        SelfEditDemos.style(r), r, otherFacts);
                docs.add(new Document(DocumentKind.SELF_EDIT_DEMO, SelfEditDemos.document(p, lines)));
            }
        }
        for (Entity e : known) {
            // Its own random stream, so adding readings leaves every other document as it was.
            Random r = new Random(Seeds.mix(world.spec().seed(), 400, e.id()));
            for (int i = 0; i < spec.readings(); i++) {
                Passage p = rendering(world, e, spec.renderings() + spec.selfEditDemos() + i);
                docs.add(new Document(DocumentKind.READING, reading(p, r)));
            }
        }
        docs.addAll(freshDocuments(world, spec.freshEntities(), spec.selfQaShare()));
        docs.addAll(copyDocuments(world, spec.copyDocs()));
        docs.addAll(copyDrills(world, spec.copyDrills()));
        Collections.shuffle(docs, new Random(Seeds.mix(world.spec().seed(), 300)));
        return docs;
    }

    /**
     * For each of {@code n} entities of a second world (its own seed): one reading document and one self-edit
     * demonstration, on different phrasings. An entity whose documents would name any entity of the main world
     * is skipped, so nothing about held-out entities (nor a clash with known ones) enters the corpus.
     */
    static List<Document> freshDocuments(World world, int n, double selfQaShare) {
        if (n == 0) return List.of();
        World fresh = WorldGenerator.generate(WorldSpec.of(Seeds.mix(world.spec().seed(), 500), Math.max(WorldSpec.MIN_ENTITIES, n)));
        java.util.regex.Pattern names = namesOf(world);
        List<Document> out = new ArrayList<>();
        for (Entity e : fresh.entities().subList(0, Math.min(n, fresh.entities().size()))) {
            Random r = new Random(Seeds.mix(world.spec().seed(), 600, e.id()));
            Passage read = rendering(fresh, e, 0);
            Passage demo = rendering(fresh, e, 1);
            String a = reading(read, r);
            boolean qa = selfQa(selfQaShare, r);
            String b = qa ? SelfEditDemos.qaDocument(demo, SelfEditDemos.selfQa(e, demo, SelfEditDemos.style(r), r, List.of()))
                    : SelfEditDemos.document(demo, SelfEditDemos.implications(fresh, e, demo, explicit(fresh, e, 1),
                    SelfEditDemos.style(r), r, List.of()));
            if (names.matcher(a).find() || names.matcher(b).find()) continue;
            out.add(new Document(DocumentKind.READING, a));
            out.add(new Document(qa ? DocumentKind.SELF_QA_DEMO : DocumentKind.SELF_EDIT_DEMO, b));
        }
        return out;
    }

    /** Whether the next self-edit demonstration is a self-qa one; draws nothing at share 0, so older corpora stay as they were. */
    private static boolean selfQa(double share, Random r) {
        return share > 0 && r.nextDouble() < share;
    }

    /** Any name or short name of the world's entities, as a whole word. */
    private static java.util.regex.Pattern namesOf(World world) {
        return java.util.regex.Pattern.compile("\\b(" + String.join("|", world.entities().stream()
                .flatMap(e -> java.util.stream.Stream.of(e.title(), e.shortName())).distinct()
                .map(java.util.regex.Pattern::quote).toList()) + ")\\b");
    }

    /**
     * {@code n} rewrite demonstrations about entities of a third world (its own seed): SEAL's rewrite prompt, then the
     * passage verbatim and its explicit-name form, one per line. Skips entities whose text names one of the main world.
     */
    static List<Document> copyDocuments(World world, int n) {
        if (n == 0) return List.of();
        World third = WorldGenerator.generate(WorldSpec.of(Seeds.mix(world.spec().seed(), 700), Math.max(WorldSpec.MIN_ENTITIES, n)));
        java.util.regex.Pattern names = namesOf(world);
        List<Document> out = new ArrayList<>();
        for (Entity e : third.entities().subList(0, Math.min(n, third.entities().size()))) {
            Passage p = rendering(third, e, 0);
            String d = PromptTemplates.REWRITE.render(p.title(), p.context()) + p.context() + "\n" + String.join(" ", explicit(third, e, 0));
            if (!names.matcher(d).find()) out.add(new Document(DocumentKind.REWRITE_DEMO, d));
        }
        return out;
    }

    /** The first line of every copy drill (how the pretrainer recognises them for {@code --copy-first}). */
    public static final String DRILL_HEADER = "Repeat the list:";

    /**
     * {@code n} copy drills: {@value #DRILL_HEADER}, then 8 to 24 names and gold answers of a fourth world's entities
     * (its own seed) in random order, then the same list on the next line. Items that name an entity of the main world
     * are left out.
     */
    static List<Document> copyDrills(World world, int n) {
        if (n == 0) return List.of();
        World fourth = WorldGenerator.generate(WorldSpec.of(Seeds.mix(world.spec().seed(), 800), Math.max(WorldSpec.MIN_ENTITIES, n / 4)));
        java.util.regex.Pattern names = namesOf(world);
        List<String> pool = new ArrayList<>();
        for (Entity e : fourth.entities()) {
            pool.add(e.title());
            for (Question q : rendering(fourth, e, 0).questions()) pool.add(q.answer());
        }
        pool.removeIf(item -> names.matcher(item).find());
        Random r = new Random(Seeds.mix(world.spec().seed(), 900));
        List<Document> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            List<String> items = new ArrayList<>();
            for (int k = 8 + r.nextInt(17); k > 0; k--) items.add(pool.get(r.nextInt(pool.size())));
            String list = String.join(", ", items);
            out.add(new Document(DocumentKind.COPY_DRILL, DRILL_HEADER + "\n" + list + "\n" + list));
        }
        return out;
    }

    /** A passage, a blank line, then up to two of its questions in SEAL's answering template with their answers. */
    static String reading(Passage p, Random r) {
        List<Question> qs = new ArrayList<>(p.questions());
        Collections.shuffle(qs, r);
        StringBuilder sb = new StringBuilder(p.title()).append('\n').append(p.context()).append("\n\n");
        for (int i = 0; i < Math.min(2, qs.size()); i++) {
            if (i > 0) sb.append("\n\n");
            sb.append(PromptTemplates.qaPrompt(p.title(), qs.get(i).question())).append(qs.get(i).answer());
        }
        return sb.toString();
    }

    /** The corpus as one text: every document followed by the separator. */
    public static String text(List<Document> docs) {
        StringBuilder sb = new StringBuilder();
        for (Document d : docs) sb.append(d.text()).append(SEPARATOR);
        return sb.toString();
    }
}
