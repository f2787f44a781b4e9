package org.sealworkbench.jobs;

import org.sealworkbench.util.Progress;
import org.sealworkbench.util.CancelToken;
import static org.junit.jupiter.api.Assertions.*;

import org.sealworkbench.llm.ComputeDevice;
import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sealworkbench.data.Passage;
import org.sealworkbench.data.Question;
import org.sealworkbench.llm.io.RandomCheckpoint;
import org.sealworkbench.llm.TestEngine;
import org.sealworkbench.seal.Conditions;
import org.sealworkbench.seal.Grade;
import org.sealworkbench.seal.Grader;
import org.sealworkbench.seal.ContainsGrader;
import org.sealworkbench.seal.InnerLoop;
import org.sealworkbench.seal.Presets;
import org.sealworkbench.seal.SealModel;
import org.sealworkbench.seal.SealSettings;
import org.sealworkbench.store.ExperimentLog;
import org.sealworkbench.store.JobRecord;

/** SEAL work as jobs: progress with messages, cancellation between inner loops, the jobs table, resume by rerunning. */
class SealJobsTest {
    @TempDir Path tmp;

    @Test
    void innerLoopBatchCancelsBetweenLoopsAndResumesWithoutRecomputing() throws Exception {
        TestEngine.setUp();
        Path ckpt = tmp.resolve("m");
        try (NDManager nd = NDManager.newBaseManager()) {
            RandomCheckpoint.write(ckpt, "llama", "tiny", 5, "F32", nd);
        }
        SealSettings tiny = Presets.sealTinyCpu();
        try (ExperimentLog log = ExperimentLog.open(tmp.resolve("ws")); SealModel m = SealModel.open(ckpt, log, ComputeDevice.CPU)) {
            long pid = log.addPassage(new Passage("T", "A short fact.", List.of(new Question("Q?", "fact"))), "t");
            // The grader cancels the job's token when it grades the first inner loop's answer: the job must
            // finish that loop (stored) and stop before the next one.
            CancelToken token = new CancelToken();
            ContainsGrader contains = new ContainsGrader();
            Grader cancelling = new Grader() {
                public String name() {
                    return contains.name();
                }

                public Grade grade(String q, String gold, String a) {
                    token.cancel();
                    return contains.grade(q, gold, a);
                }
            };
            InnerLoop inner = new InnerLoop(log, m, tiny, cancelling);
            List<InnerLoop.Spec> specs = new ArrayList<>();
            for (int i = 0; i < 3; i++) specs.add(new InnerLoop.Spec(null, pid, null, "", Conditions.PASSAGE_ONLY, 100 + i));

            List<String> messages = new ArrayList<>();
            List<Double> fractions = new ArrayList<>();
            Progress listener = (d, t, msg) -> {
                messages.add(msg);
                fractions.add(Progress.fraction(d, t));
            };
            assertThrows(JobCancelledException.class, () -> new InnerLoopBatchJob(log, inner, specs).run(listener, token));
            assertTrue(messages.stream().anyMatch(x -> x.startsWith("inner loop 1 of 3")), messages.toString());
            assertTrue(fractions.contains(0.0), fractions.toString());
            JobRecord job = log.jobs().get(0);
            assertEquals("inner loops", job.kind());
            assertEquals("cancelled", job.status());
            assertEquals(1, log.runs().stream().filter(r -> r.status().equals("done")).count());

            InnerLoop plain = new InnerLoop(log, m, tiny, contains);
            List<InnerLoop.Outcome> all = new InnerLoopBatchJob(log, plain, specs).run(Progress.none(), new CancelToken());
            assertEquals(3, all.size());
            assertEquals(3, log.runs().stream().filter(r -> r.status().equals("done")).count(), "the stored run is reused");
            assertEquals(List.of(100L, 101L, 102L), all.stream().map(o -> log.run(o.runId()).orElseThrow().seed()).toList());
            JobRecord second = log.jobs().get(1);
            assertEquals("done", second.status());
            assertEquals(1.0, second.progress());
            assertTrue(second.message().startsWith("3 inner loops, mean accuracy"), second.message());
        }
    }
}
