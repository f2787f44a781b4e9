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
            List.of("ALTER TABLE jobs ADD COLUMN request_json TEXT"),
            // 5: job honesty (issue 20). Job and run rows record the process that writes them, so that on
            // open the rows of a process that is gone can be marked "interrupted" instead of staying
            // "running" forever; a resumed run points at the run it supersedes. Rows left "running" by
            // builds that recorded no process are closed here as interrupted (their process is unknown).
            List.of(
                    """
                    CREATE TABLE processes (
                      id INTEGER PRIMARY KEY, pid INTEGER NOT NULL, started TEXT, host TEXT NOT NULL,
                      created TEXT NOT NULL)""",
                    "ALTER TABLE jobs ADD COLUMN process_id INTEGER REFERENCES processes(id)",
                    "ALTER TABLE inner_loop_runs ADD COLUMN process_id INTEGER REFERENCES processes(id)",
                    "ALTER TABLE inner_loop_runs ADD COLUMN superseded_by INTEGER REFERENCES inner_loop_runs(id)",
                    "CREATE INDEX idx_jobs_status ON jobs(status, process_id)",
                    "CREATE INDEX idx_runs_status ON inner_loop_runs(status, process_id)",
                    """
                    UPDATE jobs SET status = 'interrupted', updated = strftime('%Y-%m-%dT%H:%M:%fZ', 'now'),
                      message = 'interrupted: its process ended without finishing it (recorded before processes were)'
                    WHERE status = 'running'""",
                    """
                    UPDATE inner_loop_runs SET status = 'interrupted', finished = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
                    WHERE status = 'running'"""),
            // 6: long jobs commit in small transactions (issue 20). staged_rows journals the rows a job
            // has written until it finishes, so that a failed, cancelled or killed import can be removed
            // whole although other writers interleaved with it. RL rounds record their process like runs, so
            // a killed round becomes "interrupted" on open (a resumed round takes its row over). Rounds left
            // "running" by builds that recorded no process are closed here.
            List.of(
                    """
                    CREATE TABLE staged_rows (
                      job_id INTEGER NOT NULL REFERENCES jobs(id), tbl TEXT NOT NULL, row_id INTEGER NOT NULL)""",
                    // No index on job_id: the table holds only the rows of unfinished jobs, so a scan is short,
                    // and each index costs every staged insert.
                    "CREATE INDEX idx_staged_row ON staged_rows(tbl, row_id)",
                    "ALTER TABLE rl_rounds ADD COLUMN process_id INTEGER REFERENCES processes(id)",
                    "CREATE INDEX idx_rl_rounds_status ON rl_rounds(status, process_id)",
                    "UPDATE rl_rounds SET status = 'interrupted' WHERE status = 'running'"),
            // 7: learnability (issue 16). A self-edit's mean per-token loss under the model fine-tuned on it, before
            // training, over the inner loop's training sequences of the self-edit (the passage's own sequence left out).
            List.of(
                    """
                    CREATE TABLE self_edit_perplexity (
                      id INTEGER PRIMARY KEY, self_edit_id INTEGER NOT NULL REFERENCES self_edits(id),
                      model_id INTEGER NOT NULL REFERENCES models(id), mean_token_loss REAL NOT NULL,
                      tokens INTEGER NOT NULL, settings_digest TEXT, created TEXT NOT NULL,
                      UNIQUE (self_edit_id, model_id))""",
                    "CREATE INDEX idx_perplexity_model ON self_edit_perplexity(model_id)"),
            // 8: a run's own wall time (issue 19). Inner loops trained as one batch of adapters share one start and end,
            // so started..finished is the whole batch's time; seconds holds the run's share of it (null: the run ran
            // alone and its timestamps say it).
            List.of("ALTER TABLE inner_loop_runs ADD COLUMN seconds REAL"),
            // 9: SEAL's few-shot ARC setting. One row per finished (task, self-edit) inner loop, written with its
            // training steps in one transaction when it ends (nothing half-written: an inner loop in flight when its
            // process dies leaves no row and runs again). config_json NULL: the baseline, no test-time training.
            // Grids are JSON arrays of rows; solved NULL: no solution known.
            List.of(
                    """
                    CREATE TABLE arc_runs (
                      id INTEGER PRIMARY KEY, model_id INTEGER NOT NULL REFERENCES models(id),
                      task_set TEXT NOT NULL, task TEXT NOT NULL, config_json TEXT, self_edit_text TEXT,
                      settings_json TEXT NOT NULL, texts INTEGER NOT NULL, texts_too_long INTEGER NOT NULL,
                      steps INTEGER NOT NULL, last_loss REAL, not_trained TEXT, prompts INTEGER NOT NULL,
                      readable INTEGER NOT NULL, attempt_1 TEXT, attempt_2 TEXT, solved INTEGER,
                      answers_json TEXT NOT NULL, train_seconds REAL NOT NULL, predict_seconds REAL NOT NULL,
                      created TEXT NOT NULL)""",
                    """
                    CREATE TABLE arc_training_steps (
                      run_id INTEGER NOT NULL REFERENCES arc_runs(id), step INTEGER NOT NULL, loss REAL NOT NULL,
                      lr REAL NOT NULL, UNIQUE (run_id, step))""",
                    "CREATE INDEX idx_arc_runs_task ON arc_runs(task_set, task)"),
            // 10: a large workspace (thousands of passages, tens of thousands of runs). Selecting a passage in the window
            // reads its runs (Runs & QA) by passage: without this index every selection scanned every run.
            List.of("CREATE INDEX idx_runs_passage ON inner_loop_runs(passage_id)"),
            // 11: why each closed-book answer ended: finish is how the generation stopped ("eos", "max_tokens": the new-token
            // limit, "context": the model's context was full), finish_limit the limit that cut it (the new-token limit or the
            // context, in tokens; NULL when none did). NULL finish: not recorded (answers stored before this step, imported
            // run results), read as nothing to tell.
            List.of(Migrations.ANSWER_FINISH, Migrations.ANSWER_FINISH_LIMIT),
            // 12: why each of a few-shot run's test-time answers ended, as step 11 records it for closed-book answers: a JSON
            // array beside answers_json, one {"finish", "limit"} per answer ("eos", "stop_string", "max_tokens", "context";
            // limit in tokens or null). NULL: not recorded (runs stored before this step).
            List.of(Migrations.ARC_ANSWER_ENDINGS));

    /** Step 11's columns, which a workspace of an older version is read without (see {@link #readableAsIs}). */
    static final String ANSWER_FINISH = "ALTER TABLE answers ADD COLUMN finish TEXT",
            ANSWER_FINISH_LIMIT = "ALTER TABLE answers ADD COLUMN finish_limit INTEGER";

    /** The first version with {@code answers.finish} and {@code answers.finish_limit}. */
    static final int ANSWER_FINISH_VERSION = 11;

    /** Step 12's column. */
    static final String ARC_ANSWER_ENDINGS = "ALTER TABLE arc_runs ADD COLUMN answer_endings_json TEXT";

    /** The first version with {@code arc_runs.answer_endings_json}. */
    static final int ARC_ANSWER_ENDINGS_VERSION = 12;

    /**
     * Statements of later steps that a read-only open of an older workspace does without: columns whose absence the reads
     * fill in as "not recorded" ({@code ExperimentLog}'s answer reads select NULL for them below
     * {@link #ANSWER_FINISH_VERSION}, its few-shot run reads below {@link #ARC_ANSWER_ENDINGS_VERSION}), as they are NULL
     * in the rows written before the step anyway.
     */
    private static final java.util.Set<String> READ_WITHOUT = java.util.Set.of(ANSWER_FINISH, ANSWER_FINISH_LIMIT,
            ARC_ANSWER_ENDINGS);

    /** The schema version this build writes and understands. */
    static int latestVersion() {
        return STEPS.size();
    }

    static int userVersion(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("PRAGMA user_version")) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }

    /**
     * For a database open read-only, where nothing may be migrated: refuses one this build cannot read as it is. The
     * queries use every step's tables and columns (staged_rows in every library read, the newest columns in the reports),
     * so a database at an older version is not read half-way but refused with what to do: open it once where it can be
     * written (that migrates it), or work on a copy.
     */
    static void requireCurrent(Connection c, Path file, String readOnlyReason) throws SQLException {
        int current = userVersion(c);
        if (current > latestVersion()) {
            throw new StoreException(file + ": schema version " + current + " is newer than this build supports ("
                    + latestVersion() + "); open it with a newer SEAL Workbench");
        }
        if (current == latestVersion() || current > 0 && readableAsIs(current)) return;
        String why = "it is open read-only (" + readOnlyReason + ")";
        if (current == 0) {
            throw new StoreException(file + ": holds no experiment log yet (an empty workspace), and none can be made here: "
                    + why);
        }
        throw new StoreException(file + ": this workspace was written by an older SEAL Workbench (schema version " + current
                + "; this build reads version " + latestVersion() + ") and must be brought up to date once, which writes to"
                + " it, but " + why + ": open it once where it can be written (or ask its owner to), or work on a copy of"
                + " the folder");
    }

    /**
     * Whether every step after {@code version} only adds indexes or columns the reads do without ({@link #READ_WITHOUT}):
     * such a workspace reads as it is, only slower or with those values unknown (step 10's index on runs by passage came in
     * while workspaces of version 9 were in use, step 11's answer finish while version 10 was, and refusing them read-only
     * for it would have turned every one of them away).
     */
    static boolean readableAsIs(int version) {
        for (int v = version; v < STEPS.size(); v++) {
            for (String sql : STEPS.get(v)) {
                if (!sql.strip().toUpperCase(java.util.Locale.ROOT).startsWith("CREATE INDEX ") && !READ_WITHOUT.contains(sql)) return false;
            }
        }
        return true;
    }

    /** Takes the write lock on a connection (Db's BEGIN IMMEDIATE with waiting). */
    interface Begin {
        void begin(Connection c, long t0) throws SQLException;
    }

    /**
     * Brings the database up to {@link #latestVersion()}, one transaction per step. Each step takes the
     * write lock first and reads the version again under it, so two processes opening one old workspace
     * at once do not both run a step.
     */
    static void migrate(Connection c, Path file, Begin begin) throws SQLException {
        int current = userVersion(c);
        if (current > latestVersion()) {
            throw new StoreException(file + ": schema version " + current + " is newer than this build supports ("
                    + latestVersion() + "); open it with a newer SEAL Workbench");
        }
        long t0 = System.nanoTime();
        for (int v = current; v < latestVersion(); v++) {
            begin.begin(c, t0);
            try (Statement st = c.createStatement()) {
                int now = userVersion(c);
                if (now > v) {
                    st.execute("COMMIT");
                    v = now - 1;
                    continue;
                }
                for (String sql : STEPS.get(v)) st.executeUpdate(sql);
                // PRAGMA user_version is transactional in SQLite, so a failed step leaves the old version.
                st.executeUpdate("PRAGMA user_version = " + (v + 1));
                st.execute("COMMIT");
            } catch (SQLException e) {
                try (Statement st = c.createStatement()) {
                    st.execute("ROLLBACK");
                } catch (SQLException ignored) {
                    // already rolled back
                }
                throw new StoreException(file + ": migration to schema version " + (v + 1) + " failed: "
                        + SqlErrors.describe(file, e) + " (the workspace is unchanged at version " + v + ")", e);
            }
        }
    }
}
