package org.sealworkbench.llm.generation;

import java.util.List;

/**
 * How to generate: greedy when temperature is 0, else sampling with top-k (0 = off) and top-p
 * (1 = off), seeded. Stops at an EOS id (null: the model's and tokenizer's), a stop string, after
 * maxNewTokens, or where prompt and new tokens fill the model's context (the generator's bound, not an option).
 * useCache false runs the full sequence every step (the reference path; slow).
 */
public record GenerationOptions(int maxNewTokens, double temperature, int topK, double topP, long seed,
                                List<String> stopStrings, List<Integer> eosTokenIds, boolean useCache) {

    public GenerationOptions {
        if (maxNewTokens < 0) throw new IllegalArgumentException("maxNewTokens must be >= 0, got " + maxNewTokens);
        if (temperature < 0 || Double.isNaN(temperature)) throw new IllegalArgumentException("temperature must be >= 0, got " + temperature);
        if (!(topP > 0 && topP <= 1)) throw new IllegalArgumentException("top-p must be in (0, 1], got " + topP);
        if (topK < 0) throw new IllegalArgumentException("top-k must be >= 0, got " + topK);
        stopStrings = stopStrings == null ? List.of() : List.copyOf(stopStrings);
        eosTokenIds = eosTokenIds == null ? null : List.copyOf(eosTokenIds);
    }

    public static GenerationOptions greedy(int maxNewTokens) {
        return new GenerationOptions(maxNewTokens, 0, 0, 1, 0, List.of(), null, true);
    }

    public static GenerationOptions sampling(int maxNewTokens, double temperature, double topP, long seed) {
        return new GenerationOptions(maxNewTokens, temperature, 0, topP, seed, List.of(), null, true);
    }

    public GenerationOptions withTopK(int k) {
        return new GenerationOptions(maxNewTokens, temperature, k, topP, seed, stopStrings, eosTokenIds, useCache);
    }

    public GenerationOptions withStopStrings(List<String> stops) {
        return new GenerationOptions(maxNewTokens, temperature, topK, topP, seed, stops, eosTokenIds, useCache);
    }

    public GenerationOptions withEos(List<Integer> eos) {
        return new GenerationOptions(maxNewTokens, temperature, topK, topP, seed, stopStrings, eos, useCache);
    }

    public GenerationOptions withCache(boolean cache) {
        return new GenerationOptions(maxNewTokens, temperature, topK, topP, seed, stopStrings, eosTokenIds, cache);
    }

    public GenerationOptions withSeed(long s) {
        return new GenerationOptions(maxNewTokens, temperature, topK, topP, s, stopStrings, eosTokenIds, useCache);
    }
}
