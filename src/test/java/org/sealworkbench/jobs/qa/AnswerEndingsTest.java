package org.sealworkbench.jobs.qa;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sealworkbench.data.Passage;
import org.sealworkbench.data.Question;
import org.sealworkbench.jobs.history.HistoryService;
import org.sealworkbench.jobs.history.RunDetail;
import org.sealworkbench.seal.Conditions;
import org.sealworkbench.seal.Ending;
import org.sealworkbench.seal.Grade;
import org.sealworkbench.seal.Graders;
import org.sealworkbench.store.ExperimentLog;

/**
 * What the window is told of why each stored answer ended, where answers are shown: Runs & QA's table (before and after)
 * and History's run detail. An answer the new-token limit or the model's context cut says so, briefly and in a whole
 * sentence; one that ended at its EOS, or whose ending was not recorded (an older build's, an imported one), says nothing.
 */
class AnswerEndingsTest {
    @TempDir Path tmp;

    @Test
    void qaAndHistoryTellWhichAnswersALimitCutShort() {
        long passage, base, run;
        try (ExperimentLog log = ExperimentLog.open(tmp)) {
            passage = log.addPassage(new Passage("P", "context", List.of(new Question("q1?", "a"), new Question("q2?", "b"),
                    new Question("q3?", "c"))), "t");
            long model = log.findOrAddModel("/m", "llama", "m");
            var qs = log.questions(passage);
            base = log.startRun(null, model, passage, null, Conditions.NO_ADAPTATION, QaFixture.SETTINGS, 0);
            answer(log, qs.get(0).id(), base, Conditions.NO_ADAPTATION, "a", "eos", null);
            answer(log, qs.get(1).id(), base, Conditions.NO_ADAPTATION, "b b b b", "max_tokens", 32);
            answer(log, qs.get(2).id(), base, Conditions.NO_ADAPTATION, "c", null, null);
            log.finishRun(base, "done");
            run = log.startRun(null, model, passage, null, Conditions.PASSAGE_ONLY, QaFixture.SETTINGS, 5);
            answer(log, qs.get(0).id(), run, Conditions.PASSAGE_ONLY, "a a a", "context", 512);
            answer(log, qs.get(1).id(), run, Conditions.PASSAGE_ONLY, "b", "eos", null);
            answer(log, qs.get(2).id(), run, Conditions.PASSAGE_ONLY, "c c c c", "max_tokens", 32);
            log.finishRun(run, "done");
        }
        Ending limit = new Ending("token limit (32)", "stopped: the new-token limit (32 tokens) is reached");
        Ending context = new Ending("context full (512)", "stopped: the model's context (512 tokens) is full");
        try (QaService qa = QaService.open(tmp)) {
            QaTable t = qa.table(passage, run);
            assertEquals(List.of(Ending.NONE, limit, Ending.NONE), t.rows().stream().map(r -> r.before().ending()).toList());
            assertEquals(List.of(context, Ending.NONE, limit), t.rows().stream().map(r -> r.after().ending()).toList());
            assertEquals(1, t.cutBefore());
            assertEquals(2, t.cutAfter());
        }
        RunDetail d = new HistoryService(tmp).detail(run);
        assertEquals(List.of(context, Ending.NONE, limit), d.answers().stream().map(RunDetail.Answer::ending).toList());
    }

    private static void answer(ExperimentLog log, long question, long run, String condition, String text, String finish,
                               Integer limit) {
        long id = log.addAnswer(question, run, condition, text, finish, limit);
        Graders.store(log, id, Grade.of(true, null, "contains"));
    }
}
