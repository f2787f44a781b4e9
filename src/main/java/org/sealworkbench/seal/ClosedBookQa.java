package org.sealworkbench.seal;

import java.util.ArrayList;
import org.sealworkbench.llm.lora.StackedLora;
import java.util.List;
import org.sealworkbench.llm.generation.Generation;
import org.sealworkbench.llm.generation.GenerationOptions;
import org.sealworkbench.llm.generation.Generator;
import org.sealworkbench.store.QuestionRecord;

/**
 * SEAL's closed-book answering: every question of a passage in one batch, with {@link PromptTemplates#qaPrompt}
 * (the passage is not shown), greedy unless the settings say otherwise, at most maxNewTokens, stop at EOS.
 * Answers are stripped of surrounding white space, as the reference strips the decoded text.
 */
public final class ClosedBookQa {
    private ClosedBookQa() {}

    public static List<String> answer(SealModel m, String title, List<QuestionRecord> questions, EvalSettings s) {
        if (questions.isEmpty()) return List.of();
        List<int[]> prompts = new ArrayList<>();
        for (QuestionRecord q : questions) prompts.add(m.tokenizer().encode(PromptTemplates.qaPrompt(title, q.question()), true));
        List<String> out = new ArrayList<>();
        for (Generation g : new Generator(m.model(), m.tokenizer()).generate(prompts, options(s), null)) out.add(g.text().strip());
        return out;
    }

    private static GenerationOptions options(EvalSettings s) {
        // Not greedy: the reference never does this; a fixed seed keeps it reproducible.
        return s.greedy() ? GenerationOptions.greedy(s.maxNewTokens()) : GenerationOptions.sampling(s.maxNewTokens(), 1.0, 1.0, 0);
    }

    /**
     * Every adapter's answers in one batch (issue 19): adapter k of {@code stack} (attached to the model) answers
     * {@code questions.get(k)} about {@code titles.get(k)}; the rows are all adapters' questions, each row told its
     * adapter. Greedy answers equal {@link #answer} with adapter k alone (up to float rounding in near ties).
     */
    public static List<List<String>> answerEach(SealModel m, StackedLora stack, List<String> titles, List<List<QuestionRecord>> questions,
                                                EvalSettings s) {
        List<int[]> prompts = new ArrayList<>();
        List<Integer> adapterOfRow = new ArrayList<>();
        for (int k = 0; k < questions.size(); k++) {
            for (QuestionRecord q : questions.get(k)) {
                prompts.add(m.tokenizer().encode(PromptTemplates.qaPrompt(titles.get(k), q.question()), true));
                adapterOfRow.add(k);
            }
        }
        List<List<String>> out = new ArrayList<>();
        for (int k = 0; k < questions.size(); k++) out.add(new ArrayList<>());
        if (prompts.isEmpty()) return out;
        stack.setRows(adapterOfRow.stream().mapToInt(Integer::intValue).toArray());
        List<Generation> gens = new Generator(m.model(), m.tokenizer()).generate(prompts, options(s), null);
        for (int i = 0; i < gens.size(); i++) out.get(adapterOfRow.get(i)).add(gens.get(i).text().strip());
        return out;
    }
}
