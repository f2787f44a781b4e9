package org.sealworkbench.jobs.annotate;

import java.nio.file.Path;
import java.util.List;
import org.sealworkbench.data.Passage;
import org.sealworkbench.data.Question;
import org.sealworkbench.store.AuthorKind;
import org.sealworkbench.store.ExperimentLog;
import org.sealworkbench.store.NewSelfEdit;

/**
 * A small workspace for annotation tests and screenshots: three passages, each with two self-edits by the
 * model "seal-tiny" and one imported from the model "teacher"; rewards on the model's self-edits of the
 * first two passages and on the teacher's of the first.
 */
public final class AnnotationFixture {
    private AnnotationFixture() {}

    public static final String[][] PASSAGES = {
            {"Lighthouses", "A lighthouse warns ships of rocks with a bright lamp. The Eddystone light was first lit in 1698."},
            {"Glaciers", "Glaciers are rivers of ice that carve valleys over centuries. The Aletsch is the longest in the Alps."},
            {"Sourdough", "Sourdough rises thanks to wild yeast and lactic bacteria. A starter is fed flour and water daily."}};

    public static final String[][] EDITS = {
            {"A lighthouse warns ships of rocks.\nThe Eddystone light was first lit in 1698.",
                    "Lighthouses use a bright lamp.\nShips are warned of rocks by lighthouses.",
                    "Q: What does a lighthouse warn ships of? A: Rocks.\nQ: When was the Eddystone light first lit? A: In 1698."},
            {"Glaciers are rivers of ice.\nThe Aletsch is the longest glacier in the Alps.",
                    "Glaciers carve valleys over centuries.\nIce moves slowly.",
                    "Q: What do glaciers carve? A: Valleys.\nQ: Which is the longest glacier in the Alps? A: The Aletsch."},
            {"Sourdough rises thanks to wild yeast.\nA starter is fed flour and water.",
                    "Lactic bacteria and wild yeast make sourdough rise.\nStarters are fed daily.",
                    "Q: What makes sourdough rise? A: Wild yeast and lactic bacteria.\nQ: How often is a starter fed? A: Daily."}};

    /** Writes the workspace into dir and closes it. */
    public static void create(Path dir) {
        create(dir, new int[] {3, 3, 3});
    }

    /**
     * Like {@link #create(Path)} with only the first editsPerPassage[p] self-edits of each passage (in the order
     * model, model, teacher); {2, 2, 3} gives 1 + 1 + 3 = 5 pairs.
     */
    public static void create(Path dir, int[] editsPerPassage) {
        try (ExperimentLog log = ExperimentLog.open(dir)) {
            long model = log.addModel("assets/models/seal-tiny", "llama", "seal-tiny", null);
            long teacher = log.findOrAddModel("teacher", null, "teacher");
            for (int p = 0; p < PASSAGES.length; p++) {
                long pid = log.addPassage(new Passage(PASSAGES[p][0], PASSAGES[p][1],
                        List.of(new Question("What is it about?", PASSAGES[p][0]))), "fixture.json");
                int n = editsPerPassage[p];
                long a = log.addSelfEdit(NewSelfEdit.byModel(pid, EDITS[p][0], model, "implications", "prompt", "{}"));
                long b = log.addSelfEdit(NewSelfEdit.byModel(pid, EDITS[p][1], model, "implications", "prompt", "{}"));
                long t = n < 3 ? -1 : log.addSelfEdit(new NewSelfEdit(pid, EDITS[p][2], AuthorKind.IMPORT, teacher, null, null,
                        null, null, "teacher.jsonl"));
                if (p < 2) {
                    log.addReward(a, null, List.of(), 0.5 + 0.1 * p);
                    log.addReward(b, null, List.of(), 0.2);
                }
                if (p == 0 && t > 0) log.addReward(t, null, List.of(), 0.8);
            }
        }
    }
}
