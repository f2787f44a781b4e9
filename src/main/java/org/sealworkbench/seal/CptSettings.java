package org.sealworkbench.seal;

import com.google.gson.Gson;
import com.google.gson.JsonObject;

/**
 * SEAL's multi-passage setting (continued pretraining, "CPT"; SEAL.md section 1): one LoRA trained over the sequences
 * of many passages together, then every passage's questions answered closed-book; the score is micro accuracy over
 * all their questions. The LoRA's shape, the schedule and how a passage (+ self-edit) becomes sequences are the inner
 * loop's ({@link InnerLoopSettings}); what differs is here.
 *
 * <p>Kept apart from {@link SealSettings} on purpose: a new part there would change the canonical JSON, and with it
 * the digest, of every stored run. A CPT run stores {@link #snapshot} (the whole {@link SealSettings} plus these
 * values under {@code "cpt"}), so CPT rows are told apart by their own digest.
 *
 * @param passages         how many validation passages are trained on together (SEAL: 200)
 * @param epochs           epochs over all their sequences (SEAL: 3)
 * @param learningRate     SEAL: 1e-3
 * @param batchSize        sequences per micro-batch (SEAL: 4)
 * @param gradAccum        micro-batches per optimizer step (SEAL: 2)
 * @param repeats          fresh-seeded CPT runs per condition (SEAL: 1)
 * @param bootstrapSamples resamples of the passages for the micro accuracy's 95 % interval
 * @param bootstrapSeed    seed of those resamples (the interval is reproducible)
 */
public record CptSettings(int passages, int epochs, double learningRate, int batchSize, int gradAccum, int repeats,
                          int bootstrapSamples, long bootstrapSeed) {
    private static final Gson GSON = new Gson();

    public CptSettings {
        if (passages < 1 || epochs < 1 || batchSize < 1 || gradAccum < 1 || repeats < 1 || bootstrapSamples < 1) {
            throw new IllegalArgumentException("CPT passages, epochs, batch size, grad accumulation, repeats and bootstrap "
                    + "samples must each be at least 1");
        }
        if (!(learningRate > 0)) throw new IllegalArgumentException("CPT learning rate must be positive, got " + learningRate);
    }

    /** SEAL's: 200 passages, 3 epochs, lr 1e-3, batch 4, grad-accum 2, one run; 1000 bootstrap resamples. */
    public static CptSettings reference() {
        return new CptSettings(200, 3, 1e-3, 4, 2, 1, 1000, 42);
    }

    public CptSettings withPassages(int n) {
        return new CptSettings(n, epochs, learningRate, batchSize, gradAccum, repeats, bootstrapSamples, bootstrapSeed);
    }

    public CptSettings withRepeats(int n) {
        return new CptSettings(passages, epochs, learningRate, batchSize, gradAccum, n, bootstrapSamples, bootstrapSeed);
    }

    /** The settings a CPT run stores: the whole {@code settings} snapshot plus these values as {@code "cpt"}, canonical. */
    public String snapshot(SealSettings settings) {
        JsonObject o = com.google.gson.JsonParser.parseString(settings.toJson()).getAsJsonObject();
        o.add("cpt", GSON.toJsonTree(this));
        return SealSettings.canonical(o);
    }

    /** The digest of {@link #snapshot}: what tells CPT rows made under other settings apart. */
    public String digest(SealSettings settings) {
        return SealSettings.digestOf(snapshot(settings));
    }
}
