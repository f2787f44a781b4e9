package org.sealworkbench.store;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sealworkbench.data.Passage;
import org.sealworkbench.data.Question;

/**
 * Why each closed-book answer ended (schema step 11: {@code answers.finish}, {@code answers.finish_limit}): stored and read
 * back with the answer; an answer stored without it (an older build's, an imported one) reads as not recorded; a
 * workspace of schema 10, from before the step, stays readable read-only as it is (opened with {@code immutable=1}, its
 * answers' finish unknown, not a byte changed) and is brought up to date by a writable open, its old answers kept.
 */
class AnswerFinishTest {
    @TempDir Path tmp;

    /** A passage with three questions, a model and a run; returns {question ids..., run id}. */
    private static long[] runWithQuestions(ExperimentLog log) {
        long p = log.addPassage(new Passage("T", "context", List.of(new Question("q1", "a"), new Question("q2", "b"),
                new Question("q3", "c"))), "test");
        long model = log.findOrAddModel("/models/m", "llama", "m");
        long run = log.startRun(null, model, p, null, "passage only", "{}", 1);
        List<QuestionRecord> qs = log.passage(p).orElseThrow().questions();
        return new long[] {qs.get(0).id(), qs.get(1).id(), qs.get(2).id(), run};
    }

    @Test
    void anAnswerKeepsWhyItEndedAndOneWithoutReadsAsNotRecorded() {
        try (ExperimentLog log = ExperimentLog.open(tmp.resolve("ws"))) {
            long[] ids = runWithQuestions(log);
            long run = ids[3];
            log.addAnswer(ids[0], run, "passage only", "Paris is the capital of", "max_tokens", 32);
            log.addAnswer(ids[1], run, "passage only", "blue", "eos", null);
            log.addAnswer(ids[2], run, "passage only", "imported");
            assertEquals(List.of("max_tokens 32", "eos null", "null null"), finishes(log.answersOfRun(run)));
            assertEquals(List.of("max_tokens 32"), finishes(log.answersToQuestion(ids[0])));
            assertEquals(Migrations.latestVersion(), log.schemaVersion());
        }
    }

    @Test
    void aSchema10WorkspaceReadsReadOnlyAsItIsAndAWritableOpenBringsItUpToDate() throws Exception {
        Path ws = tmp.resolve("v10");
        long run;
        long question;
        try (ExperimentLog log = ExperimentLog.open(ws)) {
            long[] ids = runWithQuestions(log);
            run = ids[3];
            question = ids[0];
            log.addAnswer(ids[0], run, "passage only", "an answer of an older build");
        }
        // back to schema 10: the answers table as it was before step 11
        Path db = ws.resolve(ExperimentLog.DB_FILE);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement st = c.createStatement()) {
            st.executeUpdate("ALTER TABLE answers DROP COLUMN finish_limit");
            st.executeUpdate("ALTER TABLE answers DROP COLUMN finish");
            st.executeUpdate("ALTER TABLE arc_runs DROP COLUMN answer_endings_json");   // step 12
            st.executeUpdate("PRAGMA user_version = 10");
        }
        assertTrue(Migrations.readableAsIs(10), "step 11 adds only columns the reads do without");
        assertEquals(Db.fileUri(db) + "?immutable=1", Db.readOnlyUri(db, false), "read with immutable=1: nothing pending");
        Map<String, String> before = snapshot(ws);
        try (ExperimentLog log = ExperimentLog.open(ws, p -> false)) {
            assertTrue(log.readOnly());
            assertEquals(10, log.schemaVersion());
            assertEquals(List.of("null null"), finishes(log.answersOfRun(run)), "not recorded");
            assertEquals("an answer of an older build", log.answersToQuestion(question).get(0).text());
        }
        assertEquals(before, snapshot(ws), "not a byte written");

        try (ExperimentLog log = ExperimentLog.open(ws)) {
            assertEquals(Migrations.latestVersion(), log.schemaVersion(), "brought up to date");
            assertEquals(List.of("null null"), finishes(log.answersOfRun(run)), "the old answer kept, its finish unknown");
            log.addAnswer(question, run, "passage only", "a new one", "context", 512);
            assertEquals(List.of("null null", "context 512"), finishes(log.answersOfRun(run)));
        }
    }

    /** A workspace two steps behind (schema 9: step 10's index, step 11's columns) is read as it is too. */
    @Test
    void aSchema9WorkspaceIsReadAsItIsToo() throws Exception {
        Path ws = tmp.resolve("v9");
        long run;
        try (ExperimentLog log = ExperimentLog.open(ws)) {
            long[] ids = runWithQuestions(log);
            run = ids[3];
            log.addAnswer(ids[1], run, "passage only", "older still");
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + ws.resolve(ExperimentLog.DB_FILE));
             Statement st = c.createStatement()) {
            st.executeUpdate("ALTER TABLE answers DROP COLUMN finish_limit");
            st.executeUpdate("ALTER TABLE answers DROP COLUMN finish");
            st.executeUpdate("DROP INDEX idx_runs_passage");
            st.executeUpdate("ALTER TABLE arc_runs DROP COLUMN answer_endings_json");
            st.executeUpdate("PRAGMA user_version = 9");
        }
        try (ExperimentLog log = ExperimentLog.open(ws, p -> false)) {
            assertEquals(9, log.schemaVersion());
            assertEquals(List.of("older still"), log.answersOfRun(run).stream().map(AnswerRecord::text).toList());
        }
    }

    private static List<String> finishes(List<AnswerRecord> answers) {
        return answers.stream().map(a -> a.finish() + " " + a.finishLimit()).toList();
    }

    /** Every file of the folder with its size and modification time. */
    private static Map<String, String> snapshot(Path dir) throws Exception {
        Map<String, String> out = new TreeMap<>();
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                out.put(f.getFileName().toString(), Files.size(f) + " " + Files.getLastModifiedTime(f).toMillis() + " "
                        + java.util.Arrays.hashCode(Files.readAllBytes(f)));
            }
        }
        return out;
    }
}
