package org.sealworkbench.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The schema as a list of forward migrations. Step i (1-based) takes a database from
 * {@code PRAGMA user_version = i-1} to i. Never edit a released step: append a new one.
 */
final class Migrations {
    private Migrations() {}

    /** Each entry is one migration step: SQL statements run in one transaction. */
    static final List<List<String>> STEPS = List.of(
            // 1: the experiment log's tables.
            List.of(
                    """
                    CREATE TABLE experiments (
                      id INTEGER PRIMARY KEY, name TEXT NOT NULL, description TEXT,
                      created TEXT NOT NULL)""",
                    """
                    CREATE TABLE passages (
                      id INTEGER PRIMARY KEY, title TEXT NOT NULL, context TEXT NOT NULL,
                      source_label TEXT, created TEXT NOT NULL)""",
                    """
                    CREATE TABLE questions (
                      id INTEGER PRIMARY KEY,
                      passage_id INTEGER NOT NULL REFERENCES passages(id),
                      ordinal INTEGER NOT NULL, question TEXT NOT NULL, answer TEXT NOT NULL,
                      UNIQUE (passage_id, ordinal))""",
                    """
                    CREATE TABLE models (
                      id INTEGER PRIMARY KEY, path TEXT NOT NULL, family TEXT, name TEXT NOT NULL,
                      parent_model_id INTEGER REFERENCES models(id), created TEXT NOT NULL)""",
                    """
                    CREATE TABLE self_edits (
                      id INTEGER PRIMARY KEY,
                      passage_id INTEGER NOT NULL REFERENCES passages(id),
                      text TEXT NOT NULL,
                      author_kind TEXT NOT NULL CHECK (author_kind IN ('model', 'human_edit', 'import')),
                      model_id INTEGER REFERENCES models(id),
                      parent_self_edit_id INTEGER REFERENCES self_edits(id),
                      prompt_template TEXT, prompt_text TEXT, sampling_json TEXT, source_label TEXT,
                      created TEXT NOT NULL)""",
                    """
                    CREATE TABLE inner_loop_runs (
                      id INTEGER PRIMARY KEY,
                      experiment_id INTEGER REFERENCES experiments(id),
                      model_id INTEGER NOT NULL REFERENCES models(id),
                      passage_id INTEGER REFERENCES passages(id),
                      self_edit_id INTEGER REFERENCES self_edits(id),
                      condition TEXT NOT NULL, settings_json TEXT NOT NULL, seed INTEGER NOT NULL,
                      status TEXT NOT NULL, started TEXT NOT NULL, finished TEXT)""",
                    """
                    CREATE TABLE training_steps (
                      id INTEGER PRIMARY KEY,
                      run_id INTEGER NOT NULL REFERENCES inner_loop_runs(id),
                      step INTEGER NOT NULL, loss REAL NOT NULL, lr REAL NOT NULL,
                      UNIQUE (run_id, step))""",
                    """
                    CREATE TABLE answers (
                      id INTEGER PRIMARY KEY,
                      question_id INTEGER NOT NULL REFERENCES questions(id),
                      run_id INTEGER REFERENCES inner_loop_runs(id),
                      condition TEXT NOT NULL, text TEXT NOT NULL, created TEXT NOT NULL)""",
                    """
                    CREATE TABLE grades (
                      id INTEGER PRIMARY KEY,
                      answer_id INTEGER NOT NULL REFERENCES answers(id),
                      grader TEXT NOT NULL, verdict TEXT NOT NULL, score REAL NOT NULL, created TEXT NOT NULL)""",
                    """
                    CREATE TABLE rl_rounds (
                      id INTEGER PRIMARY KEY, round_number INTEGER NOT NULL,
                      model_in_id INTEGER NOT NULL REFERENCES models(id),
                      model_out_id INTEGER REFERENCES models(id),
                      status TEXT NOT NULL, created TEXT NOT NULL)""",
                    """
                    CREATE TABLE rewards (
                      id INTEGER PRIMARY KEY,
                      self_edit_id INTEGER NOT NULL REFERENCES self_edits(id),
                      rl_round_id INTEGER REFERENCES rl_rounds(id),
                      value REAL NOT NULL, created TEXT NOT NULL)""",
                    """
                    CREATE TABLE reward_runs (
                      reward_id INTEGER NOT NULL REFERENCES rewards(id),
                      run_id INTEGER NOT NULL REFERENCES inner_loop_runs(id),
                      PRIMARY KEY (reward_id, run_id))""",
                    """
                    CREATE TABLE annotations (
                      id INTEGER PRIMARY KEY, annotator TEXT NOT NULL, kind TEXT NOT NULL,
                      target TEXT NOT NULL, payload_json TEXT NOT NULL, created TEXT NOT NULL)""",
                    """
                    CREATE TABLE jobs (
                      id INTEGER PRIMARY KEY, kind TEXT NOT NULL, params_json TEXT NOT NULL,
                      status TEXT NOT NULL, progress REAL NOT NULL DEFAULT 0, message TEXT,
                      created TEXT NOT NULL, updated TEXT NOT NULL)"""),
            // 2: indexes for the lookups the workbench makes (foreign keys are not indexed by SQLite).
            List.of(
                    "CREATE INDEX idx_questions_passage ON questions(passage_id, ordinal)",
                    "CREATE INDEX idx_self_edits_passage ON self_edits(passage_id)",
                    "CREATE INDEX idx_self_edits_parent ON self_edits(parent_self_edit_id)",
                    "CREATE INDEX idx_runs_self_edit ON inner_loop_runs(self_edit_id)",
                    "CREATE INDEX idx_steps_run ON training_steps(run_id, step)",
                    "CREATE INDEX idx_answers_question ON answers(question_id)",
                    "CREATE INDEX idx_answers_run ON answers(run_id)",
                    "CREATE INDEX idx_grades_answer ON grades(answer_id)",
                    "CREATE INDEX idx_rewards_self_edit ON rewards(self_edit_id)",
                    "CREATE INDEX idx_annotations_target ON annotations(target)"),
            // 3: a content hash so that re-importing a passage finds the stored one instead of duplicating it.
            List.of(
                    "ALTER TABLE passages ADD COLUMN content_hash TEXT",
                    "CREATE INDEX idx_passages_hash ON passages(content_hash)"),
            // 4: the request a job was built from (JSON, see jobs.RequestJson), so that a stopped job can be resumed from
            // its row alone; rows of older jobs have none.
            List.of("ALTER TABLE jobs ADD COLUMN request_json TEXT"));

    /** The schema version this build writes and understands. */
    static int latestVersion() {
        return STEPS.size();
    }

    static int userVersion(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("PRAGMA user_version")) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }

    /** Brings the database up to {@link #latestVersion()}, one transaction per step. */
    static void migrate(Connection c, Path file) throws SQLException {
        int current = userVersion(c);
        if (current > latestVersion()) {
            throw new StoreException(file + ": schema version " + current + " is newer than this build supports ("
                    + latestVersion() + "); open it with a newer SEAL Workbench");
        }
        for (int v = current; v < latestVersion(); v++) {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                for (String sql : STEPS.get(v)) st.executeUpdate(sql);
                // PRAGMA user_version is transactional in SQLite, so a failed step leaves the old version.
                st.executeUpdate("PRAGMA user_version = " + (v + 1));
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw new StoreException(file + ": migration to schema version " + (v + 1) + " failed: "
                        + e.getMessage(), e);
            } finally {
                c.setAutoCommit(auto);
            }
        }
    }
}
