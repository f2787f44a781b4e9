package org.sealworkbench.seal.pretrain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sealworkbench.llm.training.LrSchedule;

class ModelCardTest {
    static Path log(Path dir, double[] lrs) throws Exception {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < lrs.length; i++) lines.add("{\"step\":" + (i + 1) + ",\"loss\":1.0,\"lr\":" + lrs[i] + "}");
        return Files.write(dir.resolve("train-log.jsonl"), lines);
    }

    @Test
    void aRunInOneScheduleHasNoStretchAndAResumedLongerRunHasOneWhereItResumed(@TempDir Path dir) throws Exception {
        LrSchedule one = new LrSchedule(LrSchedule.Kind.COSINE, 3e-3, 5, 40);
        double[] single = new double[40];
        for (int i = 0; i < 40; i++) single[i] = one.lr(i);
        assertEquals(List.of(), ModelCard.stretchedAt(log(dir, single), 5), "warmup's rise is not a stretch");

        LrSchedule longer = new LrSchedule(LrSchedule.Kind.COSINE, 3e-3, 5, 70);
        double[] resumed = new double[70];
        for (int i = 0; i < 70; i++) resumed[i] = i < 40 ? one.lr(i) : longer.lr(i);
        assertEquals(List.of(40L), ModelCard.stretchedAt(log(dir, resumed), 5));
        assertEquals(List.of(), ModelCard.stretchedAt(dir.resolve("absent.jsonl"), 5));
    }
}
