package org.sealworkbench.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sealworkbench.data.Passage;
import org.sealworkbench.data.Question;

/**
 * The window's hot queries (what selecting a passage, a run or a self-edit reads) find their rows through an index, by
 * SQLite's own plan: a change that drops an index, or rewrites a query so that it no longer uses one, fails here instead
 * of freezing a large workspace's window (the runs of a passage scanned 85,000 runs on every selection). And a workspace of
 * the schema before the index gains it on open.
 */
class HotQueryPlansTest {
    @TempDir Path tmp;

    /** Each hot query with the index (or key) its plan must name. */
    private static Map<String, List<String>> expected() {
        Map<String, List<String>> m = new LinkedHashMap<>();
        m.put(ExperimentLog.PASSAGE_BY_ID, List.of("USING INTEGER PRIMARY KEY"));
        m.put(ExperimentLog.QUESTIONS_OF_PASSAGE, List.of("idx_questions_passage"));
        m.put(ExperimentLog.SELF_EDITS_OF_PASSAGE, List.of("idx_self_edits_passage", "idx_staged_row"));
        m.put(ExperimentLog.EDITS_OF, List.of("idx_self_edits_parent"));
        m.put(ExperimentLog.REWARDS_OF_SELF_EDIT, List.of("idx_rewards_self_edit"));
        m.put(ExperimentLog.RUNS_OF_REWARD, List.of("sqlite_autoindex_reward_runs_1"));
        m.put(ExperimentLog.RUNS_OF_PASSAGE, List.of("idx_runs_passage"));
        m.put(ExperimentLog.PASSAGELESS_RUNS_ANSWERING, List.of("idx_runs_passage", "idx_questions_passage", "idx_answers_question"));
        m.put(ExperimentLog.ANSWERS_OF_RUN, List.of("idx_answers_run"));
        m.put(ExperimentLog.GRADES_OF_RUN, List.of("idx_answers_run", "idx_grades_answer"));
        m.put(ExperimentLog.GRADES_OF_ANSWER, List.of("idx_grades_answer"));
        m.put(ExperimentLog.TRAINING_STEPS_OF_RUN, List.of("idx_steps_run"));
        m.put(ExperimentLog.TRAINING_STEP_COUNTS, List.of("USING COVERING INDEX idx_steps_run"));
        return m;
    }

    /**
     * Lines of a plan that read a whole table (a SCAN not over a covering index) or sort the rows (a temporary B-tree):
     * none for a query by key.
     */
    static List<String> scansOrSorts(String plan) {
        List<String> bad = new ArrayList<>();
        for (String line : plan.split("\n")) {
            String l = line.strip();
            if (l.startsWith("SCAN ") && !l.contains("USING COVERING INDEX")) bad.add(l);
            if (l.contains("USE TEMP B-TREE")) bad.add(l);
        }
        return bad;
    }

    /** A workspace with a little of everything the queries read, so that SQLite plans over real tables. */
    private static Path workspace(Path dir) {
        Path ws = dir.resolve("ws");
        try (ExperimentLog log = ExperimentLog.open(ws)) {
            long model = log.addModel("/m", "llama", "m", null);
            for (int p = 0; p < 20; p++) {
                long pid = log.addPassage(new Passage("T" + p, "C" + p, List.of(new Question("q", "a"), new Question("r", "b"))), "f");
                long edit = log.addSelfEdit(new NewSelfEdit(pid, "e" + p, AuthorKind.MODEL, model, null, "t", "p", "{}", "s"));
                long run = log.startRun(null, model, pid, edit, "c", "{}", p);
                log.addTrainingStep(run, 1, 1.0, 1e-3);
                for (QuestionRecord q : log.questions(pid)) log.addGrade(log.addAnswer(q.id(), run, "c", "x"), "contains", "incorrect", 0);
                log.finishRun(run, "done");
                log.addReward(edit, null, List.of(run), 0.5);
            }
        }
        return ws;
    }

    /** Runs statements on the workspace's file directly, as another build or a person with sqlite3 would. */
    private static void sql(Path ws, String... statements) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + ws.resolve(ExperimentLog.DB_FILE));
             Statement st = c.createStatement()) {
            for (String s : statements) st.executeUpdate(s);
        }
    }

    @Test
    void everyHotQueryFindsItsRowsThroughAnIndex() {
        try (ExperimentLog log = ExperimentLog.open(workspace(tmp))) {
            for (Map.Entry<String, List<String>> e : expected().entrySet()) {
                String sql = e.getKey();
                Object[] args = new Object[(int) sql.chars().filter(c -> c == '?').count()];
                java.util.Arrays.fill(args, 1L);
                String plan = log.queryPlan(sql, args);
                assertEquals(List.of(), scansOrSorts(plan), sql + "\n" + plan);
                for (String index : e.getValue()) assertTrue(plan.contains(index), "no " + index + " in the plan of\n" + sql + "\n" + plan);
            }
        }
    }

    @Test
    void theCheckCatchesAQueryThatLostItsIndex() throws Exception {
        Path ws = workspace(tmp);
        sql(ws, "DROP INDEX idx_runs_passage");
        try (ExperimentLog log = ExperimentLog.open(ws)) {
            String plan = log.queryPlan(ExperimentLog.RUNS_OF_PASSAGE, 1L);
            assertFalse(plan.contains("idx_runs_passage"), plan);
            assertEquals(List.of("SCAN inner_loop_runs"), scansOrSorts(plan), plan);
        }
    }

    @Test
    void aWorkspaceOfTheSchemaBeforeTheIndexGainsItOnOpenAndKeepsItsRows() throws Exception {
        Path ws = workspace(tmp);
        // as the build before schema step 10 left it: no index on the runs' passage, no answer finish (step 11), user_version 9
        sql(ws, "DROP INDEX idx_runs_passage", "ALTER TABLE answers DROP COLUMN finish_limit", "ALTER TABLE answers DROP COLUMN finish",
                "ALTER TABLE arc_runs DROP COLUMN answer_endings_json", "PRAGMA user_version = 9");
        try (ExperimentLog log = ExperimentLog.open(ws)) {
            assertEquals(Migrations.latestVersion(), log.schemaVersion());
            assertTrue(log.queryPlan(ExperimentLog.RUNS_OF_PASSAGE, 1L).contains("idx_runs_passage"));
            long passage = log.passages().get(3).id();
            List<RunRecord> runs = log.runsOfPassage(passage);
            assertEquals(1, runs.size());
            assertEquals(passage, runs.get(0).passageId());
            assertEquals("ok", log.integrityCheck());
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + ws.resolve(ExperimentLog.DB_FILE));
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND name = 'idx_runs_passage'")) {
            rs.next();
            assertEquals(1, rs.getInt(1));
        }
    }
}
