package org.sealworkbench.seal.arc;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import org.sealworkbench.data.arc.ArcExample;
import org.sealworkbench.data.arc.ArcTask;
import org.sealworkbench.data.arc.Grid;
import org.sealworkbench.llm.generation.Generation;
import org.sealworkbench.llm.generation.GenerationOptions;
import org.sealworkbench.llm.generation.Generator;
import org.sealworkbench.llm.tokenizer.ChatMessage;
import org.sealworkbench.seal.Ending;
import org.sealworkbench.seal.SealModel;

/**
 * Few-shot self-edits: the model reads a task's demonstrations and writes a {@link TttConfig} as JSON. Follows SEAL's
 * self-edit.py:
 *
 * <ol>
 *   <li>The prompt ({@link #userMessage}): each demonstration as "Input:" and its rows (cells apart by spaces), a
 *       blank line, "Output:" and its rows, a blank line; then "------", a blank line and {@link TttConfig#PROMPT}.
 *       SEAL sends it as the user turn after {@link #SYSTEM} through the chat template; a model without one gets
 *       the system message, a blank line and the user message as plain text.</li>
 *   <li>Samples at the settings' temperature (SEAL: 0.8) and new-token bound (SEAL: 128).</li>
 *   <li>A sample that is not a config ({@link TttConfig#parse}) is dropped and another drawn, as SEAL does; SEAL
 *       draws without end, we stop after {@link ArcSettings#selfEditTries()} draws per wanted config.</li>
 *   <li>With {@code distinct}, a config equal to one already kept for the task is dropped too (SEAL's
 *       skip_repeated_configs).</li>
 * </ol>
 */
public final class ArcSelfEdits {
    /** SEAL's system message for the few-shot setting. */
    public static final String SYSTEM =
            "You are a helpful assistant that provide the correct output for the given task immediately.";

    private ArcSelfEdits() {
    }

    /** One draw: the model's text, and its config when it is one. */
    public record Draw(String text, TttConfig config, String problem) {
        public boolean valid() {
            return config != null;
        }
    }

    /** What sampling for one task gave: the kept configs (with their texts) and every draw made. */
    public record Sampled(List<Draw> kept, List<Draw> draws) {
    }

    /** Step 1: the user message. */
    public static String userMessage(ArcTask task) {
        StringBuilder sb = new StringBuilder();
        for (ArcExample e : task.train()) {
            sb.append("Input:\n").append(rows(e.input())).append("\nOutput:\n").append(rows(e.output())).append('\n');
        }
        return sb.append("------\n\n").append(TttConfig.PROMPT).toString();
    }

    private static String rows(Grid g) {
        StringBuilder sb = new StringBuilder();
        for (int r = 0; r < g.height(); r++) {
            for (int c = 0; c < g.width(); c++) {
                if (c > 0) {
                    sb.append(' ');
                }
                sb.append(g.at(r, c));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /** The fewest new tokens a config is sampled in: a prompt that leaves less in the model's context is refused. */
    public static final int MIN_ROOM = org.sealworkbench.seal.ContextFit.MIN_ROOM;

    /** New tokens a config may take after a prompt of {@code promptLength} tokens: the settings' bound, within the context. */
    public static int room(SealModel model, int promptLength, ArcSettings s) {
        return Math.min(s.selfEditMaxTokens(), model.model().config().maxPositionEmbeddings() - promptLength);
    }

    /**
     * Why a draw ended where a limit cut it. The generator is given {@code room} new tokens, the smaller of the settings'
     * {@code maxTokens} and what the model's context leaves after the prompt, so it reports either limit as the new-token
     * limit: a draw that took all its room was cut by the context where the room is less than the settings' limit.
     */
    static Ending ending(Generation g, int room, int maxTokens, int contextTokens) {
        boolean full = g.finish() == Generation.Finish.CONTEXT || g.finish() == Generation.Finish.MAX_TOKENS && g.tokens().length >= room;
        if (!full) return Ending.NONE;
        return room < maxTokens ? Ending.contextFull(contextTokens) : Ending.tokenLimit(maxTokens);
    }

    /** Step 1: the prompt's token ids for {@code model}. */
    public static int[] promptIds(SealModel model, ArcTask task) {
        if (model.tokenizer().hasChatTemplate()) {
            return model.tokenizer().encode(model.tokenizer().applyChatTemplate(List.of(new ChatMessage("system",
                    SYSTEM), new ChatMessage("user", userMessage(task))), true), false);
        }
        return model.tokenizer().encode(SYSTEM + "\n\n" + userMessage(task), true);
    }

    /**
     * Steps 2 to 4: up to {@code k} configs for {@code task}.
     *
     * @throws IllegalArgumentException when the prompt leaves no room for an answer in the model's context
     * @throws CancellationException    when {@code cancelled} turned true
     */
    public static Sampled sample(SealModel model, ArcTask task, int k, boolean distinct, ArcSettings s, long seed,
            BooleanSupplier cancelled) {
        int[] prompt = promptIds(model, task);
        int context = model.model().config().maxPositionEmbeddings();
        int room = room(model, prompt.length, s);
        if (room < MIN_ROOM) {
            throw new IllegalArgumentException("task " + task.name() + ": its self-edit prompt is " + prompt.length
                    + " tokens, which leaves no room for a config in the model's context of " + context);
        }
        List<Draw> kept = new ArrayList<>();
        List<Draw> draws = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        Generator gen = new Generator(model.model(), model.tokenizer());
        int budget = k * s.selfEditTries();
        long next = seed;
        while (kept.size() < k && draws.size() < budget) {
            if (cancelled.getAsBoolean()) {
                throw new CancellationException("cancelled while sampling self-edits of task " + task.name());
            }
            int batch = Math.min(k - kept.size(), budget - draws.size());
            List<int[]> prompts = new ArrayList<>();
            for (int i = 0; i < batch; i++) {
                prompts.add(prompt);
            }
            GenerationOptions opts = GenerationOptions.sampling(room, s.selfEditTemperature(), 1.0, next++);
            for (Generation g : gen.generate(prompts, opts, null)) {
                TttConfig.Parsed p = TttConfig.parse(g.text().strip());
                // a draw a limit cut short says so beside why it is not a config
                Ending cut = ending(g, room, s.selfEditMaxTokens(), context);
                String problem = p.config().isEmpty() && cut.cut() ? p.problem() + " (" + cut.sentence() + ")" : p.problem();
                Draw d = new Draw(g.text(), p.config().orElse(null), problem);
                draws.add(d);
                if (d.valid() && kept.size() < k && (!distinct || seen.add(d.config().toJson()))) {
                    kept.add(d);
                }
            }
        }
        return new Sampled(kept, draws);
    }
}
