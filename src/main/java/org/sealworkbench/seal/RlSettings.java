package org.sealworkbench.seal;

import com.google.gson.JsonDeserializationContext;
import com.google.gson.JsonDeserializer;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonSerializationContext;
import com.google.gson.JsonSerializer;
import com.google.gson.annotations.JsonAdapter;
import java.lang.reflect.Type;
import java.util.List;

/**
 * ReST-EM (SEAL.md section 1, "Reward and ReST-EM"), built from parts: the rounds and what each scores, and the SFT
 * of the generator ({@link Sft}). Defaults are the reference's: 2 rounds of 50 fresh training passages; k = 5
 * self-edits each, 3 inner loops per self-edit, reward = mean adapted accuracy; keep the top-1 self-edit per passage
 * (earliest wins ties) even when it did not beat the baseline; SFT of the generator with LoRA r 64, alpha 128 on all
 * seven projections, lr 3e-4, 2 epochs, effective batch 10, loss on the completion only with EOS appended, then merge.
 * In JSON the parts are written flat under the names they had as one record, so stored snapshots hash as before.
 *
 * @param keepWithoutGain keep the best self-edit even when its reward is not above the baseline
 */
@JsonAdapter(RlSettings.FlatJson.class)
public record RlSettings(int rounds, int passagesPerRound, int k, int repeats, boolean keepWithoutGain, Sft sft, long seed) {
    /**
     * The generator's SFT on the kept self-edits: a LoRA (no dropout) trained at {@code learningRate} for {@code epochs}
     * with {@code effectiveBatch} examples per optimizer step, then merged.
     *
     * @param completionOnlyLoss SFT loss on the completion tokens only (the prompt is masked)
     * @param appendEos          append EOS to each SFT completion
     */
    public record Sft(int loraRank, double loraAlpha, List<String> targetModules, double learningRate, int epochs,
                      int effectiveBatch, boolean completionOnlyLoss, boolean appendEos) {
        public Sft {
            targetModules = targetModules == null ? List.of() : List.copyOf(targetModules);
            if (loraRank < 1 || epochs < 1 || effectiveBatch < 1) {
                throw new IllegalArgumentException("SFT rank, epochs and effective batch must each be at least 1");
            }
            if (!(learningRate > 0)) throw new IllegalArgumentException("SFT learning rate must be > 0");
            if (targetModules.isEmpty()) throw new IllegalArgumentException("SFT LoRA needs at least one target module");
        }

        /** The SFT's LoRA as a {@link LoraSettings} (dropout 0). */
        public LoraSettings lora() {
            return new LoraSettings(loraRank, loraAlpha, 0.0, targetModules);
        }
    }

    public RlSettings {
        if (rounds < 0) throw new IllegalArgumentException("rounds must be >= 0, got " + rounds);
        if (passagesPerRound < 1 || k < 1 || repeats < 1) {
            throw new IllegalArgumentException("passages per round, k and repeats must each be at least 1");
        }
        if (sft == null) throw new IllegalArgumentException("RL settings need their SFT part");
    }

    public static RlSettings defaults() {
        return new RlSettings(2, 50, 5, 3, true,
                new Sft(64, 128, InnerLoopSettings.ALL_PROJECTIONS, 3e-4, 2, 10, true, true),
                42);
    }

    public RlSettings withRounds(int n) {
        return new RlSettings(n, passagesPerRound, k, repeats, keepWithoutGain, sft, seed);
    }

    public RlSettings withPassagesPerRound(int n) {
        return new RlSettings(rounds, n, k, repeats, keepWithoutGain, sft, seed);
    }

    public RlSettings withK(int n) {
        return new RlSettings(rounds, passagesPerRound, n, repeats, keepWithoutGain, sft, seed);
    }

    public RlSettings withRepeats(int n) {
        return new RlSettings(rounds, passagesPerRound, k, n, keepWithoutGain, sft, seed);
    }

    public RlSettings withKeepWithoutGain(boolean keep) {
        return new RlSettings(rounds, passagesPerRound, k, repeats, keep, sft, seed);
    }

    public RlSettings withSft(Sft s) {
        return new RlSettings(rounds, passagesPerRound, k, repeats, keepWithoutGain, s, seed);
    }

    // The flat accessors RestEm reads.
    public int sftLoraRank() { return sft.loraRank(); }
    public double sftLoraAlpha() { return sft.loraAlpha(); }
    public List<String> sftTargetModules() { return sft.targetModules(); }
    public double sftLearningRate() { return sft.learningRate(); }
    public int sftEpochs() { return sft.epochs(); }
    public int sftEffectiveBatch() { return sft.effectiveBatch(); }
    public boolean completionOnlyLoss() { return sft.completionOnlyLoss(); }
    public boolean appendEos() { return sft.appendEos(); }

    /** The flat JSON of the settings when they were one record (see {@link InnerLoopSettings.FlatJson}). */
    static final class FlatJson implements JsonSerializer<RlSettings>, JsonDeserializer<RlSettings> {
        @Override
        public JsonElement serialize(RlSettings s, Type type, JsonSerializationContext ctx) {
            JsonObject o = new JsonObject();
            o.addProperty("rounds", s.rounds());
            o.addProperty("passagesPerRound", s.passagesPerRound());
            o.addProperty("k", s.k());
            o.addProperty("repeats", s.repeats());
            o.addProperty("keepWithoutGain", s.keepWithoutGain());
            o.addProperty("sftLoraRank", s.sftLoraRank());
            o.addProperty("sftLoraAlpha", s.sftLoraAlpha());
            o.add("sftTargetModules", InnerLoopSettings.strings(s.sftTargetModules()));
            o.addProperty("sftLearningRate", s.sftLearningRate());
            o.addProperty("sftEpochs", s.sftEpochs());
            o.addProperty("sftEffectiveBatch", s.sftEffectiveBatch());
            o.addProperty("completionOnlyLoss", s.completionOnlyLoss());
            o.addProperty("appendEos", s.appendEos());
            o.addProperty("seed", s.seed());
            return o;
        }

        @Override
        public RlSettings deserialize(JsonElement e, Type type, JsonDeserializationContext ctx) {
            if (!e.isJsonObject()) throw new JsonParseException("RL settings must be a JSON object");
            JsonObject o = e.getAsJsonObject();
            Sft sft = new Sft(InnerLoopSettings.i(o, "sftLoraRank"), InnerLoopSettings.d(o, "sftLoraAlpha"),
                    InnerLoopSettings.strings(o, "sftTargetModules"), InnerLoopSettings.d(o, "sftLearningRate"),
                    InnerLoopSettings.i(o, "sftEpochs"), InnerLoopSettings.i(o, "sftEffectiveBatch"),
                    InnerLoopSettings.b(o, "completionOnlyLoss"), InnerLoopSettings.b(o, "appendEos"));
            return new RlSettings(InnerLoopSettings.i(o, "rounds"), InnerLoopSettings.i(o, "passagesPerRound"),
                    InnerLoopSettings.i(o, "k"), InnerLoopSettings.i(o, "repeats"), InnerLoopSettings.b(o, "keepWithoutGain"),
                    sft, InnerLoopSettings.l(o, "seed"));
        }
    }
}
