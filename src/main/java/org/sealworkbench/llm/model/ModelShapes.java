package org.sealworkbench.llm.model;

import java.util.List;

/** Named architectures for random models (tests, benchmarks, make-random-model). */
public final class ModelShapes {
    private ModelShapes() {}

    public static final List<String> NAMES = List.of("tiny", "qwen2.5-0.5b", "smollm-135m");

    /**
     * A shape by name for a family ("llama" or "qwen2"). "tiny" is small enough for unit tests and
     * still has grouped-query attention (4 heads over 2 KV heads); the others mirror real checkpoints.
     */
    public static ModelConfig of(String family, String shape, int vocabSize) {
        if (!family.equals("llama") && !family.equals("qwen2") && !family.equals("mistral")) {
            throw new IllegalArgumentException("unknown family \"" + family + "\" (known: llama, qwen2, mistral)");
        }
        boolean qwen = family.equals("qwen2");
        return switch (shape) {
            case "tiny" -> new ModelConfig(family, vocabSize, 64, 160, 2, 4, 2, 16, 1e-6,
                    qwen ? 1_000_000.0 : 10_000.0, null, 512, qwen, qwen, false, null, List.of(), null);
            case "qwen2.5-0.5b" -> new ModelConfig(family, vocabSize, 896, 4864, 24, 14, 2, 64, 1e-6,
                    1_000_000.0, null, 32768, true, qwen, false, null, List.of(), null);
            case "smollm-135m" -> new ModelConfig(family, vocabSize, 576, 1536, 30, 9, 3, 64, 1e-5,
                    10_000.0, null, 2048, true, qwen, false, null, List.of(), null);
            default -> throw new IllegalArgumentException("unknown shape \"" + shape + "\" (known: " + String.join(", ", NAMES) + ")");
        };
    }

    /** The real vocabulary size of a named shape (tiny: none, the caller's tokenizer decides). */
    public static int defaultVocab(String shape) {
        return switch (shape) {
            case "qwen2.5-0.5b" -> 151936;
            case "smollm-135m" -> 49152;
            default -> -1;
        };
    }
}
