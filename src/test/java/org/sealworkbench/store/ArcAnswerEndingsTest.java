package org.sealworkbench.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Why each of a few-shot run's test-time answers ended (schema step 12, {@code arc_runs.answer_endings_json}): stored
 * and read back with the run; a run stored without it reads as not recorded; a workspace of schema 11 is read read-only
 * as it is and brought up to date by a writable open, its runs kept.
 */
class ArcAnswerEndingsTest {
    @TempDir Path tmp;

    private static final String ENDINGS = "[{\"finish\":\"max_tokens\",\"limit\":48},{\"finish\":\"stop_string\",\"limit\":null}]";

    private static ArcRunRecord.New run(long model, String endings) {
        return new ArcRunRecord.New(model, "tasks.json", "66e6c45b", null, null, "{}", 0, 0, 0, null, "baseline", 2, 1,
                "[[1]]", null, false, "[\"1 #\",\"1 2 3\"]", 0.0, 1.5, List.of(), endings);
    }

    @Test
    void aRunKeepsWhyItsAnswersEndedAndOneWithoutReadsAsNotRecorded() {
        try (ExperimentLog log = ExperimentLog.open(tmp.resolve("ws"))) {
            long model = log.findOrAddModel("/models/m", "llama", "m");
            long with = log.addArcRun(run(model, ENDINGS));
            long without = log.addArcRun(run(model, null));
            assertEquals(ENDINGS, log.arcRun(with).orElseThrow().answerEndingsJson());
            assertNull(log.arcRun(without).orElseThrow().answerEndingsJson());
            assertEquals(java.util.Arrays.asList(ENDINGS, null), log.arcRuns().stream().map(ArcRunRecord::answerEndingsJson).toList());
        }
    }

    @Test
    void aSchema11WorkspaceReadsReadOnlyAsItIsAndAWritableOpenBringsItUpToDate() throws Exception {
        Path ws = tmp.resolve("v11");
        long id;
        try (ExperimentLog log = ExperimentLog.open(ws)) {
            id = log.addArcRun(run(log.findOrAddModel("/models/m", "llama", "m"), null));
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + ws.resolve(ExperimentLog.DB_FILE));
             Statement st = c.createStatement()) {
            st.executeUpdate("ALTER TABLE arc_runs DROP COLUMN answer_endings_json");
            st.executeUpdate("PRAGMA user_version = 11");
        }
        assertTrue(Migrations.readableAsIs(11), "step 12 adds only a column the reads do without");
        try (ExperimentLog log = ExperimentLog.open(ws, p -> false)) {
            assertEquals(11, log.schemaVersion());
            ArcRunRecord r = log.arcRun(id).orElseThrow();
            assertNull(r.answerEndingsJson(), "not recorded");
            assertEquals("[\"1 #\",\"1 2 3\"]", r.answersJson());
        }
        try (ExperimentLog log = ExperimentLog.open(ws)) {
            assertEquals(Migrations.latestVersion(), log.schemaVersion(), "brought up to date");
            assertEquals("[\"1 #\",\"1 2 3\"]", log.arcRun(id).orElseThrow().answersJson(), "the old run kept");
            long model = log.findOrAddModel("/models/m", "llama", "m");
            assertEquals(ENDINGS, log.arcRun(log.addArcRun(run(model, ENDINGS))).orElseThrow().answerEndingsJson());
        }
    }
}
