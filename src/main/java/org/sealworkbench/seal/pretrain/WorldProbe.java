package org.sealworkbench.seal.pretrain;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import org.sealworkbench.data.Passage;
import org.sealworkbench.data.Question;
import org.sealworkbench.data.world.Entity;
import org.sealworkbench.data.world.Fact;
import org.sealworkbench.data.world.Part;
import org.sealworkbench.data.world.PassageRenderer;
import org.sealworkbench.util.Seeds;
import org.sealworkbench.data.world.World;
import org.sealworkbench.seal.Grader;
import org.sealworkbench.seal.PromptTemplates;

/**
 * Where a world model's SEAL effect is lost: the inner loop on texts we write ourselves from the world's facts
 * (oracle self-edits) beside the passage alone and the model's own self-edit. If oracle restatements beat the
 * passage but the model's own self-edit does not, the model's self-edits are the bottleneck (it does not copy
 * the passage's facts); if nothing beats the passage, facts learnt by the inner loop are not retrievable by the
 * question at all. Also measures how many gold answers the model's self-edit contains, and closed-book accuracy on
 * the model's own pretraining entities (did pretraining store facts retrievably?).
 */
public final class WorldProbe {
    public static final List<String> MEASURES = List.of("closed-book", "passage in context", "inner loop: passage only",
            "passage + 1 restatement per fact", "passage + 3 restatements per fact", "passage + explicit-name sentences",
            "passage + a thorough demonstration", "passage + gold question/answer pairs", "passage + own self-edit", "closed-book on pretraining entities",
            "gold answers found in own self-edit");

    /** One measure over the probed passages: mean and 95 % t-interval. */
    public record Row(String measure, double mean, double low, double high) {}

    private final World world;
    private final WorldEval eval;
    private final Grader grader;

    public WorldProbe(World world, WorldEval eval, Grader grader) {
        this.world = world;
        this.eval = eval;
        this.grader = grader;
    }

    /** The oracle training texts for an entity's canonical passage, in the order of MEASURES' inner-loop rows. */
    public List<List<String>> oracleSequences(Entity e, Random r) {
        Passage p = WorldCorpus.passage(world, e);
        String passage = p.title() + "\n" + p.context();
        List<String> one = new ArrayList<>();
        List<String> three = new ArrayList<>();
        for (Fact f : e.facts()) {
            one.add(p.title() + "\n" + PassageRenderer.restatement(e, f, r));
            for (int i = 0; i < 3; i++) three.add(p.title() + "\n" + PassageRenderer.restatement(e, f, r));
        }
        List<String> explicit = new ArrayList<>();
        for (String s : WorldCorpus.explicit(world, e, 0)) explicit.add(p.title() + "\n" + s);
        // What the corpus's thorough self-edit demonstrations look like for this passage: the best a model that
        // imitates them can write.
        List<String> thorough = new ArrayList<>();
        for (String line : SelfEditDemos.implications(world, e, p, WorldCorpus.explicit(world, e, 0), SelfEditDemos.Style.THOROUGH,
                r, List.of())) {
            thorough.add(p.title() + "\n" + line);
        }
        List<String> qa = new ArrayList<>();
        for (Question q : p.questions()) qa.add(PromptTemplates.qaPrompt(p.title(), q.question()) + q.answer());
        List<List<String>> out = new ArrayList<>();
        for (List<String> texts : List.of(one, three, explicit, thorough, qa)) {
            List<String> seqs = new ArrayList<>(texts);
            seqs.add(passage);   // as SEAL: the passage is always the last sequence
            out.add(seqs);
        }
        return out;
    }

    /** Probes the first {@code n} validation entities (and as many pretraining entities); one array of MEASURES each. */
    public List<double[]> run(int n, long seed, Consumer<double[]> onPassage) {
        List<Entity> val = world.part(Part.VALIDATION);
        List<Entity> pre = world.part(Part.PRETRAIN);
        List<double[]> out = new ArrayList<>();
        for (int i = 0; i < Math.min(n, val.size()); i++) {
            Entity e = val.get(i);
            long s = Seeds.mix(seed, i);
            Passage p = WorldCorpus.passage(world, e);
            double[] m = new double[MEASURES.size()];
            m[0] = WorldEval.grade(grader, p, eval.answer(p, false));
            m[1] = WorldEval.grade(grader, p, eval.answer(p, true));
            m[2] = WorldEval.grade(grader, p, eval.innerLoop(p, "", s));
            List<List<String>> oracles = oracleSequences(e, new Random(s));
            for (int k = 0; k < oracles.size(); k++) m[3 + k] = WorldEval.grade(grader, p, eval.innerLoopOn(p, oracles.get(k), s));
            String selfEdit = eval.selfEdit(p, s);
            int own = 3 + oracles.size();
            m[own] = WorldEval.grade(grader, p, eval.innerLoop(p, selfEdit, s));
            Passage known = WorldCorpus.passage(world, pre.get(i % pre.size()));
            m[own + 1] = WorldEval.grade(grader, known, eval.answer(known, false));
            m[own + 2] = coverage(p, selfEdit);
            out.add(m);
            if (onPassage != null) onPassage.accept(m);
        }
        return out;
    }

    /** The share of the passage's gold answers that appear verbatim in a text. */
    public static double coverage(Passage p, String text) {
        if (p.questions().isEmpty()) return 0;
        int found = 0;
        for (Question q : p.questions()) if (text.contains(q.answer())) found++;
        return found / (double) p.questions().size();
    }

    public static List<Row> summarise(List<double[]> results) {
        List<Row> rows = new ArrayList<>();
        for (int c = 0; c < MEASURES.size(); c++) {
            double[] x = new double[results.size()];
            for (int i = 0; i < x.length; i++) x[i] = results.get(i)[c];
            double[] m = WorldEval.meanCi(x);
            rows.add(new Row(MEASURES.get(c), m[0], m[1], m[2]));
        }
        return rows;
    }
}
