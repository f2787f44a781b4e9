package org.sealworkbench.seal;

import java.util.ArrayList;
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
        // Not greedy: the reference never does this; a fixed seed keeps it reproducible.
        GenerationOptions opts = s.greedy() ? GenerationOptions.greedy(s.maxNewTokens())
                : GenerationOptions.sampling(s.maxNewTokens(), 1.0, 1.0, 0);
        List<String> out = new ArrayList<>();
        for (Generation g : new Generator(m.model(), m.tokenizer()).generate(prompts, opts, null)) out.add(g.text().strip());
        return out;
    }
}
