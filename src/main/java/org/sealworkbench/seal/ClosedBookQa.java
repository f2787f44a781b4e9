package org.sealworkbench.seal;

import java.util.ArrayList;
import org.sealworkbench.llm.lora.StackedLora;
import java.util.List;
import org.sealworkbench.llm.generation.Generation;
import org.sealworkbench.llm.generation.GenerationOptions;
import org.sealworkbench.llm.generation.Generator;
import org.sealworkbench.store.ExperimentLog;
import org.sealworkbench.store.QuestionRecord;

/**
 * SEAL's closed-book answering: every question of a passage in one batch, with {@link PromptTemplates#qaPrompt}
 * (the passage is not shown), greedy unless the settings say otherwise, at most maxNewTokens, stop at EOS, and, as all
 * generation, where prompt and answer fill the model's context (an answer it cuts short is graded as it stands; a question
 * prompt is only a title and a question). Answers are stripped of surrounding white space, as the reference strips the
 * decoded text. Each answer keeps why it ended ({@link Answer}), which the log stores beside its text.
 */
public final class ClosedBookQa {
    private ClosedBookQa() {}

    /**
     * One closed-book answer: its text and why it ended, as {@code answers.finish} and {@code answers.finish_limit} store
     * it ({@link Ending#stored}: "eos", "max_tokens" or "context"; the limit that cut it: the new-token limit or the model's
     * context, null when none did).
     */
    public record Answer(String text, String finish, Integer limit) {
        public Answer(Generation g, EvalSettings s, int contextTokens) {
            this(g.text().strip(), Ending.stored(g.finish()), Ending.limitOf(g.finish(), s.maxNewTokens(), contextTokens));
        }

        /** Why it ended, in words where a limit cut it. */
        public Ending ending() {
            return Ending.of(finish, limit);
        }
    }

    public static List<Answer> answer(SealModel m, String title, List<QuestionRecord> questions, EvalSettings s) {
        if (questions.isEmpty()) return List.of();
        List<int[]> prompts = new ArrayList<>();
        for (QuestionRecord q : questions) prompts.add(m.tokenizer().encode(PromptTemplates.qaPrompt(title, q.question()), true));
        List<Answer> out = new ArrayList<>();
        int context = m.model().config().maxPositionEmbeddings();
        for (Generation g : new Generator(m.model(), m.tokenizer()).generate(prompts, options(s), null)) out.add(new Answer(g, s, context));
        return out;
    }

    /** Stores an answer of a run with why it ended; returns its id. */
    public static long store(ExperimentLog log, long questionId, Long runId, String condition, Answer a) {
        return log.addAnswer(questionId, runId, condition, a.text(), a.finish(), a.limit());
    }

    /** The answers' texts, in order. */
    public static List<String> texts(List<Answer> answers) {
        return answers.stream().map(Answer::text).toList();
    }

    private static GenerationOptions options(EvalSettings s) {
        // Not greedy: the reference never does this; a fixed seed keeps it reproducible.
        return s.greedy() ? GenerationOptions.greedy(s.maxNewTokens()) : GenerationOptions.sampling(s.maxNewTokens(), 1.0, 1.0, 0);
    }

    /**
     * Rows per decoding batch when many adapters answer ({@link #answerEach}): consecutive adapters' questions go
     * together up to this many rows (-Dseal.answerRows). One batch of all adapters' rows was slower than answering
     * adapter by adapter on this project's 2-core VM: every row decodes until the batch's longest answer ends (22
     * tokens where most end after 2 to 5), and a prefill of 96 rows makes 8 MB intermediates whose first touch costs
     * more than their arithmetic. Measured, 32 inner loops in batches of 16 on seal-tiny's own self-edits, 1 thread:
     * answering took 5.0 s at 6 rows a batch, 10.3 s at 32 and 13.6 s at 96 (issue 19).
     */
    static final int ANSWER_ROWS = Integer.getInteger("seal.answerRows", 8);

    /**
     * Every adapter's answers (issue 19): adapter k of {@code stack} (attached to the model) answers
     * {@code questions.get(k)} about {@code titles.get(k)}; consecutive adapters' questions decode together in batches
     * of at most {@link #ANSWER_ROWS} rows (an adapter's questions never split), each row told its adapter. Greedy
     * answers equal {@link #answer} with adapter k alone (up to float rounding in near ties), and so does why each ended:
     * every row of a batch stops at its own new-token limit or its own room in the context (InnerLoopBatchTest).
     */
    public static List<List<Answer>> answerEach(SealModel m, StackedLora stack, List<String> titles, List<List<QuestionRecord>> questions,
                                                EvalSettings s) {
        List<List<Answer>> out = new ArrayList<>();
        for (int k = 0; k < questions.size(); k++) out.add(new ArrayList<>());
        int context = m.model().config().maxPositionEmbeddings();
        int from = 0;
        while (from < questions.size()) {
            List<int[]> prompts = new ArrayList<>();
            List<Integer> adapterOfRow = new ArrayList<>();
            int to = from;
            while (to < questions.size() && (to == from || adapterOfRow.size() + questions.get(to).size() <= ANSWER_ROWS)) {
                for (QuestionRecord q : questions.get(to)) {
                    prompts.add(m.tokenizer().encode(PromptTemplates.qaPrompt(titles.get(to), q.question()), true));
                    adapterOfRow.add(to);
                }
                to++;
            }
            if (!prompts.isEmpty()) {
                stack.setRows(adapterOfRow.stream().mapToInt(Integer::intValue).toArray());
                List<Generation> gens = new Generator(m.model(), m.tokenizer()).generate(prompts, options(s), null);
                for (int i = 0; i < gens.size(); i++) out.get(adapterOfRow.get(i)).add(new Answer(gens.get(i), s, context));
            }
            from = to;
        }
        return out;
    }
}
