package org.sealworkbench.seal.arc;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.sealworkbench.data.arc.ArcTask;
import org.sealworkbench.llm.training.LrSchedule;
import org.sealworkbench.llm.training.SftExample;
import org.sealworkbench.seal.RlSettings;
import org.sealworkbench.seal.SealModel;

/**
 * ReST-EM for few-shot self-edits (SEAL.md section 2; SEAL's {@code few-shot/BC-self-edit.py}): the pieces of one round
 * that are the method, apart from running it ({@code jobs.ArcRlJob} samples the self-edits and runs the inner loops as
 * {@code ./seal arc} does, then calls these).
 *
 * <ol>
 *   <li><b>Reward</b> ({@link Pair#reward()}): 1 when the self-edit's test-time training ran and the adapted model
 *       solved the task (pass@2, {@link ArcTtt}), else 0. A self-edit that trained nothing gets 0 whatever the
 *       untrained model predicted: one over SEAL's step cap (epochs x texts / 2 above 375: "else no training"), one of
 *       0 epochs, one whose training part or switches were invalid ({@link TttConfig}), one with no text within the
 *       context. SEAL's paper gives a self-edit over the cap no reward; its code trains a dummy adapter and scores it
 *       like any other, which could reward a config for what the base model already knew. The reward is for the
 *       adaptation the self-edit caused, so it is 0 here.</li>
 *   <li><b>Selection</b> ({@link #rewarded}): every rewarded (task, self-edit) pair is kept, several per task when
 *       several solved it, none for a task that none solved (SEAL's BC-self-edit.py keeps all correct cases; this is
 *       unlike the knowledge setting's top-1 per passage).</li>
 *   <li><b>SFT set</b> ({@link #sftSet}): per kept pair, the token ids of the task's self-edit prompt exactly as it
 *       was sampled ({@link ArcSelfEdits#promptIds}: through the chat template when the model has one), then the
 *       self-edit's text as the model wrote it, then EOS; the prompt is marked as the example's prompt, so the loss is
 *       on the completion only (SEAL masks up to the assistant header). An example longer than the model's context is
 *       left out and named.</li>
 *   <li><b>Recipe</b> ({@link #reference()}): SEAL's BC-self-edit.py: LoRA r 16, alpha 16, on q, v, gate, down and up
 *       projections, lr 5e-5, 8 epochs, batch 5, cosine schedule; merged into the weights
 *       ({@code seal.RestEm#sftAndMerge}, the knowledge setting's SFT and merge).</li>
 * </ol>
 */
public final class ArcRestEm {
    private ArcRestEm() {
    }

    /** The "kind" in the description of a few-shot round's experiment (written by {@code jobs.ArcRlJob}). */
    public static final String EXPERIMENT_KIND = "few-shot rest-em round";

    /**
     * The round number of each model a few-shot round saved, by the model's folder (absolute): read from the rounds'
     * experiments ({@code "model_dir"} and {@code "round"} of their descriptions); a description that does not parse is
     * passed over.
     */
    public static Map<String, Integer> roundModels(org.sealworkbench.store.ExperimentLog log) {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (org.sealworkbench.store.ExperimentRecord e : log.experiments()) {
            if (e.description() == null || !e.description().contains(EXPERIMENT_KIND)) {
                continue;
            }
            try {
                JsonObject d = JsonParser.parseString(e.description()).getAsJsonObject();
                if (EXPERIMENT_KIND.equals(d.get("kind").getAsString()) && d.has("model_dir")) {
                    out.put(d.get("model_dir").getAsString(), d.get("round").getAsInt());
                }
            } catch (RuntimeException bad) {
                // written by hand or by another tool: not a round
            }
        }
        return out;
    }

    /** SEAL's SFT schedule for the few-shot generator (HF's cosine, no warmup). */
    public static final LrSchedule.Kind SCHEDULE = LrSchedule.Kind.COSINE;

    /** SEAL's BC-self-edit.py recipe: LoRA r 16, alpha 16 on q, v, gate, down, up; lr 5e-5; 8 epochs; batch 5. */
    public static RlSettings.Sft reference() {
        return new RlSettings.Sft(16, 16, List.of("q_proj", "v_proj", "gate_proj", "down_proj", "up_proj"), 5e-5, 8, 5,
                true, true);
    }

    /** The reference recipe with those parts replaced (0: the reference's). */
    public static RlSettings.Sft recipe(int epochs, double learningRate, int batch) {
        RlSettings.Sft r = reference();
        return new RlSettings.Sft(r.loraRank(), r.loraAlpha(), r.targetModules(), learningRate > 0 ? learningRate
                : r.learningRate(), epochs > 0 ? epochs : r.epochs(), batch > 0 ? batch : r.effectiveBatch(), true, true);
    }

    /**
     * One sampled self-edit of a task and what its inner loop did.
     *
     * @param index      the self-edit's place among the task's samples (0-based)
     * @param text       the model's completion as it was sampled (what the SFT trains on)
     * @param notTrained why the inner loop trained nothing ("" when it trained)
     * @param solved     pass@2 against the task's solution (null: no solution known)
     */
    public record Pair(String task, int index, String text, TttConfig config, String notTrained, Boolean solved) {
        public Pair {
            notTrained = notTrained == null ? "" : notTrained;
        }

        public boolean trained() {
            return notTrained.isEmpty();
        }

        /** Step 1: 1 when the self-edit trained and the adapted model solved the task, else 0. */
        public int reward() {
            return trained() && Boolean.TRUE.equals(solved) ? 1 : 0;
        }

        /** The pair with its inner loop's result. */
        public static Pair of(ArcTtt.Result r, int index, String text) {
            return new Pair(r.task(), index, text, r.config(), r.notTrained(), r.solved());
        }
    }

    /** Step 2: the pairs with reward 1, in the given order. */
    public static List<Pair> rewarded(List<Pair> pairs) {
        return pairs.stream().filter(p -> p.reward() == 1).toList();
    }

    /** A task's rewards: how many of its self-edits ran and how many earned 1. */
    public record TaskRewards(String task, int pairs, int rewarded) {
        /** The share of the task's self-edits rewarded, 0 to 1 (NaN without any). */
        public double share() {
            return pairs == 0 ? Double.NaN : rewarded / (double) pairs;
        }
    }

    /** Each task's rewards, tasks in the order of their first pair. */
    public static List<TaskRewards> perTask(List<Pair> pairs) {
        Map<String, int[]> by = new LinkedHashMap<>();
        for (Pair p : pairs) {
            int[] c = by.computeIfAbsent(p.task(), t -> new int[2]);
            c[0]++;
            c[1] += p.reward();
        }
        List<TaskRewards> out = new ArrayList<>();
        by.forEach((t, c) -> out.add(new TaskRewards(t, c[0], c[1])));
        return out;
    }

    /** Step 3's result: the examples, and what was left out and why. */
    public record SftSet(List<SftExample> examples, List<String> leftOut) {
    }

    /**
     * Step 3: the SFT examples of the kept pairs for {@code model}, whose tasks are looked up by name in
     * {@code tasks}.
     *
     * @throws IllegalArgumentException when a pair's task is not among {@code tasks}
     */
    public static SftSet sftSet(SealModel model, Map<String, ArcTask> tasks, List<Pair> kept) {
        int context = model.model().config().maxPositionEmbeddings();
        int eos = model.eosId();
        List<SftExample> out = new ArrayList<>();
        List<String> leftOut = new ArrayList<>();
        for (Pair p : kept) {
            ArcTask task = tasks.get(p.task());
            if (task == null) {
                throw new IllegalArgumentException("task " + p.task() + " of a kept self-edit is not in the task set");
            }
            int[] prompt = ArcSelfEdits.promptIds(model, task);
            int[] completion = model.tokenizer().encode(p.text(), false);
            int[] ids = new int[prompt.length + completion.length + 1];
            System.arraycopy(prompt, 0, ids, 0, prompt.length);
            System.arraycopy(completion, 0, ids, prompt.length, completion.length);
            ids[ids.length - 1] = eos;
            if (ids.length > context) {
                leftOut.add(String.format(Locale.ROOT, "task %s, self-edit %d: prompt %d + self-edit %d + EOS = %d tokens, "
                        + "more than the model's context of %d", p.task(), p.index() + 1, prompt.length, completion.length,
                        ids.length, context));
                continue;
            }
            out.add(new SftExample(ids, prompt.length));
        }
        return new SftSet(out, leftOut);
    }

    /** The pairs as JSON (stored with the round): task, index, text, config, not_trained, solved, reward. */
    public static JsonArray toJson(List<Pair> pairs) {
        JsonArray a = new JsonArray();
        for (Pair p : pairs) {
            JsonObject o = new JsonObject();
            o.addProperty("task", p.task());
            o.addProperty("index", p.index());
            o.addProperty("text", p.text());
            o.addProperty("config", p.config() == null ? null : p.config().toJson());
            o.addProperty("not_trained", p.notTrained());
            o.addProperty("solved", p.solved());
            o.addProperty("reward", p.reward());
            a.add(o);
        }
        return a;
    }

    /** Pairs read back from {@link #toJson}. */
    public static List<Pair> fromJson(JsonArray a) {
        List<Pair> out = new ArrayList<>();
        for (JsonElement e : a) {
            JsonObject o = e.getAsJsonObject();
            TttConfig c = o.get("config").isJsonNull() ? null
                    : TttConfig.parse(o.get("config").getAsString()).config().orElse(null);
            out.add(new Pair(o.get("task").getAsString(), o.get("index").getAsInt(), o.get("text").getAsString(), c,
                    o.get("not_trained").getAsString(), o.get("solved").isJsonNull() ? null
                            : o.get("solved").getAsBoolean()));
        }
        return out;
    }

    /** {@link #fromJson(JsonArray)} of JSON text. */
    public static List<Pair> fromJson(String json) {
        return fromJson(JsonParser.parseString(json).getAsJsonArray());
    }
}
