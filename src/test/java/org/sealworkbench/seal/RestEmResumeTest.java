package org.sealworkbench.seal;

import org.sealworkbench.util.Progress;
import static org.junit.jupiter.api.Assertions.*;

import org.sealworkbench.llm.ComputeDevice;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sealworkbench.store.AnswerRecord;
import org.sealworkbench.store.ExperimentLog;
import org.sealworkbench.store.GradeRecord;
import org.sealworkbench.store.RewardRecord;
import org.sealworkbench.store.RunRecord;
import org.sealworkbench.store.SelfEditRecord;

/**
 * ReST-EM killed mid-round in a child JVM, then resumed in this one, ends with exactly the results of an
 * uninterrupted run on a fresh workspace, and computes no stored run twice. About 5 s (two JVMs, a tiny model).
 */
class RestEmResumeTest {
    @TempDir Path tmp;

    private static final int VALIDATION = 1, ROUNDS = 2;

    private static SealSettings settings() {
        SealSettings d = SealFixtures.settings();
        RlSettings r = d.rl();
        // 1 passage per round, k 2, 2 repeats: per round 1 x (2 + 4) + 1 = 7 units of progress.
        RlSettings rl = new RlSettings(ROUNDS, 1, 2, 2, true, r.sft(), r.seed());
        return new SealSettings("test", d.generation(), d.innerLoop(), d.eval(), rl);
    }

    @Test
    void killedAndResumedEqualsUninterrupted() throws Exception {
        SealFixtures.engine();
        Path ckpt = SealFixtures.checkpoint(tmp.resolve("base"), 12);
        Path settingsFile = tmp.resolve("settings.json");
        Files.writeString(settingsFile, settings().toJson());

        // Uninterrupted, in this JVM.
        Path clean = tmp.resolve("clean");
        try (ExperimentLog log = ExperimentLog.open(clean)) {
            SealFixtures.passages(log, VALIDATION + ROUNDS);
            new RestEm(log, settings(), new PassageSplit(VALIDATION), new SealFixtures.ParityGrader(), ComputeDevice.CPU)
                    .run(ckpt, ROUNDS, Progress.none(), () -> false);
        }

        // Killed in a child JVM once some inner loops are stored (one at a time there, so that the kill falls between
        // two of a self-edit's repeats), then resumed here with the default adapter batch (the uninterrupted run's).
        Path killed = tmp.resolve("killed");
        try (ExperimentLog log = ExperimentLog.open(killed)) {
            SealFixtures.passages(log, VALIDATION + ROUNDS);
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-Xmx1g", "-cp", System.getProperty("java.class.path"),
                RestEmChild.class.getName(), killed.toString(), ckpt.toString(), settingsFile.toString(),
                Integer.toString(VALIDATION), Integer.toString(ROUNDS), "1").redirectErrorStream(true).start();
        List<String> seen = new ArrayList<>();
        boolean killedMidway = false;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                seen.add(line);
                // Unit 4 of round 1 starts after 2 inner loops are stored: kill in the middle of the self-edits' repeats.
                if (line.equals("units 4")) {
                    child.destroyForcibly();
                    killedMidway = true;
                    break;
                }
            }
        } finally {
            child.destroyForcibly();
            child.waitFor(30, TimeUnit.SECONDS);
        }
        assertTrue(killedMidway, "the child never got to unit 4: " + seen);
        long storedBeforeResume;
        try (ExperimentLog log = ExperimentLog.open(killed)) {
            storedBeforeResume = doneRuns(log).size();
            assertTrue(storedBeforeResume >= 2, "some runs were stored before the kill: " + storedBeforeResume);
            // Opening marked the killed child's round (and its run in flight) interrupted: "running" means running.
            assertEquals("interrupted", log.rlRounds().get(0).status());
            assertFalse(log.statusCounts("rounds").containsKey("running"), log.statusCounts("rounds").toString());
            assertFalse(log.statusCounts("runs").containsKey("running"), log.statusCounts("runs").toString());
            RestEm resumed = new RestEm(log, settings(), new PassageSplit(VALIDATION), new SealFixtures.ParityGrader(), ComputeDevice.CPU);
            resumed.run(ckpt, ROUNDS, Progress.none(), () -> false);
            assertTrue(resumed.reused() >= storedBeforeResume, "the stored runs were reused, not recomputed");
        }

        try (ExperimentLog a = ExperimentLog.open(clean); ExperimentLog b = ExperimentLog.open(killed)) {
            assertEquals(results(a), results(b));
            assertEquals(rewards(a), rewards(b));
            List<RunRecord> doneA = doneRuns(a), doneB = doneRuns(b);
            assertEquals(doneA.size(), doneB.size(), "no run computed twice");
            assertEquals(2 * (1 + 2 * 2), doneA.size());
            Map<String, Integer> perUnit = new HashMap<>();
            for (RunRecord r : doneB) perUnit.merge(r.condition() + "/" + r.passageId() + "/" + r.selfEditId() + "/" + r.seed(), 1, Integer::sum);
            assertTrue(perUnit.values().stream().allMatch(n -> n == 1), "one done run per unit: " + perUnit);
            assertTrue(b.counts().runs() - doneB.size() <= 1, "at most the run in flight at the kill is left unfinished");
            assertEquals(a.counts().selfEdits(), b.counts().selfEdits(), "no self-edit generated twice");
            assertEquals(a.rlRounds().size(), b.rlRounds().size());
            assertTrue(b.rlRounds().stream().allMatch(r -> r.status().equals("done")));
            // The resumed units closed or superseded every stale row: nothing is left "running".
            for (String table : List.of("runs", "jobs", "rounds")) {
                assertFalse(b.statusCounts(table).containsKey("running"), table + ": " + b.statusCounts(table));
            }
            for (int round = 1; round <= ROUNDS; round++) {
                assertEquals(sha(clean.resolve("models/round-" + round + "/model.safetensors")),
                        sha(killed.resolve("models/round-" + round + "/model.safetensors")), "merged model of round " + round);
            }
            List<Long> parents = b.models().stream().map(m -> m.parentModelId() == null ? -1L : m.parentModelId()).toList();
            assertEquals(List.of(-1L, 1L, 2L), parents, "base -> round-1 -> round-2");
        }
    }

    private static List<RunRecord> doneRuns(ExperimentLog log) {
        return log.runs().stream().filter(r -> r.status().equals("done")).toList();
    }

    /** Every done run as (condition, passage, self-edit text, seed, answers, verdicts), sorted. */
    private static List<String> results(ExperimentLog log) {
        List<String> out = new ArrayList<>();
        for (RunRecord r : doneRuns(log)) {
            String text = r.selfEditId() == null ? "-" : log.selfEdit(r.selfEditId()).map(SelfEditRecord::text).orElseThrow();
            StringBuilder sb = new StringBuilder(r.condition() + "|" + r.passageId() + "|" + text + "|" + r.seed());
            for (AnswerRecord a : log.answersOfRun(r.id())) {
                sb.append("|").append(a.questionId()).append("=").append(a.text());
                for (GradeRecord g : log.grades(a.id())) sb.append(":").append(g.grader()).append(":").append(g.verdict());
            }
            out.add(sb.toString());
        }
        return RestEmTest.sorted(out);
    }

    private static List<String> rewards(ExperimentLog log) {
        List<String> out = new ArrayList<>();
        for (var p : log.passages()) {
            for (SelfEditRecord e : log.selfEdits(p.id())) {
                for (RewardRecord rr : log.rewards(e.id())) out.add(p.id() + "|" + e.text() + "|" + rr.value() + "|" + rr.runIds().size());
            }
        }
        return RestEmTest.sorted(out);
    }

    private static String sha(Path f) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f)));
    }
}
