package org.sealworkbench.seal;

import org.sealworkbench.llm.training.LrSchedule;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.sealworkbench.app.Offline;
import org.sealworkbench.data.Passage;
import org.sealworkbench.data.Question;
import org.sealworkbench.llm.model.Autograd;
import org.sealworkbench.llm.model.LlamaModel;
import org.sealworkbench.llm.io.RandomCheckpoint;
import org.sealworkbench.store.ExperimentLog;

/** Tiny random checkpoints, short passages and small settings for SEAL tests that run the engine. */
final class SealFixtures {
    private SealFixtures() {}

    /** Offline DJL, one PyTorch thread (tiny models; the same count in every JVM keeps results bit-identical). */
    static void engine() {
        Offline.enforce();
        Engine.getInstance();
        JniUtils.setNumThreads(1);
    }

    /** A tiny random Qwen2-shaped checkpoint with a byte-level tokenizer. */
    static Path checkpoint(Path dir, long seed) throws IOException {
        try (NDManager m = NDManager.newBaseManager()) {
            RandomCheckpoint.write(dir, "qwen2", "tiny", seed, "F32", m);
        }
        return dir;
    }

    /** n short passages with two questions each, stored in order (ids ascending). */
    static List<Long> passages(ExperimentLog log, int n) {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Passage p = new Passage("T" + i, "Fact " + i + ": the sky of land " + i + " is col" + (char) ('a' + i) + ".",
                    List.of(new Question("Sky of land " + i + "?", "col" + (char) ('a' + i)), new Question("Which land?", "" + i)));
            ids.add(log.addPassage(p, "fixture"));
        }
        return ids;
    }

    /** Small and fast: short generations, rank-4 LoRA on q/v, 2 epochs, no padding, 2 repeats. */
    static SealSettings settings() {
        GenerationSettings gen = new GenerationSettings(PromptTemplates.IMPLICATIONS, 3, 1.0, 0.95, 10, 7);
        InnerLoopSettings inner = new InnerLoopSettings(new LoraSettings(4, 8, 0.0, InnerLoopSettings.QV),
                new TrainingSettings(5e-2, 2, 1, LrSchedule.Kind.LINEAR, 0, 0.0, 1.0), new SequenceRules(0, false, true, 30), 2, 11);
        EvalSettings eval = new EvalSettings(true, 6, ParityGrader.NAME);
        RlSettings rl = new RlSettings(1, 2, 3, 2, true, new RlSettings.Sft(4, 8, InnerLoopSettings.ALL_PROJECTIONS, 1e-2, 1, 2, true, true), 5);
        return new SealSettings("test", gen, inner, eval, rl);
    }

    /** Logits of the model for some ids, with no gradient recording. */
    static float[] logits(LlamaModel m, long[] ids) {
        float[][] out = new float[1][];
        Autograd.noGrad(() -> {
            try (NDScope s = new NDScope()) {
                NDArray x = m.manager().create(ids, new Shape(1, ids.length));
                out[0] = m.forward(x, false).toFloatArray();
            }
        });
        return out[0];
    }

    /**
     * A deterministic stand-in for a judge on random models, where no string grader would ever say
     * "correct": an answer is correct when a hash of its text is even, so rewards vary between self-edits
     * and repeats and selection has something to select.
     */
    static final class ParityGrader implements Grader {
        static final String NAME = "parity";

        @Override
        public String name() {
            return NAME;
        }

        @Override
        public Grade grade(String question, String gold, String answer) {
            int h = 0;
            for (char c : answer.toCharArray()) h = h * 31 + c;
            return Grade.of((h & 1) == 0, null, NAME);
        }
    }
}
