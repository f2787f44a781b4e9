package org.sealworkbench.jobs;

import java.nio.file.Path;
import java.util.List;
import org.sealworkbench.llm.Devices;
import org.sealworkbench.llm.generation.GenerationOptions;
import org.sealworkbench.llm.generation.Generator;
import org.sealworkbench.llm.tokenizer.ChatMessage;
import org.sealworkbench.seal.Grader;
import org.sealworkbench.seal.Graders;
import org.sealworkbench.seal.LlmJudgeGrader;
import org.sealworkbench.seal.SealModel;
import org.sealworkbench.seal.SealSettings;
import org.sealworkbench.store.ExperimentLog;

/** Builds a job's grader from its settings: a string grader by name, or SEAL's LLM judge on a local model. */
final class JobGrader {
    private JobGrader() {}

    /**
     * The settings' grader; an LLM judge runs on the {@code judge} checkpoint, which is added to {@code toClose} and
     * stays open until the job closes it.
     */
    static Grader open(SealSettings s, Path judge, ExperimentLog log, List<AutoCloseable> toClose) {
        String name = s.eval().grader();
        if (!name.startsWith(LlmJudgeGrader.NAME)) return Graders.byName(name);
        if (judge == null) {
            throw new IllegalArgumentException("the grader is " + name + " (the reference's LLM judge): give a local judge model with "
                    + "--judge DIR, or choose a string grader with --grader contains|exact_match|f1@0.5");
        }
        SealModel j = SealModel.open(judge, log, Devices.pick());
        toClose.add(j);
        Generator gen = new Generator(j.model(), j.tokenizer());
        return new LlmJudgeGrader(j.name(), prompt -> {
            int[] ids = j.tokenizer().hasChatTemplate() ? j.tokenizer().encodeChat(List.of(ChatMessage.user(prompt)), true)
                    : j.tokenizer().encode(prompt, true);
            return gen.generate(List.of(ids), GenerationOptions.greedy(8), null).get(0).text();
        });
    }

    static void closeAll(List<AutoCloseable> toClose) {
        RuntimeException first = null;
        for (AutoCloseable c : toClose) {
            try {
                c.close();
            } catch (Exception e) {
                if (first == null) first = e instanceof RuntimeException r ? r : new IllegalStateException(e.getMessage(), e);
            }
        }
        if (first != null) throw first;
    }
}
