package org.sealworkbench.seal;

import com.google.gson.JsonArray;
import com.google.gson.JsonDeserializationContext;
import com.google.gson.JsonDeserializer;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonSerializationContext;
import com.google.gson.JsonSerializer;
import com.google.gson.annotations.JsonAdapter;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import org.sealworkbench.llm.lora.LoraConfig;
import org.sealworkbench.llm.training.LrSchedule;

/**
 * The inner loop (test-time training on one self-edit), SEAL.md section 1, built from parts: a fresh LoRA
 * ({@link LoraSettings}), how it is trained ({@link TrainingSettings}), how a self-edit becomes sequences
 * ({@link SequenceRules}), how many repeats with fresh seeds, and the base seed. The grader that scores an inner loop
 * is the evaluation's ({@link EvalSettings#grader()}), kept there because stored settings snapshots hold it there.
 * Defaults are the reference's: a fresh LoRA of rank 32, alpha 64, dropout 0 on q_proj and v_proj; AdamW with lr 1e-3
 * for 10 epochs, batch 1, linear decay to 0, no warmup, no weight decay, grad-norm clip 1.0; every sequence padded to
 * 2048 tokens with EOS, the padding kept in the loss (labels = inputs); 3 repeats with fresh seeds.
 *
 * <p>In JSON the parts are written flat, with the field names the settings had when they were one long record, so that
 * stored snapshots, their digests and {@code eval-results.json} files read and hash exactly as before.
 *
 * @param repeats inner loops per self-edit, each with a fresh seed
 * @param seed    base seed; repeat r uses a seed derived from it and r
 */
@JsonAdapter(InnerLoopSettings.FlatJson.class)
public record InnerLoopSettings(LoraSettings lora, TrainingSettings training, SequenceRules sequences, int repeats, long seed) {
    /** The reference's LoRA targets: attention query and value projections only. */
    public static final List<String> QV = List.of("q_proj", "v_proj");
    /** All seven projections of a Llama/Qwen decoder layer (the engine's list, {@link LoraConfig#ALL_PROJECTIONS}). */
    public static final List<String> ALL_PROJECTIONS = LoraConfig.ALL_PROJECTIONS;

    public InnerLoopSettings {
        if (lora == null || training == null || sequences == null) {
            throw new IllegalArgumentException("inner-loop settings need their LoRA, training and sequence parts");
        }
        if (repeats < 1) throw new IllegalArgumentException("epochs, batch size and repeats must each be at least 1");
    }

    /** The reference's values (padding kept in the loss, q/v only). */
    public static InnerLoopSettings defaults() {
        return new InnerLoopSettings(
                new LoraSettings(32, 64, 0.0, QV),
                new TrainingSettings(1e-3, 10, 1, LrSchedule.Kind.LINEAR, 0, 0.0, 1.0),
                new SequenceRules(2048, true, true, 30),
                3, 42);
    }

    public InnerLoopSettings withLora(LoraSettings l) {
        return new InnerLoopSettings(l, training, sequences, repeats, seed);
    }

    public InnerLoopSettings withTraining(TrainingSettings t) {
        return new InnerLoopSettings(lora, t, sequences, repeats, seed);
    }

    public InnerLoopSettings withSequences(SequenceRules s) {
        return new InnerLoopSettings(lora, training, s, repeats, seed);
    }

    /** These settings with {@code n} repeats (fresh-seeded inner loops per condition and passage). */
    public InnerLoopSettings withRepeats(int n) {
        return new InnerLoopSettings(lora, training, sequences, n, seed);
    }

    public InnerLoopSettings withSeed(long s) {
        return new InnerLoopSettings(lora, training, sequences, repeats, s);
    }

    /** The seed of repeat r (0-based): distinct per repeat, reproducible from the base seed. */
    public long repeatSeed(int repeat) {
        return seed + 1_000_003L * repeat;
    }

    // The flat accessors the training code reads (InnerLoop, WorldEval, SelfEditSequences).
    public int loraRank() { return lora.rank(); }
    public double loraAlpha() { return lora.alpha(); }
    public double loraDropout() { return lora.dropout(); }
    public List<String> targetModules() { return lora.targetModules(); }
    public double learningRate() { return training.learningRate(); }
    public int epochs() { return training.epochs(); }
    public int batchSize() { return training.batchSize(); }
    public LrSchedule.Kind schedule() { return training.schedule(); }
    /** The schedule's name (linear, cosine, constant), as {@link LrSchedule#parseKind} reads it. */
    public String lrSchedule() { return TrainingSettings.key(training.schedule()); }
    public int warmupSteps() { return training.warmupSteps(); }
    public double weightDecay() { return training.weightDecay(); }
    public double gradClip() { return training.gradClip(); }
    public int padToLength() { return sequences.padToLength(); }
    public boolean lossOnPadding() { return sequences.lossOnPadding(); }
    public boolean splitLines() { return sequences.splitLines(); }
    public int maxSequences() { return sequences.maxSequences(); }

    /**
     * Writes and reads the settings as the one flat object they used to be (same names, same values, same order), so
     * that the canonical JSON and digest of given settings never change. Missing numbers read as 0 and missing flags
     * as false, as Gson read the old record; the parts' constructors then refuse what is invalid.
     */
    static final class FlatJson implements JsonSerializer<InnerLoopSettings>, JsonDeserializer<InnerLoopSettings> {
        @Override
        public JsonElement serialize(InnerLoopSettings s, Type type, JsonSerializationContext ctx) {
            JsonObject o = new JsonObject();
            o.addProperty("loraRank", s.loraRank());
            o.addProperty("loraAlpha", s.loraAlpha());
            o.addProperty("loraDropout", s.loraDropout());
            o.add("targetModules", strings(s.targetModules()));
            o.addProperty("learningRate", s.learningRate());
            o.addProperty("epochs", s.epochs());
            o.addProperty("batchSize", s.batchSize());
            o.addProperty("lrSchedule", s.lrSchedule());
            o.addProperty("warmupSteps", s.warmupSteps());
            o.addProperty("weightDecay", s.weightDecay());
            o.addProperty("gradClip", s.gradClip());
            o.addProperty("padToLength", s.padToLength());
            o.addProperty("lossOnPadding", s.lossOnPadding());
            o.addProperty("splitLines", s.splitLines());
            o.addProperty("maxSequences", s.maxSequences());
            o.addProperty("repeats", s.repeats());
            o.addProperty("seed", s.seed());
            return o;
        }

        @Override
        public InnerLoopSettings deserialize(JsonElement e, Type type, JsonDeserializationContext ctx) {
            if (!e.isJsonObject()) throw new JsonParseException("inner-loop settings must be a JSON object");
            JsonObject o = e.getAsJsonObject();
            LrSchedule.Kind schedule = TrainingSettings.schedule(o.has("lrSchedule") ? o.get("lrSchedule").getAsString() : null);
            return new InnerLoopSettings(
                    new LoraSettings(i(o, "loraRank"), d(o, "loraAlpha"), d(o, "loraDropout"), strings(o, "targetModules")),
                    new TrainingSettings(d(o, "learningRate"), i(o, "epochs"), i(o, "batchSize"), schedule, i(o, "warmupSteps"),
                            d(o, "weightDecay"), d(o, "gradClip")),
                    new SequenceRules(i(o, "padToLength"), b(o, "lossOnPadding"), b(o, "splitLines"), i(o, "maxSequences")),
                    i(o, "repeats"), l(o, "seed"));
        }
    }

    static JsonArray strings(List<String> list) {
        JsonArray a = new JsonArray();
        list.forEach(a::add);
        return a;
    }

    static List<String> strings(JsonObject o, String key) {
        if (!o.has(key) || o.get(key).isJsonNull()) return List.of();
        if (!o.get(key).isJsonArray()) throw new JsonParseException(key + " must be a list of names");
        List<String> out = new ArrayList<>();
        for (JsonElement x : o.getAsJsonArray(key)) out.add(x.getAsString());
        return out;
    }

    static int i(JsonObject o, String key) {
        return o.has(key) && !o.get(key).isJsonNull() ? o.get(key).getAsInt() : 0;
    }

    static long l(JsonObject o, String key) {
        return o.has(key) && !o.get(key).isJsonNull() ? o.get(key).getAsLong() : 0;
    }

    static double d(JsonObject o, String key) {
        return o.has(key) && !o.get(key).isJsonNull() ? o.get(key).getAsDouble() : 0;
    }

    static boolean b(JsonObject o, String key) {
        return o.has(key) && !o.get(key).isJsonNull() && o.get(key).getAsBoolean();
    }
}
