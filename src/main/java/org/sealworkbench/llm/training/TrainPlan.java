package org.sealworkbench.llm.training;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * The deterministic order of a run: optimizer steps, each a list of micro-batches of example indices.
 * Epoch e is shuffled with a generator seeded by (seed, e), so the plan (and with it a resumed run) is a
 * pure function of the settings and the data size: no RNG state needs saving for the data order.
 */
public record TrainPlan(List<Step> steps) {
    public record Step(int epoch, List<List<Integer>> microBatches) {}

    public static TrainPlan of(int examples, TrainSettings s) {
        if (examples <= 0) throw new IllegalArgumentException("no training examples");
        List<Step> steps = new ArrayList<>();
        for (int e = 0; e < s.epochs(); e++) {
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < examples; i++) order.add(i);
            if (s.shuffle()) Collections.shuffle(order, new Random(s.seed() * 1_000_003L + e));
            List<List<Integer>> micro = new ArrayList<>();
            for (int i = 0; i < examples; i += s.batchSize()) micro.add(List.copyOf(order.subList(i, Math.min(examples, i + s.batchSize()))));
            for (int i = 0; i < micro.size(); i += s.gradAccum()) {
                steps.add(new Step(e, List.copyOf(micro.subList(i, Math.min(micro.size(), i + s.gradAccum())))));
            }
        }
        return new TrainPlan(List.copyOf(steps));
    }

    public int size() {
        return steps.size();
    }
}
