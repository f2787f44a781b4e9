package org.sealworkbench.llm;

import org.sealworkbench.llm.lora.LoraAdapter;
import org.sealworkbench.llm.lora.LoraConfig;
import org.sealworkbench.llm.model.LlamaModel;
import org.sealworkbench.llm.model.ModelShapes;
import org.sealworkbench.llm.training.LossMask;
import org.sealworkbench.llm.training.LrSchedule;
import org.sealworkbench.llm.training.SftExample;
import org.sealworkbench.llm.training.TrainSettings;
import org.sealworkbench.llm.training.TrainableModel;
import org.sealworkbench.llm.training.Trainer;

import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.sealworkbench.app.Offline;

import java.io.IOException;
import java.util.List;


/**
 * Native memory must not grow across steps: resident memory after 1,000 LoRA steps of a tiny model ~
 * resident memory at step 100, in a child JVM that only native memory can grow ({@link ChildRss}).
 */
@Tag("slow")
class TrainingMemoryTest {
    static final int STEPS = 1000;

    /** The child: trains and prints "rss STEP BYTES" after every step. */
    public static void main(String[] args) {
        Offline.enforce();
        try (NDManager nd = NDManager.newBaseManager(); LlamaModel m = LlamaModel.random(ModelShapes.of("qwen2", "tiny", 64), 2, nd)) {
            List<SftExample> data = TrainerTest.data(8, 64, 4);
            TrainSettings s = TrainSettings.defaults().withEpochs(STEPS / 4).withBatch(2, 1).withLr(1e-3, LrSchedule.Kind.COSINE, 10)
                    .withMask(LossMask.PROMPT);
            try (LoraAdapter a = LoraAdapter.create("mem", m.linears(), LoraConfig.of(8, 16, 0.1, LoraConfig.ALL_PROJECTIONS), 1, nd)) {
                a.attach(m.linears());
                try (Trainer tr = new Trainer(TrainableModel.of(m), a.parameters(), s, 0)) {
                    tr.run(data, info -> System.out.println("rss " + info.step() + " " + ProcMemory.rss()), null);
                }
            }
        }
    }

    @Test
    void residentMemoryIsFlatOverAThousandSteps() throws IOException, InterruptedException {
        // C1 only (ChildRss): the optimising compiler (C2) keeps compiling the step's Java code for thousands of steps, and
        // its code and working memory are resident too: with it, resident memory rose 8-20 MiB over the 1,000 steps on
        // this code and on the code before issue 19's changes alike (once past this test's bound, in CI); with C1 only it
        // stayed within 269-274 MiB from step 100 to 1,000 in three runs. What this test looks for, native memory of the
        // engine that grows per step, is the same under either compiler.
        long[] rss = ChildRss.run(TrainingMemoryTest.class, 96, STEPS);
        // A leak grows with every step. The allocator settles in over the first few hundred steps (batches of different
        // lengths; seen: +12 to +17 MiB by step 400, then flat). Resident memory also takes one-time steps of 2-8 MiB at
        // data-dependent points (seen around step 850-1000, on the code before issue 19's changes as well as after; the
        // allocator or the JIT), which grow one quarter only. So: a leak of 16 KiB/step or more grows both quarters of the
        // last half by 4 MiB or more, and the last half stays under 12 MiB (24 KiB/step). Leaks of NDArrays are caught
        // exactly, by count, in InnerLoopMemoryTest and BatchedInnerLoopMemoryTest.
        ChildRss.assertFlat(rss, "step", 1, 4);
    }
}
