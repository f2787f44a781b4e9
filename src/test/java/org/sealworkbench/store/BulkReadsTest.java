package org.sealworkbench.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sealworkbench.data.Passage;

/**
 * The reads that replaced one query per passage, run or answer (and the faster whole-table reads) give what the
 * per-item reads give, on a small workspace of the large one's shape ({@link LargeWorkspace.Size#SMALL}).
 */
class BulkReadsTest {
    @TempDir static Path tmp;
    static LargeWorkspace.Written written;

    @BeforeAll
    static void write() {
        written = LargeWorkspace.write(tmp.resolve("ws"), LargeWorkspace.Size.SMALL);
    }

    private static ExperimentLog open() {
        return ExperimentLog.open(written.dir());
    }

    @Test
    void theGeneratorWritesTheShapeItSays() {
        LargeWorkspace.Size s = LargeWorkspace.Size.SMALL;
        assertEquals(s.passages(), written.passages());
        assertEquals((long) s.passages() * s.selfEditsPerPassage(), written.selfEdits());
        // every passage but the last round's unfinished half has its runs
        int rlStart = s.passages() - s.rlRounds() * s.rlPassagesPerRound();
        long unrun = s.rlPassagesPerRound() - s.rlPassagesPerRound() / 2;
        assertEquals((long) (s.passages() - unrun) * (1 + s.selfEditsPerPassage() * s.repeats()) + rlStart, written.runs());
        assertEquals(written.runs() * s.questionsPerPassage(), written.answers());
        try (ExperimentLog log = open()) {
            assertEquals(Map.of("done", written.runs()), log.statusCounts("runs"));
            assertEquals(s.rlRounds(), log.rlRounds().size());
            assertEquals("stopped", log.rlRounds().get(s.rlRounds() - 1).status());
            assertTrue(log.annotations(null).size() >= s.judgements(), "judgements and human grades");
        }
    }

    @Test
    void passageContextsAreEachPassagesContext() {
        try (ExperimentLog log = open()) {
            Map<Long, String> one = new HashMap<>();
            for (PassageSummary p : log.passages()) one.put(p.id(), log.passage(p.id()).orElseThrow().context());
            assertEquals(one, log.passageContexts());
        }
    }

    @Test
    void stepCountsGradesAndRunsByKeyMatchTheReadsOneByOne() {
        try (ExperimentLog log = open()) {
            List<RunRecord> runs = log.runs();
            Map<Long, Integer> counts = log.trainingStepCounts();
            for (RunRecord r : runs) {
                int steps = log.trainingSteps(r.id()).size();
                assertEquals(steps == 0 ? null : steps, counts.get(r.id()), "run " + r.id());
            }
            for (RunRecord r : runs.subList(0, 200)) {
                Map<Long, List<GradeRecord>> byAnswer = new HashMap<>();
                for (AnswerRecord a : log.answersOfRun(r.id())) byAnswer.put(a.id(), log.grades(a.id()));
                assertEquals(byAnswer, log.gradesOfRun(r.id()));
            }
            for (PassageSummary p : log.passages()) {
                assertEquals(runs.stream().filter(r -> Long.valueOf(p.id()).equals(r.passageId())).toList(), log.runsOfPassage(p.id()));
            }
        }
    }

    @Test
    void roundRewardsAndAuthorsMatchTheReadsPassageByPassage() {
        try (ExperimentLog log = open()) {
            List<ExperimentLog.RoundReward> nested = new ArrayList<>();
            Map<Long, Integer> editsOfPassage = new LinkedHashMap<>();
            for (PassageSummary p : log.passages()) {
                for (SelfEditRecord e : log.selfEdits(p.id())) {
                    editsOfPassage.merge(p.id(), 1, Integer::sum);
                    for (RewardRecord r : log.rewards(e.id())) {
                        if (r.rlRoundId() != null) nested.add(new ExperimentLog.RoundReward(r.rlRoundId(), p.id(), e.id(), r.value(), e.text()));
                    }
                }
            }
            assertTrue(nested.size() > 10, "the RL rounds rewarded self-edits");
            assertEquals(nested, log.roundRewards());
            Map<Long, Integer> authored = new LinkedHashMap<>();
            for (ExperimentLog.AuthorCount a : log.selfEditAuthors()) authored.merge(a.passageId(), a.count(), Integer::sum);
            assertEquals(editsOfPassage, authored);
        }
    }

    /** The graded answers and runs as the store read them before (every row's own settings snapshot, Instant.parse). */
    @Test
    void gradedAnswersAndRunsAreTheRowsTheStraightQueriesGive() throws Exception {
        List<GradedAnswer> straight = new ArrayList<>();
        List<RunRecord> runs = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + written.dir().resolve(ExperimentLog.DB_FILE));
             PreparedStatement ps = c.prepareStatement("""
                     SELECT g.id, a.id, a.question_id, q.passage_id, a.run_id, r.self_edit_id, r.experiment_id, a.condition,
                            r.settings_json, g.grader, g.verdict, g.score
                     FROM grades g JOIN answers a ON a.id = g.answer_id JOIN questions q ON q.id = a.question_id
                     LEFT JOIN inner_loop_runs r ON r.id = a.run_id ORDER BY g.id""");
             ResultSet rs = ps.executeQuery();
             PreparedStatement pr = c.prepareStatement("SELECT id, experiment_id, model_id, passage_id, self_edit_id, condition, "
                     + "settings_json, seed, status, started, finished, seconds FROM inner_loop_runs ORDER BY id");
             ResultSet rr = pr.executeQuery()) {
            while (rs.next()) {
                straight.add(new GradedAnswer(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), lng(rs, 5),
                        lng(rs, 6), lng(rs, 7), rs.getString(8), rs.getString(9),
                        rs.getString(10), rs.getString(11), rs.getDouble(12)));
            }
            while (rr.next()) {
                runs.add(new RunRecord(rr.getLong(1), lng(rr, 2), rr.getLong(3), lng(rr, 4),
                        lng(rr, 5), rr.getString(6), rr.getString(7), rr.getLong(8), rr.getString(9),
                        Instant.parse(rr.getString(10)), rr.getString(11) == null ? null : Instant.parse(rr.getString(11)),
                        rr.getObject(12) == null ? null : rr.getDouble(12)));
            }
        }
        try (ExperimentLog log = open()) {
            List<GradedAnswer> read = log.gradedAnswers(null);
            assertEquals(straight, read);
            assertEquals(runs, log.runs());
            // answers of one run share its run's settings String (what makes the results table's grouping cheap)
            assertSame(read.get(0).settingsJson(), read.get(1).settingsJson());
            long experiment = read.get(0).experimentId();
            assertEquals(straight.stream().filter(g -> Long.valueOf(experiment).equals(g.experimentId())).toList(),
                    log.gradedAnswers(experiment));
        }
    }

    private static Long lng(ResultSet rs, int column) throws java.sql.SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    @Test
    void storedTimesReadAsInstantParseReadsThem() {
        for (String s : List.of("2025-12-06T09:46:23Z", "2025-12-06T09:46:23.1Z", "2025-12-06T09:46:23.123Z",
                "2025-12-06T09:46:23.123456Z", "2025-12-06T09:46:23.123456789Z", "1999-02-28T23:59:59.000000001Z",
                "2024-02-29T00:00:00Z", "+12025-01-01T00:00:00Z")) {
            assertEquals(Instant.parse(s), ExperimentLog.parseInstant(s), s);
        }
        Instant now = Instant.now();
        assertEquals(now, ExperimentLog.parseInstant(now.toString()));
        for (String bad : List.of("2025-02-30T00:00:00Z", "2025-13-01T00:00:00Z", "2025-12-06T24:00:00Z", "2025-12-06 09:46:23Z")) {
            Class<?> expected = exceptionOf(() -> Instant.parse(bad));
            assertEquals(expected, exceptionOf(() -> ExperimentLog.parseInstant(bad)), bad);
        }
    }

    private static Class<?> exceptionOf(Runnable r) {
        try {
            r.run();
            return null;
        } catch (RuntimeException e) {
            return e.getClass();
        }
    }

    @Test
    void stampsChangeWithWhatTheirResultsReadAndOnlyThen() {
        Path copy = tmp.resolve("stamps");
        try (ExperimentLog log = ExperimentLog.open(copy)) {
            long model = log.addModel("/m", "llama", "m", null);
            long p = log.addPassage(new Passage("T", "C", List.of(new org.sealworkbench.data.Question("q", "a"))), "f");
            long run = log.startRun(null, model, p, null, "c", "{}", 1);
            List<Long> results = log.resultsStamp();
            List<Object> runs = log.runsStamp();
            log.addPassage(new Passage("U", "D", List.of()), "f");   // a passage: no result changes
            assertEquals(results, log.resultsStamp());
            assertEquals(runs, log.runsStamp());
            log.finishRun(run, "done");   // a run's status: the runs table changes, the results do not
            assertEquals(results, log.resultsStamp());
            assertNotEquals(runs, log.runsStamp());
            runs = log.runsStamp();
            log.addGrade(log.addAnswer(log.questions(p).get(0).id(), run, "c", "a"), "contains", "correct", 1);
            assertNotEquals(results, log.resultsStamp());
            assertNotEquals(runs, log.runsStamp());
        }
    }
}
