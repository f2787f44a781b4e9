package org.sealworkbench.cli;

import org.sealworkbench.seal.GenerationSettings;
import org.sealworkbench.seal.Presets;
import picocli.CommandLine.Option;

/** Overrides of the seal-tiny-cpu preset's self-edit sampling, shared by the world model's measuring commands. */
final class SamplingOptions {
    @Option(names = "--temperature", paramLabel = "T", description = "Self-edit sampling temperature, 0 = greedy (default: the seal-tiny-cpu preset's).")
    Double temperature;

    @Option(names = "--top-p", paramLabel = "P", description = "Self-edit nucleus sampling top-p (default: the preset's).")
    Double topP;

    @Option(names = "--self-edit-tokens", paramLabel = "N", description = "Most tokens of a self-edit (default: the preset's).")
    Integer selfEditTokens;

    int selfEditTokens() {
        return selfEditTokens != null ? selfEditTokens : Presets.sealTinyCpu().generation().maxTokens();
    }

    double temperature() {
        GenerationSettings g = Presets.sealTinyCpu().generation();
        return temperature != null ? temperature : g.temperature();
    }

    double topP() {
        GenerationSettings g = Presets.sealTinyCpu().generation();
        return topP != null ? topP : g.topP();
    }
}
